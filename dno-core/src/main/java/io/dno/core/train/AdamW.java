package io.dno.core.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
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
 * {@link Trainer} uses). Parameters without a gradient (frozen: {@code hasGradient() == false}) are skipped and get no
 * state, as torch skips parameters whose grad is None. Gradients are zeroed after the step. Not thread-safe; the
 * state lives in a sub-manager of the manager given at construction and is freed by {@link #close()}.
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
     * One update of every parameter that has a gradient, at learning rate {@code learningRate}, iterating in the
     * map's order. Temporaries live in a sub-manager closed before returning.
     */
    public void step(Map<String, NDArray> parameters, double learningRate) {
        checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
                "learning rate must be finite and >= 0, got %s", learningRate);
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        try (NDManager tmp = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                if (!p.hasGradient()) {
                    continue;
                }
                NDArray g = p.getGradient();
                g.attach(tmp);
                Moments s = state.computeIfAbsent(e.getKey(), k -> Moments.zeros(manager, p));
                checkArgument(s.expAvg.getShape().equals(p.getShape()),
                        "optimizer state for parameter '%s' has shape %s but the parameter has shape %s",
                        e.getKey(), s.expAvg.getShape(), p.getShape());
                s.step++;
                double bc1 = 1 - Math.pow(b1, s.step);
                double bc2 = 1 - Math.pow(b2, s.step);
                if (settings.weightDecay() != 0 && decayed.test(e.getKey())) {
                    p.muli(1 - learningRate * settings.weightDecay());
                }
                s.expAvg.muli(b1).addi(g.mul(1 - b1));                        // g.mul lives in tmp
                s.expAvgSq.muli(b2).addi(g.square().muli(1 - b2));
                NDArray denom = s.expAvgSq.sqrt();
                denom.attach(tmp);
                denom.divi(Math.sqrt(bc2)).addi(settings.epsilon());
                NDArray update = s.expAvg.div(denom);
                update.attach(tmp);
                p.subi(update.muli(learningRate / bc1));
                g.subi(g);                                                      // zero_grad: g shares storage
            }
        }
        steps++;
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
            tensors.put(name + STEP, target.create(new long[] {s.step}));
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
            restored.put(name, new Moments(copy(saved.tensors().get(name + EXP_AVG), manager),
                    copy(saved.tensors().get(name + EXP_AVG_SQ), manager), step));
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

    /** First and second moments and the step count of one parameter. */
    private static final class Moments {
        final NDArray expAvg;
        final NDArray expAvgSq;
        long step;

        Moments(NDArray expAvg, NDArray expAvgSq, long step) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.step = step;
        }

        static Moments zeros(NDManager manager, NDArray p) {
            return new Moments(manager.zeros(p.getShape(), p.getDataType(), p.getDevice()),
                    manager.zeros(p.getShape(), p.getDataType(), p.getDevice()), 0);
        }

        void close() {
            expAvg.close();
            expAvgSq.close();
        }
    }
}
