package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Origin;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The distinct candidates of a prompt in a canonical order (score descending, then text), after merging
 * identical texts. Every rule starts here, which is what makes the rules independent of input order.
 */
final class CandidatePool {
    /** Scores closer than this are equal: guards the margin tests against floating-point noise. */
    static final double TOLERANCE = 1e-9;

    static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparing(Candidate::text);

    private CandidatePool() {}

    /** Merges identical texts and sorts best first; flags student samples with {@code detector}. */
    static List<Candidate> distinct(Prompt prompt, List<Scored> candidates, DefectDetector detector) {
        checkArgument(prompt != null, "prompt must not be null");
        checkArgument(candidates != null, "candidates of prompt '%s' must not be null", prompt.id());
        Map<String, List<Scored>> byText = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Scored c = candidates.get(i);
            checkArgument(c != null, "candidates[%s] of prompt '%s' is null", i, prompt.id());
            checkArgument(c.response().promptId().equals(prompt.id()),
                    "candidates[%s] answers prompt '%s', not '%s'", i, c.response().promptId(), prompt.id());
            byText.computeIfAbsent(c.text(), t -> new ArrayList<>()).add(c);
        }
        List<Candidate> pool = new ArrayList<>(byText.size());
        for (List<Scored> copies : byText.values()) {
            Response response = representative(copies);
            double mean = copies.stream().mapToDouble(Scored::score).sum() / copies.size();
            boolean defective = response.isStudent() && detector.isDefective(response.text());
            pool.add(new Candidate(response, mean, defective, copies.size()));
        }
        pool.sort(BEST_FIRST);
        return pool;
    }

    /**
     * The win rate r_t of every candidate of {@code pool} (index-aligned), estimated by {@code winRates} from
     * {@code score} (a rule's effective score: a defective sample's is the bottom of the scale) and the copy counts.
     */
    static double[] winRates(List<Candidate> pool, WinRates winRates, ToDoubleFunction<Candidate> score) {
        double[] scores = new double[pool.size()];
        int[] copies = new int[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
            scores[i] = score.applyAsDouble(pool.get(i));
            copies[i] = pool.get(i).copies();
        }
        return winRates.estimate(scores, copies);
    }

    /** {@code a - b >= margin}, up to {@link #TOLERANCE}. */
    static boolean gapAtLeast(double a, double b, double margin) {
        return a - b >= margin - TOLERANCE;
    }

    /** The copy that speaks for identical texts: the teacher's if any, else a data set's, else a student's. */
    private static Response representative(List<Scored> copies) {
        Response best = copies.get(0).response();
        for (Scored s : copies) {
            if (rank(s.origin()) < rank(best.origin())) {
                best = s.response();
            }
        }
        return best;
    }

    private static int rank(Origin origin) {
        return switch (origin) {
            case TEACHER -> 0;
            case DATASET -> 1;
            case STUDENT -> 2;
        };
    }
}
