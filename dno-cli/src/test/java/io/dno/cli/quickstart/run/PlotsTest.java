package io.dno.cli.quickstart.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.Json;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The plots show the teacher, a band of ± sd over seeds per method, and every method in its own colour. */
class PlotsTest {
    private static final List<String> METHODS = List.of("sft", "sft_positives", "offline_dpo", "spin",
            "dno_restrictive", "dno", "dno_lookahead");

    @Test
    void winRateShowsTheTeacherAtOneHalfAndABandPerMethod() {
        XYChart chart = Plots.perIterationChart(results(), "win_rate", "Win rate");

        XYSeries teacher = chart.getSeriesMap().get("Teacher (0.5: itself, ties half)");
        assertTrue(teacher != null, "series: " + chart.getSeriesMap().keySet());
        for (double y : teacher.getYData()) {
            assertEquals(0.5, y);
        }
        for (String method : METHODS) {
            XYSeries band = chart.getSeriesMap().get(method + " ± sd");
            assertTrue(band != null, method + " has a band");
            assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
            assertTrue(!band.isShowInLegend());
        }
        XYSeries dno = chart.getSeriesMap().get("DNO");
        XYSeries dnoBand = chart.getSeriesMap().get("dno ± sd");
        assertEquals(0.30 + 0.05, dnoBand.getYData()[1], 1e-12, "upper edge: mean + sd");
        assertEquals(0.30 - 0.05, dnoBand.getYData()[dnoBand.getYData().length - 2], 1e-12, "lower edge: mean - sd");
        assertEquals(4, dno.getXData().length);
    }

    @Test
    void accuracyShowsTheTeachersAccuracyAndEveryMethodInItsOwnColour() {
        XYChart chart = Plots.perIterationChart(results(), "accuracy", "Accuracy");
        XYSeries teacher = chart.getSeriesMap().get("Teacher");
        assertEquals(0.75, teacher.getYData()[0]);
        assertTrue(chart.getSeriesMap().containsKey("teacher ± sd"));

        Set<Color> colours = new HashSet<>();
        for (Method m : Method.all()) {
            colours.add(chart.getSeriesMap().get(m.title()).getLineColor());
        }
        colours.add(teacher.getLineColor());
        assertEquals(Method.all().size() + 1, colours.size(), "one distinct colour per method and the teacher's: "
                + colours);

        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        Set<Integer> drawn = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                drawn.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        for (Color c : colours) {
            assertTrue(drawn.contains(c.getRGB() & 0xFFFFFF), "colour " + c + " appears in the image");
        }
    }

    /** Three seeds' worth of results.json, as Results.build writes it. */
    private static ObjectNode results() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putArray("seeds").add(1).add(2).add(3);
        root.putObject("teacher").put("accuracy", 0.75).put("accuracy_sd", 0.02);
        ObjectNode methods = root.putObject("methods");
        for (Method m : Method.all()) {
            ObjectNode method = methods.putObject(m.key());
            method.put("title", m.title());
            ArrayNode iterations = method.putArray("iterations");
            List<Integer> steps = m == Method.SFT ? List.of(0) : m == Method.DNO_LOOKAHEAD ? List.of(4)
                    : m == Method.SFT_POSITIVES || m == Method.OFFLINE_DPO ? List.of(0, 1, 2, 3, 4) : List.of(0, 1, 2, 3);
            for (int step : steps) {
                double level = 0.2 + 0.1 * m.ordinal() / 7 + 0.1 * step / 4;
                ObjectNode it = iterations.addObject().put("iteration", step);
                it.put("win_rate", m == Method.DNO && step == 1 ? 0.30 : level).put("win_rate_sd", 0.05);
                it.put("accuracy", level + 0.1).put("accuracy_sd", 0.03);
                it.put("length", 10 + step).put("length_sd", 1.0);
                it.putObject("new_pairs");
            }
        }
        return root;
    }
}
