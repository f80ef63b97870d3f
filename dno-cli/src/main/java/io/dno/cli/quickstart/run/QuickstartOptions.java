package io.dno.cli.quickstart.run;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.cli.quickstart.student.StudentSpec;
import io.dno.cli.quickstart.world.PoolSizes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The experiment's settings. Only knobs shared by every method are here (world size, student size and budget,
 * judge and teacher quality); no method has a setting of its own beyond the paper's defaults.
 *
 * @param firstSeed       seeds are firstSeed, firstSeed + 1, ...
 * @param seedCount       how many seeds (mean and spread are over them)
 * @param teacherAccuracy the teacher's probability of a correct answer
 * @param judgeNoise      the judge's probability of a one-point error per candidate
 * @param lengthBias      the judge's probability of a one-point bonus for a longer well-formed answer
 * @param fast            the small configuration (CI smoke test): smaller pools and a shorter SFT initialisation
 * @param pools           the world's pool sizes
 * @param student         the student's size and SFT budget
 * @param learningRate    the preference-training learning rate, shared by every method
 */
public record QuickstartOptions(long firstSeed, int seedCount, double teacherAccuracy, double judgeNoise,
                                double lengthBias, boolean fast, PoolSizes pools, StudentSpec student,
                                double learningRate) {

    /** The fast configuration's pools: 3 partitions of 40, 20 validation and 60 evaluation prompts. */
    static final PoolSizes FAST_POOLS = new PoolSizes(800, 3, 40, 20, 60);

    /** The default or the fast configuration. */
    public static QuickstartOptions of(long firstSeed, int seedCount, double teacherAccuracy, double judgeNoise,
                                       double lengthBias, boolean fast, double learningRate) {
        return new QuickstartOptions(firstSeed, seedCount, teacherAccuracy, judgeNoise, lengthBias, fast,
                fast ? FAST_POOLS : PoolSizes.DEFAULT, fast ? StudentSpec.DEFAULT.withSftEpochs(12) : StudentSpec.DEFAULT,
                learningRate);
    }

    public QuickstartOptions {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "--learning-rate must be > 0, got %s",
                learningRate);
        checkArgument(seedCount >= 1, "--seeds must be >= 1, got %s", seedCount);
        checkArgument(teacherAccuracy >= 0 && teacherAccuracy <= 1, "--teacher-accuracy must be in [0, 1], got %s",
                teacherAccuracy);
        checkArgument(judgeNoise >= 0 && judgeNoise <= 1, "--judge-noise must be in [0, 1], got %s", judgeNoise);
        checkArgument(lengthBias >= 0 && lengthBias <= 1, "--length-bias must be in [0, 1], got %s", lengthBias);
    }

    public List<Long> seeds() {
        return LongStream.range(firstSeed, firstSeed + seedCount).boxed().toList();
    }

    /** The settings as written into results.json. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fast", fast);
        m.put("teacher_accuracy_p", teacherAccuracy);
        m.put("judge_noise", judgeNoise);
        m.put("length_bias", lengthBias);
        m.put("learning_rate", learningRate);
        m.put("pools", pools().toString());
        m.put("student", student().toString());
        return m;
    }
}
