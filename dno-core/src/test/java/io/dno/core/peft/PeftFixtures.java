package io.dno.core.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.train.Loss;
import io.dno.core.train.LossOutput;
import io.dno.core.train.PairLogProbs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A tiny model, a fixed batch, and helpers shared by the PEFT tests. */
final class PeftFixtures {
    static final int VOCAB = 24;
    static final int PAD = 0;

    private PeftFixtures() {}

    /** Llama, 4 heads over 2 kv heads, tied head. */
    static TransformerConfig llama() {
        return TransformerConfig.llama(VOCAB, 32, 64, 2, 4, 2, 64).withTiedEmbeddings(true);
    }

    /** Qwen2 (q/k/v bias), untied head. */
    static TransformerConfig qwen2() {
        return TransformerConfig.llama(VOCAB, 32, 48, 2, 4, 1, 64).withModelType("qwen2").withTiedEmbeddings(false);
    }

    /** Logits (B, T, V) of a fixed batch of two rows, the second left-padded, as a Java array. */
    static float[] logits(Transformer model) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray ids = m.create(new long[] {3, 5, 7, 9, 11, 2, 0, 0, 4, 6, 8, 10}, new Shape(2, 6));
            NDArray mask = m.create(new long[] {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1}, new Shape(2, 6));
            return model.logits(ids, mask).toFloatArray();
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Every parameter's values, by name. */
    static Map<String, float[]> snapshot(Map<String, NDArray> parameters) {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.toFloatArray()));
        return out;
    }

    /** Fills the adapter's B factors with N(0, 0.1²) values, so the adapter changes the outputs. */
    static void randomiseB(LoraAdapter adapter, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        adapter.parameters().forEach((name, p) -> {
            if (name.contains(LoraAdapter.LORA_B)) {
                float[] v = new float[Math.toIntExact(p.size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (rng.nextGaussian() * 0.1);
                }
                p.set(v);
            }
        });
    }

    /** −log σ(β·margin), the DPO loss (Rafailov et al. 2023, Eq. 7). */
    static Loss dpo(double beta) {
        return new Loss() {
            @Override
            public LossOutput compute(PairLogProbs b) {
                NDArray margin = b.policyChosen().sub(b.referenceChosen())
                        .sub(b.policyRejected().sub(b.referenceRejected()));                             // (B)
                return new LossOutput(ai.djl.nn.Activation.softPlus(io.dno.core.tensor.Scalars.mul(margin, -beta))
                        .mean(), Map.of());
            }

            @Override
            public String name() {
                return "dpo";
            }
        };
    }
}
