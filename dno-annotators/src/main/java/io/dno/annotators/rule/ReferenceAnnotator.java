package io.dno.annotators.rule;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.annotators.report.Counters;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a candidate by comparing it with the reference answer of its prompt id: {@code matchScore} when
 * equal after {@link TextNormalization}, {@code mismatchScore} otherwise (a verifiable reward, e.g. the
 * final answer of a maths problem). A prompt without a reference leaves all its candidates unannotated
 * ({@code no_reference}); it is never guessed.
 *
 * <p>Counters: {@code judgements}, {@code scored}, {@code unannotated}, {@code matches}, {@code no_reference}.
 */
public final class ReferenceAnnotator implements Annotator {
    private final Map<String, String> references;
    private final TextNormalization normalization;
    private final double matchScore;
    private final double mismatchScore;
    private final Counters counters = new Counters();

    /**
     * @param references    reference answer by prompt id
     * @param normalization how texts are compared
     * @param matchScore    score of a matching candidate (e.g. 6, the top of the rubric)
     * @param mismatchScore score of any other candidate (e.g. 0), below {@code matchScore}
     */
    public ReferenceAnnotator(Map<String, String> references, TextNormalization normalization, double matchScore,
                              double mismatchScore) {
        checkArgument(Double.isFinite(matchScore) && Double.isFinite(mismatchScore) && mismatchScore < matchScore,
                "match_score (%s) must be finite and above mismatch_score (%s)", matchScore, mismatchScore);
        Map<String, String> normalised = new HashMap<>();
        references.forEach((id, answer) -> normalised.put(id, normalization.apply(answer)));
        this.references = Map.copyOf(normalised);
        this.normalization = normalization;
        this.matchScore = matchScore;
        this.mismatchScore = mismatchScore;
    }

    /** References taken from demonstrations (prompt id → response); a prompt id given twice is an error. */
    public static Map<String, String> referencesOf(List<Demonstration> demonstrations) {
        Map<String, String> out = new HashMap<>();
        for (Demonstration d : demonstrations) {
            String previous = out.putIfAbsent(d.prompt().id(), d.response());
            checkArgument(previous == null, "prompt id '%s' has two reference answers: keep one", d.prompt().id());
        }
        return out;
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        counters.increment("judgements");
        String reference = references.get(prompt.id());
        if (reference == null) {
            counters.add("no_reference", candidates.size());
            counters.add("unannotated", candidates.size());
            return new Judgement(prompt, List.of(), candidates);
        }
        List<Scored> scored = new ArrayList<>();
        for (Response candidate : candidates) {
            boolean match = normalization.apply(candidate.text()).equals(reference);
            if (match) {
                counters.increment("matches");
            }
            scored.add(new Scored(candidate, match ? matchScore : mismatchScore,
                    match ? "matches the reference answer" : "differs from the reference answer"));
        }
        counters.add("scored", scored.size());
        return Judgement.complete(prompt, scored);
    }

    @Override
    public String name() {
        return "reference-match(" + normalization.name().toLowerCase(java.util.Locale.ROOT) + ", match=" + matchScore
                + ", mismatch=" + mismatchScore + ", references=" + references.size() + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return name();
    }
}
