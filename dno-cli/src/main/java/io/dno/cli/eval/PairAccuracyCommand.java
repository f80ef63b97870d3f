package io.dno.cli.eval;

import io.dno.cli.options.DeviceOption;
import io.dno.core.data.PreferencePair;
import io.dno.core.datasets.ChatPreference;
import io.dno.core.datasets.TrlPreferences;
import io.dno.core.eval.PairAccuracy;
import io.dno.core.eval.ResponseLogProbs;
import io.dno.core.io.DataFiles;
import io.dno.core.model.TransformerPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dno eval pairs}: a policy's accuracy on held-out preference pairs, as TRL reports it. */
@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = "Accuracy of a policy on held-out preference pairs: TRL's implicit-reward accuracy "
                + "(rewards/accuracies, against a reference) and the plain log-prob preference accuracy.")
final class PairAccuracyCommand implements Callable<Integer> {
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

    @Mixin
    DeviceOption device;

    @Mixin
    JsonResultOption result;

    @Override
    public Integer call() throws Exception {
        List<PreferencePair> list = read();
        double[][] policy = logProbs(model, list);
        double[][] ref = logProbs(reference, list);
        PairAccuracy a = PairAccuracy.of(policy[0], policy[1], ref[0], ref[1], beta);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", a.pairs());
        out.put("beta", a.beta());
        out.put("rewards/accuracies", a.rewardAccuracy());
        out.put("logprob_accuracy", a.logProbAccuracy());
        out.put("rewards/margins", a.meanRewardMargin());
        out.put("rewards/chosen", a.meanChosenReward());
        out.put("rewards/rejected", a.meanRejectedReward());
        return result.report(out);
    }

    /** The chosen and rejected responses' summed log-probabilities under the policy in {@code dir}. */
    private double[][] logProbs(Path dir, List<PreferencePair> list) {
        try (TransformerPolicy p = EvalPolicies.load(dir, promptFormat, device.usable())) {
            return ResponseLogProbs.of(p, list);
        }
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
