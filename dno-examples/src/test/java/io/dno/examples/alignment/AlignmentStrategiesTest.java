package io.dno.examples.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.Alignment;
import io.dno.core.AlignmentReport;
import io.dno.core.InvalidAlignmentException;
import io.dno.core.IterationReport;
import io.dno.core.Strategy;
import io.dno.core.data.Demonstration;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every strategy runs end to end on a tiny model with a rule annotator, leaving a complete run directory. */
class AlignmentStrategiesTest {
    static final List<Prompt> TRAIN = TinyWorld.WORLD.trainPrompts();
    static final List<Prompt> EVAL = TinyWorld.WORLD.evaluationPrompts();

    @TempDir
    Path tmp;

    static Alignment.Builder base(TransformerPolicy policy, TinyWorld world, Path runDir) {
        return Alignment.builder()
                .policy(policy)
                .prompts(TRAIN)
                .evaluationPrompts(EVAL)
                .teacher(TinyWorld.WORLD.teacher())
                .annotator(world.annotator())
                .sampling(new SamplingParams(3, 1.0, 1.0, 0, 4, 0))
                .trainer(TrainerSettings.defaults(1e-2, policy.tokenizer().padId()).withBatchSize(4)
                        .withSchedule(LearningRateSchedule.constant(1e-2)))
                .seed(7)
                .runDirectory(runDir);
    }

