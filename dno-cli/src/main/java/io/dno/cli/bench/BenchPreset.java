package io.dno.cli.bench;

import io.dno.core.model.TransformerConfig;
import java.util.List;
import java.util.OptionalInt;

/**
 * Model sizes of {@code dno bench}, all Llama-style (SwiGLU, RMSNorm, rotary, tied head).
 *
 * <ul>
 *   <li>{@code tiny}: {@link TransformerConfig#tiny} over a 256-id vocabulary (about 77k parameters), sequence 64:
 *       seconds, for tests and smoke runs;
 *   <li>{@code small}: vocabulary 8192, width 512, 6 layers, 8 heads, SwiGLU 1536 (about 24.6M parameters),
 *       sequence 256: the size issue 9's targets are stated for;
 *   <li>{@code base}: vocabulary 32000, width 768, 12 layers, 12 heads over 4 key/value heads, SwiGLU 2048
 *       (about 100M parameters), sequence 512;
 *   <li>{@code qwen05b}: the shape of Qwen2.5-0.5B (qwen2: q/k/v biases; vocabulary 151,936, width 896, 24 layers,
 *       14 heads over 2 key/value heads of 64, SwiGLU 4864, rope θ 10⁶, tied; 494M parameters) with random
 *       weights, sequence 256, 1 pair: a realistic size (train it with {@code --lora-rank}).
 * </ul>
 *
 * @param sequence   tokens per training sequence (prompt + response)
 * @param trainPairs preference pairs per DPO step (2 × that many sequences per forward pass)
 */
public record BenchPreset(String name, TransformerConfig config, int sequence, int trainPairs) {

    public static BenchPreset of(Name name) {
        return switch (name) {
            case tiny -> new BenchPreset("tiny", TransformerConfig.tiny(256), 64, 4);
            case small -> new BenchPreset("small",
                    TransformerConfig.llama(8192, 512, 1536, 6, 8, 8, 2048).withTiedEmbeddings(true), 256, 2);
            case base -> new BenchPreset("base",
                    TransformerConfig.llama(32000, 768, 2048, 12, 12, 4, 4096).withTiedEmbeddings(true), 512, 1);
            case qwen05b -> new BenchPreset("qwen05b", new TransformerConfig("qwen2", 151_936, 896, 4864, 24, 14, 2,
                    64, 1e-6, 1_000_000.0, 32_768, true, true, OptionalInt.empty(), List.of()), 256, 1);
        };
    }

    /** The preset names the command line accepts. */
    public enum Name { tiny, small, base, qwen05b }
}
