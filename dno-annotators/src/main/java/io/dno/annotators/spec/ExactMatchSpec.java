package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.annotators.rule.ReferenceAnnotator;
import io.dno.annotators.rule.TextNormalization;
import io.dno.core.annotate.Annotator;
import io.dno.core.io.DataFileException;
import io.dno.core.io.DataFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code type: exact-match}: a candidate scores {@code match_score} when it equals the reference answer of its
 * prompt after {@code normalization}, else {@code mismatch_score}.
 *
 * @param references     JSON Lines of demonstrations, {@code {"prompt": {"id", "text"}, "response": "..."}} (the
 *                       format of SFT data and of stored teacher answers); required
 * @param normalization  {@code exact}, {@code whitespace} (default) or {@code lenient}
 * @param matchScore     default 6 (top of the additive rubric)
 * @param mismatchScore  default 0; must be below {@code match_score}
 * @param cache          optional cache file
 */
public record ExactMatchSpec(
        @JsonProperty("references") String references,
        @JsonProperty("normalization") TextNormalization normalization,
        @JsonProperty("match_score") Double matchScore,
        @JsonProperty("mismatch_score") Double mismatchScore,
        @JsonProperty("cache") String cache) implements AnnotatorSpec {

    public ExactMatchSpec {
        EndpointFields.require(references != null && !references.isBlank(), "references",
                "is required: a JSON Lines file of {\"prompt\": {...}, \"response\": \"...\"} reference answers");
        normalization = normalization == null ? TextNormalization.WHITESPACE : normalization;
        matchScore = matchScore == null ? 6.0 : matchScore;
        mismatchScore = mismatchScore == null ? 0.0 : mismatchScore;
        EndpointFields.require(Double.isFinite(matchScore), "match_score", "must be finite");
        EndpointFields.require(Double.isFinite(mismatchScore) && mismatchScore < matchScore, "mismatch_score",
                "must be finite and below match_score (" + matchScore + "), got " + mismatchScore);
    }

    @Override
    public Annotator buildUncached(Path runDirectory) {
        Path file = Path.of(references);
        Map<String, String> byPromptId;
        try {
            byPromptId = ReferenceAnnotator.referencesOf(DataFiles.readDemonstrations(file));
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file, 0, e.getMessage(), e);
        }
        return new ReferenceAnnotator(byPromptId, normalization, matchScore, mismatchScore);
    }
}
