package io.dno.cli;

import io.dno.cli.options.DeviceOption;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.Json;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Generation;
import io.dno.core.model.Generator;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.tokenize.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno generate}: samples continuations of a prompt (batched, KV cache): token ids in, ids out, or text
 * in, text out through the model directory's {@code tokenizer.json} (BOS prepended when the tokenizer has one).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample continuations of a prompt (token ids or text); prints one JSON line per sample.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PromptInput input;

    static final class PromptInput {
        @Option(names = "--prompt-ids", split = ",", paramLabel = "ID,...", description = "prompt token ids; prints ids")
        int[] promptIds;

        @Option(names = "--prompt", paramLabel = "TEXT",
                description = "prompt text, encoded with the model directory's tokenizer.json; prints text")
        String prompt;
    }

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop string (text mode; repeatable)")
    List<String> stops = new ArrayList<>();

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

    @Mixin
    DeviceOption device;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pad-id", defaultValue = "0", description = "id used for padding (default: ${DEFAULT-VALUE})")
    int padId;

    @Override
    public Integer call() throws Exception {
        SamplingParams params = SamplingParams.builder().samplesPerPrompt(n).temperature(temperature).topP(topP)
                .topK(topK).maxNewTokens(maxNewTokens).seed(seed).build();
        PrintWriter out = spec.commandLine().getOut();
        if (input.prompt != null) {
            TransformerPolicy.Options options = TransformerPolicy.Options.defaults().withStopStrings(stops);
            try (TransformerPolicy policy = TransformerPolicy.load(model, HfTokenizer.load(model), options,
                    device.parsed())) {
                for (Response r : policy.generate(List.of(Prompt.of("prompt", input.prompt)), params).get(0)) {
                    out.println(Json.mapper().writeValueAsString(Map.of("text", r.text())));
                }
            }
            out.flush();
            return 0;
        }
        int[] promptIds = input.promptIds;
        try (Transformer transformer = CheckpointDir.load(model, device.parsed())) {
            int vocab = transformer.config().vocabSize();
            for (int id : promptIds) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("prompt id " + id + " is outside the vocabulary [0, " + vocab + ")");
                }
            }
            Generator generator = new Generator(transformer, padId, Set.copyOf(transformer.config().eosTokenIds()),
                    tokens -> false);
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
