package io.dno.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dno.core.model.ContinuationLogLikelihoods;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lm-evaluation-harness's multiple-choice metrics on a hand-computed example, and the local model's scoring. */
class MultipleChoiceTest {

    @Test
    void accAndAccNormOnAHandComputedExample() {
        // log-likelihoods -4, -6, -5.5 for choices of 1, 4 and 3 characters:
        //   acc picks argmax(-4, -6, -5.5) = 0; acc_norm picks argmax(-4/1, -6/4, -5.5/3) = argmax(-4, -1.5, -1.833) = 1
        MultipleChoiceItem q1 = new MultipleChoiceItem("Q1", List.of("a", "bbbb", "ccc"), 1);
        // ties go to the first choice: -2 and -2 (acc 0), -2/2 = -1 and -2/2 = -1 (acc_norm 0)
        MultipleChoiceItem q2 = new MultipleChoiceItem("Q2", List.of("xy", "zw"), 0);
        double[][] ll = {{-4, -6, -5.5}, {-2, -2}};
        List<ContinuationRequest> seen = new ArrayList<>();
        MultipleChoice.Result r = MultipleChoice.evaluate(List.of(q1, q2), requests -> {
            seen.addAll(requests);
            return new double[] {ll[0][0], ll[0][1], ll[0][2], ll[1][0], ll[1][1]};
        }, MultipleChoice.DEFAULT_DELIMITER);
        assertEquals(0, r.scores().get(0).predicted());
        assertEquals(1, r.scores().get(0).predictedNorm());
        assertEquals(0, r.scores().get(1).predicted());
        assertEquals(0, r.scores().get(1).predictedNorm());
        assertEquals(0.5, r.acc(), 1e-12, "q1 wrong, q2 right");
        assertEquals(1.0, r.accNorm(), 1e-12, "both right after length normalisation");
        assertEquals(new ContinuationRequest("Q1", " bbbb"), seen.get(1), "choices follow the target delimiter");
    }

    @Test
    void theLocalModelScoresTheHarnessSplitOfContextAndContinuation(@TempDir Path tmp) throws Exception {
        Path dir = CharTokenizer.write(tmp.resolve("tok"), CharTokenizer.alphabetOf("abcdefgh :?"));
        try (HfTokenizer tokenizer = HfTokenizer.load(dir);
             Transformer model = Transformer.random(TransformerConfig.tiny(tokenizer.vocabSize()), 4)) {
            ModelLoglikelihood ll = new ModelLoglikelihood(model, tokenizer);
            int[][] split = ll.encodePair("abc: ", "de");
            int bos = tokenizer.bosId().getAsInt();
            int[] abc = tokenizer.encode("abc:");
            int[] rest = tokenizer.encode(" de");
            assertArrayEquals(new int[] {bos, abc[0], abc[1], abc[2], abc[3]}, split[0], "BOS + the context, "
                    + "its trailing space moved");
            assertArrayEquals(rest, split[1]);
            double[] direct = ContinuationLogLikelihoods.sums(model, List.of(split[0]), List.of(split[1]),
                    tokenizer.padId());
            double[] viaEval = ll.logLikelihoods(List.of(new ContinuationRequest("abc: ", "de")));
            assertEquals(direct[0], viaEval[0], 1e-9);
            MultipleChoice.Result r = MultipleChoice.evaluate(List.of(new MultipleChoiceItem("abc:", List.of("de",
                    "fgh"), 0)), ll, " ");
            assertEquals(ll.logLikelihoods(List.of(new ContinuationRequest("abc:", " fgh")))[0],
                    r.scores().get(0).logLikelihoods()[1], 1e-6);
        }
    }
}
