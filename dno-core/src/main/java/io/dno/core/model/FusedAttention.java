package io.dno.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code torch.scaled_dot_product_attention} reached from DJL, which has no binding for it: two hand-written
 * TorchScript archives (resources {@code sdpa_masked.pt} and {@code sdpa_causal.pt}, made by
 * {@code src/main/python/make_sdpa_modules.py} without torch) loaded as symbol blocks. Autograd flows through
 * their {@code forward} (DJL-NOTES.md §10), so training uses them too. Keys and values keep their
 * {@code KV} heads ({@code enable_gqa=True} shares each among {@code H/KV} query heads as HF's repeat_kv does).
 *
 * <p>The modules are loaded once per device and kept for the life of the process (a released DJL
 * {@link Model} would free the module under a caller).
 */
final class FusedAttention {
    private static final Map<String, Model> MODULES = new HashMap<>();

    private FusedAttention() {}

    /**
     * Attention with an additive bias (padding and causality).
     *
     * @param q    (B, H, T, D)
     * @param k    (B, KV, Tk, D)
     * @param v    (B, KV, Tk, D)
     * @param bias (B, 1, T, Tk) float32, 0 = may attend, -1e9 = may not
     * @return (B, H, T, D) in the manager of {@code q}
     */
    static NDArray masked(NDArray q, NDArray k, NDArray v, NDArray bias) {
        return call("sdpa_masked", q, new NDList(q, k, v, bias));
    }

    /** Causal attention over unpadded rows, T = Tk (the training case): shapes as {@link #masked}, no bias. */
    static NDArray causal(NDArray q, NDArray k, NDArray v) {
        return call("sdpa_causal", q, new NDList(q, k, v));
    }

    private static NDArray call(String module, NDArray q, NDList inputs) {
        Block block = module(module, q.getDevice()).getBlock();
        NDArray out = block.forward(new ParameterStore(q.getManager(), false), inputs, true).singletonOrThrow();
        out.attach(q.getManager());
        return out;                                                                     // (B, H, T, D)
    }

    private static synchronized Model module(String name, Device device) {
        return MODULES.computeIfAbsent(name + "@" + device, key -> load(name, device));
    }

    private static Model load(String name, Device device) {
        try {
            Path dir = Files.createTempDirectory("dno-" + name);
            try (InputStream in = FusedAttention.class.getResourceAsStream(name + ".pt")) {
                if (in == null) {
                    throw new IllegalStateException("resource " + name + ".pt is missing from dno-core's jar");
                }
                Files.write(dir.resolve(name + ".pt"), in.readAllBytes());
            }
            Model model = Model.newInstance(name, device, "PyTorch");
            model.load(dir, name);
            Files.deleteIfExists(dir.resolve(name + ".pt"));
            Files.deleteIfExists(dir);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fused attention module " + name + ": " + e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("the fused attention module " + name + " does not load: " + e.getMessage(),
                    e);
        }
    }
}
