package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Prompt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerLogProbsTest {
    private static final TransformerConfig CONFIG = TransformerConfig.llama(AlphabetTokenizer.VOCAB, 32, 64, 1, 2, 2, 64);

    @Test
    void everyPromptAndAnswerIsScoredInPlaceWhateverTheBatching() {
        List<Prompt> prompts = List.of(Prompt.of("p1", "hello there"), Prompt.of("p2", "why"), Prompt.of("p3", "ab"));
        List<String> answers = new ArrayList<>();
        for (char c : AlphabetTokenizer.ALPHABET.toCharArray()) {
            answers.add(String.valueOf(c));
        }
        answers.add("no");
        try (TransformerPolicy policy = TransformerPolicy.random(CONFIG, new AlphabetTokenizer(), 61)) {
            double[][] all = AnswerLogProbs.of(policy, prompts, answers, 7);            // batches cut across prompts
            assertEquals(prompts.size(), all.length);
            for (int i = 0; i < prompts.size(); i++) {
                assertEquals(answers.size(), all[i].length);
                double singleTokenMass = 0;
                for (int j = 0; j < answers.size(); j++) {
                    if (j % 9 == i) {                        // a few cells computed alone, across the batch cuts
                        double alone = AnswerLogProbs.of(policy, List.of(prompts.get(i)), List.of(answers.get(j)),
                                1)[0][0];
                        assertEquals(alone, all[i][j], 1e-5, prompts.get(i).id() + " / '" + answers.get(j) + "'");
                    }
                    assertTrue(all[i][j] < 0, "a log-probability");
                    singleTokenMass += answers.get(j).length() == 1 ? Math.exp(all[i][j]) : 0;
                }
                // one token then EOS, for each of the 27 characters: disjoint events of one distribution
                assertTrue(singleTokenMass < 1, "mass " + singleTokenMass);
            }
            assertTrue(all[0][0] != all[1][0], "the prompt matters");
        }
    }
}
