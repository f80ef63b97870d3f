package io.dno.core.loop;

import io.dno.core.eval.Evaluation;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code eval.json}: an iterate judged against the teacher on the evaluation and the validation prompts.
 *
 * @param evaluation on the evaluation prompts; null when there are none
 * @param validation on the validation prompts; null when there are none
 */
public record EvaluationFile(Evaluation evaluation, Evaluation validation) {

    /** The file of a step whose EVALUATE stage is complete. */
    public static EvaluationFile read(StepDirectory step) {
        try {
            return Json.mapper().treeToValue(Json.readObject(step.evaluation(), "eval.json"), EvaluationFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(step.evaluation() + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The result on {@code set}, or null. */
    public Evaluation on(HeldOut set) {
        return set == HeldOut.EVALUATION ? evaluation : validation;
    }
}
