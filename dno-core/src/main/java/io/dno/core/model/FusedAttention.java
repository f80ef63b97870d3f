package io.dno.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.dno.core.tensor.TorchScriptModule;

/**
 * {@code torch.scaled_dot_product_attention} reached from DJL, which has no binding for it: two hand-written
 * TorchScript archives (resources {@code sdpa_masked.pt} and {@code sdpa_causal.pt}, made by
 * {@code src/main/python/make_torchscript_modules.py} without torch) loaded as {@link TorchScriptModule}s. Autograd
 * flows through their {@code forward} (DJL-NOTES.md §10), so training uses them too. Keys and values keep their
 * {@code KV} heads here; the module repeats each for its {@code H/KV} query heads as HF's repeat_kv does (PyTorch
 * 2.7's CPU flash kernel does not take {@code enable_gqa}, and the math fallback is 2x slower on the tiny preset).
 */
final class FusedAttention {

    private FusedAttention() {}

    /**
     * Attention with an additive bias (padding and causality).
     *
     * @param q    (B, H, T, D)
     * @param k    (B, KV, Tk, D)
     * @param v    (B, KV, Tk, D)
     * @param bias (B, 1, T, Tk) float32, 0 = may attend, -1e9 = may not
     * @param precision {@link Precision#BF16} runs the kernel on bfloat16 copies
     * @return (B, H, T, D) in the manager of {@code q}
     */
    static NDArray masked(NDArray q, NDArray k, NDArray v, NDArray bias, Precision precision) {
        return TorchScriptModule.of(resource("sdpa_masked", precision), q.getDevice()).forward(new NDList(q, k, v, bias));
    }

    /** Causal attention over unpadded rows, T = Tk (the training case): shapes as {@link #masked}, no bias. */
    static NDArray causal(NDArray q, NDArray k, NDArray v, Precision precision) {
        return TorchScriptModule.of(resource("sdpa_causal", precision), q.getDevice()).forward(new NDList(q, k, v));
    }

    /** bf16: q, k, v cast to bfloat16 inside the call, the output back to float32 (the softmax accumulates in f32). */
    private static String resource(String kernel, Precision precision) {
        return "/io/dno/core/model/" + kernel + (precision == Precision.BF16 ? "_bf16" : "") + ".pt";
    }
}
