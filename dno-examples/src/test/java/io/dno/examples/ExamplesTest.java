package io.dno.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.AlignmentReport;
import io.dno.core.BestIterate;
import io.dno.core.IterationReport;
import io.dno.core.TrainingExamples;
import io.dno.core.data.PairKind;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.eval.Evaluation;
import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import io.dno.examples.dtm.DtmExperiment;
import io.dno.examples.dtm.DtmReport;
import io.dno.examples.peft.PeftExperiment;
import io.dno.examples.peft.PeftExperiment.Method;
import io.dno.examples.peft.PeftReport;
import io.dno.examples.peft.PeftReport.Stage;
import io.dno.examples.strategies.DnoExample;
import io.dno.examples.strategies.DnoLookaheadExample;
import io.dno.examples.strategies.DnoRestrictiveExample;
import io.dno.examples.strategies.ExampleWorld;
import io.dno.examples.strategies.OfflineDpoExample;
import io.dno.examples.strategies.SftExample;
import io.dno.examples.strategies.SftOnPositivesExample;
import io.dno.examples.strategies.SpinExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example and experiment of this module, run at a tiny size, and what its report must show. The strategy
 * examples run on {@link ExampleWorld#tiny()}: 6 training prompts (2 per iteration over 3 partitions) and 3 held-out
 * ones.
 */
class ExamplesTest {
    private static final int TRAIN_PROMPTS = 6;
    private static final int HELD_OUT_PROMPTS = 3;

    @TempDir
    Path tmp;

    @Test
    void sftTrainsThreeEpochsOnTheTeachersAnswers() {
        AlignmentReport report = SftExample.run(ExampleWorld.tiny(), tmp.resolve("sft"));
        assertRun(report, "sft", 3);
        for (IterationReport r : report.iterations().subList(1, 4)) {
            assertEquals(TrainingExamples.demonstrations(TRAIN_PROMPTS), r.examples());
        }
    }

    @Test
    void sftOnPositivesKeepsOnlyTheTeachersRightAnswers() {
        AlignmentReport report = SftOnPositivesExample.run(ExampleWorld.tiny(), tmp.resolve("sft-positives"));
        assertRun(report, "sft_positives", 4);
        // the teacher is exactly right (score 6) on even-numbered prompts and one letter off (score 3) on the others
        for (IterationReport r : report.iterations().subList(1, 5)) {
            assertEquals(TrainingExamples.demonstrations(TRAIN_PROMPTS / 2), r.examples());
        }
    }

    @Test
    void offlineDpoTrainsOnTheLargeMarginPairsForFourEpochs() {
        ExampleWorld world = ExampleWorld.tiny();
        AlignmentReport report = OfflineDpoExample.run(world, tmp.resolve("dpo"));
        assertRun(report, "dpo", 4);
        int largeMargin = 0;                                 // the example's pairs: the ideal answer over its rotation
        for (Prompt p : world.trainPrompts()) {
            String good = ExampleWorld.ideal(p);
            String bad = good.substring(1) + good.charAt(0);
            largeMargin += !bad.equals(good) && ExampleWorld.score(p, good) - ExampleWorld.score(p, bad) >= 2 ? 1 : 0;
        }
        assertTrue(largeMargin > 0, "the tiny world has pairs to train on");
        for (IterationReport r : report.iterations().subList(1, 5)) {
            assertEquals(TrainingExamples.offline(largeMargin), r.examples());
        }
    }

    @Test
    void spinPrefersTheTeacherWithoutAnnotating() {
        AlignmentReport report = SpinExample.run(ExampleWorld.tiny(), tmp.resolve("spin"));
        assertRun(report, "spin", 3);
        for (IterationReport r : report.iterations().subList(1, 4)) {
            assertNull(r.statistics(), "SPIN does not annotate its samples");
            assertTrue(r.examples().newPairs() > 0, r.step() + " has teacher-over-student pairs");
        }
    }

    @Test
    void dnoBuildsAnnotatedPairsEveryIteration() {
        AlignmentReport report = DnoExample.run(ExampleWorld.tiny(), tmp.resolve("dno"));
        assertRun(report, "dno", 3);
        for (int t = 1; t <= 3; t++) {
            IterationReport r = report.iterations().get(t);
            assertNotNull(r.statistics(), "DNO annotates its samples");
            assertEquals(t - 1, r.statistics().iteration(), "iteration t samples the paper's round t-1");
            assertEquals(TRAIN_PROMPTS / 3, r.statistics().inputs(), "one of 3 disjoint prompt partitions");
            assertEquals(r.examples().newPairs(), r.statistics().newPairs().values().stream().mapToInt(i -> i).sum());
        }
        assertTrue(report.iterations().stream().mapToInt(r -> r.examples().newPairs()).sum() > 0,
                "the iterations built pairs to train on");
    }

    @Test
    void dnoRestrictiveKeepsOnlyTeacherWins() {
        AlignmentReport report = DnoRestrictiveExample.run(ExampleWorld.tiny(), tmp.resolve("dno-restrictive"));
        assertRun(report, "dno_restrictive", 3);
        for (IterationReport r : report.iterations().subList(1, 4)) {
            Map<PairKind, Integer> kinds = r.statistics().newPairs();
            assertEquals(Map.of(PairKind.TEACHER_OVER_STUDENT, r.examples().newPairs(),
                    PairKind.STUDENT_OVER_TEACHER, 0, PairKind.STUDENT_OVER_STUDENT, 0, PairKind.TEACHER_OVER_TEACHER, 0,
                    PairKind.OFFLINE, 0), kinds, r.step());
        }
    }

    @Test
    void dnoLookaheadRetrainsOnEveryIterationsPairs() {
        AlignmentReport report = DnoLookaheadExample.run(ExampleWorld.tiny(), tmp.resolve("dno-lookahead"));
        assertRun(report, "dno_lookahead", 3);
        assertNotNull(report.lookahead(), "Lookahead adds a retraining after the iterations");
        int fresh = report.iterations().subList(1, 4).stream().mapToInt(r -> r.examples().newPairs()).sum();
        assertEquals(TrainingExamples.onPolicy(fresh, 0), report.lookahead().examples());
        assertEquals(HELD_OUT_PROMPTS, report.lookahead().evaluation().judged());
    }

    @Test
    void pairRulesExampleBuildsEveryKindOfPairAndItsStatistics() {
        PairRulesExample.Report report = PairRulesExample.run();
        assertEquals(Map.of(PairKind.TEACHER_OVER_STUDENT, 2, PairKind.STUDENT_OVER_TEACHER, 1,
                PairKind.STUDENT_OVER_STUDENT, 2, PairKind.TEACHER_OVER_TEACHER, 0, PairKind.OFFLINE, 0),
                report.statistics().newPairs());
        assertEquals(5, report.training().size(), "no earlier iterations: nothing replayed");
        assertEquals(1.0, report.statistics().bestOfNWinRate(), "the student's '42' (6) beats the teacher (5)");
        PreferencePair studentWins = report.training().stream()
                .filter(p -> p.kind() == PairKind.STUDENT_OVER_TEACHER).findFirst().orElseThrow();
        assertEquals("42", studentWins.chosen().text());
        assertEquals(1.0, studentWins.margin(), "a student positive needs a margin of only 1");
        assertTrue(report.training().stream().noneMatch(p -> p.chosen().text().equals("42 42 42 42 42 42")),
                "repeated n-grams are never chosen, whatever their score");
    }

    @Test
    void peftExperimentComparesFullLoraAndQloraWithTheBaseFrozen() {
        PeftReport report = PeftExperiment.run(2, 2, 2, tmp.resolve("peft"));
        assertEquals(75_328, report.base().parameters());
        List<String> stages = report.rows().stream().map(r -> r.method() + " " + r.stage()).toList();
        assertEquals(List.of("FULL SFT", "FULL DPO", "LORA SFT", "LORA DPO", "QLORA BASE", "QLORA SFT", "QLORA DPO"),
                stages);
        for (PeftReport.Row r : report.rows()) {
            assertAll(r.method() + " " + r.stage(),
                    () -> assertTrue(r.reverse().exact() >= 0 && r.reverse().exact() <= 1),
                    () -> assertTrue(r.retained().token() > 0 && r.retained().token() <= 1),
                    () -> assertEquals(r.stage() == Stage.DPO, r.rewardAccuracy().isPresent()),
                    () -> assertEquals(r.stage() != Stage.BASE, r.loss().isPresent() && r.seconds().isPresent()));
        }
        for (Stage stage : List.of(Stage.SFT, Stage.DPO)) {
            PeftReport.Row full = row(report, Method.FULL, stage);
            PeftReport.Row lora = row(report, Method.LORA, stage);
            PeftReport.Row qlora = row(report, Method.QLORA, stage);
            assertEquals(report.base().parameters(), full.trainableParameters());
            assertTrue(full.baseWeightChange() > 0, "full fine-tuning moves the weights");
            assertEquals(0.0, lora.baseWeightChange(), "LoRA's " + stage + " leaves the base frozen");
            assertEquals(0.0, qlora.baseWeightChange(), "QLoRA's " + stage + " leaves the base frozen");
            // r 8 on all seven projections of 2 layers (d 64, kv 32, MLP 128)
            assertEquals(16_384, lora.trainableParameters());
            assertEquals(16_384, qlora.trainableParameters());
            assertEquals(full.residentBytes() + 4 * lora.trainableParameters(), lora.residentBytes(),
                    "LoRA holds the float32 base plus its adapter");
            assertTrue(qlora.residentBytes() < full.residentBytes() / 2, "QLoRA holds the projections in 4 bits");
        }
        String table = report.table();
        assertEquals(2 + report.rows().size(), table.lines().count(), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("QLORA  base          -")), table);
    }

    @Test
    void dtmExperimentScoresTheBaseTheMergesAndEachSubModel() throws Exception {
        Path out = tmp.resolve("dtm");
        DtmReport report = DtmExperiment.withArguments("--out", out.toString(), "--k", "2", "--pretrain-per-family",
                "8", "--pretrain-epochs", "1", "--sft-per-family", "6", "--sft-epochs", "1", "--test-per-family", "3",
                "--hidden-size", "16", "--layers", "1").run();
        List<String> names = report.models().stream().map(DtmReport.Model::name).toList();
        assertEquals(List.of("base", "single", "uniform-soup", "dtm", "sub-1", "sub-2"), names);
        assertEquals(2, report.portionSizes().size());
        assertEquals(3 * 6, report.portionSizes().stream().mapToInt(i -> i).sum(), "the portions split all the data");
        for (DtmReport.Model m : report.models()) {
            for (String family : List.of("add", "rev", "sort", "copy", "instructions")) {
                assertTrue(m.accuracy(family) >= 0 && m.accuracy(family) <= 1, m.name() + " " + family);
                assertTrue(m.nll(family) > 0 && Double.isFinite(m.nll(family)), m.name() + " " + family);
            }
        }
        assertEquals(0.0, report.nllTax("base"));
        for (DtmReport.Model sub : report.subModels()) {
            assertNotEquals(sub.metrics(), report.model("dtm").metrics(), "the merge is not a copy of " + sub.name());
        }
        for (String model : List.of("base", "single", "soup", "dtm", "sub-1", "sub-2")) {
            Path dir = model.equals("base") ? out.resolve("base") : out.resolve("work").resolve(model);
            assertTrue(Files.isRegularFile(dir.resolve(CheckpointDir.CONFIG)), dir + " has no checkpoint");
        }
        JsonNode json = Json.mapper().readTree(out.resolve("results.json").toFile());
        List<String> written = new ArrayList<>();
        json.fieldNames().forEachRemaining(written::add);
        List<String> expected = new ArrayList<>(names);
        expected.add("wall_seconds");
        assertEquals(expected, written);
        assertEquals(report.model("dtm").nll("copy"), json.get("dtm").get("nll/copy").asDouble());
        assertEquals(2 + names.size() + 2, Files.readAllLines(out.resolve("results.md")).size(),
                "header, separator, one row per model, a blank line and the portion sizes");
    }

    /**
     * What every strategy's report shows: its name, the initial policy and {@code iterations} trained iterates, each
     * evaluated against the same teacher on every held-out prompt, the best of them chosen on those prompts, and
     * report.md in the run directory.
     */
    private static void assertRun(AlignmentReport report, String strategy, int iterations) {
        assertEquals(strategy, report.strategy());
        assertEquals(iterations + 1, report.iterations().size(), "iteration 0 (the initial policy) and the iterates");
        double teacherScore = report.iterations().get(0).evaluation().meanTeacherScore();
        for (IterationReport r : report.steps()) {
            Evaluation e = r.evaluation();
            assertNotNull(e, r.step() + " is evaluated");
            assertEquals(HELD_OUT_PROMPTS, e.prompts(), r.step());
            assertEquals(HELD_OUT_PROMPTS, e.judged(), r.step() + ": the rule scores every held-out answer");
            assertTrue(e.meanScore() >= 1 && e.meanScore() <= 6, r.step() + " mean score " + e.meanScore());
            assertEquals(teacherScore, e.meanTeacherScore(), r.step() + ": the teacher's answers do not change");
            assertEquals(r.iteration() == 0, r.training() == null, r.step() + ": every iterate after 0 trained");
        }
        int best = 0;                                                       // the first iterate of the highest win rate
        for (IterationReport r : report.iterations()) {
            double bestWinRate = report.iterations().get(best).evaluation().winRate();
            best = r.evaluation().winRate() > bestWinRate ? r.iteration() : best;
        }
        assertEquals(BestIterate.SelectedOn.EVALUATION, report.best().selectedOn(), "no validation prompts given");
        assertEquals(best, report.best().iteration().orElseThrow());
        assertEquals(report.iterations().get(best).evaluation().winRate(), report.best().winRate());
        assertTrue(Files.isRegularFile(Path.of(report.runDirectory()).resolve("report.md")));
    }

    private static PeftReport.Row row(PeftReport report, Method method, Stage stage) {
        return report.rows(method).stream().filter(r -> r.stage() == stage).findFirst().orElseThrow();
    }
}
