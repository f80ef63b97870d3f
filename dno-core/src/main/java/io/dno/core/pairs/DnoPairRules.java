package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The thresholds of DNO's large-margin pair rule (Rosset et al. 2024 §5.1), on a score scale.
 *
 * <p>Paper defaults ({@link #PAPER}): the additive 6-point rubric (0 to 6), a positive must score at least
 * 5, a teacher positive needs a gap of at least 2 points, a student positive at least 1 point ("teacher
 * outputs rarely score below 5").
 *
 * @param scaleMin              lowest possible score; defective samples are scored as this
 * @param scaleMax              highest possible score
 * @param minPositiveScore      eligibility: a candidate can be the positive only if it scores at least this
 * @param margin                gap a non-student (teacher) positive needs over the negative; {@code > 0}
 * @param studentPositiveMargin gap a student positive needs over the negative; {@code > 0}
 */
public record DnoPairRules(double scaleMin, double scaleMax, double minPositiveScore, double margin,
                           double studentPositiveMargin) {

    /** The paper's thresholds: scale 0-6, positive >= 5, margin 2, margin 1 for student positives. */
    public static final DnoPairRules PAPER = new DnoPairRules(0, 6, 5, 2, 1);

    public DnoPairRules {
        checkArgument(Double.isFinite(scaleMin) && Double.isFinite(scaleMax) && scaleMin < scaleMax,
                "the score scale must be finite with scaleMin < scaleMax, got [%s, %s]", scaleMin, scaleMax);
        checkArgument(minPositiveScore >= scaleMin && minPositiveScore <= scaleMax,
                "minPositiveScore %s must lie on the scale [%s, %s]", minPositiveScore, scaleMin, scaleMax);
        checkArgument(Double.isFinite(margin) && margin > 0,
                "margin must be > 0 (a zero margin would pair ties), got %s", margin);
        checkArgument(Double.isFinite(studentPositiveMargin) && studentPositiveMargin > 0,
                "studentPositiveMargin must be > 0 (a zero margin would pair ties), got %s", studentPositiveMargin);
    }

    public DnoPairRules withScale(double min, double max) {
        return new DnoPairRules(min, max, minPositiveScore, margin, studentPositiveMargin);
    }

    public DnoPairRules withMinPositiveScore(double score) {
        return new DnoPairRules(scaleMin, scaleMax, score, margin, studentPositiveMargin);
    }

    public DnoPairRules withMargin(double gap) {
        return new DnoPairRules(scaleMin, scaleMax, minPositiveScore, gap, studentPositiveMargin);
    }

    public DnoPairRules withStudentPositiveMargin(double gap) {
        return new DnoPairRules(scaleMin, scaleMax, minPositiveScore, margin, gap);
    }

    /** The same rule on a scale moved by {@code offset}: scores moved by the same offset give the same pairs. */
    public DnoPairRules shifted(double offset) {
        return new DnoPairRules(scaleMin + offset, scaleMax + offset, minPositiveScore + offset, margin,
                studentPositiveMargin);
    }

    /** The gap a positive needs: {@link #studentPositiveMargin} for a student sample, else {@link #margin}. */
    double marginFor(Candidate positive) {
        return positive.isStudent() ? studentPositiveMargin : margin;
    }
}
