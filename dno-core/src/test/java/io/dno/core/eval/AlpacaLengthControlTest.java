package io.dno.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AlpacaEval 2's length-controlled GLM: a closed-form optimum, and length gaming removed. */
class AlpacaLengthControlTest {

    @Test
    void withoutLengthVariationTheL1OptimumIsClosedForm() {
        // only the baseline column (x = 1) varies: minimise |θ| + C·N·CE(ȳ, σ(θ)); for θ > 0 the optimum satisfies
        // σ(θ) = ȳ − 1/(C·N). With ȳ = 0.75, N = 8 and C = 1: σ(θ) = 0.75 − 0.125 = 0.625.
        double[][] x = new double[8][];
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) {
            x[i] = new double[] {0, 0, 1};
            y[i] = i < 6 ? 1 : 0;
        }
        double[] w = L1LogisticRegression.fit(x, y, 1.0);
        assertEquals(0.625, L1LogisticRegression.sigmoid(w[2]), 1e-8);
        assertEquals(0, w[0], 0);
        // a penalty stronger than the data's pull keeps θ at 0: C·N·|ȳ − 0.5| = 0.1·8·0.25 = 0.2 < 1
        assertEquals(0, L1LogisticRegression.fit(x, y, 0.1)[2], 0);
    }

    @Test
    void aModelThatWinsOnlyByLengthLosesItsEdge() {
        List<AlpacaAnnotation> annotations = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean longer = i % 3 != 0;                       // two thirds of its answers are longer
            String base = "b".repeat(100);
            String model = "m".repeat(longer ? 200 + i : 60 + i);
            boolean wins = longer ? i % 10 != 1 : i % 6 == 0 && i % 12 == 0;
            annotations.add(new AlpacaAnnotation("q" + i, base, model, wins ? 2.0 : 1.0, null));
        }
        AlpacaLengthControl.Result r = AlpacaLengthControl.estimate(annotations);
        assertTrue(r.winRate() > 0.6, "raw: " + r.winRate());
        assertTrue(r.lengthControlledWinRate() < r.winRate() - 0.1, "length control lowers it: " + r);
        assertTrue(r.coefficients().get("np.tanh(std_delta_len)") < 0, "a longer model answer (negative Δ) wins: " + r);
        assertEquals(60, r.judged());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("instruction_difficulty")));
        assertTrue(r.dnoLengthControlledWinRate() < r.winRate(), "dno's estimate agrees in direction: " + r);
    }

    @Test
    void drawsCountHalfAndDifficultyMustBeAllOrNone() {
        AlpacaAnnotation draw = new AlpacaAnnotation("q", "a", "b", 0.0, null);
        assertEquals(0.5, draw.modelWin().getAsDouble());
        assertTrue(new AlpacaAnnotation("q", "a", "b", null, null).modelWin().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new AlpacaAnnotation("q", "a", "b", 3.0, null));
        assertThrows(IllegalArgumentException.class, () -> AlpacaLengthControl.estimate(List.of(
                new AlpacaAnnotation("q", "a", "b", 2.0, 0.3), new AlpacaAnnotation("r", "a", "b", 1.0, null))));
    }
}
