package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code results.json}: every number of the experiment, means over seeds with their spread (sample standard
 * deviation), per method and iteration. Holds no wall-clock time, so the same seeds give the same file.
 */
final class Results {
    private Results() {}

    static ObjectNode build(QuickstartOptions options, List<SeedResult> seeds) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("settings", Json.mapper().valueToTree(options.settings()));
        ArrayNode seedList = root.putArray("seeds");
        seeds.forEach(s -> seedList.add(s.seed()));
        ObjectNode teacher = root.putObject("teacher");
        Summary t = Summary.of(seeds.stream().map(SeedResult::teacherAccuracy).toList());
        teacher.put("accuracy", t.mean());
        teacher.put("accuracy_sd", t.sd());
        ObjectNode methods = root.putObject("methods");
        for (Method m : Method.all()) {
            methods.set(m.key(), method(m, seeds));
        }
        return root;
    }

    private static ObjectNode method(Method m, List<SeedResult> seeds) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("title", m.title());
        List<IterationMeasure> finals = seeds.stream().map(s -> last(s.methods().get(m))).toList();
        ObjectNode fin = node.putObject("final");
        ObjectNode spread = node.putObject("spread");
        metrics().forEach((name, f) -> {
            Summary s = Summary.of(finals.stream().map(x -> f.applyAsDouble(x)).toList());
            fin.put(name, s.mean());
            spread.put(name, s.sd());
        });
        ArrayNode iterations = node.putArray("iterations");
        int count = seeds.stream().mapToInt(s -> s.methods().get(m).size()).min().orElse(0);
        for (int i = 0; i < count; i++) {
            int index = i;
            List<IterationMeasure> at = seeds.stream().map(s -> s.methods().get(m).get(index)).toList();
            ObjectNode it = iterations.addObject();
            it.put("iteration", at.get(0).iteration());
            metrics().forEach((name, f) -> {
                Summary s = Summary.of(at.stream().map(x -> f.applyAsDouble(x)).toList());
                it.put(name, s.mean());
                it.put(name + "_sd", s.sd());
            });
            it.set("new_pairs", Json.mapper().valueToTree(meanOf(at.stream().map(x -> toDoubles(x.newPairs()))
                    .toList())));
            it.set("table2", Json.mapper().valueToTree(meanOf(at.stream().map(IterationMeasure::table2).toList())));
        }
        ArrayNode bySeed = node.putArray("by_seed");
        for (SeedResult s : seeds) {
            ObjectNode one = bySeed.addObject();
            one.put("seed", s.seed());
            IterationMeasure f = last(s.methods().get(m));
            metrics().forEach((name, fn) -> one.put(name, fn.applyAsDouble(f)));
        }
        return node;
    }

    static Map<String, ToDoubleFunction<IterationMeasure>> metrics() {
        Map<String, ToDoubleFunction<IterationMeasure>> m = new LinkedHashMap<>();
        m.put("accuracy", IterationMeasure::accuracy);
        m.put("win_rate", IterationMeasure::winRate);
        m.put("lc_win_rate", IterationMeasure::lcWinRate);
        m.put("score", IterationMeasure::score);
        m.put("length", IterationMeasure::length);
        return m;
    }

    static IterationMeasure last(List<IterationMeasure> list) {
        return list.get(list.size() - 1);
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
