package io.dno.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One answer to a prompt and who wrote it. Two responses are equal when prompt, text and origin are.
 *
 * @param promptId the id of the {@link Prompt} this answers
 * @param text     the answer text; may be empty (an empty sample is a legitimate, bad, answer)
 * @param origin   student (policy sample), teacher, or data set
 */
public record Response(
        @JsonProperty(required = true) String promptId,
        @JsonProperty(required = true) String text,
        @JsonProperty(required = true) Origin origin) {

    public Response {
        checkArgument(promptId != null && !promptId.isBlank(),
                "field 'promptId' of a response must name its prompt, got %s", promptId);
        checkArgument(text != null, "field 'text' of a response to prompt '%s' is missing", promptId);
        checkArgument(origin != null,
                "field 'origin' of a response to prompt '%s' is missing: use student, teacher or dataset", promptId);
    }

    public static Response student(String promptId, String text) {
        return new Response(promptId, text, Origin.STUDENT);
    }

    public static Response teacher(String promptId, String text) {
        return new Response(promptId, text, Origin.TEACHER);
    }

    @JsonIgnore
    public boolean isStudent() {
        return origin == Origin.STUDENT;
    }

    @JsonIgnore
    public boolean isTeacher() {
        return origin == Origin.TEACHER;
    }
}
