package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One judged pair in AlpacaEval's {@code annotations.json} layout: the baseline's answer ({@code output_1}), the
 * model's ({@code output_2}) and the judge's {@code preference}: 1 = the baseline wins, 2 = the model wins, values
 * between are soft preferences, 0 is a draw (read as 1.5), null is unjudged. AlpacaEval's other keys (generators,
 * annotator, raw completions, ...) are ignored.
 *
 * @param instructionDifficulty AlpacaEval's per-instruction difficulty feature, when the file carries it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlpacaAnnotation(@JsonProperty(value = "instruction", required = true) String instruction,
                               @JsonProperty(value = "output_1", required = true) String output1,
                               @JsonProperty(value = "output_2", required = true) String output2,
                               @JsonProperty("preference") Double preference,
                               @JsonProperty("instruction_difficulty") Double instructionDifficulty) {
    public AlpacaAnnotation {
        checkArgument(instruction != null && output1 != null && output2 != null,
                "instruction, output_1 and output_2 must be strings");
        checkArgument(preference == null || preference == 0 || (preference >= 1 && preference <= 2),
                "preference must be 1 (output_1 wins) to 2 (output_2 wins), 0 for a draw, or null; got %s", preference);
        checkArgument(instructionDifficulty == null || Double.isFinite(instructionDifficulty),
                "instruction_difficulty must be a finite number");
    }

    /** The model's win probability in [0, 1]: {@code preference − 1}, a draw 0.5; empty when unjudged. */
    public java.util.OptionalDouble modelWin() {
        if (preference == null) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(preference == 0 ? 0.5 : preference - 1);
    }
}
