package io.dno.cli.eval;

import io.dno.cli.options.DeviceOption;
import io.dno.core.eval.ModelLoglikelihood;
import io.dno.core.eval.MultipleChoice;
import io.dno.core.eval.MultipleChoiceItem;
import io.dno.core.io.Jsonl;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dno eval mc}: multiple choice scored as lm-evaluation-harness scores it (acc and acc_norm). */
@Command(name = "mc", mixinStandardHelpOptions = true,
        description = "Multiple choice as lm-evaluation-harness scores it: JSONL of {context, choices, gold}; acc "
                + "(highest summed log-likelihood) and acc_norm (divided by the choice's length in characters).")
final class MultipleChoiceCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL of {context, choices, gold}")
    Path data;

    @Option(names = "--delimiter", defaultValue = " ",
            description = "text between context and choice, the harness's target_delimiter (default: a space)")
    String delimiter;

    @Mixin
    DeviceOption device;

    @Mixin
    JsonResultOption result;

    @Override
    public Integer call() throws Exception {
        List<MultipleChoiceItem> items = Jsonl.read(data, MultipleChoiceItem.class);
        try (HfTokenizer tokenizer = HfTokenizer.load(model);
             Transformer transformer = CheckpointDir.load(model, device.usable())) {
            MultipleChoice.Result r = MultipleChoice.evaluate(items, new ModelLoglikelihood(transformer, tokenizer),
                    delimiter);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("items", r.items());
            out.put("acc", r.acc());
            out.put("acc_norm", r.accNorm());
            List<Map<String, Object>> perItem = new ArrayList<>();
            for (MultipleChoice.ItemScore s : r.scores()) {
                perItem.add(Map.of("loglikelihoods", s.logLikelihoods(), "predicted", s.predicted(),
                        "predicted_norm", s.predictedNorm(), "gold", s.gold()));
            }
            out.put("scores", perItem);
            return result.report(out);
        }
    }
}
