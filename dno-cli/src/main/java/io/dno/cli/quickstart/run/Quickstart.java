package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.AlignmentReport;
import io.dno.core.RunListener;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.loop.InProcessEngine;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StageEngine;
import io.dno.core.train.StepMetrics;
import io.dno.cli.quickstart.QuickstartSetup;
import io.dno.cli.quickstart.judge.RubricAnnotator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The miniature reproduction of the DNO paper's comparisons: for each seed, one SFT-initialised student (and the
 * clean-label student of gate G1), then every method under the same budget; writes {@code results.json},
 * {@code report.md} and {@code plots/}. The tasks of all seeds run on {@code workers} threads, each with one
 * PyTorch intra-op thread (the student is far too small for an operation to gain from two).
 */
public final class Quickstart {
    /**
     * Stage events of one seed's six runs at 3 iterations (DNO 23 with Lookahead, DNO-Restrictive 19, SPIN 16, the
     * three offline baselines 11 each), for the progress bar, where the two SFT students' optimiser steps count one
     * unit each; other iteration counts (or a resumed seed) make it an estimate.
     */
    private static final int STAGES_PER_SEED = 91;

    private final QuickstartOptions options;
    private final Path out;
    private final String command;
    private final Path reuseFrom;
    private final Function<RubricAnnotator, StageEngine> engines;

    public Quickstart(QuickstartOptions options, Path out, String command) {
        this(options, out, command, null, judge -> InProcessEngine.INSTANCE);
    }

    /**
     * @param reuseFrom an earlier quickstart's output directory whose SFT initialisers (and clean-label students) are
     *                  copied when made for the same world, so a study that changes only the judge or the preference
     *                  budget does not train them again; null to train them here
     * @param engines   the engine of one alignment run, given its judge (in process, or Spark with that judge)
     */
    public Quickstart(QuickstartOptions options, Path out, String command, Path reuseFrom,
                      Function<RubricAnnotator, StageEngine> engines) {
        this.options = options;
        this.out = out;
        this.command = command;
        this.reuseFrom = reuseFrom;
        this.engines = engines;
    }

    /** Runs (or resumes) every seed and writes the outputs; returns results.json's content. */
    public ObjectNode run() {
        long start = System.nanoTime();
        List<SeedResult> seeds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers());
        List<QuickstartSetup> setups = new ArrayList<>();
        for (long seed : options.seeds()) {
            setups.add(QuickstartSetup.create(seed, options.pools(), options.teacherAccuracy(), options.judgeNoise(),
                    options.lengthBias(), options.student(), options.preference()));
        }
        long units = 0;
        for (QuickstartSetup s : setups) {
            units += STAGES_PER_SEED + SeedRun.studentsToTrain(out.resolve("seed-" + s.seed()), reuseFrom)
                    * s.initialStudentSteps();
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("quickstart").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(units).setUpdateIntervalMillis(2000).continuousUpdate().build()) {
            List<CompletableFuture<SeedResult>> futures = new ArrayList<>();
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
                        if (step.equals(SeedRun.INIT) || step.equals(SeedRun.CLEAN)) {   // the runs move by stages
                            bar.step();
                            bar.setExtraMessage("seed " + seed + " SFT " + (step.equals(SeedRun.CLEAN) ? "(clean) " : "")
                                    + metrics.step() + "/" + sftSteps);
                        }
                    }
                };
                SeedRun run = new SeedRun(setup, out.resolve("seed-" + seed), progress, reuseFrom, engines);
                run.checkSettings();
                futures.add(seed(run, pool));
            }
            for (CompletableFuture<SeedResult> f : futures) {
                seeds.add(join(f));
            }
            bar.stepTo(bar.getMax());
        } finally {
            pool.shutdownNow();
        }
        ObjectNode results = Results.build(options, seeds);
        Json.write(out.resolve("results.json"), results);
        Plots.write(results, out.resolve("plots"));
        AtomicFiles.writeString(out.resolve("report.md"),
                ResultsReport.markdown(results, command, seeds, (System.nanoTime() - start) / 1e9));
        return results;
    }

    /** The tasks of one seed: the initialiser, then its runs (DNO, the longest, first); G1 beside them. */
    private static CompletableFuture<SeedResult> seed(SeedRun run, ExecutorService pool) {
        long start = System.nanoTime();
        CompletableFuture<Path> init = task(run::initialStudent, pool);
        CompletableFuture<Capacity> capacity = task(run::capacity, pool);
        Map<SeedRun.Run, CompletableFuture<AlignmentReport>> runs = new EnumMap<>(SeedRun.Run.class);
        for (SeedRun.Run r : SeedRun.Run.values()) {
            runs.put(r, init.thenCompose(path -> task(() -> run.run(r, path), pool)));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new));
        return all.thenCombine(capacity, (done, g1) -> {
            Map<SeedRun.Run, AlignmentReport> reports = new EnumMap<>(SeedRun.Run.class);
            runs.forEach((r, f) -> reports.put(r, f.join()));
            return run.result(reports, g1, (System.nanoTime() - start) / 1e9);
        });
    }

    /** {@code work} on the pool with one PyTorch intra-op thread (the setting is per thread under OpenMP). */
    private static <T> CompletableFuture<T> task(Supplier<T> work, ExecutorService pool) {
        return CompletableFuture.supplyAsync(() -> {
            IntraOpThreads.prepareWorker(1);
            return work.get();
        }, pool);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
