package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW with the semantics of {@code torch.optim.AdamW} (Loshchilov and Hutter 2019, arXiv:1711.05101,
 * Algorithm 2), written with in-place NDArray ops so its state can be checkpointed (DJL's {@code Optimizer.adamW}
 * keeps it private and adds ε to the uncorrected √v). Per parameter p with gradient g, at its own step t:
 *
 * <pre>
 *   p ← p·(1 − lr·λ)                          decoupled weight decay
 *   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
 *   p ← p − lr · (m / (1 − β1ᵗ)) / (√v / √(1 − β2ᵗ) + ε)
 * </pre>
 *
 * Weight decay applies to the parameters the decay predicate accepts: all of them by default (one torch param
 * group), or two groups, as the HF Trainer builds them, with {@link WeightDecayGroups#decays} (what the
 * {@link Trainer} uses). Parameters without a gradient (frozen: {@code hasGradient() == false}) are skipped and get
 * no state, as torch skips parameters whose grad is None. Gradients are zeroed after the step. The update is torch's own fused kernel
 * ({@code torch._fused_adamw_}, what {@code AdamW(fused=True)} runs) through {@link FusedAdamW}, one native call per
 * step for all parameters. Not thread-safe; the state lives in a
 * sub-manager of the manager given at construction and is freed by {@link #close()}.
 */
public final class AdamW implements AutoCloseable {
    static final String EXP_AVG = ".exp_avg";
    static final String EXP_AVG_SQ = ".exp_avg_sq";
    static final String STEP = ".step";

    private final NDManager manager;
    private final AdamWSettings settings;
    private final Predicate<String> decayed;
    private final Map<String, Moments> state = new LinkedHashMap<>();
    private long steps;

    /** An optimizer whose state lives in a sub-manager of {@code parent}, decaying every parameter (one group). */
    public AdamW(NDManager parent, AdamWSettings settings) {
        this(parent, settings, name -> true);
    }

    /**
     * An optimizer whose state lives in a sub-manager of {@code parent}, with two parameter groups: weight decay
     * for the parameters whose names {@code decayed} accepts, none for the others.
     */
    public AdamW(NDManager parent, AdamWSettings settings, Predicate<String> decayed) {
        this.manager = checkNotNull(parent, "parent manager").newSubManager();
        this.settings = checkNotNull(settings, "settings");
        this.decayed = checkNotNull(decayed, "decayed");
    }

    /**
     * One update of every parameter that has a gradient, at learning rate {@code learningRate}, in one native call
     * ({@link FusedAdamW}: torch's fused AdamW kernel).
     */
    public void step(Map<String, NDArray> parameters, double learningRate) {
        clipAndStep(parameters, learningRate, 0);
    }

    /**
     * Clips the gradients of the parameters that have one to a joint L2 norm of at most {@code maxNorm}, as
     * {@link GradientClipping#clipGlobalNorm} does, and takes one {@link #step}, in one native call. Returns the
     * norm before clipping; when it is not finite nothing is changed (no update, no step counted) and the caller
     * is expected to stop ({@link NonFiniteGuard}).
     *
     * @param maxNorm {@code > 0}; {@code 0} skips the norm and the clipping (and returns 0)
     */
    public double clipAndStep(Map<String, NDArray> parameters, double learningRate, double maxNorm) {
        checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
                "learning rate must be finite and >= 0, got %s", learningRate);
        checkArgument(maxNorm >= 0 && !Double.isNaN(maxNorm), "maxNorm must be >= 0 (0 = no clipping), got %s",
                maxNorm);
        List<NDArray> params = new ArrayList<>();
        List<NDArray> expAvgs = new ArrayList<>();
        List<NDArray> expAvgSqs = new ArrayList<>();
        List<NDArray> counts = new ArrayList<>();
        List<Boolean> decays = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            Moments s = state.computeIfAbsent(e.getKey(), k -> Moments.zeros(manager, p));
            checkArgument(s.expAvg.getShape().equals(p.getShape()),
                    "optimizer state for parameter '%s' has shape %s but the parameter has shape %s",
                    e.getKey(), s.expAvg.getShape(), p.getShape());
            params.add(p);
            expAvgs.add(s.expAvg);
            expAvgSqs.add(s.expAvgSq);
            counts.add(s.step);
            decays.add(decayed.test(e.getKey()));
        }
        double norm = params.isEmpty() ? 0
                : FusedAdamW.step(params, expAvgs, expAvgSqs, counts, decays, learningRate, settings,
                        maxNorm);
        if (Double.isFinite(norm)) {
            steps++;
        }
        return norm;
    }

    /** The number of {@link #step} calls so far (restored with the state). */
    public long steps() {
        return steps;
    }

    /** The hyperparameters. */
    public AdamWSettings settings() {
        return settings;
    }

    /**
     * A copy of the state in {@code target}, for a checkpoint: per parameter name {@code name.exp_avg},
     * {@code name.exp_avg_sq} (the parameter's shape and type) and {@code name.step} (int64, shape (1)).
     */
    public AdamWState exportState(NDManager target) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        state.forEach((name, s) -> {
            tensors.put(name + EXP_AVG, copy(s.expAvg, target));
            tensors.put(name + EXP_AVG_SQ, copy(s.expAvgSq, target));
            tensors.put(name + STEP, target.create(new long[] {(long) s.step.getFloat()}));
        });
        return new AdamWState(steps, tensors);
    }

    /** Replaces the state with a copy of {@code saved} (from {@link #exportState}); the caller keeps ownership of it. */
    public void restoreState(AdamWState saved) {
        checkNotNull(saved, "saved state");
        Map<String, Moments> restored = new LinkedHashMap<>();
        for (String name : saved.parameterNames()) {
            NDArray stepArray = saved.tensors().get(name + STEP);
            checkArgument(stepArray.getDataType() == DataType.INT64 && stepArray.getShape().equals(new Shape(1)),
                    "optimizer state '%s' must be int64 of shape (1), got %s %s", name + STEP,
                    stepArray.getDataType(), stepArray.getShape());
            long step = stepArray.getLong(0);
            checkArgument(step >= 0, "optimizer state '%s' must be >= 0, got %s", name + STEP, step);
            NDArray expAvg = copy(saved.tensors().get(name + EXP_AVG), manager);
            NDArray count = manager.create((float) step).toDevice(expAvg.getDevice(), false);
            count.attach(manager);
            restored.put(name, new Moments(expAvg, copy(saved.tensors().get(name + EXP_AVG_SQ), manager), count));
        }
        state.values().forEach(Moments::close);
        state.clear();
        state.putAll(restored);
        steps = saved.steps();
    }

    @Override
    public void close() {
        manager.close();
    }

    private static NDArray copy(NDArray source, NDManager target) {
        NDArray copy = source.duplicate();
        copy.attach(target);
        return copy;
    }

    /** First and second moments and the step count of one parameter (a float32 scalar, as torch's fused AdamW keeps it). */
    private static final class Moments {
        final NDArray expAvg;
        final NDArray expAvgSq;
        final NDArray step;

        Moments(NDArray expAvg, NDArray expAvgSq, NDArray step) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.step = step;
        }

        static Moments zeros(NDManager manager, NDArray p) {
            return new Moments(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()),
                    manager.zeros(p.getShape(), p.getDataType(), p.getDevice()),
                    manager.zeros(new Shape(), DataType.FLOAT32, p.getDevice()));
        }

        void close() {
            expAvg.close();
            expAvgSq.close();
            step.close();
        }
    }
}
