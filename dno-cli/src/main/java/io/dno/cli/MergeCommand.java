package io.dno.cli;

import io.dno.core.merge.AdapterMergeMode;
import io.dno.core.merge.MergeMethod;
import io.dno.core.merge.MergeReport;
import io.dno.core.merge.MergeSettings;
import io.dno.core.merge.Merges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dno merge}: merges checkpoints or LoRA adapters with linear, task arithmetic, TIES, DARE or SLERP. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge model directories (config.json + safetensors) or PEFT LoRA adapter directories.",
            "Streams tensor by tensor; the output directory appears only when complete.",
            "Adapters (directories with adapter_config.json) merge as updates B·A into --base (delta mode, writes a",
            "model) or as A and B factors separately (factors mode, writes an adapter, as the DTM code does)."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "linear, task-arithmetic, ties, dare-linear, dare-ties or slerp")
    String method;

    @Option(names = "--models", required = true, split = ",", paramLabel = "DIR",
            description = "model or adapter directories, comma-separated")
    List<Path> models;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "one weight per model (default: 1 each; divided by their sum when normalize is on)")
    List<Double> weights;

    @Option(names = "--normalize", negatable = true,
            description = {"divide the merged sum by the (agreeing) weights, as mergekit's normalize (default: on for",
                "linear and ties, off for task-arithmetic, dare-linear and dare-ties, as mergekit)"})
    Boolean normalize;

    @Option(names = "--rescale", negatable = true,
            description = {"scale each trimmed or dropped task vector back to its L1 norm, as mergekit's rescale",
                "(default: on for dare-linear and dare-ties, off otherwise, as mergekit)"})
    Boolean rescale;

    @Option(names = "--base", paramLabel = "DIR",
            description = "the model the inputs were fine-tuned from (task-vector methods; adapter delta mode)")
    Path base;

    @Option(names = "--lambda", defaultValue = "1.0", description = "scale of the merged task vector (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--density", defaultValue = "0.2",
            description = "fraction of each task vector TIES keeps by magnitude (default: ${DEFAULT-VALUE})")
    double density;

    @Option(names = "--drop", defaultValue = "0.9", description = "DARE drop probability p (default: ${DEFAULT-VALUE})")
    double drop;

    @Option(names = "--t", defaultValue = "0.5", description = "SLERP position: 0 first model, 1 second (default: ${DEFAULT-VALUE})")
    double t;

    @Option(names = "--seed", defaultValue = "0", description = "seed of DARE's masks (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--adapter-mode", defaultValue = "delta",
            description = "for adapters: delta (merge B·A into --base) or factors (merge A and B) (default: ${DEFAULT-VALUE})")
    String adapterMode;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (must not exist or be empty)")
    Path out;

    @Override
    public Integer call() {
        MergeMethod chosen = MergeMethod.parse(method);
        MergeSettings settings = new MergeSettings(chosen, weights == null ? List.of() : weights, lambda, density, drop,
                t, seed, normalize == null ? chosen.normalizesByDefault() : normalize,
                rescale == null ? chosen.rescalesByDefault() : rescale);
        long adapters = models.stream().filter(m -> Files.isRegularFile(m.resolve("adapter_config.json"))).count();
        if (adapters != 0 && adapters != models.size()) {
            throw new IllegalArgumentException("--models mixes adapter directories (with adapter_config.json) and "
                    + "model directories; merge one kind at a time");
        }
        MergeReport report;
        if (adapters > 0) {
            AdapterMergeMode mode = switch (adapterMode) {
                case "delta" -> AdapterMergeMode.DELTA;
                case "factors" -> AdapterMergeMode.FACTORS;
                default -> throw new IllegalArgumentException("--adapter-mode must be delta or factors, got '"
                        + adapterMode + "'");
            };
            report = Merges.adapters(models, Optional.ofNullable(base), mode, settings, out);
        } else {
            report = Merges.checkpoints(models, Optional.ofNullable(base), settings, out);
        }
        spec.commandLine().getOut().printf("merged %d tensors (%,d weights) of %d %s with %s into %s%n",
                report.tensors(), report.elements(), models.size(), adapters > 0 ? "adapters" : "models",
                settings.method(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
