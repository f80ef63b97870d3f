package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A prompt with all of its scored candidates: what one listwise annotator call returns (the paper's K
 * student samples plus the teacher answer, judged side by side in one request).
 *
 * @param prompt     the prompt
 * @param candidates its scored candidates, every one a response to {@code prompt}; may be empty
 */
public record ScoredPrompt(
        @JsonProperty(required = true) Prompt prompt,
        @JsonProperty(required = true) List<Scored> candidates) {

    public ScoredPrompt {
        checkArgument(prompt != null, "field 'prompt' of a scored prompt is missing");
        checkArgument(candidates != null, "field 'candidates' of prompt '%s' is missing", prompt.id());
        for (int i = 0; i < candidates.size(); i++) {
            Scored c = candidates.get(i);
            checkArgument(c != null, "candidates[%s] of prompt '%s' is null", i, prompt.id());
            checkArgument(c.response().promptId().equals(prompt.id()),
                    "candidates[%s] answers prompt '%s', not '%s'", i, c.response().promptId(), prompt.id());
        }
        candidates = ImmutableList.copyOf(candidates);
    }

    /** The candidates written by the policy, in order. */
    public List<Scored> students() {
        return candidates.stream().filter(c -> c.response().isStudent()).toList();
    }

    /** The candidates written by the teacher, in order (DNO has one per prompt). */
    public List<Scored> teachers() {
        return candidates.stream().filter(c -> c.response().isTeacher()).toList();
    }
}
