package io.dno.examples.cli;

import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Generation;
import io.dno.core.model.Generator;
import io.dno.core.model.Transformer;
import io.dno.core.policy.SamplingParams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno generate}: samples continuations of prompt token ids (batched, KV cache). Text prompts need a
 * tokenizer implementation on the classpath and come with the tokenizer work.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample continuations of a prompt given as token ids; prints one JSON line per sample.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    Path model;

    @Option(names = "--prompt-ids", required = true, split = ",", paramLabel = "ID,...", description = "prompt token ids")
    int[] promptIds;

    @Option(names = "--n", defaultValue = "1", description = "samples (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--temperature", defaultValue = "0.7", description = "0 = greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "nucleus mass (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "0 = off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pad-id", defaultValue = "0", description = "id used for padding (default: ${DEFAULT-VALUE})")
    int padId;

    @Override
    public Integer call() throws Exception {
        SamplingParams params = new SamplingParams(n, temperature, topP, topK, maxNewTokens, seed);
        try (Transformer transformer = CheckpointDir.load(model)) {
            int vocab = transformer.config().vocabSize();
            for (int id : promptIds) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("prompt id " + id + " is outside the vocabulary [0, " + vocab + ")");
                }
            }
            Generator generator = new Generator(transformer, padId, Set.copyOf(transformer.config().eosTokenIds()),
                    tokens -> false);
            PrintWriter out = spec.commandLine().getOut();
            for (Generation g : generator.generate(List.of(promptIds), params).get(0)) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("ids", g.tokens());
                line.put("finish", g.finish().name().toLowerCase(java.util.Locale.ROOT));
                out.println(Json.mapper().writeValueAsString(line));
            }
            out.flush();
        }
        return 0;
    }
}
