package io.dno.spark;

import io.dno.core.data.Response;
import java.util.List;

/** One line of a decoding part: a prompt's answers, in sample order. */
record PromptAnswers(String promptId, List<Response> answers) {
    PromptAnswers {
        answers = List.copyOf(answers);
    }
}
