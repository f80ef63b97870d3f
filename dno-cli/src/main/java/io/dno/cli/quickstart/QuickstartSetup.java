package io.dno.cli.quickstart;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.Alignment;
import io.dno.core.data.Demonstration;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingListener;
import io.dno.cli.quickstart.judge.RubricAnnotator;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.teacher.NoisyTeacher;
import io.dno.cli.quickstart.world.PoolSizes;
import io.dno.cli.quickstart.world.PromptPools;
import java.nio.file.Path;
import java.util.List;

/**
 * One seed's quickstart world wired for the alignment loop: the pools, the teacher, the judge and the student's
 * size, with the knobs every method shares (sampling, optimiser). A runner makes the SFT initialiser once
 * ({@link #initialStudent}) and hands a copy of it to {@link #builder} once per method, so all methods start
 * from the same checkpoint with the same budget (the rules of honesty).
 *
 * @param pools      the disjoint prompt pools
 * @param teacher    the strong but imperfect teacher
 * @param annotator  the rubric judge (used for training annotation and for evaluation, as in the paper)
 * @param student    the student's size and SFT budget
 * @param preference shared settings of every preference method's training
 * @param seed       the seed everything above was drawn from
 */
public record QuickstartSetup(PromptPools pools, NoisyTeacher teacher, RubricAnnotator annotator, StudentSpec student,
                              PreferenceBudget preference, long seed) {

    /**
     * What every preference method gets, whatever it is.
     *
     * @param batchSize    pairs per optimiser step
     * @param learningRate constant learning rate after a short warm-up
     * @param temperature  sampling temperature of the K student answers (the paper: 0.7)
     * @param topP         nucleus mass (the paper: 0.95)
     */
    public record PreferenceBudget(int batchSize, double learningRate, double temperature, double topP) {
        public static final PreferenceBudget DEFAULT = new PreferenceBudget(32, 3e-4, 0.7, 0.95);

        public PreferenceBudget {
            checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
            checkArgument(learningRate > 0, "learningRate must be > 0, got %s", learningRate);
        }
    }

    /**
     * The world of {@code seed}.
     *
     * @param teacherAccuracy the teacher's probability of a correct answer
     * @param judgeNoise      the judge's probability of a one-point error
     * @param lengthBias      the judge's probability of a one-point bonus for a longer answer
     */
    public static QuickstartSetup create(long seed, PoolSizes sizes, double teacherAccuracy, double judgeNoise,
                                         double lengthBias, StudentSpec student) {
        return new QuickstartSetup(PromptPools.generate(seed, sizes), NoisyTeacher.withAccuracy(teacherAccuracy, seed),
                new RubricAnnotator(judgeNoise, lengthBias, seed), student, PreferenceBudget.DEFAULT, seed);
    }

    /** The same world with preference training at {@code learningRate} (shared by every method). */
    public QuickstartSetup withLearningRate(double learningRate) {
        return new QuickstartSetup(pools, teacher, annotator, student, new PreferenceBudget(preference.batchSize(),
                learningRate, preference.temperature(), preference.topP()), seed);
    }

    /** The teacher's answers to the SFT pool: the initialiser's training data. */
    public List<Demonstration> sftDemonstrations() {
        return Student.demonstrations(teacher, pools.sft());
    }

    /**
     * A student trained from scratch by SFT on {@link #sftDemonstrations()} (the "Orca-2.5 SFT epoch 1" role);
     * its tokenizer is written under {@code dir}. The caller closes it.
     */
    public TransformerPolicy initialStudent(Path dir) {
        return initialStudent(dir, m -> { });
    }

    /** As {@link #initialStudent(Path)}, telling {@code listener} of every SFT step (a progress bar). */
    public TransformerPolicy initialStudent(Path dir, TrainingListener listener) {
        TransformerPolicy policy = Student.random(student, Student.writeTokenizer(dir.resolve("tokenizer")), seed);
        try {
            Student.sft(policy, sftDemonstrations(), student, seed, listener);
            return policy;
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
    }

    /** The optimiser steps of {@link #initialStudent}'s SFT. */
    public long initialStudentSteps() {
        return Student.sftSteps(student, pools.sft().size());
    }

    /**
     * A builder with this world's training prompts (all DNO partitions; the loop splits them one per iteration),
     * validation and evaluation prompts, teacher, judge, K-sample settings and optimiser; the caller adds the
     * strategy and, for SFT or offline DPO, the data.
     */
    public Alignment.Builder builder(TransformerPolicy policy, Path runDirectory) {
        SamplingParams sampling = new SamplingParams(5, preference.temperature(), preference.topP(), 0,
                student.maxNewTokens(), seed);
        TrainerSettings trainer = TrainerSettings.defaults(preference.learningRate(), policy.tokenizer().padId())
                .withBatchSize(preference.batchSize())
                .withSchedule(LearningRateSchedule.constant(preference.learningRate(), 5))
                .withSeed(seed);
        return Alignment.builder()
                .policy(policy)
                .prompts(pools.allPartitions())
                .validationPrompts(pools.validation())
                .evaluationPrompts(pools.evaluation())
                .teacher(teacher)
                .annotator(annotator)
                .sampling(sampling)
                .evaluationSampling(SamplingParams.greedy(student.maxNewTokens()))
                .trainer(trainer)
                .seed(seed)
                .runDirectory(runDirectory);
    }
}
