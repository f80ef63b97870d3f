package io.dno.cli.quickstart.run;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.cli.quickstart.PreferenceBudget;
import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.teacher.TeacherProfile;
import io.dno.cli.quickstart.world.PoolSizes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The experiment's settings. Only knobs shared by every method are here (world size, student size and budget,
 * preference budget, judge and teacher quality); no method has a setting of its own beyond the paper's defaults.
 *
 * @param firstSeed       seeds are firstSeed, firstSeed + 1, ...
 * @param seedCount       how many seeds (mean and spread are over them)
 * @param teacherAccuracy the teacher's expected accuracy (its blind spot follows, {@link TeacherProfile})
 * @param judgeNoise      the judge's probability of a one-point error on points 1-5
 * @param lengthBias      the judge's probability of giving point 6 to the longest correct answer
 * @param fast            the small configuration (CI smoke test): smaller pools and a shorter SFT initialisation
 * @param pools           the world's pool sizes; the partitions are the iterations
 * @param student         the student's size and SFT budget
 * @param preference      the preference-training budget every method shares
 * @param workers         tasks run at once (threads, one PyTorch intra-op thread each); no effect on the results
 */
public record QuickstartOptions(long firstSeed, int seedCount, double teacherAccuracy, double judgeNoise,
                                double lengthBias, boolean fast, PoolSizes pools, StudentSpec student,
                                PreferenceBudget preference, int workers) {

    /** The fast configuration's pools: 6,000 SFT prompts, 3 partitions of 100, 50 validation and 100 evaluation. */
    static final PoolSizes FAST_POOLS = new PoolSizes(6000, 3, 100, 50, 100);

    /** The default or the fast configuration, before any knob is changed. */
    public static QuickstartOptions of(long firstSeed, int seedCount, double teacherAccuracy, double judgeNoise,
                                       double lengthBias, boolean fast, int workers) {
        return new QuickstartOptions(firstSeed, seedCount, teacherAccuracy, judgeNoise, lengthBias, fast,
                fast ? FAST_POOLS : PoolSizes.DEFAULT, StudentSpec.DEFAULT, PreferenceBudget.DEFAULT, workers);
    }

    public QuickstartOptions {
        checkArgument(seedCount >= 1, "--seeds must be >= 1, got %s", seedCount);
        checkArgument(teacherAccuracy >= TeacherProfile.MIN_ACCURACY && teacherAccuracy <= 1,
                "--teacher-accuracy must be in [%s, 1], got %s: the experiment needs a strong teacher",
                TeacherProfile.MIN_ACCURACY, teacherAccuracy);
        checkArgument(judgeNoise >= 0 && judgeNoise <= 1, "--judge-noise must be in [0, 1], got %s", judgeNoise);
        checkArgument(lengthBias >= 0 && lengthBias <= 1, "--length-bias must be in [0, 1], got %s", lengthBias);
        checkArgument(workers >= 1, "--workers must be >= 1, got %s", workers);
        checkArgument(pools != null && student != null && preference != null, "pools, student and preference are "
                + "required");
    }

    public QuickstartOptions withPools(PoolSizes p) {
        return new QuickstartOptions(firstSeed, seedCount, teacherAccuracy, judgeNoise, lengthBias, fast, p, student,
                preference, workers);
    }

    public QuickstartOptions withStudent(StudentSpec s) {
        return new QuickstartOptions(firstSeed, seedCount, teacherAccuracy, judgeNoise, lengthBias, fast, pools, s,
                preference, workers);
    }

    public QuickstartOptions withPreference(PreferenceBudget p) {
        return new QuickstartOptions(firstSeed, seedCount, teacherAccuracy, judgeNoise, lengthBias, fast, pools,
                student, p, workers);
    }

    public List<Long> seeds() {
        return LongStream.range(firstSeed, firstSeed + seedCount).boxed().toList();
    }

    /** The settings as written into results.json (workers left out: they change the wall time, not the numbers). */
    public Map<String, Object> settings() {
        TeacherProfile teacher = TeacherProfile.forAccuracy(teacherAccuracy);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fast", fast);
        m.put("teacher_accuracy_p", teacherAccuracy);
        m.put("teacher_blind_share", teacher.blindShare());
        m.put("teacher_blind_mistake_rate", teacher.blindMistakeRate());
        m.put("teacher_slip_rate", teacher.slipRate());
        m.put("judge_noise", judgeNoise);
        m.put("length_bias", lengthBias);
        m.put("learning_rate", preference.learningRate());
        m.put("batch_size", preference.batchSize());
        m.put("epochs_per_iteration", preference.epochsPerIteration());
        m.put("iterations", pools.partitions());
        m.put("samples", preference.samples());
        m.put("pools", pools);
        m.put("student", student);
        return m;
    }
}
