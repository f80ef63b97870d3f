package io.dno.cli.bench;

import ai.djl.Device;
import io.dno.cli.options.DeviceOption;
import io.dno.core.model.AttentionKernel;
import io.dno.core.model.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of the bench subcommands that time a preset model: its size, device and the compared variants. */
final class BenchOptions {
    @Option(names = "--preset", defaultValue = "tiny",
            description = "tiny (109k params, seq 64), small (24.6M, seq 256), base (100M, seq 512), qwen05b (Qwen2.5-0.5B's"
                    + " shape, 494M, seq 256) (default: ${DEFAULT-VALUE})")
    BenchPreset.Name preset;

    @Mixin
    DeviceOption device;

    @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
            description = "PyTorch intra-op threads; a list compares them (default: PyTorch's)")
    List<Integer> threads;

    @Option(names = "--attention", split = ",", paramLabel = "naive|fused[,...]",
            description = "attention kernel; a list compares them (default: the model's default, ${DEFAULT-VALUE})",
            defaultValue = "fused")
    List<String> attention;

    @Option(names = "--precision", split = ",", paramLabel = "f32|bf16[,...]", defaultValue = "f32",
            description = "number format of the matrix products (weights stay f32); a list compares them and"
                    + " reports bf16_speedup (default: ${DEFAULT-VALUE})")
    List<String> precision;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed repetitions first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--reps", defaultValue = "5", description = "timed repetitions; medians reported (default: ${DEFAULT-VALUE})")
    int reps;

    @Mixin
    BenchReport report;

    Device device() {
        return device.usable();
    }

    BenchPreset preset() {
        return BenchPreset.of(preset);
    }

    List<Variant> variants() {
        if (warmup < 0 || reps < 1) {
            throw new IllegalArgumentException("--warmup must be >= 0 and --reps >= 1, got " + warmup + " and " + reps);
        }
        List<Integer> counts = threads == null || threads.isEmpty() ? List.of(IntraOpThreads.get()) : threads;
        List<Variant> out = new ArrayList<>();
        for (int t : counts) {
            if (t < 1) {
                throw new IllegalArgumentException("--threads: every count must be >= 1, got " + t);
            }
            for (String a : attention) {
                for (String p : precision) {
                    out.add(new Variant(t, kernel(a), precision(p)));
                }
            }
        }
        return out;
    }

    int print(CommandSpec spec, Map<String, Object> result) {
        return report.print(spec, result);
    }

    private static AttentionKernel kernel(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "naive" -> AttentionKernel.NAIVE;
            case "fused" -> AttentionKernel.FUSED;
            default -> throw new IllegalArgumentException("--attention: '" + name + "' is not naive or fused");
        };
    }

    private static Precision precision(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "f32", "fp32", "float32" -> Precision.F32;
            case "bf16", "bfloat16" -> Precision.BF16;
            default -> throw new IllegalArgumentException("--precision: '" + name + "' is not f32 or bf16");
        };
    }
}
