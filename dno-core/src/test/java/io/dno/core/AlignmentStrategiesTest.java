package io.dno.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Origin;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.eval.Evaluation;
import io.dno.core.io.Jsonl;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.pairs.PairReplay;
import io.dno.core.testing.TinyRuleWorld;
import io.dno.core.toy.ReversalTask;
import io.dno.core.train.LearningRates;
import io.dno.core.train.StepMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every strategy runs end to end on a tiny model with a rule annotator, leaving a complete run directory. */
class AlignmentStrategiesTest {

    @TempDir
    Path tmp;

    @Test
    void dnoRunsThreeIterationsWithEveryStageArtifact() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        Path run = tmp.resolve("dno");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 11)) {
            AlignmentReport report = world.builder(policy, run).strategy(Strategy.dno().withSamplesPerPrompt(3))
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
                assertEquals(r.examples().total(), Jsonl.read(iter.resolve("pairs.jsonl"), PreferencePair.class)
                        .size());
                assertEquals(6, r.evaluation().prompts());
                assertEquals(6, r.evaluation().judged(), "the rule judge scores every held-out answer");
            }
            assertTrue(Files.exists(run.resolve("report.md")) && Files.exists(run.resolve("report.json")));
            assertBestIsTheFirstHighestWinRate(report, false);
            // the annotator saw each training prompt once with all K + 1 candidates, and each held-out prompt
            // once per iterate with two candidates
            assertEquals(12 + 4 * 6, world.judgeCalls.get());
            assertEquals(12 * 4 + 4 * 6 * 2, world.judgedCandidates.get());
            // replay: iteration t trains on floor(30 %) of t-1's new pairs and floor(15 %) of t-2's
            int new1 = report.iterations().get(1).examples().newPairs();
            int new2 = report.iterations().get(2).examples().newPairs();
            assertEquals(0, report.iterations().get(1).examples().replayedPairs());
            assertEquals(PairReplay.PAPER.count(1, new1), report.iterations().get(2).examples().replayedPairs());
            assertEquals(PairReplay.PAPER.count(1, new2) + PairReplay.PAPER.count(2, new1),
                    report.iterations().get(3).examples().replayedPairs());
        }
    }

    @Test
    void warmUpHappensOncePerRunAndEveryIterationDecaysOverItsOwnSteps() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        Path run = tmp.resolve("rates");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 18)) {
            world.builder(policy, run).strategy(Strategy.dno().withSamplesPerPrompt(3))
                    .learningRates(LearningRates.cosine(1e-2).withWarmupSteps(2)).build().run();
        }
        List<List<StepMetrics>> logs = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            logs.add(Jsonl.read(run.resolve("iter-" + t + "/train.jsonl"), StepMetrics.class));
            assertTrue(logs.get(t - 1).size() >= 2, "iteration " + t + " trains at least two steps");
        }
        assertEquals(0.0, logs.get(0).get(0).learningRate(), 0, "the run's first step is the warm-up's 0");
        for (int t = 1; t < 3; t++) {
            List<StepMetrics> steps = logs.get(t);
            assertEquals(1e-2, steps.get(0).learningRate(), 1e-9, "iteration " + (t + 1) + " starts at the peak: "
                    + "no second warm-up");
            for (int i = 1; i < steps.size(); i++) {
                assertTrue(steps.get(i).learningRate() < steps.get(i - 1).learningRate(), "decays within the stage");
            }
            assertTrue(steps.get(steps.size() - 1).learningRate() > 0, "no step trains at 0");
        }
    }

    @Test
    void restrictiveKeepsOnlyTeacherWinsAndSpinNeedsNoAnnotation() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 12)) {
            AlignmentReport report = world.builder(policy, tmp.resolve("restrictive"))
                    .strategy(Strategy.dnoRestrictive().withSamplesPerPrompt(3).withIterations(2)).build().run();
            assertEquals("dno_restrictive", report.strategy());
            for (IterationReport r : report.iterations().subList(1, 3)) {
                assertEquals(0, r.statistics().newPairs().get(PairKind.STUDENT_OVER_TEACHER));
                assertEquals(0, r.statistics().newPairs().get(PairKind.STUDENT_OVER_STUDENT));
                assertEquals(r.examples().newPairs(), r.statistics().newPairs().get(PairKind.TEACHER_OVER_STUDENT));
            }
        }
        TinyRuleWorld spinWorld = TinyRuleWorld.standard();
        Path spinRun = tmp.resolve("spin");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 13)) {
            AlignmentReport report = spinWorld.builder(policy, spinRun)
                    .strategy(Strategy.spin().withSamplesPerPrompt(3).withIterations(2)).build().run();
            assertEquals("spin", report.strategy());
            assertFalse(Files.exists(spinRun.resolve("iter-1/annotations.jsonl")), "SPIN does not annotate");
            assertEquals(3 * 6, spinWorld.judgeCalls.get(), "only the evaluations call the judge");
            for (int t = 1; t <= 2; t++) {
                IterationReport r = report.iterations().get(t);
                assertNull(r.statistics());
                List<PreferencePair> pairs = Jsonl.read(spinRun.resolve("iter-" + t + "/pairs.jsonl"),
                        PreferencePair.class);
                assertTrue(pairs.stream().allMatch(p -> p.chosen().origin() == Origin.TEACHER
                        && p.rejected().origin() == Origin.STUDENT), "the teacher over every student sample");
                assertTrue(r.examples().newPairs() > 0);
            }
            int new1 = report.iterations().get(1).examples().newPairs();
            assertEquals(PairReplay.PAPER.count(1, new1), report.iterations().get(2).examples().replayedPairs(),
                    "SPIN replays earlier pairs as DNO does, all else being equal");
        }
    }

    @Test
    void lookaheadRetrainsFromTheInitialPolicyOnAllNewPairs() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        Path run = tmp.resolve("lookahead");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 14)) {
            AlignmentReport report = world.builder(policy, run)
                    .strategy(Strategy.dnoLookahead().withSamplesPerPrompt(3).withIterations(2)).build().run();
            assertEquals("dno_lookahead", report.strategy());
            assertNotNull(report.lookahead());
            int fresh = report.iterations().get(1).examples().newPairs()
                    + report.iterations().get(2).examples().newPairs();
            assertEquals(fresh, Jsonl.read(run.resolve("lookahead/pairs.jsonl"), PreferencePair.class).size(),
                    "Lookahead trains on every iteration's own new pairs, once");
            assertEquals(TrainingExamples.onPolicy(fresh, 0), report.lookahead().examples(),
                    "the gathered pairs are reported as new, none as replayed");
            assertTrue(Files.exists(run.resolve("lookahead/checkpoint/model.safetensors")));
            assertNotNull(report.lookahead().evaluation());
        }
    }

    @Test
    void sftOnDemonstrationsAndOnPositivesTrainEpochByEpoch() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        List<Demonstration> demos = world.trainPrompts().stream()
                .map(p -> Demonstration.of(p, ReversalTask.ideal(p))).toList();
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 15)) {
            AlignmentReport report = world.builder(policy, tmp.resolve("sft")).strategy(Strategy.sft().withEpochs(2))
                    .demonstrations(demos).build().run();
            assertEquals(3, report.iterations().size());
            assertEquals(TrainingExamples.demonstrations(12), report.iterations().get(1).examples());
            assertEquals(3, report.iterations().get(1).training().steps(), "12 demonstrations in batches of 4");
            assertEquals(3, report.iterations().get(2).training().steps(), "epoch 2 continues, not restarts");
            assertTrue(report.iterations().get(2).training().lastLoss() < report.iterations().get(1).training()
                    .firstLoss());
        }
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 16)) {
            AlignmentReport report = world.builder(policy, tmp.resolve("sftpos"))
                    .strategy(Strategy.sftOnPositives().withEpochs(1)).build().run();
            assertEquals("sft_positives", report.strategy());
            // the teacher is right on even-indexed prompts (score 6) and one character off on the others (4)
            int evenInTrain = (int) IntStream.range(0, world.trainPrompts().size()).filter(i -> i % 2 == 0).count();
            assertEquals(TrainingExamples.demonstrations(evenInTrain), report.iterations().get(1).examples());
        }
    }

    @Test
    void offlineDpoUsesTheFixedInitialReferenceAndTheMarginFilter() {
        TinyRuleWorld world = TinyRuleWorld.standard();
        List<PreferencePair> pairs = new ArrayList<>();
        for (Prompt p : world.trainPrompts()) {
            String good = ReversalTask.ideal(p);
            String bad = good.charAt(0) == 'a' ? "b" + good.substring(1) : "a" + good.substring(1);
            pairs.add(PreferencePair.of(p, new Response(p.id(), good, Origin.DATASET),
                    new Response(p.id(), bad, Origin.DATASET), pairs.size() % 3, 0));
        }
        Path run = tmp.resolve("dpo");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 17)) {
            AlignmentReport report = world.builder(policy, run).strategy(Strategy.dpo().withEpochs(2)
                    .withMinMargin(1)).pairs(pairs).validationPrompts(List.of(Prompt.of("v0", "abc"),
                    Prompt.of("v1", "dab"))).teacher(io.dno.core.policy.Teachers.fromDemonstrations(withValidation(
                    world))).build().run();
            assertEquals("dpo", report.strategy());
            assertEquals(TrainingExamples.offline(8), report.iterations().get(1).examples(),
                    "margins 0 are filtered out");
            assertFalse(Files.exists(run.resolve("iter-2/reference.jsonl")), "the reference is computed once");
            assertEquals(2, report.iterations().get(2).training().steps());
            assertTrue(report.iterations().get(2).training().meanMetrics().get("rewards/accuracies")
                    >= report.iterations().get(1).training().meanMetrics().get("rewards/accuracies"));
            assertBestIsTheFirstHighestWinRate(report, true);
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
        assertEquals(9, e.problems().size(), all);
    }

    private static List<Demonstration> withValidation(TinyRuleWorld world) {
        List<Demonstration> gold = new ArrayList<>(world.gold());
        gold.add(Demonstration.of(Prompt.of("v0", "abc"), "cba"));
        gold.add(Demonstration.of(Prompt.of("v1", "dab"), "bad"));
        return gold;
    }

    /** Algorithm 2's choice: the first iterate with the highest win rate on the selection set. */
    private static void assertBestIsTheFirstHighestWinRate(AlignmentReport report, boolean validation) {
        int expected = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (IterationReport r : report.iterations()) {
            Evaluation e = validation ? r.validation() : r.evaluation();
            if (e.winRate() > best) {
                best = e.winRate();
                expected = r.iteration();
            }
        }
        assertEquals(expected, report.best().iteration().getAsInt());
        assertEquals(validation ? BestIterate.SelectedOn.VALIDATION : BestIterate.SelectedOn.EVALUATION,
                report.best().selectedOn());
    }
}
