package io.dno.cli.eval;

import io.dno.core.eval.AlpacaLengthControl;
import io.dno.core.eval.AlpacaOutputs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dno eval alpaca lc}: AlpacaEval 2's length-controlled win rate from judged pairs. */
@Command(name = "lc", mixinStandardHelpOptions = true,
        description = "AlpacaEval 2's length-controlled win rate from judged pairs (annotations.json: instruction, "
                + "output_1 = baseline, output_2 = model, preference 1..2), beside dno's own LC estimate.")
final class AlpacaLcCommand implements Callable<Integer> {
    @Option(names = "--annotations", required = true, paramLabel = "FILE",
            description = "AlpacaEval annotations (.json array, or .jsonl)")
    Path annotations;

    @Mixin
    JsonResultOption result;

    @Override
    public Integer call() throws Exception {
        AlpacaLengthControl.Result r = AlpacaLengthControl.estimate(AlpacaOutputs.readAnnotations(annotations));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("annotations", r.annotations());
        out.put("judged", r.judged());
        out.put("win_rate", 100 * r.winRate());
        out.put("length_controlled_winrate", 100 * r.lengthControlledWinRate());
        out.put("dno_length_controlled_winrate", 100 * r.dnoLengthControlledWinRate());
        out.put("glm_coefficients", r.coefficients());
        out.put("glm_C", r.c());
        out.put("notes", r.notes());
        return result.report(out);
    }
}
