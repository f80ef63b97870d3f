package io.dno.examples.strategies;

import io.dno.core.AlignmentReport;
import io.dno.core.Strategy;
import io.dno.core.model.TransformerPolicy;
import java.nio.file.Path;

/** Supervised fine-tuning from random initialisation on the teacher's answers, 3 epochs. Usage: [RUN_DIR]. */
public final class SftExample {
    public static void main(String[] args) {
        ExampleWorld.print(run(ExampleWorld.standard(), Path.of(args.length > 0 ? args[0] : "runs/example-sft")));
    }

    /** Runs the example on {@code world} into {@code out} and returns its report. */
    public static AlignmentReport run(ExampleWorld world, Path out) {
        try (TransformerPolicy policy = ExampleWorld.randomPolicy(out, 7)) {
            return world.builder(policy, out).strategy(Strategy.sft().withEpochs(3))
                    .demonstrations(world.gold().subList(0, world.trainPrompts().size())).build().run();
        }
    }

    private SftExample() {}
}
