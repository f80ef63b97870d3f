package io.dno.cli.bench;

import io.dno.core.model.Generator;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Native calls per training step ({@code tiny}: one DPO and one SFT step of 4 pairs, the sixth of each) and per
 * decoded token (greedy, batch 1, {@code tiny} and {@code small}: calls of 65 tokens minus calls of 33, over 32),
 * through public API only, so the same class measures an older build of dno-core put first on the class path.
 * Needs the {@link NativeCallCounter} agent (BENCHMARKS.md has the command).
 */
public final class NativeCallCount {
    private NativeCallCount() {}

    public static void main(String[] args) {
        if (!NativeCalls.active()) {
            throw new IllegalStateException("start the JVM with -javaagent:dno-cli/target/dno.jar to count native calls");
        }
        IntraOpThreads.set(1);
        TransformerConfig tiny = BenchPreset.of(BenchPreset.Name.tiny).config();
        List<TokenizedPair> pairs = TrainBench.randomPairs(tiny, 4, 64, 1);
        List<TokenizedDemonstration> demos = new ArrayList<>();
        for (TokenizedPair p : pairs) {
            demos.add(new TokenizedDemonstration(p.prompt(), p.chosen()));
            demos.add(new TokenizedDemonstration(p.prompt(), p.rejected()));
        }
        TrainerSettings settings = TrainerSettings.defaults(1e-5, 0).withBatchSize(8);
        try (Transformer model = Transformer.random(tiny, 1);
             Trainer dpo = new Trainer(model, settings);
             Trainer sft = new Trainer(model, settings)) {
            ReferenceLogProbs reference = ReferenceLogProbs.compute(model, pairs, 4, 0);
            long d = 0;
            long s = 0;
            for (int i = 0; i < 6; i++) {
                long c0 = NativeCalls.total();
                dpo.trainPairs(pairs, reference, Losses.dpo(0.1), (int) dpo.step() + 1);
                long c1 = NativeCalls.total();
                sft.trainDemonstrations(demos, Losses.sft(), (int) sft.step() + 1);
                d = c1 - c0;
                s = NativeCalls.total() - c1;
            }
            System.out.println("tiny: native calls per DPO step " + d + ", per SFT step " + s);
        }
        for (BenchPreset.Name name : List.of(BenchPreset.Name.tiny, BenchPreset.Name.small)) {
            TransformerConfig c = BenchPreset.of(name).config();
            try (Transformer model = Transformer.random(c, 1)) {
                Generator g = new Generator(model, 0, Set.of(), t -> false);
                int[] prompt = new SplittableRandom(3).ints(16, 1, c.vocabSize()).toArray();
                long[] calls = new long[2];
                int[] lengths = {33, 65};
                for (int k = 0; k < 2; k++) {
                    long c0 = NativeCalls.total();
                    g.generate(List.of(prompt), SamplingParams.greedy(lengths[k]));
                    calls[k] = NativeCalls.total() - c0;
                }
                System.out.println(name + ": native calls per decoded token (greedy, batch 1) "
                        + (calls[1] - calls[0]) / 32.0);
            }
        }
    }
}
