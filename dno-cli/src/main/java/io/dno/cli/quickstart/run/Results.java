package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code results.json}: every number of the experiment, means over seeds with their spread (sample standard
 * deviation), per method and iteration, the gates first. Holds no wall-clock time, so the same seeds give the
 * same file.
 */
final class Results {
    private Results() {}

    static ObjectNode build(QuickstartOptions options, List<SeedResult> seeds) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("settings", Json.mapper().valueToTree(options.settings()));
        ArrayNode seedList = root.putArray("seeds");
        seeds.forEach(s -> seedList.add(s.seed()));
        Map<String, Gate> gates = Gates.of(seeds);
        root.set("gates", Json.mapper().valueToTree(gates));
        root.put("conclusive", gates.values().stream().allMatch(Gate::passed));
        ObjectNode teacher = root.putObject("teacher");
        Summary t = Summary.of(seeds.stream().map(SeedResult::teacherAccuracy).toList());
        teacher.put("accuracy", t.mean());
        teacher.put("accuracy_sd", t.sd());
        teacher.put("blind_accuracy", Summary.of(seeds.stream().map(s -> s.teacherBlind().share()).toList()).mean());
        teacher.put("other_accuracy", Summary.of(seeds.stream().map(s -> s.teacherOther().share()).toList()).mean());
        teacher.put("blind_share", Summary.of(seeds.stream().map(s -> s.teacherBlind().total()
                / (double) s.teacher().total()).toList()).mean());
        ObjectNode methods = Json.mapper().createObjectNode();
        for (Method m : Method.all()) {
            methods.set(m.key(), method(m, seeds));
        }
        root.set("acceptance", Json.mapper().valueToTree(Acceptance.of(root.get("teacher"), methods)));
        root.set("methods", methods);
        return root;
    }

    private static ObjectNode method(Method m, List<SeedResult> seeds) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("title", m.title());
        node.put("selection", m.selects() ? "best iterate on the validation prompts (win rate against the teacher)"
                : m == Method.SFT ? "the initialiser" : "the one retrained model");
        List<MethodRun> runs = seeds.stream().map(s -> s.methods().get(m)).toList();
        summarise(node, "final", "spread", runs.stream().map(MethodRun::finalIterate).toList());
        node.put("final_iteration_mean", Summary.of(runs.stream()
                .map(r -> (double) r.finalIterate().iteration()).toList()).mean());
        summarise(node, "last", "last_spread", runs.stream().map(MethodRun::last).toList());
        ArrayNode iterations = node.putArray("iterations");
        int count = runs.stream().mapToInt(r -> r.iterates().size()).min().orElse(0);
        for (int i = 0; i < count; i++) {
            int index = i;
            List<IterationMeasure> at = runs.stream().map(r -> r.iterates().get(index)).toList();
            ObjectNode it = iterations.addObject();
            it.put("iteration", at.get(0).iteration());
            metrics().forEach((name, f) -> {
                Summary s = Summary.of(at.stream().map(x -> f.applyAsDouble(x)).toList());
                it.put(name, s.mean());
                it.put(name + "_sd", s.sd());
            });
            it.set("new_pairs", Json.mapper().valueToTree(meanOf(at.stream().map(x -> toDoubles(x.newPairs()))
                    .toList())));
            double stShare = Summary.of(at.stream().map(IterationMeasure::stShare).toList()).mean();
            if (Double.isNaN(stShare)) {
                it.putNull("st_share");                     // no new pairs (the initialiser, the offline baselines)
            } else {
                it.put("st_share", stShare);
            }
            it.put("st_real", Summary.of(at.stream().map(x -> (double) x.stReal()).toList()).mean());
            it.put("st_format", Summary.of(at.stream().map(x -> (double) x.stFormat()).toList()).mean());
            it.set("table2", Json.mapper().valueToTree(meanOf(at.stream().map(IterationMeasure::table2).toList())));
            List<TrainingEnd> ends = at.stream().map(IterationMeasure::training).filter(Objects::nonNull).toList();
            if (!ends.isEmpty()) {
                ObjectNode training = it.putObject("training");
                training.put("steps", Summary.of(ends.stream().map(e -> (double) e.steps()).toList()).mean());
                training.put("loss", Summary.of(ends.stream().map(TrainingEnd::loss).toList()).mean());
                training.put("reward_accuracy", Summary.of(ends.stream().map(TrainingEnd::rewardAccuracy).toList())
                        .mean());
            }
        }
        ArrayNode bySeed = node.putArray("by_seed");
        for (SeedResult s : seeds) {
            ObjectNode one = bySeed.addObject();
            one.put("seed", s.seed());
            MethodRun run = s.methods().get(m);
            one.put("final_iteration", run.finalIterate().iteration());
            metrics().forEach((name, fn) -> one.put(name, fn.applyAsDouble(run.finalIterate())));
            ObjectNode last = one.putObject("last");
            metrics().forEach((name, fn) -> last.put(name, fn.applyAsDouble(run.last())));
        }
        return node;
    }

    private static void summarise(ObjectNode node, String meanKey, String sdKey, List<IterationMeasure> measures) {
        ObjectNode mean = node.putObject(meanKey);
        ObjectNode sd = node.putObject(sdKey);
        metrics().forEach((name, f) -> {
            Summary s = Summary.of(measures.stream().map(x -> f.applyAsDouble(x)).toList());
            mean.put(name, s.mean());
            sd.put(name, s.sd());
        });
    }

    static Map<String, ToDoubleFunction<IterationMeasure>> metrics() {
        Map<String, ToDoubleFunction<IterationMeasure>> m = new LinkedHashMap<>();
        m.put("accuracy", IterationMeasure::accuracy);
        m.put("blind_accuracy", IterationMeasure::blindAccuracy);
        m.put("other_accuracy", IterationMeasure::otherAccuracy);
        m.put("win_rate", IterationMeasure::winRate);
        m.put("lc_win_rate", IterationMeasure::lcWinRate);
        m.put("score", IterationMeasure::score);
        m.put("teacher_score", IterationMeasure::teacherScore);
        m.put("length", IterationMeasure::length);
        m.put("validation_win_rate", IterationMeasure::validationWinRate);
        return m;
    }

    private static Map<String, Double> toDoubles(Map<String, Integer> counts) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, v.doubleValue()));
        return out;
    }

    private static Map<String, Double> meanOf(List<Map<String, Double>> maps) {
        Set<String> keys = new LinkedHashSet<>();
        maps.forEach(x -> keys.addAll(x.keySet()));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : keys) {
            List<Double> values = new ArrayList<>();
            maps.forEach(x -> values.add(x.getOrDefault(k, Double.NaN)));
            out.put(k, Summary.of(values).mean());
        }
        return out;
    }
}
