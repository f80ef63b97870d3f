package io.dno.cli.quickstart.teacher;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How the teacher errs: on a share {@code blindShare} of the prompts (its blind class, {@link
 * io.dno.cli.quickstart.world.TaskFamily}) it makes its characteristic mistake with probability {@code
 * blindMistakeRate}; elsewhere it slips at random with probability {@code slipRate}. Its expected accuracy is
 * exactly {@code accuracy = 1 - blindShare * blindMistakeRate - (1 - blindShare) * slipRate}.
 *
 * <p>{@link #forAccuracy} splits a teacher's error {@code e = 1 - p} the way a strong model's error splits: most
 * of it ({@link #SYSTEMATIC_SHARE}) systematic, on a class of inputs where it is usually wrong ({@link
 * #BLIND_MISTAKE_RATE}, above one half, so a student that imitates it learns the mistake as its most likely
 * answer, yet rarely enough that it samples the right one now and then), the rest random slips that imitation
 * averages out. With both at 0.7 the blind class holds exactly the error's share of the prompts: 10 % at p = 0.9,
 * 25 % at 0.75, 40 % at 0.6.
 *
 * @param accuracy         the expected share of correct answers, in [0.5, 1]
 * @param blindShare       share of prompts drawn from the blind class, in [0, 1]
 * @param blindMistakeRate probability of the characteristic mistake on a blind-class prompt, in [0, 1]
 * @param slipRate         probability of a random slip on any other prompt, in [0, 1]
 */
public record TeacherProfile(double accuracy, double blindShare, double blindMistakeRate, double slipRate) {

    /** The share of the teacher's error that is its characteristic mistake on the blind class. */
    public static final double SYSTEMATIC_SHARE = 0.7;
    /** How often the teacher makes its characteristic mistake on the blind class. */
    public static final double BLIND_MISTAKE_RATE = 0.7;
    /** The lowest accuracy a profile can be made for: a teacher right less often is not a strong teacher. */
    public static final double MIN_ACCURACY = 0.5;

    public TeacherProfile {
        checkArgument(accuracy >= MIN_ACCURACY && accuracy <= 1, "teacher accuracy must be in [%s, 1], got %s",
                MIN_ACCURACY, accuracy);
        checkArgument(blindShare >= 0 && blindShare <= 1, "blindShare must be in [0, 1], got %s", blindShare);
        checkArgument(blindMistakeRate >= 0 && blindMistakeRate <= 1, "blindMistakeRate must be in [0, 1], got %s",
                blindMistakeRate);
        checkArgument(slipRate >= 0 && slipRate <= 1, "slipRate must be in [0, 1], got %s", slipRate);
        double implied = 1 - blindShare * blindMistakeRate - (1 - blindShare) * slipRate;
        checkArgument(Math.abs(implied - accuracy) < 1e-9, "the rates give accuracy %s, not %s", implied, accuracy);
    }

    /** The profile of a teacher right with probability {@code p} (see the class comment for the split). */
    public static TeacherProfile forAccuracy(double p) {
        checkArgument(p >= MIN_ACCURACY && p <= 1, "--teacher-accuracy must be in [%s, 1], got %s: the experiment "
                + "needs a strong teacher, right at least half the time", MIN_ACCURACY, p);
        double error = 1 - p;
        if (error == 0) {
            return new TeacherProfile(1, 0, 0, 0);
        }
        double blindShare = SYSTEMATIC_SHARE * error / BLIND_MISTAKE_RATE;
        double slipRate = (1 - SYSTEMATIC_SHARE) * error / (1 - blindShare);
        return new TeacherProfile(p, blindShare, BLIND_MISTAKE_RATE, slipRate);
    }

    /**
     * The same world's blind share with a teacher that is never wrong: the clean labels on which gate G1 measures
     * what the student can learn.
     */
    public TeacherProfile clean() {
        return new TeacherProfile(1, blindShare, 0, 0);
    }

    /** The teacher's expected accuracy on its blind class. */
    public double blindAccuracy() {
        return 1 - blindMistakeRate;
    }

    /** The teacher's expected accuracy outside its blind class. */
    public double otherAccuracy() {
        return 1 - slipRate;
    }
}
