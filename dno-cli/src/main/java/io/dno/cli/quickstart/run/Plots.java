package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of results.json (XChart, headless), each written atomically into {@code plots/}. Per metric: one line per
 * method (the mean over seeds) in the Okabe-Ito colour-blind-safe palette, a translucent band of ± one standard
 * deviation over seeds around it (teacher: 10 %), the teacher as a dashed black line (win rate: 0.5, the teacher against itself with
 * ties counted half; other metrics: results.json's {@code teacher} value when it has one), and integer iteration ticks.
 */
final class Plots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Color TEACHER = Color.BLACK;
    /** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
    private static final Map<String, Color> METHOD_COLOURS = Map.of(
            "sft", new Color(0x99, 0x99, 0x99),
            "sft_positives", new Color(0xE6, 0x9F, 0x00),
            "rft_teacher", new Color(0x44, 0x44, 0x44),                 // the extra baseline: dark grey, not a palette hue
            "offline_dpo", new Color(0x56, 0xB4, 0xE9),
            "spin", new Color(0x00, 0x9E, 0x73),
            "dno_restrictive", new Color(0xCC, 0x79, 0xA7),
            "dno", new Color(0x00, 0x72, 0xB2),
            "dno_lookahead", new Color(0xD5, 0x5E, 0x00));
    private static final List<Color> PAIR_KIND_COLOURS = List.of(new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x72, 0xB2),
            new Color(0x00, 0x9E, 0x73));
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);

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
        save(perIterationChart(results, metric, title), file);
    }

    /** The chart of {@code metric} per iteration: method lines and bands, the teacher, integer ticks. */
    static XYChart perIterationChart(JsonNode results, String metric, String title) {
        int seeds = results.path("seeds").size();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title + (seeds > 1 ? " — mean ± sd over " + seeds + " seeds" : "")).xAxisTitle("iteration")
                .yAxisTitle(metric.replace('_', ' ')).build();
        int lastIteration = 0;
        for (JsonNode method : results.get("methods")) {
            for (JsonNode it : method.get("iterations")) {
                lastIteration = Math.max(lastIteration, it.get("iteration").asInt());
            }
        }
        integerIterationAxis(chart, lastIteration);
        List<Runnable> lines = new ArrayList<>();                            // bands first, so lines draw over them
        for (Iterator<Map.Entry<String, JsonNode>> it = results.get("methods").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Color colour = METHOD_COLOURS.getOrDefault(e.getKey(), Color.DARK_GRAY);
            List<Double> x = new ArrayList<>();
            List<Double> mean = new ArrayList<>();
            List<Double> sd = new ArrayList<>();
            for (JsonNode point : e.getValue().get("iterations")) {
                x.add(point.get("iteration").asDouble());
                mean.add(point.get(metric).asDouble());
                sd.add(point.path(metric + "_sd").asDouble(0));
            }
            if (x.size() == 1 && x.get(0) == 0) {                             // the initialiser: a flat reference line
                x.add((double) lastIteration);
                mean.add(mean.get(0));
                sd.add(sd.get(0));
            }
            band(chart, e.getKey() + " ± sd", x, mean, sd, colour);
            String name = e.getValue().get("title").asText();
            lines.add(() -> {
                XYSeries line = chart.addSeries(name, x, mean);
                line.setLineColor(colour);
                line.setMarkerColor(colour);
                line.setMarker(SeriesMarkers.CIRCLE);
                line.setLineStyle(new BasicStroke(2.2f));
            });
        }
        teacher(results, metric, chart, lastIteration);
        lines.forEach(Runnable::run);
        return chart;
    }

    /** The teacher's level: 0.5 for the win rate (against itself, ties half), else results.json's teacher value. */
    private static void teacher(JsonNode results, String metric, XYChart chart, int lastIteration) {
        JsonNode teacher = results.path("teacher");
        double level;
        double sd = teacher.path(metric + "_sd").asDouble(0);
        if (metric.equals("win_rate")) {
            level = 0.5;
        } else if (teacher.path(metric).isNumber()) {
            level = teacher.get(metric).asDouble();
        } else {
            return;
        }
        List<Double> x = List.of(0.0, (double) lastIteration);
        band(chart, "teacher ± sd", x, List.of(level, level), List.of(sd, sd), TEACHER);
        XYSeries line = chart.addSeries(metric.equals("win_rate") ? "Teacher (0.5: itself, ties half)" : "Teacher", x,
                List.of(level, level));
        line.setLineColor(TEACHER);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(DASHED);
    }

    /** A filled polygon from mean + sd forward to mean - sd back, in {@code colour} at 20 % opacity (teacher 10 %). */
    private static void band(XYChart chart, String name, List<Double> x, List<Double> mean, List<Double> sd,
                             Color colour) {
        if (sd.stream().allMatch(s -> s == 0 || Double.isNaN(s))) {
            return;
        }
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            px.add(x.get(i));
            py.add(mean.get(i) + sd.get(i));
        }
        for (int i = x.size() - 1; i >= 0; i--) {
            px.add(x.get(i));
            py.add(mean.get(i) - sd.get(i));
        }
        XYSeries band = chart.addSeries(name, px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color translucent = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), colour == TEACHER ? 26 : 51);
        band.setFillColor(translucent);
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }

    /**
     * Ticks at 0, 1, ..., {@code last} only: the spacing hint leaves at least one iteration's width between ticks, so
     * the axis never picks a step below 1, and the labels print whole numbers.
     */
    private static void integerIterationAxis(XYChart chart, int last) {
        chart.getStyler().setXAxisMin(-0.2).setXAxisMax(last + 0.2);
        chart.getStyler().setXAxisTickMarkSpacingHint((WIDTH - 330) / (last + 1));
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
    }

    private static void pairKinds(JsonNode results, Path file) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("New pairs per iteration by kind (DNO and DNO-Restrictive)").xAxisTitle("run, iteration")
                .yAxisTitle("pairs").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setSeriesColors(PAIR_KIND_COLOURS.toArray(new Color[0]));
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
