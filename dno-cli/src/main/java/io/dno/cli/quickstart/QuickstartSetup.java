package io.dno.cli.quickstart;

import io.dno.core.Alignment;
import io.dno.core.Strategy;
import io.dno.core.data.Demonstration;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairReplay;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.LearningRates;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingListener;
import io.dno.cli.quickstart.judge.RubricAnnotator;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.teacher.BlindSpotTeacher;
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
 * @param pools      the disjoint prompt pools, blind-class prompts at the teacher's blind share
 * @param teacher    the strong but imperfect teacher, with its blind spot
 * @param annotator  the rubric judge (used for training annotation and for evaluation, as in the paper)
 * @param student    the student's size and SFT budget
 * @param preference shared settings of every preference method's training
 * @param seed       the seed everything above was drawn from
 */
public record QuickstartSetup(PromptPools pools, BlindSpotTeacher teacher, RubricAnnotator annotator, StudentSpec student,
                              PreferenceBudget preference, long seed) {

    /** Linear warm-up of the preference learning rate, once per run (not per iteration). */
    public static final int WARMUP_STEPS = 10;

    /**
     * The world of {@code seed}.
     *
     * @param teacherAccuracy the teacher's expected accuracy (its blind spot and slips follow from it)
     * @param judgeNoise      the judge's probability of a one-point error on points 1-5
     * @param lengthBias      the judge's probability of giving point 6 to the longest correct answer
     */
    public static QuickstartSetup create(long seed, PoolSizes sizes, double teacherAccuracy, double judgeNoise,
                                         double lengthBias, StudentSpec student, PreferenceBudget preference) {
        BlindSpotTeacher teacher = BlindSpotTeacher.withAccuracy(teacherAccuracy, seed);
        return new QuickstartSetup(PromptPools.generate(seed, sizes, teacher.profile().blindShare()), teacher,
                new RubricAnnotator(judgeNoise, lengthBias, seed), student, preference, seed);
    }

    /** Iterations of the iterative methods: one per partition. */
    public int iterations() {
        return pools.partitions().size();
    }

    /** The teacher's answers to the SFT pool: the initialiser's training data. */
    public List<Demonstration> sftDemonstrations() {
        return Student.demonstrations(teacher, pools.sft());
    }

    /**
     * The same SFT pool answered by a teacher that is never wrong (its blind spot and slips removed): what gate G1
     * trains on to show the student can learn every family.
     */
    public List<Demonstration> cleanDemonstrations() {
        return Student.demonstrations(new BlindSpotTeacher(teacher.profile().clean(), seed), pools.sft());
    }

    /**
     * A student trained from scratch by SFT on {@code demonstrations} (the "Orca-2.5 SFT epoch 1" role); its
     * tokenizer is written under {@code dir}. The caller closes it.
     */
    public TransformerPolicy trainedStudent(Path dir, List<Demonstration> demonstrations, TrainingListener listener) {
        TransformerPolicy policy = Student.random(student, Student.writeTokenizer(dir.resolve("tokenizer")), seed);
        try {
            Student.sft(policy, demonstrations, student, seed, listener);
            return policy;
        } catch (RuntimeException e) {
            policy.close();
            throw e;
        }
    }

    /** The SFT initialiser: {@link #trainedStudent} on the teacher's answers. */
    public TransformerPolicy initialStudent(Path dir) {
        return initialStudent(dir, m -> { });
    }

    /** As {@link #initialStudent(Path)}, telling {@code listener} of every SFT step (a progress bar). */
    public TransformerPolicy initialStudent(Path dir, TrainingListener listener) {
        return trainedStudent(dir, sftDemonstrations(), listener);
    }

    /** The optimiser steps of {@link #initialStudent}'s SFT (and of the clean-label student's). */
    public long initialStudentSteps() {
        return Student.sftSteps(student, pools.sft().size());
    }

    /** The paper's "SFT on positives": every teacher answer to the training prompts, unfiltered, 4 epochs. */
    public Strategy sftOnPositives() {
        return Strategy.sftOnPositives().withPositiveMinScore(0);
    }

    /** Rejection-sampling fine-tuning on the teacher: only its answers the judge scores >= 5, 4 epochs (an extra). */
    public Strategy rftTeacher() {
        return Strategy.sftOnPositives();
    }

    /** Offline DPO on fixed pairs, the paper's 4 epochs. */
    public Strategy offlineDpo() {
        return Strategy.dpo();
    }

    /** SPIN with the shared iterations, K and epochs per iteration, replaying earlier pairs as DNO does. */
    public Strategy spin() {
        return Strategy.spin().withIterations(iterations()).withSamplesPerPrompt(preference.samples())
                .withEpochsPerIteration(preference.epochsPerIteration());
    }

    /** DNO-Restrictive (teacher-over-student pairs only) with the shared knobs. */
    public Strategy dnoRestrictive() {
        return dno(Strategy.dnoRestrictive());
    }

    /** DNO with the shared knobs; its Lookahead retraining follows in the same run. */
    public Strategy dnoWithLookahead() {
        return dno(Strategy.dnoLookahead());
    }

    private Strategy.Dno dno(Strategy.Dno base) {
        return base.withIterations(iterations()).withSamplesPerPrompt(preference.samples())
                .withEpochsPerIteration(preference.epochsPerIteration()).withReplay(PairReplay.PAPER);
    }

    /**
     * A builder with this world's training prompts (all DNO partitions; the loop splits them one per iteration),
     * validation and evaluation prompts, teacher, judge, K-sample settings and optimiser; the caller adds the
     * strategy and, for offline DPO, the pairs.
     */
    public Alignment.Builder builder(TransformerPolicy policy, Path runDirectory) {
        SamplingParams sampling = SamplingParams.builder().samplesPerPrompt(preference.samples())
                .temperature(preference.temperature()).topP(preference.topP()).topK(0)
                .maxNewTokens(student.maxNewTokens()).seed(seed).build();
        TrainerSettings trainer = TrainerSettings.defaults(preference.learningRate(), policy.tokenizer().padId())
                .withBatchSize(preference.batchSize())
                .withGroupByLength(false)          // length groups would hold one task family each
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
                .learningRates(LearningRates.constant(preference.learningRate()).withWarmupSteps(WARMUP_STEPS))
                .seed(seed)
                .runDirectory(runDirectory);
    }
}
