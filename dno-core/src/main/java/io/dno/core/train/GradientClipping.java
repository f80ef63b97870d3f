package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} (DJL's {@code optClipGrad} only clamps
 * from above, element-wise).
 */
public final class GradientClipping {

    private GradientClipping() {}

    /** {@link #clipGlobalNorm(Collection, double)} over the map's values. */
    public static double clipGlobalNorm(Map<String, NDArray> parameters, double maxNorm) {
        return clipGlobalNorm(parameters.values(), maxNorm);
    }

    /**
     * Scales the gradients of all parameters that have one, in place, so their joint L2 norm is at most
     * {@code maxNorm}:
     *
     * <pre>
     *   n = √(Σ_p ‖g_p‖²),   c = maxNorm / (n + 1e-6),   g_p ← c·g_p  if c &lt; 1
     * </pre>
     *
     * and returns n, the norm before clipping. Unlike torch, a non-finite n leaves the gradients untouched (torch
     * would multiply them by NaN): the caller's {@link NonFiniteGuard} is expected to stop the step.
     */
    public static double clipGlobalNorm(Collection<NDArray> parameters, double maxNorm) {
        checkArgument(Double.isFinite(maxNorm) && maxNorm > 0, "maxNorm must be finite and > 0, got %s (TRL's default is 1.0)",
                maxNorm);
        List<NDArray> withGradient = parameters.stream().filter(NDArray::hasGradient).toList();
        if (withGradient.isEmpty()) {
            return 0;
        }
        try (NDManager tmp = withGradient.get(0).getManager().newSubManager()) {
            List<NDArray> gradients = new ArrayList<>();
            double squares = 0;
            for (NDArray p : withGradient) {
                NDArray g = p.getGradient();
                g.attach(tmp);
                gradients.add(g);
                squares += g.square().sum().getFloat();       // scalar, in tmp with g
            }
            double norm = Math.sqrt(squares);
            double coefficient = maxNorm / (norm + 1e-6);
            if (Double.isFinite(norm) && coefficient < 1) {
                gradients.forEach(g -> g.muli(coefficient));
            }
            return norm;
        }
    }
}
