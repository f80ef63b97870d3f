package io.dno.cli.eval;

import io.dno.cli.options.DeviceOption;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.eval.AlpacaOutputs;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno eval alpaca outputs}: the model's answer to every instruction, as AlpacaEval's model_outputs.json. */
@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = "Answer every instruction and write AlpacaEval's model_outputs.json "
                + "([{instruction, output, generator, dataset}]).")
final class AlpacaOutputsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    Path model;

    @Option(names = "--prompts", required = true, paramLabel = "FILE",
            description = "AlpacaEval's eval set (.json array of {instruction, dataset}) or dno prompts (.jsonl)")
    Path prompts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "model_outputs.json to write")
    Path out;

    @Option(names = "--generator", paramLabel = "NAME", description = "the generator name (default: the model directory's name)")
    String generator;

    @Option(names = "--prompt-format", defaultValue = "chat",
            description = "chat (the tokenizer's chat template) or raw (default: ${DEFAULT-VALUE})")
    String promptFormat;

    @Option(names = "--max-new-tokens", defaultValue = "512", description = "(default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws Exception {
        List<AlpacaOutputs.Instruction> instructions = AlpacaOutputs.readInstructions(prompts);
        String name = generator != null ? generator : model.toAbsolutePath().normalize().getFileName().toString();
        SamplingParams params = SamplingParams.builder().samplesPerPrompt(1).temperature(temperature).topP(1.0)
                .maxNewTokens(maxNewTokens).seed(seed).build();
        List<AlpacaOutputs.Output> outputs = new ArrayList<>();
        try (TransformerPolicy policy = EvalPolicies.load(model, promptFormat, device.usable())) {
            List<Prompt> batch = new ArrayList<>();
            for (int i = 0; i < instructions.size(); i++) {
                batch.add(Prompt.of("alpaca-" + i, instructions.get(i).instruction()));
            }
            List<List<Response>> answers = policy.generate(batch, params);
            for (int i = 0; i < instructions.size(); i++) {
                outputs.add(new AlpacaOutputs.Output(instructions.get(i).instruction(),
                        answers.get(i).get(0).text(), name, instructions.get(i).dataset()));
            }
        }
        AlpacaOutputs.write(out, outputs);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %d outputs of %s to %s%n", outputs.size(), name, out);
        w.flush();
        return 0;
    }
}
