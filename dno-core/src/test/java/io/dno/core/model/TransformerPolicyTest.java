package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Origin;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.SamplingParams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerPolicyTest {
    private static final TransformerConfig CONFIG = TransformerConfig.llama(AlphabetTokenizer.VOCAB, 32, 64, 2, 4, 2,
            128);
    private static final List<Prompt> PROMPTS = List.of(Prompt.of("p1", "hello there"), Prompt.of("p2", "why"));

    @Test
    void generatesNStudentResponsesPerPromptReproducibly() {
        try (TransformerPolicy policy = TransformerPolicy.random(CONFIG, new AlphabetTokenizer(), 51)) {
            SamplingParams params = SamplingParams.builder().samplesPerPrompt(4).temperature(0.9).topP(0.95)
                    .maxNewTokens(10).seed(3).build();
            List<List<Response>> a = policy.generate(PROMPTS, params);
            assertEquals(2, a.size());
            for (int i = 0; i < 2; i++) {
                assertEquals(4, a.get(i).size());
                for (Response r : a.get(i)) {
                    assertEquals(PROMPTS.get(i).id(), r.promptId());
                    assertEquals(Origin.STUDENT, r.origin());
                    assertTrue(r.text().length() <= 10);
                }
            }
            assertEquals(a, policy.generate(PROMPTS, params));
            assertFalse(a.equals(policy.generate(PROMPTS, params.withSeed(4))));
        }
    }

    @Test
    void promptFormatBosAndEosShapeTheIds() {
        TransformerPolicy.Options options = TransformerPolicy.Options.defaults()
                .withPromptFormat(text -> "q " + text + " a");
        try (TransformerPolicy policy = new TransformerPolicy(Transformer.random(CONFIG, 52), new AlphabetTokenizer(),
                options)) {
            assertArrayEquals(new int[] {1, 19, 29, 4, 29, 3}, policy.promptIds("b"));
            assertArrayEquals(new int[] {3, 4, 2}, policy.responseIds("ab"));
        }
    }

    @Test
    void responsesAreCutBeforeTheFirstStopString() {
        try (TransformerPolicy plain = TransformerPolicy.random(CONFIG, new AlphabetTokenizer(), 53)) {
            String greedy = plain.generate(PROMPTS.subList(0, 1), SamplingParams.greedy(12)).get(0).get(0).text();
            assertTrue(greedy.length() >= 3, "greedy text: '" + greedy + "'");
            String stop = greedy.substring(2, 3);
            TransformerPolicy.Options options = TransformerPolicy.Options.defaults().withStopStrings(List.of(stop));
            try (TransformerPolicy stopping = new TransformerPolicy(Transformer.random(CONFIG, 53),
                    new AlphabetTokenizer(), options)) {
                String cut = stopping.generate(PROMPTS.subList(0, 1), SamplingParams.greedy(12)).get(0).get(0).text();
                assertEquals(greedy.substring(0, greedy.indexOf(stop)), cut);
            }
        }
    }

    @Test
    void savedPolicyLoadsAndGeneratesTheSame(@TempDir Path dir) {
        try (TransformerPolicy policy = TransformerPolicy.random(CONFIG, new AlphabetTokenizer(), 54)) {
            policy.save(dir);
            try (TransformerPolicy loaded = TransformerPolicy.load(dir, new AlphabetTokenizer(),
                    TransformerPolicy.Options.defaults())) {
                assertEquals(policy.generate(PROMPTS, SamplingParams.greedy(8)),
                        loaded.generate(PROMPTS, SamplingParams.greedy(8)));
            }
        }
    }

    @Test
    void samplesOnlyIdsTheTokenizerCanDecodeWhenTheVocabularyIsPadded() {
        // AlphabetTokenizer.decode throws on ids >= 30; the model has 64
        TransformerConfig padded = TransformerConfig.llama(64, 32, 64, 1, 4, 2, 64);
        try (TransformerPolicy policy = TransformerPolicy.random(padded, new AlphabetTokenizer(), 55)) {
            List<List<Response>> out = policy.generate(PROMPTS, SamplingParams.builder().samplesPerPrompt(8)
                    .temperature(2.0).topP(1.0).maxNewTokens(20).seed(1).build());
            assertEquals(16, out.stream().mapToInt(List::size).sum());
        }
    }

    @Test
    void rejectsATokenizerLargerThanTheVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransformerPolicy.random(TransformerConfig.llama(10, 8, 8, 1, 2, 2, 8), new AlphabetTokenizer(), 1));
        assertTrue(e.getMessage().contains("vocab_size"), e.getMessage());
    }
}
