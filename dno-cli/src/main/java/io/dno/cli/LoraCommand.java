package io.dno.cli;

import io.dno.core.checkpoint.StorageType;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.peft.AdapterFiles;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.LoraConfig;
import io.dno.core.peft.QuantizedBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno lora}: LoRA adapters in PEFT's layout and QLoRA's 4-bit base, from the command line. */
@Command(name = "lora", mixinStandardHelpOptions = true,
        description = "LoRA adapters (PEFT layout: adapter_config.json + adapter_model.safetensors) and NF4 bases.",
        subcommands = {LoraCommand.Init.class, LoraCommand.Merge.class, LoraCommand.Info.class, LoraCommand.Nf4.class})
final class LoraCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code dno lora init}: a fresh adapter for a base model (A kaiming-uniform, B zero). */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write a fresh LoRA adapter for a base model (A random, B zero: the adapted model equals the base).")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--base", required = true, paramLabel = "DIR", description = "base model directory")
        Path base;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "adapter directory to write")
        Path out;

        @Option(names = {"-r", "--rank"}, defaultValue = "16", description = "rank r (default: ${DEFAULT-VALUE})")
        int rank;

        @Option(names = "--alpha", defaultValue = "32", description = "lora_alpha; scaling alpha/r (default: ${DEFAULT-VALUE})")
        double alpha;

        @Option(names = "--dropout", defaultValue = "0.05", description = "lora_dropout (default: ${DEFAULT-VALUE})")
        double dropout;

        @Option(names = "--target-modules", split = ",", paramLabel = "NAME",
                defaultValue = "q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj",
                description = "projections to adapt (default: ${DEFAULT-VALUE})")
        List<String> targets;

        @Option(names = "--seed", defaultValue = "0", description = "seed of A (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            LoraConfig config = new LoraConfig(rank, alpha, dropout, targets, base.toString());
            try (Transformer model = CheckpointDir.load(base);
                 LoraAdapter lora = LoraAdapter.attach(model, config, seed)) {
                AdapterFiles.save(lora, out);
                PrintWriter w = spec.commandLine().getOut();
                w.printf("wrote a rank-%d adapter on %s with %,d trainable parameters (%.2f%% of %,d) to %s%n", rank,
                        targets, lora.parameterCount(), 100.0 * lora.parameterCount() / baseCount(model, lora),
                        baseCount(model, lora), out);
                w.flush();
            }
            return 0;
        }
    }

    /** {@code dno lora merge}: base + adapter → a plain model directory with W + (α/r)·B·A. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge a LoRA adapter into its base: writes a model directory with W + (alpha/r)·B·A.")
    static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--base", required = true, paramLabel = "DIR", description = "base model directory")
        Path base;

        @Option(names = "--adapter", required = true, paramLabel = "DIR", description = "PEFT adapter directory")
        Path adapter;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "merged model directory to write")
        Path out;

        @Option(names = "--storage", defaultValue = "F32", description = "F32, F16 or BF16 (default: ${DEFAULT-VALUE})")
        StorageType storage;

        @Override
        public Integer call() {
            try (Transformer model = CheckpointDir.load(base)) {
                LoraAdapter lora = AdapterFiles.load(adapter, model);
                lora.merge();
                int adapted = lora.parameters().size() / 2;
                lora.detach(true);
                CheckpointDir.save(model, Optional.of(base), out, storage);
                spec.commandLine().getOut().printf("merged %d adapted projections (r=%d, alpha=%s) into %s%n", adapted,
                        lora.config().rank(), lora.config().alpha(), out);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    /** {@code dno lora info}: what an adapter holds. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show an adapter's configuration and size.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--adapter", required = true, paramLabel = "DIR", description = "PEFT adapter directory")
        Path adapter;

        @Option(names = "--base", required = true, paramLabel = "DIR", description = "base model directory (checks shapes)")
        Path base;

        @Override
        public Integer call() {
            try (Transformer model = CheckpointDir.load(base);
                 LoraAdapter lora = AdapterFiles.load(adapter, model)) {
                LoraConfig c = lora.config();
                PrintWriter w = spec.commandLine().getOut();
                w.printf("r=%d alpha=%s scaling=%s dropout=%s target_modules=%s base=%s%n", c.rank(), c.alpha(),
                        c.scaling(), c.dropout(), c.targetModules(), c.baseModel().isEmpty() ? "-" : c.baseModel());
                w.printf("%d tensors, %,d parameters (%.2f%% of the base's %,d)%n", lora.parameters().size(),
                        lora.parameterCount(), 100.0 * lora.parameterCount() / baseCount(model, lora),
                        baseCount(model, lora));
                w.flush();
            }
            return 0;
        }
    }

    /** {@code dno lora nf4}: QLoRA's 4-bit base for a model: memory and quantisation error. */
    @Command(name = "nf4", mixinStandardHelpOptions = true,
            description = "Quantise a model's projections to NF4 (block 64) in memory and report memory and error.")
    static final class Nf4 implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
        Path modelDir;

        @Option(names = "--double-quant", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "8-bit double quantisation of the block scales (default: ${DEFAULT-VALUE})")
        boolean doubleQuant;

        @Override
        public Integer call() {
            try (Transformer model = CheckpointDir.load(modelDir)) {
                long total = model.parameterCount();
                QuantizedBase base = QuantizedBase.quantize(model, LoraConfig.ALL_PROJECTIONS, doubleQuant);
                QuantizedBase.Stats s = base.stats();
                long rest = model.parameterCount() * 4;
                PrintWriter w = spec.commandLine().getOut();
                w.printf("projections: %d weights, %,d values: float32 %,d bytes -> NF4%s %,d bytes (%.3f bits/value,"
                                + " %.2fx smaller)%n", s.weights(), s.values(), s.float32Bytes(),
                        doubleQuant ? "+DQ" : "", s.storedBytes(), s.bitsPerValue(),
                        (double) s.float32Bytes() / s.storedBytes());
                w.printf("whole model: %,d -> %,d bytes (%.2fx smaller; embeddings and norms stay float32)%n",
                        total * 4, rest + s.storedBytes(), (double) total * 4 / (rest + s.storedBytes()));
                w.printf("round-trip error: max |dw| %.3e, rms %.3e, max error / bound (absmax*gap/2) %.4f%n",
                        s.maxAbsError(), s.rmsError(), s.maxBoundRatio());
                w.flush();
            }
            return 0;
        }
    }

    private static long baseCount(Transformer model, LoraAdapter lora) {
        return model.parameterCount() - lora.parameterCount();
    }
}
