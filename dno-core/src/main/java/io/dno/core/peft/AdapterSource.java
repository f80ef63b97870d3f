package io.dno.core.peft;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.model.PolicySource;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.IterateLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a LoRA policy's iterates come from (Thakkar et al. 2024 align 7B models this way): the base model, quantised
 * to NF4 for QLoRA as the run quantised it, with the PEFT adapter directory of an iterate attached. A plain
 * serialisable value, so executors of a distributed engine open iterates exactly as the run trained them.
 *
 * @param base         the base model (checkpoint, prompt format, stop strings, device)
 * @param quantizeBase {@code none}, {@code nf4} or {@code nf4-double} (double-quantised scales)
 */
public record AdapterSource(PolicySource base, String quantizeBase) implements IterateLoader {

    /** The quantisations of the base a run can use. */
    public static final List<String> QUANTIZATIONS = List.of("none", "nf4", "nf4-double");

    public AdapterSource {
        checkArgument(base != null, "base: give the base model's source");
        quantizeBase = quantizeBase == null ? "none" : quantizeBase;
        checkArgument(QUANTIZATIONS.contains(quantizeBase), "quantize_base must be one of %s, got '%s'", QUANTIZATIONS,
                quantizeBase);
    }

    /** The base quantised as configured, with the adapter saved in {@code iterate} attached; closes all it opened. */
    @Override
    public LoraPolicy open(Path iterate) {
        LoraConfig config = AdapterFiles.readConfig(iterate.resolve(AdapterFiles.CONFIG));
        TransformerPolicy policy = base.load();
        QuantizedBase quantized = null;
        try {
            if (!quantizeBase.equals("none")) {
                quantized = QuantizedBase.quantize(policy.model(), config.targetModules(),
                        quantizeBase.equals("nf4-double"));
            }
            return LoraPolicy.owning(policy, AdapterFiles.load(iterate, policy.model()), quantized);
        } catch (RuntimeException e) {
            if (quantized != null) {
                quantized.close();
            }
            policy.close();
            throw e;
        }
    }
}
