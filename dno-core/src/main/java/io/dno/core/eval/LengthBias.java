package io.dno.core.eval;

import io.dno.core.data.Scored;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A judge's length bias as one number: Pearson's correlation of score with answer length in characters over
 * the candidates it scored. The DNO paper reads its length spike (162 → 671 words after the first iteration,
 * Rosset et al. 2024 Table 2) as partly a reward for length; a judge whose scores track length pushes the
 * policy that way.
 */
public final class LengthBias {
    private LengthBias() {}

    /** The correlation, or empty with fewer than two candidates or when lengths or scores do not vary. */
    public static OptionalDouble correlation(List<Scored> scored) {
        int n = scored.size();
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double mx = scored.stream().mapToInt(s -> s.text().length()).average().orElse(0);
        double my = scored.stream().mapToDouble(Scored::score).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (Scored s : scored) {
            double dx = s.text().length() - mx;
            double dy = s.score() - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? OptionalDouble.of(sxy / Math.sqrt(sxx * syy)) : OptionalDouble.empty();
    }
}
