package io.dno.cli;

import ai.djl.ndarray.NDManager;
import io.dno.cli.options.DeviceOption;
import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.LogProbs;
import io.dno.core.model.SequenceLogProbs;
import io.dno.core.model.Transformer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno logprobs}: log-probabilities of response token ids after prompt token ids (no template). */
@Command(name = "logprobs", mixinStandardHelpOptions = true,
        description = "Print log p(response token | prompt, earlier response tokens) for token ids under a model.")
final class LogprobsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    Path model;

    @Option(names = "--prompt-ids", required = true, split = ",", paramLabel = "ID,...", description = "prompt token ids")
    int[] promptIds;

    @Option(names = "--response-ids", required = true, split = ",", paramLabel = "ID,...", description = "response token ids")
    int[] responseIds;

    @Mixin
    DeviceOption device;

    @Option(names = "--json", description = "print {\"token_logprobs\": [...], \"sum\": x}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Transformer transformer = CheckpointDir.load(model, device.parsed());
             NDManager m = transformer.manager().newSubManager()) {
            int vocab = transformer.config().vocabSize();
            for (int id : concat(promptIds, responseIds)) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("token id " + id + " is outside the model's vocabulary [0, "
                            + vocab + ")");
                }
            }
            SequenceLogProbs lp = LogProbs.sequences(transformer, m, List.of(promptIds), List.of(responseIds), 0);
            float[] row = lp.tokenLogProbs().get(0).toFloatArray();
            double[] tokens = new double[responseIds.length];
            for (int j = 0; j < tokens.length; j++) {
                tokens[j] = row[promptIds.length + j];
            }
            print(tokens, lp.sums().getFloat(0), spec.commandLine().getOut());
        }
        return 0;
    }

    private void print(double[] tokens, double sum, PrintWriter out) throws Exception {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("token_logprobs", tokens);
            result.put("sum", sum);
            out.println(Json.mapper().writeValueAsString(result));
        } else {
            for (int j = 0; j < tokens.length; j++) {
                out.printf(Locale.ROOT, "%8d  %12.6f%n", responseIds[j], tokens[j]);
            }
            out.printf(Locale.ROOT, "sum       %12.6f%n", sum);
        }
        out.flush();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
