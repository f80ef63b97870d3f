package io.dno.cli.nash;

import io.dno.cli.nash.NashResult.GameResult;
import io.dno.cli.nash.NashResult.IterationResult;
import io.dno.cli.nash.NashResult.MethodResult;
import io.dno.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The Nash check as one PNG of four XChart panels (headless), written atomically: rock-paper-scissors' distance to
 * the minimax winner (DNO's mixture and last iterate, offline DPO, the exact soft-policy iteration), DNO's last
 * iterate per move (the cycle), each iterate's win rate over the previous one, and the transitive control.
 */
final class NashPlot {
    private NashPlot() {}

    static void write(NashResult result, Path file) {
        System.setProperty("java.awt.headless", "true");
        GameResult rps = result.games().get(Game.CYCLIC.key());
        GameResult transitive = result.games().get(Game.TRANSITIVE.key());
        List<XYChart> charts = List.of(
                distance(rps, "Rock-paper-scissors: distance to the minimax winner (uniform)"),
                moves(rps.methods().get("dno")),
                winRates(rps),
                distance(transitive, "Transitive control: distance to the minimax winner (S)"));
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 2, 2, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static XYChart distance(GameResult game, String title) {
        XYChart chart = chart(title, "total-variation distance");
        MethodResult dno = game.methods().get("dno");
        MethodResult dpo = game.methods().get("dpo");
        chart.addSeries("DNO mixture", axis(dno.tvToNash().size()), dno.tvToNash());
        chart.addSeries("DNO last iterate", axis(dno.tvLast().size()), dno.tvLast());
        chart.addSeries("offline DPO", axis(dpo.tvLast().size()), dpo.tvLast());
        chart.addSeries("exact SPI mixture", axis(game.softPolicyIteration().size()), game.softPolicyIteration());
        return chart;
    }

    private static XYChart moves(MethodResult dno) {
        XYChart chart = chart("Rock-paper-scissors: DNO's last iterate per move", "probability");
        List<IterationResult> its = dno.iterations();
        for (String move : Game.MOVES) {
            chart.addSeries("pi_t(" + move + ")", axis(its.size()), its.stream().map(it -> it.policy().get(move)).toList());
        }
        return chart;
    }

    private static XYChart winRates(GameResult game) {
        XYChart chart = chart("Rock-paper-scissors: P(pi_t beats pi_t-1)", "win rate");
        for (String method : List.of("dno", "dpo")) {
            List<IterationResult> its = game.methods().get(method).iterations().subList(1,
                    game.methods().get(method).iterations().size());
            chart.addSeries(method.equals("dno") ? "DNO" : "offline DPO",
                    its.stream().map(it -> (double) it.iteration()).toList(),
                    its.stream().map(IterationResult::winRateVsPrevious).toList());
        }
        int n = game.methods().get("dno").iterations().size() - 1;
        chart.addSeries("1/2 (a tie)", List.of(1.0, (double) Math.max(1, n)), List.of(0.5, 0.5));
        return chart;
    }

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(700).height(460).title(title).xAxisTitle("iteration t")
                .yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    private static List<Double> axis(int n) {
        return IntStream.range(0, n).mapToDouble(i -> i).boxed().collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
    }
}
