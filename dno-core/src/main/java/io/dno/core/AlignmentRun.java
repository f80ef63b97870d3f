package io.dno.core;

import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.loop.RunContext;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StageRunner;
import io.dno.core.loop.Stages;
import io.dno.core.loop.StepDirectory;
import io.dno.core.schedule.Schedule;
import io.dno.core.schedule.Schedules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plan} step by step (ARCHITECTURE.md, "The flow of one DNO iteration"): π_0 is saved and evaluated,
 * then the strategy's {@link Schedule} runs each iteration's stages up to TRAIN, and every iterate is evaluated and
 * reported. Every stage writes its artifact atomically and is skipped when the artifact exists, so the same call
 * resumes a killed run; weights are loaded from a checkpoint only when a stage that runs needs them.
 */
final class AlignmentRun {
    private static final Logger log = LoggerFactory.getLogger(AlignmentRun.class);

    private final Plan plan;
    private final Schedule schedule;
    private final RunContext context;
    private final Stages stages;

    AlignmentRun(Plan plan) {
        this.plan = plan;
        this.schedule = Schedules.of(plan.strategy());
        this.context = new RunContext(plan);
        this.stages = Stages.of(context);
    }

    AlignmentReport run() {
        prepare();
        List<IterationReport> iterations = new ArrayList<>();
        iterations.add(step(plan.directory().step(0), (runner, s) -> {}));
        for (int t = 1; t <= schedule.iterations(); t++) {
            iterations.add(step(plan.directory().step(t), schedule::iteration));
        }
        IterationReport lookahead = schedule.hasLookahead()
                ? step(plan.directory().lookaheadStep(schedule.iterations()), schedule::lookahead) : null;
        AlignmentReport report = Reports.assemble(plan, iterations, lookahead);
        Reports.write(plan.directory(), report);
        StepDirectory last = lookahead != null ? plan.directory().lookaheadStep(schedule.iterations())
                : plan.directory().step(schedule.iterations());
        context.useWeights(last.checkpoint());
        return report;
    }

    /** Creates the run directory, checks a resumed run's settings, and saves π_0 before anything else runs. */
    private void prepare() {
        try {
            Files.createDirectories(plan.directory().root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + plan.directory().root() + ": "
                    + e.getMessage(), e);
        }
        plan.directory().removeStaleTemporaries();
        var manifest = Manifests.of(plan);
        if (plan.directory().exists()) {
            List<String> differences = manifest.differencesFrom(plan.directory().readManifest());
            if (!differences.isEmpty()) {
                throw new IllegalStateException(plan.directory().root() + " holds a run made with other settings; "
                        + "use a new run directory or the same settings:\n  - " + String.join("\n  - ", differences));
            }
            log.info("resuming the run in {}", plan.directory().root());
        } else {
            plan.directory().writeManifest(manifest);
        }
        var initial = plan.directory().initialCheckpoint();
        if (!Files.exists(initial)) {
            AtomicFiles.writeDirectory(initial, plan.policy()::saveIterate);
            context.weightsAre(initial);
        }
    }

    /**
     * One step: {@code training} runs its stages up to TRAIN, then the iterate is evaluated and the step's report
     * written to {@code stats.json} once and read back, so a resumed run reports exactly what was written.
     */
    private IterationReport step(StepDirectory step, BiConsumer<StageRunner, Stages> training) {
        StageRunner runner = new StageRunner(step, plan.listeners());
        training.accept(runner, stages);
        runner.run(Stage.EVALUATE, () -> stages.evaluation().run(step));
        if (!step.isComplete(Stage.STATISTICS)) {
            Json.write(step.statistics(), IterationReports.compute(step, schedule, stages, runner.timings()));
        }
        IterationReport report = Reports.readIteration(step.statistics());
        plan.listeners().forEach(l -> l.onIteration(report));
        log.info("{}: {}", step.name(), Reports.oneLine(report));
        return report;
    }
}
