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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A listwise judge on the paper's additive 6-point rubric (Rosset et al. 2024 §5.1: all candidates of a
 * prompt scored in one call, each with a justification), with two optional imperfections of a real judge:
 *
 * <ul>
 *   <li>{@code noise}: with this probability a candidate's score moves one point up or down (within 0..6);
 *   <li>{@code lengthBias}: with this probability a well-formed candidate longer than the correct bare answer
 *       gets one point more (at most 6), the verbosity preference behind the paper's length jump (claim D-7).
 * </ul>
 *
 * <p>Both draws are keyed by (seed, prompt text, response text), so a candidate always gets the same score,
 * whatever the order or the company it is judged in, and runs are reproducible.
 *
 */
public final class RubricAnnotator implements Annotator {
    private final double noise;
    private final double lengthBias;
    private final long seed;
    private final AtomicLong candidatesJudged = new AtomicLong();

    /**
     * @param noise      probability of a one-point error, in [0, 1]
     * @param lengthBias probability of the one-point bonus for a longer answer, in [0, 1]
     * @param seed       seed of the judge's draws
     */
    public RubricAnnotator(double noise, double lengthBias, long seed) {
        checkArgument(noise >= 0 && noise <= 1, "judge noise must be in [0, 1], got %s", noise);
        checkArgument(lengthBias >= 0 && lengthBias <= 1, "judge length bias must be in [0, 1], got %s", lengthBias);
        this.noise = noise;
        this.lengthBias = lengthBias;
        this.seed = seed;
    }

    /** This judge as a serialisable description, for the executors of the Spark engine. */
    public Factory factory() {
        return new Factory(noise, lengthBias, seed);
    }

    /** Builds the same judge (same noise, bias and seed, so the same scores) in another process. */
    public record Factory(double noise, double lengthBias, long seed) implements AnnotatorFactory {
        @Override
        public Annotator create(String process) {
            return new RubricAnnotator(noise, lengthBias, seed);
        }
    }

    /** A noiseless, unbiased judge: the rubric itself. */
    public static RubricAnnotator exact() {
        return new RubricAnnotator(0, 0, 0L);
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        Task task = Task.of(prompt);
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Response r : candidates) {
            checkArgument(r.promptId().equals(prompt.id()), "candidate answers prompt '%s', not '%s'", r.promptId(),
                    prompt.id());
            scored.add(score(task, r));
        }
        candidatesJudged.addAndGet(candidates.size());
        return Judgement.complete(prompt, scored);
    }

    private Scored score(Task task, Response response) {
        List<Criterion> earned = Rubric.earned(task, response.text());
        int score = earned.size();
        StringBuilder why = new StringBuilder(earned.isEmpty() ? "not an answer"
                : earned.stream().map(Criterion::label).collect(Collectors.joining(", ")));
        SplittableRandom random = Seeds.random(seed, "judge", task.text(), response.text());
        double biasDraw = random.nextDouble();
        double noiseDraw = random.nextDouble();
        boolean up = random.nextBoolean();
        if (score >= 1 && response.text().length() > task.gold().length() && biasDraw < lengthBias && score < 6) {
            score++;
            why.append("; +1 for length");
        }
        if (noiseDraw < noise) {
            int moved = Math.max(0, Math.min(6, score + (up ? 1 : -1)));
            if (moved != score) {
                why.append(up ? "; +1 noise" : "; -1 noise");
                score = moved;
            }
        }
        return new Scored(response, score, why.toString());
    }

    @Override
    public String name() {
        return "rubric(noise=" + noise + ", lengthBias=" + lengthBias + ", seed=" + seed + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return Map.of("candidates_judged", (double) candidatesJudged.get());
    }
}
