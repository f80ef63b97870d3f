package io.dno.annotators.rule;

import io.dno.annotators.report.Counters;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Scores each candidate on its own with a {@link ScoreFunction}: verifiable rewards (unit tests, exact
 * answers), regex rules, or any scorer written in Java. An empty or non-finite score leaves the candidate
 * unannotated ({@code unannotated}, of which {@code non_finite_scores}); an exception from the function is a
 * bug and propagates. Thread-safe when the function is.
 *
 * <p>Counters: {@code judgements}, {@code scored}, {@code unannotated}, {@code non_finite_scores}.
 */
public final class FunctionAnnotator implements Annotator {
    private final String name;
    private final ScoreFunction function;
    private final Counters counters = new Counters();

    public FunctionAnnotator(String name, ScoreFunction function) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an annotator needs a non-blank name (it keys caches and reports)");
        }
        this.name = name;
        this.function = function;
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        counters.increment("judgements");
        List<Scored> scored = new ArrayList<>();
        List<Response> unannotated = new ArrayList<>();
        for (Response candidate : candidates) {
            OptionalDouble score = function.score(prompt, candidate);
            if (score.isPresent() && Double.isFinite(score.getAsDouble())) {
                scored.add(Scored.of(candidate, score.getAsDouble()));
            } else {
                if (score.isPresent()) {
                    counters.increment("non_finite_scores");
                }
                unannotated.add(candidate);
            }
        }
        counters.add("scored", scored.size());
        counters.add("unannotated", unannotated.size());
        return new Judgement(prompt, scored, unannotated);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Double> counters() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "FunctionAnnotator[" + name + "]";
    }
}
