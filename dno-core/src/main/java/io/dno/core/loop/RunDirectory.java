package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a run directory (ARCHITECTURE.md):
 *
 * <pre>
 *   run.json                   settings and provenance ({@link RunManifest})
 *   evaluation-teacher.jsonl   the teacher's answers to the held-out prompts, asked once
 *   iter-0/checkpoint/         the starting policy π_0 (rollback to 0, fixed references, Lookahead), eval.json
 *   iter-N/                    one directory per iteration ({@link StepDirectory} names its files)
 *   lookahead/                 DNO-Lookahead's retraining from π_0 on all pairs
 *   report.md, report.json     rewritten after every iteration
 *   rolled-back/TIME/          iterations moved aside by {@link #rollback}, never deleted
 * </pre>
 *
 * Every artifact is written atomically; a stage is complete exactly when its artifact exists.
 */
public final class RunDirectory {
    public static final String MANIFEST = "run.json";
    private static final String LOOKAHEAD = "lookahead";
    private static final String REPORT_MD = "report.md";
    private static final String REPORT_JSON = "report.json";
    private static final Pattern ITERATION = Pattern.compile("iter-(\\d+)");

    private final Path root;

    public RunDirectory(Path root) {
        checkArgument(root != null, "the run directory must not be null");
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path manifest() {
        return root.resolve(MANIFEST);
    }

    /** The starting policy π_0, saved before anything else runs. */
    public Path initialCheckpoint() {
        return step(0).checkpoint();
    }

    /** Iteration {@code t}'s step directory (0: the initial policy and its evaluation). */
    public StepDirectory step(int t) {
        return new StepDirectory("iter-" + t, t, iteration(t));
    }

    /** DNO-Lookahead's retraining, numbered after the {@code iterations} iterations. */
    public StepDirectory lookaheadStep(int iterations) {
        return new StepDirectory(LOOKAHEAD, iterations + 1, lookahead());
    }

    public Path reportMarkdown() {
        return root.resolve(REPORT_MD);
    }

    public Path reportJson() {
        return root.resolve(REPORT_JSON);
    }

    public Path evaluationTeacher() {
        return root.resolve("evaluation-teacher.jsonl");
    }

    /** The directory of iteration {@code t}; iteration 0 holds the initial policy and its evaluation. */
    public Path iteration(int t) {
        checkArgument(t >= 0, "iterations are numbered from 0 (the initial policy), got %s", t);
        return root.resolve("iter-" + t);
    }

    public Path lookahead() {
        return root.resolve(LOOKAHEAD);
    }

    /** Whether a manifest exists, i.e. this directory holds a run. */
    public boolean exists() {
        return Files.isRegularFile(manifest());
    }

    public RunManifest readManifest() {
        try {
            return Json.mapper().treeToValue(Json.readObject(manifest(), "run manifest"), RunManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(manifest() + ": not a valid run manifest: " + e.getMessage(), e);
        }
    }

    public void writeManifest(RunManifest manifest) {
        Json.write(manifest(), manifest);
    }

    /** The iterations whose directories exist, ascending. */
    public List<Integer> iterations() {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var entries = Files.list(root)) {
            entries.forEach(p -> {
                Matcher m = ITERATION.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(Integer::compare);
        return out;
    }

    /**
     * Removes what a killed process left behind: temporary files and directories, and the training state of a
     * stage whose checkpoint was written before the kill (the state is only needed while the checkpoint is missing).
     */
    public void removeStaleTemporaries() {
        AtomicFiles.removeStaleTemporaries(root);
        List<StepDirectory> steps = new ArrayList<>();
        for (int t : iterations()) {
            steps.add(step(t));
        }
        steps.add(new StepDirectory(LOOKAHEAD, 0, lookahead()));
        for (StepDirectory step : steps) {
            AtomicFiles.removeStaleTemporaries(step.dir());
            if (step.isComplete(Stage.TRAIN) && Files.isDirectory(step.trainState())) {
                try {
                    AtomicFiles.deleteTree(step.trainState());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the finished training state " + step.trainState()
                            + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Rolls the run back to the end of iteration {@code to} (0 = the initial policy): the later iterations,
     * the Lookahead retraining and the reports move to {@code rolled-back/TIME/}, so nothing is lost; the next
     * resume continues from iteration {@code to}'s checkpoint.
     *
     * @return the directory the later iterations were moved to, or the run root when there was nothing to move
     */
    public Path rollback(int to) {
        checkArgument(exists(), "%s is not a run directory: it has no %s", root, MANIFEST);
        checkArgument(to >= 0, "rollback target must be >= 0, got %s", to);
        List<Integer> present = iterations();
        if (to > 0) {
            checkArgument(present.contains(to) && step(to).isComplete(Stage.TRAIN),
                    "%s: iteration %s has no complete checkpoint to roll back to (complete iterations: %s)", root, to,
                    present.stream().filter(t -> step(t).isComplete(Stage.TRAIN)).toList());
        }
        Path target = root.resolve("rolled-back").resolve(Instant.now().toString().replace(':', '-'));
        List<Path> moving = new ArrayList<>();
        present.stream().filter(t -> t > to).forEach(t -> moving.add(iteration(t)));
        for (String name : List.of(LOOKAHEAD, REPORT_MD, REPORT_JSON)) {
            if (Files.exists(root.resolve(name))) {
                moving.add(root.resolve(name));
            }
        }
        if (moving.isEmpty()) {
            return root;
        }
        try {
            Files.createDirectories(target);
            for (Path p : moving) {
                Files.move(p, target.resolve(p.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rollback of " + root + " failed while moving files to " + target
                    + ": " + e.getMessage(), e);
        }
        return target;
    }
}
