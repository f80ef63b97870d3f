package io.dno.examples.strategies;

import io.dno.core.AlignmentReport;
import io.dno.core.Strategy;
import io.dno.core.data.Origin;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline DPO on a fixed data set of scored pairs (the ideal answer over a corrupted one), large-margin filtered,
 * with the starting policy as fixed reference, 4 epochs. Usage: [RUN_DIR].
 */
public final class OfflineDpoExample {
    public static void main(String[] args) {
        ExampleWorld.print(run(ExampleWorld.standard(), Path.of(args.length > 0 ? args[0] : "runs/example-dpo")));
    }

    /** Runs the example on {@code world} into {@code out} and returns its report. */
    public static AlignmentReport run(ExampleWorld world, Path out) {
        List<PreferencePair> pairs = new ArrayList<>();
        for (Prompt p : world.trainPrompts()) {
            String good = ExampleWorld.ideal(p);
            String bad = good.substring(1) + good.charAt(0);                  // rotated: often wrong from the start
            if (!bad.equals(good)) {
                double margin = ExampleWorld.score(p, good) - ExampleWorld.score(p, bad);
                pairs.add(PreferencePair.of(p, new Response(p.id(), good, Origin.DATASET),
                        new Response(p.id(), bad, Origin.DATASET), margin, 0));
            }
        }
        try (TransformerPolicy policy = world.supervisedPolicy(out.resolve("init"), 7)) {
            return world.builder(policy, out).strategy(Strategy.dpo().withMinMargin(2))
                    .pairs(pairs).build().run();
        }
    }

    private OfflineDpoExample() {}
}
