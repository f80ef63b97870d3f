package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.RunListener;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.loop.InProcessEngine;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StageEngine;
import io.dno.core.train.StepMetrics;
import io.dno.cli.quickstart.QuickstartSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The miniature reproduction of the DNO paper's comparisons: for each seed, one SFT-initialised student, then
 * every method under the same budget; writes {@code results.json}, {@code report.md} and {@code plots/}.
 */
public final class Quickstart {
    /**
     * Stage events of one seed's 5 runs, for the progress bar; with the SFT initialiser's optimiser steps, one bar
     * unit each. An estimate: the bar may end early (a resumed seed skips its SFT).
     */
    private static final int STAGES_PER_SEED = 70;

    private final QuickstartOptions options;
    private final Path out;
    private final String command;
    private final Function<QuickstartSetup, StageEngine> engines;

    public Quickstart(QuickstartOptions options, Path out, String command) {
        this(options, out, command, setup -> InProcessEngine.INSTANCE);
    }

    /** As above, each seed's runs on the engine {@code engines} gives for its world (e.g. Spark with its judge). */
    public Quickstart(QuickstartOptions options, Path out, String command,
                      Function<QuickstartSetup, StageEngine> engines) {
        this.options = options;
        this.out = out;
        this.command = command;
        this.engines = engines;
    }

    /** Runs (or resumes) every seed and writes the outputs; returns results.json's content. */
    public ObjectNode run() {
        long start = System.nanoTime();
        List<SeedResult> seeds = new ArrayList<>();
        List<QuickstartSetup> setups = new ArrayList<>();
        for (long seed : options.seeds()) {
            setups.add(QuickstartSetup.create(seed, options.pools(), options.teacherAccuracy(), options.judgeNoise(),
                    options.lengthBias(), options.student()).withLearningRate(options.learningRate()));
        }
        long units = setups.stream().mapToLong(s -> STAGES_PER_SEED + s.initialStudentSteps()).sum();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("quickstart").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(units).setUpdateIntervalMillis(2000).continuousUpdate().build()) {
            for (QuickstartSetup setup : setups) {
                long seed = setup.seed();
                long sftSteps = setup.initialStudentSteps();
                RunListener progress = new RunListener() {
                    @Override
                    public void onStageEnd(String step, Stage stage, double seconds, boolean resumed) {
                        bar.step();
                        bar.setExtraMessage("seed " + seed + " " + step + " " + stage.label());
                    }

                    @Override
                    public void onTrainingStep(String step, StepMetrics metrics) {
                        if (step.equals(SeedRun.INIT)) {                // the alignment runs move by stages
                            bar.step();
                            bar.setExtraMessage("seed " + seed + " SFT " + metrics.step() + "/" + sftSteps);
                        }
                    }
                };
                bar.setExtraMessage("seed " + seed + ": SFT initialiser");
                seeds.add(new SeedRun(setup, out.resolve("seed-" + seed), progress, engines.apply(setup)).run());
            }
            bar.stepTo(bar.getMax());
        }
        ObjectNode results = Results.build(options, seeds);
        Json.write(out.resolve("results.json"), results);
        Plots.write(results, out.resolve("plots"));
        AtomicFiles.writeString(out.resolve("report.md"),
                ResultsReport.markdown(results, command, seeds, (System.nanoTime() - start) / 1e9));
        return results;
    }
}
