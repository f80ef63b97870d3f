package io.dno.annotators.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JudgeBiasTest {

    @Test
    void correlationFromCountersMatchesPearsonOverAStage() {
        Counters c = new Counters();
        JudgeBias.recordLength(c, 1000, 0); // an earlier stage
        Map<String, Double> before = c.snapshot();
        int[] x = {10, 20, 30, 40, 55};
        double[] y = {1, 2, 2, 5, 6};
        for (int i = 0; i < x.length; i++) {
            JudgeBias.recordLength(c, x[i], y[i]);
        }
        Map<String, Double> stage = new java.util.HashMap<>(c.snapshot());
        before.forEach((k, v) -> stage.merge(k, -v, Double::sum));
        double mx = 31;
        double my = 3.2;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        assertEquals(sxy / Math.sqrt(sxx * syy), JudgeBias.lengthScoreCorrelation(stage).getAsDouble(), 1e-9);
    }

    @Test
    void undefinedFiguresAreEmpty() {
        assertEquals(OptionalDouble.empty(), JudgeBias.lengthScoreCorrelation(Map.of()));
        Counters c = new Counters();
        JudgeBias.recordLength(c, 5, 3);
        JudgeBias.recordLength(c, 9, 3);
        assertTrue(JudgeBias.lengthScoreCorrelation(c.snapshot()).isEmpty(), "constant scores");
        assertEquals(OptionalDouble.empty(), JudgeBias.positionSwapAgreement(Map.of()));
        assertEquals(0.75, JudgeBias.positionSwapAgreement(Map.of(JudgeBias.SWAP_PAIRS, 4.0, JudgeBias.SWAP_AGREEMENTS, 3.0))
                .getAsDouble());
    }
}
