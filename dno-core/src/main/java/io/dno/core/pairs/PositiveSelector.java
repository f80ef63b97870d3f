package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import java.util.List;

/**
 * Keeps the good answers as demonstrations, for the "SFT on positives" baseline (Rosset et al. 2024
 * §5.2): every distinct, non-defective candidate scoring at least {@code minScore}, best first.
 */
public final class PositiveSelector {
    private final double minScore;
    private final DefectDetector detector;

    PositiveSelector(double minScore, DefectDetector detector) {
        checkArgument(Double.isFinite(minScore), "minScore must be finite, got %s", minScore);
        checkArgument(detector != null, "detector must not be null; use DefectDetector.none()");
        this.minScore = minScore;
        this.detector = detector;
    }

    /** The positives of one prompt as demonstrations. */
    public List<Demonstration> select(Prompt prompt, List<Scored> candidates) {
        return CandidatePool.distinct(prompt, candidates, detector).stream()
                .filter(c -> !c.defective() && c.score() >= minScore - CandidatePool.TOLERANCE)
                .map(c -> Demonstration.of(prompt, c.text()))
                .toList();
    }

    /** Same as {@code select(scored.prompt(), scored.candidates())}. */
    public List<Demonstration> select(ScoredPrompt scored) {
        return select(scored.prompt(), scored.candidates());
    }

    public double minScore() {
        return minScore;
    }

    @Override
    public String toString() {
        return "positives(score>=" + minScore + ", defects=" + detector + ")";
    }
}
