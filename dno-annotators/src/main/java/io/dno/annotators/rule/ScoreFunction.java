package io.dno.annotators.rule;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.OptionalDouble;

/** A score for one response to a prompt, or empty when it cannot be scored (the candidate stays unannotated). */
@FunctionalInterface
public interface ScoreFunction {

    OptionalDouble score(Prompt prompt, Response response);
}
