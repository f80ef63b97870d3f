package io.dno.cli;

import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.datasets.ChatPreference;
import io.dno.core.datasets.TrlPreferences;
import io.dno.core.eval.AlpacaLengthControl;
import io.dno.core.eval.AlpacaOutputs;
import io.dno.core.eval.ModelLoglikelihood;
import io.dno.core.eval.MultipleChoice;
import io.dno.core.eval.MultipleChoiceItem;
import io.dno.core.eval.PairAccuracy;
import io.dno.core.eval.ResponseLogProbs;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.DataFiles;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Devices;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno eval}: measure a policy the way the field does (lm-eval multiple choice, pair accuracy, AlpacaEval). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a policy: multiple choice (lm-evaluation-harness acc/acc_norm), preference-pair "
                + "accuracy (TRL rewards/accuracies), AlpacaEval outputs and length-controlled win rate.",
        subcommands = {EvalCommand.Mc.class, EvalCommand.Pairs.class, EvalCommand.Alpaca.class})
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints {@code result} as JSON and writes it to {@code out} when given. */
    static void report(CommandSpec spec, Object result, Path out) throws Exception {
        String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        if (out != null) {
            AtomicFiles.writeString(out, json + "\n");
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println(json);
        w.flush();
    }

    @Command(name = "mc", mixinStandardHelpOptions = true,
            description = "Multiple choice as lm-evaluation-harness scores it: JSONL of {context, choices, gold}; acc "
                    + "(highest summed log-likelihood) and acc_norm (divided by the choice's length in characters).")
    static final class Mc implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL of {context, choices, gold}")
        Path data;

        @Option(names = "--delimiter", defaultValue = " ",
                description = "text between context and choice, the harness's target_delimiter (default: a space)")
        String delimiter;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result JSON here")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<MultipleChoiceItem> items = Jsonl.read(data, MultipleChoiceItem.class);
            try (HfTokenizer tokenizer = HfTokenizer.load(model);
                 Transformer transformer = CheckpointDir.load(model, Devices.requireUsable(Devices.parse(device)))) {
                MultipleChoice.Result r = MultipleChoice.evaluate(items, new ModelLoglikelihood(transformer, tokenizer),
                        delimiter);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("items", r.items());
                result.put("acc", r.acc());
                result.put("acc_norm", r.accNorm());
                List<Map<String, Object>> perItem = new ArrayList<>();
                for (MultipleChoice.ItemScore s : r.scores()) {
                    perItem.add(Map.of("loglikelihoods", s.logLikelihoods(), "predicted", s.predicted(),
                            "predicted_norm", s.predictedNorm(), "gold", s.gold()));
                }
                result.put("scores", perItem);
                report(spec, result, out);
            }
            return 0;
        }
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            description = "Accuracy of a policy on held-out preference pairs: TRL's implicit-reward accuracy "
                    + "(rewards/accuracies, against a reference) and the plain log-prob preference accuracy.")
    static final class Pairs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "the policy")
        Path model;

        @Option(names = "--reference", required = true, paramLabel = "DIR", description = "the reference policy")
        Path reference;

        @Option(names = "--pairs", required = true, paramLabel = "FILE",
                description = "pairs JSONL: dno's (as `dno pairs` or a run writes) or TRL's {prompt, chosen, rejected}")
        Path pairs;

        @Option(names = "--format", defaultValue = "dno", description = "dno or trl (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--beta", defaultValue = "0.1", description = "β of the implicit reward (default: ${DEFAULT-VALUE})")
        double beta;

        @Option(names = "--prompt-format", defaultValue = "raw",
                description = "raw or chat, as the run's policy.prompt_format (default: ${DEFAULT-VALUE})")
        String promptFormat;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result JSON here")
        Path out;

        @Override
        public Integer call() throws Exception {
            List<PreferencePair> list = read();
            double[][] policy;
            try (TransformerPolicy p = EvalPolicies.load(model, promptFormat, device)) {
                policy = ResponseLogProbs.of(p, list);
            }
            double[][] ref;
            try (TransformerPolicy p = EvalPolicies.load(reference, promptFormat, device)) {
                ref = ResponseLogProbs.of(p, list);
            }
            PairAccuracy a = PairAccuracy.of(policy[0], policy[1], ref[0], ref[1], beta);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("pairs", a.pairs());
            result.put("beta", a.beta());
            result.put("rewards/accuracies", a.rewardAccuracy());
            result.put("logprob_accuracy", a.logProbAccuracy());
            result.put("rewards/margins", a.meanRewardMargin());
            result.put("rewards/chosen", a.meanChosenReward());
            result.put("rewards/rejected", a.meanRejectedReward());
            report(spec, result, out);
            return 0;
        }

        private List<PreferencePair> read() {
            if (format.equals("dno")) {
                return DataFiles.readPairs(pairs);
            }
            if (!format.equals("trl")) {
                throw new IllegalArgumentException("--format must be dno or trl, got '" + format + "'");
            }
            List<PreferencePair> out = new ArrayList<>();
            for (ChatPreference c : TrlPreferences.read(pairs).records()) {
                out.add(c.toPair(messages -> messages.get(messages.size() - 1).content()));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(pairs + ": no usable pairs");
            }
            return out;
        }
    }

    @Command(name = "alpaca", mixinStandardHelpOptions = true,
            description = "AlpacaEval: write model_outputs.json for a prompt file (outputs), or compute AlpacaEval 2's "
                    + "length-controlled win rate from judged pairs (lc).",
            subcommands = {AlpacaOutputsCommand.class, AlpacaLcCommand.class})
    static final class Alpaca implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "outputs", mixinStandardHelpOptions = true,
            description = "Answer every instruction and write AlpacaEval's model_outputs.json "
                    + "([{instruction, output, generator, dataset}]).")
    static final class AlpacaOutputsCommand implements Callable<Integer> {
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

        @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
        String device;

        @Override
        public Integer call() throws Exception {
            List<AlpacaOutputs.Instruction> instructions = AlpacaOutputs.readInstructions(prompts);
            String name = generator != null ? generator : model.toAbsolutePath().normalize().getFileName().toString();
            SamplingParams params = SamplingParams.builder().samplesPerPrompt(1).temperature(temperature).topP(1.0)
                    .maxNewTokens(maxNewTokens).seed(seed).build();
            List<AlpacaOutputs.Output> outputs = new ArrayList<>();
            try (TransformerPolicy policy = EvalPolicies.load(model, promptFormat, device)) {
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

    @Command(name = "lc", mixinStandardHelpOptions = true,
            description = "AlpacaEval 2's length-controlled win rate from judged pairs (annotations.json: instruction, "
                    + "output_1 = baseline, output_2 = model, preference 1..2), beside dno's own LC estimate.")
    static final class AlpacaLcCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--annotations", required = true, paramLabel = "FILE",
                description = "AlpacaEval annotations (.json array, or .jsonl)")
        Path annotations;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result JSON here")
        Path out;

        @Override
        public Integer call() throws Exception {
            AlpacaLengthControl.Result r = AlpacaLengthControl.estimate(AlpacaOutputs.readAnnotations(annotations));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("annotations", r.annotations());
            result.put("judged", r.judged());
            result.put("win_rate", 100 * r.winRate());
            result.put("length_controlled_winrate", 100 * r.lengthControlledWinRate());
            result.put("dno_length_controlled_winrate", 100 * r.dnoLengthControlledWinRate());
            result.put("glm_coefficients", r.coefficients());
            result.put("glm_C", r.c());
            result.put("notes", r.notes());
            report(spec, result, out);
            return 0;
        }
    }
}
