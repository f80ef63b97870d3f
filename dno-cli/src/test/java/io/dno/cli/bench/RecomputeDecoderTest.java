package io.dno.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dno.core.model.Generation;
import io.dno.core.model.Generator;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.policy.SamplingParams;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecomputeDecoderTest {

    @Test
    void decodingWithoutTheCacheGivesTheCachedGreedyTokens() {
        TransformerConfig config = TransformerConfig.tiny(50);
        try (Transformer model = Transformer.random(config, 4)) {
            List<int[]> prompts = List.of(new int[] {1, 7, 9, 3}, new int[] {4, 4, 20, 11});
            int[][] recomputed = RecomputeDecoder.greedy(model, prompts, 12);
            List<List<Generation>> cached = new Generator(model, 0, Set.of(), t -> false)
                    .generate(prompts, SamplingParams.greedy(12));
            for (int r = 0; r < prompts.size(); r++) {
                assertArrayEquals(cached.get(r).get(0).tokens(), recomputed[r], "row " + r);
            }
        }
    }
}
