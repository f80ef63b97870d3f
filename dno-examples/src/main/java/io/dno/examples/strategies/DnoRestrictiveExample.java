package io.dno.examples.strategies;

import io.dno.core.AlignmentReport;
import io.dno.core.Strategy;
import io.dno.core.model.TransformerPolicy;
import java.nio.file.Path;

/** Strategy.dnoRestrictive() on the example world, from a policy fine-tuned on the teacher's answers. Usage: [RUN_DIR]. */
public final class DnoRestrictiveExample {
    public static void main(String[] args) {
        ExampleWorld.print(run(ExampleWorld.standard(), Path.of(args.length > 0 ? args[0] : "runs/example-dno-restrictive")));
    }

    /** Runs the example on {@code world} into {@code out} and returns its report. */
    public static AlignmentReport run(ExampleWorld world, Path out) {
        try (TransformerPolicy policy = world.supervisedPolicy(out.resolve("init"), 7)) {
            return world.builder(policy, out).strategy(Strategy.dnoRestrictive()).build().run();
        }
    }

    private DnoRestrictiveExample() {}
}
