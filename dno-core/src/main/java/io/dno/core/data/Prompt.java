package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An instruction the policy answers, identified by an id that is unique within a data set.
 *
 * @param id   a non-blank identifier, unique within its data set (duplicates are rejected by the readers)
 * @param text the prompt text; may be empty but never {@code null}
 */
public record Prompt(@JsonProperty(required = true) String id, @JsonProperty(required = true) String text) {

    public Prompt {
        checkArgument(id != null && !id.isBlank(), "field 'id' of a prompt must be a non-blank string, got %s",
                id == null ? "null" : "'" + id + "'");
        checkArgument(text != null, "field 'text' of prompt '%s' is missing: give the prompt text (may be empty)", id);
    }

    public static Prompt of(String id, String text) {
        return new Prompt(id, text);
    }
}
