package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;

/**
 * One held-out prompt: the policy's answer and the teacher's, with the annotator's scores (null where the
 * annotator could not score one of them, in which case the prompt does not count toward the win rate).
 *
 * @param outcome 1 when the policy's answer scores higher, 0.5 on a tie, 0 when lower; null when unjudged
 */
public record JudgedAnswer(@JsonProperty(required = true) Prompt prompt,
                           @JsonProperty(required = true) Response answer,
                           @JsonProperty(required = true) Response teacher,
                           Double answerScore, Double teacherScore, Double outcome) {

    public JudgedAnswer {
        checkArgument(prompt != null && answer != null && teacher != null, "prompt, answer and teacher are required");
        checkArgument(outcome == null || outcome == 0 || outcome == 0.5 || outcome == 1,
                "outcome must be 0, 0.5 or 1, got %s", outcome);
    }

    /** The comparison of two scores (either may be null: unjudged). */
    public static JudgedAnswer of(Prompt prompt, Response answer, Response teacher, Double answerScore,
                                  Double teacherScore) {
        Double outcome = null;
        if (answerScore != null && teacherScore != null) {
            int c = Double.compare(answerScore, teacherScore);
            outcome = c > 0 ? 1.0 : c == 0 ? 0.5 : 0.0;
        }
        return new JudgedAnswer(prompt, answer, teacher, answerScore, teacherScore, outcome);
    }

    public boolean judged() {
        return outcome != null;
    }
}
