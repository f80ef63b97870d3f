package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** PNG plots of results.json (XChart, headless), each written atomically into {@code plots/}. */
final class Plots {
    private Plots() {}

    static void write(JsonNode results, Path dir) {
        System.setProperty("java.awt.headless", "true");
        perIteration(results, "win_rate", "Win rate against the teacher (judge)", dir.resolve("win_rate.png"));
        perIteration(results, "accuracy", "True accuracy (oracle)", dir.resolve("accuracy.png"));
        perIteration(results, "blind_accuracy", "True accuracy on the teacher's blind class (oracle)",
                dir.resolve("blind_accuracy.png"));
        perIteration(results, "length", "Answer length (characters)", dir.resolve("length.png"));
        pairKinds(results, dir.resolve("pair_kinds.png"));
    }

    private static void perIteration(JsonNode results, String metric, String title, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("iteration")
                .yAxisTitle(metric).build();
        results.get("methods").fields().forEachRemaining(e -> {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (JsonNode it : e.getValue().get("iterations")) {
                x.add(it.get("iteration").asDouble());
                y.add(it.get(metric).asDouble());
            }
            if (e.getKey().equals("sft")) {                       // one point: draw it as a flat reference line
                x.add(3.0);
                y.add(y.get(0));
            }
            chart.addSeries(e.getValue().get("title").asText(), x, y);
        });
        save(chart, file);
    }

    private static void pairKinds(JsonNode results, Path file) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
                .title("New pairs per iteration by kind (DNO and DNO-Restrictive)").xAxisTitle("run, iteration")
                .yAxisTitle("pairs").build();
        chart.getStyler().setStacked(true);
        List<String> labels = new ArrayList<>();
        List<List<Double>> byKind = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> kinds = List.of("T>S", "S>T", "S>S");
        for (String key : List.of("dno_restrictive", "dno")) {
            for (JsonNode it : results.get("methods").get(key).get("iterations")) {
                if (it.get("new_pairs").isEmpty()) {
                    continue;
                }
                labels.add((key.equals("dno") ? "DNO " : "Restr. ") + it.get("iteration").asInt());
                for (int k = 0; k < kinds.size(); k++) {
                    byKind.get(k).add(it.get("new_pairs").path(kinds.get(k)).asDouble());
                }
            }
        }
        if (labels.isEmpty()) {
            return;
        }
        for (int k = 0; k < kinds.size(); k++) {
            chart.addSeries(kinds.get(k), labels, byKind.get(k));
        }
        save(chart, file);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        AtomicFiles.write(file, out -> out.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }
}
