package io.dno.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.loop.RunDirectory;
import io.dno.core.loop.Stage;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.testing.TinyRuleWorld;
import io.dno.core.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed between stages, inside annotation and inside training resumes from its run directory and ends
 * exactly where an uninterrupted run with the same seed ends, without judging anything twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeAfterCrashTest {
    private static final long SEED = 21;

    @TempDir
    static Path tmp;

    private Path reference;
    private int referenceJudgeCalls;

    /** Simulates a kill: thrown from a listener, it stops the run at that instant. */
    static final class Crash extends RuntimeException {
        Crash(String where) {
            super("simulated crash " + where);
        }
    }

    private AlignmentReport run(Path runDir, TinyRuleWorld world, RunListener listener) {
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp.resolve("tok-" + runDir.getFileName()), SEED)) {
            return world.builder(policy, runDir)
                    .strategy(Strategy.dnoLookahead().withSamplesPerPrompt(3).withIterations(2))
                    .checkpointEverySteps(1)
                    .listener(listener)
                    .build().run();
        }
    }

    @BeforeAll
    void uninterrupted() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        reference = tmp.resolve("reference");
        run(reference, world, new RunListener() {});
        referenceJudgeCalls = world.judgeCalls.get();
    }

    @Test
    void killedBetweenStagesInsideAnnotationAndInsideTrainingEndsTheSame() throws IOException {
        Path run = tmp.resolve("crashing");
        TinyRuleWorld world = TinyRuleWorld.standard();
        List<RunListener> crashes = List.of(
                crashAfter("iter-1", Stage.SAMPLE),
                crashAfter("iter-1", Stage.REFERENCE),
                crashInTraining("iter-1", 2),
                crashAfter("iter-2", Stage.ANNOTATE),
                crashInTraining("iter-2", 1),
                crashAfter("iter-2", Stage.EVALUATE),
                crashInTraining("lookahead", 2));
        int crashed = 0;
        for (RunListener crash : crashes) {
            try {
                run(run, world, crash);
            } catch (Crash expected) {
                crashed++;
            }
        }
        assertEquals(crashes.size(), crashed, "every simulated crash happened");
        AlignmentReport resumed = run(run, world, new RunListener() {});
        assertEquals(referenceJudgeCalls, world.judgeCalls.get(), "no prompt was judged twice");
        for (String file : List.of("iter-1/samples.jsonl", "iter-1/annotations.jsonl", "iter-1/pairs.jsonl",
                "iter-2/pairs.jsonl", "iter-2/reference.jsonl", "iter-2/eval-answers.jsonl", "lookahead/pairs.jsonl",
                "iter-1/checkpoint/model.safetensors", "iter-2/checkpoint/model.safetensors",
                "lookahead/checkpoint/model.safetensors")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(run.resolve(file)),
                    file + " differs from the uninterrupted run");
        }
        assertEquals(Files.readString(reference.resolve("iter-2/train.jsonl")),
                Files.readString(run.resolve("iter-2/train.jsonl")), "the resumed training log is the same");
        assertFalse(Files.exists(run.resolve("iter-2/train-state")), "the training state is removed when done");
        assertEquals(resumed.lookahead().evaluation(), run(reference, TinyRuleWorld.standard(), new RunListener() {})
                .lookahead().evaluation());
    }

    @Test
    void aResumeWithOtherSettingsIsRefusedAndRollbackMovesLaterIterationsAside() throws IOException {
        Path copy = tmp.resolve("copy");
        copyTree(reference, copy);
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp.resolve("tok-other"), SEED)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TinyRuleWorld.standard()
                    .builder(policy, copy).strategy(Strategy.dno().withSamplesPerPrompt(3)
                            .withIterations(2)).seed(99).build().run());
            assertTrue(e.getMessage().contains("seed: the run directory has 7, this run has 99"), e.getMessage());
        }
        Path moved = new RunDirectory(copy).rollback(1);
        assertFalse(Files.exists(copy.resolve("iter-2")));
        assertFalse(Files.exists(copy.resolve("lookahead")));
        assertTrue(Files.exists(moved.resolve("iter-2/checkpoint/model.safetensors")), "rolled back, not deleted");
        TinyRuleWorld world = TinyRuleWorld.standard();
        run(copy, world, new RunListener() {});
        assertEquals(6 + 6 + 6, world.judgeCalls.get(), "only iteration 2 (6 prompts, 6 held-out) and the "
                + "Lookahead evaluation (6) are judged again");
    }

    private static RunListener crashAfter(String step, Stage stage) {
        return new RunListener() {
            @Override
            public void onStageEnd(String s, Stage st, double seconds, boolean resumed) {
                if (s.equals(step) && st == stage && !resumed) {
                    throw new Crash("after " + step + " " + stage);
                }
            }
        };
    }

    private static RunListener crashInTraining(String step, long atStep) {
        return new RunListener() {
            @Override
            public void onTrainingStep(String s, StepMetrics m) {
                if (s.equals(step) && m.step() == atStep) {
                    throw new Crash("in " + step + " training at step " + atStep);
                }
            }
        };
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
