package io.dno.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.IValue;
import io.dno.core.tensor.TorchScriptModule;
import java.util.List;

/**
 * Global-norm clipping, {@code torch.optim.AdamW}'s fused kernel ({@code torch._fused_adamw_}, the update of
 * {@code AdamW(fused=True)}) and zero_grad over all parameters in one native call: the TorchScript module
 * {@code fused_adamw.pt} ({@code src/main/python/make_torchscript_modules.py}). One call replaces about fifteen
 * element-wise NDArray ops, each a native call and a pass over memory, per parameter. Runs in inference mode, so
 * nothing is recorded.
 */
final class FusedAdamW {
    private static final String MODULE = "/io/dno/core/train/fused_adamw.pt";

    private FusedAdamW() {}

    /**
     * Updates every parameter in {@code params} that has a gradient (the lists are parallel; {@code steps} are
     * float32 scalars counting each parameter's updates, incremented here; {@code decayed}: whether a parameter is
     * in the weight-decay group, the others get none). Clipping takes the norm over both groups together.
     *
     * @param maxNorm clip the gradients' joint L2 norm to this; {@code <= 0}: no norm, no clipping
     * @return the gradients' norm before clipping (0 when {@code maxNorm <= 0}); when it is not finite nothing
     *         was changed
     */
    static double step(List<NDArray> params, List<NDArray> expAvgs, List<NDArray> expAvgSqs, List<NDArray> steps,
                       List<Boolean> decayed, double learningRate, AdamWSettings s, double maxNorm) {
        boolean[] decay = new boolean[decayed.size()];
        for (int i = 0; i < decay.length; i++) {
            decay[i] = decayed.get(i);
        }
        TorchScriptModule module = TorchScriptModule.of(MODULE, params.get(0).getDevice());
        try (IValue p = TorchScriptModule.tensorList(params);
             IValue m = TorchScriptModule.tensorList(expAvgs);
             IValue v = TorchScriptModule.tensorList(expAvgSqs);
             IValue t = TorchScriptModule.tensorList(steps);
             IValue d = IValue.listFrom(decay);
             IValue hyper = IValue.listFrom(learningRate, s.beta1(), s.beta2(), s.weightDecay(), s.epsilon(), maxNorm);
             IValue result = module.call(p, m, v, t, d, hyper)) {
            IValue[] normAndUpdated = result.toIValueTuple();      // (norm, the updated lists)
            try (IValue norm = normAndUpdated[0]; IValue updated = normAndUpdated[1]) {
                return norm.toDouble();
            }
        }
    }
}
