package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableList;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.List;

/**
 * One line of {@code samples.jsonl}: a prompt and its candidates, the K student samples followed by the
 * teacher's answer (Rosset et al. 2024, Algorithm 2 lines 3–4).
 */
public record CandidateSet(@JsonProperty(required = true) Prompt prompt,
                           @JsonProperty(required = true) List<Response> candidates) {
    public CandidateSet {
        checkArgument(prompt != null, "field 'prompt' is missing");
        checkArgument(candidates != null, "field 'candidates' of prompt '%s' is missing", prompt.id());
        candidates = ImmutableList.copyOf(candidates);
        for (Response r : candidates) {
            checkArgument(r.promptId().equals(prompt.id()), "a candidate of prompt '%s' answers prompt '%s'",
                    prompt.id(), r.promptId());
        }
    }
}