    @Test
    void dnoRunsThreeIterationsWithEveryStageArtifact() {
        TinyWorld world = TinyWorld.create();
        Path run = tmp.resolve("dno");
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 11)) {
            AlignmentReport report = base(policy, world, run).strategy(Strategy.dno().withSamplesPerPrompt(3))
                    .build().run();
            assertEquals("dno", report.strategy());
            assertEquals(4, report.iterations().size());
            for (int t = 1; t <= 3; t++) {
                Path iter = run.resolve("iter-" + t);
                for (String artifact : List.of("samples.jsonl", "annotations.jsonl", "pairs.jsonl", "reference.jsonl",
                        "checkpoint/model.safetensors", "checkpoint/config.json", "checkpoint/tokenizer.json",
                        "eval.json", "eval-answers.jsonl", "stats.json", "train.jsonl")) {
                    assertTrue(Files.exists(iter.resolve(artifact)), iter.resolve(artifact) + " is missing");
                }
                IterationReport r = report.iterations().get(t);
                assertNotNull(r.statistics(), "DNO iterations have Table 2 statistics");
                assertEquals(t - 1, r.statistics().iteration(), "iteration t samples the paper's round t-1");
                assertEquals(4, r.statistics().inputs(), "12 prompts over 3 disjoint partitions");
                assertTrue(r.training().steps() > 0);
                assertTrue(r.evaluation().winRate() >= 0 && r.evaluation().winRate() <= 1);
                assertEquals(6, r.evaluation().prompts());
            }
            assertTrue(Files.exists(run.resolve("report.md")) && Files.exists(run.resolve("report.json")));
            assertTrue(report.bestIteration() >= 0);
            // the annotator saw each training prompt once with all K + 1 candidates, and each held-out prompt
            // once per iterate with two candidates
            assertEquals(12 + 4 * 6, world.judgeCalls.get());
            assertEquals(12 * 4 + 4 * 6 * 2, world.judgedCandidates.get());
            // replay: iterations 2 and 3 train on earlier pairs too
            assertTrue(report.iterations().get(3).pairs().get("replayed") >= 0);
            assertEquals(report.iterations().get(3).pairs().get("total"),
                    report.iterations().get(3).pairs().get("new") + report.iterations().get(3).pairs().get("replayed"));
        }
    }

    @Test
    void restrictiveKeepsOnlyTeacherWinsAndSpinNeedsNoAnnotation() {
        TinyWorld world = TinyWorld.create();
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 12)) {
            AlignmentReport report = base(policy, world, tmp.resolve("restrictive"))
                    .strategy(Strategy.dnoRestrictive().withSamplesPerPrompt(3).withIterations(2)).build().run();
            assertEquals("dno_restrictive", report.strategy());
            for (IterationReport r : report.iterations().subList(1, 3)) {
                assertEquals(0, r.statistics().newPairs().get(PairKind.STUDENT_OVER_TEACHER));
                assertEquals(0, r.statistics().newPairs().get(PairKind.STUDENT_OVER_STUDENT));
            }
        }
        TinyWorld spinWorld = TinyWorld.create();
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 13)) {
            AlignmentReport report = base(policy, spinWorld, tmp.resolve("spin"))
                    .strategy(Strategy.spin().withSamplesPerPrompt(3).withIterations(2)).build().run();
            assertEquals("spin", report.strategy());
            assertFalse(Files.exists(tmp.resolve("spin/iter-1/annotations.jsonl")), "SPIN does not annotate");
            assertEquals(3 * 6, spinWorld.judgeCalls.get(), "only the evaluations call the judge");
            for (IterationReport r : report.iterations().subList(1, 3)) {
                assertNull(r.statistics());
                assertTrue(r.pairs().get("new") > 0, "teacher over every distinct student sample");
            }
        }
    }

    @Test
    void lookaheadRetrainsFromTheInitialPolicyOnAllPairs() {
        TinyWorld world = TinyWorld.create();
        Path run = tmp.resolve("lookahead");
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 14)) {
            AlignmentReport report = base(policy, world, run)
                    .strategy(Strategy.dnoLookahead().withSamplesPerPrompt(3).withIterations(2)).build().run();
            assertEquals("dno_lookahead", report.strategy());
            assertNotNull(report.lookahead());
            int fresh = report.iterations().get(1).pairs().get("new") + report.iterations().get(2).pairs().get("new");
            assertEquals(fresh, io.dno.core.io.Jsonl.read(run.resolve("lookahead/pairs.jsonl"), PreferencePair.class)
                    .size(), "Lookahead trains on every iteration's own new pairs, once");
            assertTrue(Files.exists(run.resolve("lookahead/checkpoint/model.safetensors")));
            assertNotNull(report.lookahead().evaluation());
        }
    }

    @Test
    void sftOnDemonstrationsAndOnPositivesTrainEpochByEpoch() {
        TinyWorld world = TinyWorld.create();
        List<Demonstration> demos = TRAIN.stream().map(p -> Demonstration.of(p, TinyWorld.ideal(p))).toList();
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 15)) {
            AlignmentReport report = base(policy, world, tmp.resolve("sft")).strategy(Strategy.sft().withEpochs(2))
                    .demonstrations(demos).build().run();
            assertEquals(3, report.iterations().size());
            assertEquals(12, report.iterations().get(1).pairs().get("demonstrations"));
            assertEquals(3, report.iterations().get(1).training().steps(), "12 demonstrations in batches of 4");
            assertEquals(3, report.iterations().get(2).training().steps(), "epoch 2 continues, not restarts");
            assertTrue(report.iterations().get(2).training().lastLoss() < report.iterations().get(1).training()
                    .firstLoss());
        }
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 16)) {
            AlignmentReport report = base(policy, world, tmp.resolve("sftpos"))
                    .strategy(Strategy.sftOnPositives().withEpochs(1)).build().run();
            assertEquals("sft_positives", report.strategy());
            // the teacher is right on even-indexed prompts (score 6) and one character off on the others (4)
            int evenInTrain = (int) java.util.stream.IntStream.range(0, TRAIN.size()).filter(i -> i % 2 == 0).count();
            assertEquals(evenInTrain, report.iterations().get(1).pairs().get("demonstrations"));
        }
    }

    @Test
    void offlineDpoUsesTheFixedInitialReferenceAndTheMarginFilter() {
        TinyWorld world = TinyWorld.create();
        List<PreferencePair> pairs = new ArrayList<>();
        for (Prompt p : TRAIN) {
            String good = TinyWorld.ideal(p);
            String bad = good.charAt(0) == 'a' ? "b" + good.substring(1) : "a" + good.substring(1);
            pairs.add(PreferencePair.of(p, new Response(p.id(), good, io.dno.core.data.Origin.DATASET),
                    new Response(p.id(), bad, io.dno.core.data.Origin.DATASET), pairs.size() % 3, 0));
        }
        Path run = tmp.resolve("dpo");
        try (TransformerPolicy policy = TinyWorld.policy(tmp, 17)) {
            AlignmentReport report = base(policy, world, run).strategy(Strategy.dpo().withEpochs(2).withMinMargin(1))
                    .pairs(pairs).build().run();
            assertEquals("offline_dpo", report.strategy());
            assertEquals(8, report.iterations().get(1).pairs().get("total"), "margins 0 are filtered out");
            assertFalse(Files.exists(run.resolve("iter-2/reference.jsonl")), "the reference is computed once");
            assertEquals(2, report.iterations().get(2).training().steps());
            assertTrue(report.iterations().get(2).training().meanMetrics().get("rewards/accuracies")
                    >= report.iterations().get(1).training().meanMetrics().get("rewards/accuracies"));
        }
    }

    @Test
    void buildReportsEveryProblemAtOnce() {
        InvalidAlignmentException e = assertThrows(InvalidAlignmentException.class, () -> Alignment.builder()
                .strategy(Strategy.dno()).prompts(List.of(Prompt.of("a", "x"))).evaluationPrompts(
                        List.of(Prompt.of("a", "x"))).annotationThreads(0).build());
        String all = String.join("\n", e.problems());
        for (String expected : List.of("policy: required", "runDirectory: required", "annotationThreads",
                "at least one prompt per iteration", "teacher: required", "annotator: required",
                "more than one of the training, evaluation")) {
            assertTrue(all.contains(expected), "missing problem '" + expected + "' in:\n" + all);
        }
    }
}
