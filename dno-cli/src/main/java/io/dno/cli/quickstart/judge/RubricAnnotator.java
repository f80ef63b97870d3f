package io.dno.cli.quickstart.judge;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.cli.quickstart.world.Seeds;
import io.dno.cli.quickstart.world.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A listwise judge on the paper's additive 6-point rubric (Rosset et al. 2024 §5.1: all candidates of a prompt
 * scored in one call, each with a justification). Points 1-5 are absolute; point 6 is relative: it goes to the
 * best-formed of the call's answers that earned all five ({@link Rubric#bestOfCall}). So a fixed answer's score
 * depends on its company, as the paper's listwise GPT-4 judge's does: the teacher's correct but wordy answer loses
 * point 6 once a student writes the same answer more concisely, and the teacher's average score can drift down
 * as the students improve (claim D-14). Two optional imperfections of a real judge:
 *
 * <ul>
 *   <li>{@code noise}: with this probability a candidate's absolute score moves one point up or down (within 0..5),
 *       drawn from (seed, prompt, response text), so a wrong answer may pass for right and a right one for wrong;
 *   <li>{@code lengthBias}: with this probability point 6 goes to the <em>longest</em> answer judged right instead
 *       of the shortest, the verbosity preference behind the paper's length jump (claim D-7).
 * </ul>
 *
 * <p>Point 6's draw is keyed by (seed, prompt, the set of distinct candidate texts), so a call's scores do not depend
 * on the order of its candidates and a resumed run judges a call exactly as before.
 */
public final class RubricAnnotator implements Annotator {
    private static final int EXACTLY_RIGHT = Criterion.EXACTLY_RIGHT.ordinal() + 1;

    private final double noise;
    private final double lengthBias;
    private final long seed;
    private final String run;
    private final AtomicLong candidatesJudged = new AtomicLong();

    /**
     * @param noise      probability of a one-point error on points 1-5, in [0, 1]
     * @param lengthBias probability that point 6 goes to the longest correct-looking answer, in [0, 1]
     * @param seed       seed of the judge's draws
     */
    public RubricAnnotator(double noise, double lengthBias, long seed) {
        this(noise, lengthBias, seed, "");
    }

    private RubricAnnotator(double noise, double lengthBias, long seed, String run) {
        checkArgument(noise >= 0 && noise <= 1, "judge noise must be in [0, 1], got %s", noise);
        checkArgument(lengthBias >= 0 && lengthBias <= 1, "judge length bias must be in [0, 1], got %s", lengthBias);
        this.noise = noise;
        this.lengthBias = lengthBias;
        this.seed = seed;
        this.run = run;
    }

    /**
     * The same judge (the same scores: they depend on noise, bias, seed and the call only) with counters of its own,
     * for one alignment run. Runs that go on at once must not share a judge: each reads its judge's counters before
     * and after a stage, and another run's calls in between would count as its own.
     */
    public RubricAnnotator forRun(String run) {
        return new RubricAnnotator(noise, lengthBias, seed, run);
    }

    /** This judge as a serialisable description, for the executors of the Spark engine (one judge per run there too). */
    public Factory factory() {
        return new Factory(noise, lengthBias, seed, run);
    }

    /**
     * Builds the same judge (same noise, bias and seed, so the same scores) in another process; {@code run} keeps the
     * executors' judges of concurrent runs apart (executors hold one judge per equal factory).
     */
    public record Factory(double noise, double lengthBias, long seed, String run) implements AnnotatorFactory {
        @Override
        public Annotator create(String process) {
            return new RubricAnnotator(noise, lengthBias, seed, run);
        }
    }

    /** A noiseless, unbiased judge: the rubric itself. */
    public static RubricAnnotator exact() {
        return new RubricAnnotator(0, 0, 0L);
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        Task task = Task.of(prompt);
        Map<String, Absolute> byText = new LinkedHashMap<>();
        for (Response r : candidates) {
            checkArgument(r.promptId().equals(prompt.id()), "candidate answers prompt '%s', not '%s'", r.promptId(),
                    prompt.id());
            byText.computeIfAbsent(r.text(), text -> absolute(task, text));
        }
        List<String> exactlyRight = byText.entrySet().stream().filter(e -> e.getValue().score() == EXACTLY_RIGHT)
                .map(Map.Entry::getKey).toList();
        Optional<String> best = Rubric.bestOfCall(exactlyRight, drawsLongest(task, byText.keySet()));
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Response r : candidates) {
            Absolute a = byText.get(r.text());
            boolean sixth = best.isPresent() && best.get().equals(r.text());
            scored.add(new Scored(r, a.score() + (sixth ? 1 : 0),
                    sixth ? a.why() + ", " + Criterion.BEST_OF_CALL.label() : a.why()));
        }
        candidatesJudged.addAndGet(candidates.size());
        return Judgement.complete(prompt, scored);
    }

    /** Points 1-5 of one text, with the judge's noise. */
    private Absolute absolute(Task task, String text) {
        List<Criterion> earned = Rubric.absolute(task, text);
        int score = earned.size();
        String why = earned.isEmpty() ? "not an answer"
                : earned.stream().map(Criterion::label).collect(Collectors.joining(", "));
        SplittableRandom random = Seeds.random(seed, "judge", task.text(), text);
        if (random.nextDouble() < noise) {
            boolean up = random.nextBoolean();
            int moved = Math.max(0, Math.min(EXACTLY_RIGHT, score + (up ? 1 : -1)));
            if (moved != score) {
                why += up ? "; +1 noise" : "; -1 noise";
                score = moved;
            }
        }
        return new Absolute(score, why);
    }

    /** Whether this call's point 6 goes to the longest answer: one draw per (prompt, set of candidate texts). */
    private boolean drawsLongest(Task task, java.util.Set<String> texts) {
        if (lengthBias == 0) {
            return false;
        }
        List<String> keys = new ArrayList<>();
        keys.add("point-6");
        keys.add(task.text());
        keys.addAll(new TreeSet<>(texts));
        return Seeds.random(seed, keys.toArray(String[]::new)).nextDouble() < lengthBias;
    }

    private record Absolute(int score, String why) {}

    @Override
    public String name() {
        return "rubric(noise=" + noise + ", lengthBias=" + lengthBias + ", seed=" + seed + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return Map.of("candidates_judged", (double) candidatesJudged.get());
    }
}
