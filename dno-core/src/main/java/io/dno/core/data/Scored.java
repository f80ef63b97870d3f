package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A candidate response with the score an annotator gave it, for example a point total on the paper's
 * additive 6-point rubric (Rosset et al. 2024, §5.1 and Figure 3).
 *
 * @param response      the candidate
 * @param score         a finite score; higher is better
 * @param justification the annotator's reason for the score; empty when it gave none
 */
public record Scored(
        @JsonProperty(required = true) Response response,
        @JsonProperty(required = true) double score,
        String justification) {

    public Scored {
        checkArgument(response != null, "field 'response' of a scored candidate is missing");
        checkArgument(Double.isFinite(score), "field 'score' of a candidate for prompt '%s' must be finite, got %s",
                response.promptId(), score);
        justification = justification == null ? "" : justification;
    }

    public static Scored of(Response response, double score) {
        return new Scored(response, score, "");
    }

    /** Shortcut for {@code response().text()}. */
    public String text() {
        return response.text();
    }

    /** Shortcut for {@code response().origin()}. */
    public Origin origin() {
        return response.origin();
    }
}
