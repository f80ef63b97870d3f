package io.dno.core.peft;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import io.dno.core.model.Projection;
import io.dno.core.model.Transformer;
import io.dno.core.seed.Seeds;
import io.dno.core.tensor.Scalars;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A LoRA adapter on a {@link Transformer} (Hu et al. 2021, Eq. 3): each targeted projection computes
 * {@code h = x·Wᵀ + (α/r) · dropout(x)·Aᵀ·Bᵀ}, with W frozen, A (r, in) initialised kaiming-uniform as PEFT
 * does ({@code kaiming_uniform_(a=√5)}, i.e. U(−1/√in, 1/√in)) and B (out, r) zero, so the adapted model starts
 * equal to the base.
 *
 * <p>A and B join the model's parameters as {@code model.layers.{i}.self_attn.q_proj.lora_A.weight} (PEFT's
 * names without the {@code base_model.model.} prefix), so the {@link io.dno.core.train.Trainer} trains them when
 * given {@link #isAdapterParameter} as its trainable predicate, and nothing else. Switching the adapter off
 * ({@link #withDisabled}) gives back the base model at no memory cost. In an alignment run the reference of each
 * iteration is whatever iterate the strategy names, loaded as an adapter and scored once: for offline DPO that is
 * the starting adapter (B = 0, so the base itself, as Thakkar et al. 2024 train DPO), for DNO and SPIN the previous
 * iteration's adapter π_t.
 *
 * <p>{@link #close()} detaches the adapter: its parameters leave the model and the previous projection returns.
 * Not thread-safe, like the model.
 */
public final class LoraAdapter implements Projection, AutoCloseable {
    /** Marks adapter parameters in the model's parameter names. */
    public static final String LORA_A = "lora_A";
    public static final String LORA_B = "lora_B";

    private final Transformer model;
    private final LoraConfig config;
    private final NDManager manager;
    private final Projection base;
    private final Map<String, NDArray[]> factors;   // base weight name -> {A (r, in), B (out, r)}
    private final Map<String, NDArray> parameters;  // adapter parameter name -> array, in model order
    private boolean enabled = true;
    private boolean merged;
    private boolean training;
    private boolean attached = true;
    private long dropoutSeed;
    private long dropoutDraws;

    private LoraAdapter(Transformer model, LoraConfig config, NDManager manager, Map<String, NDArray[]> factors) {
        this.model = model;
        this.config = config;
        this.manager = manager;
        this.base = model.projection();
        this.factors = factors;
        Map<String, NDArray> params = new LinkedHashMap<>();
        factors.forEach((weight, ab) -> {
            params.put(ab[0].getName(), ab[0]);
            params.put(ab[1].getName(), ab[1]);
        });
        this.parameters = Collections.unmodifiableMap(params);
        model.addParameters(params);
        model.setProjection(this);
    }

    /** Attaches a fresh adapter (A kaiming-uniform from {@code seed}, B zero) to every targeted projection. */
    public static LoraAdapter attach(Transformer model, LoraConfig config, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        NDManager manager = model.manager().newSubManager();
        Map<String, NDArray[]> factors = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : targetShapes(model, config).entrySet()) {
            long out = e.getValue().get(0);
            long in = e.getValue().get(1);
            double bound = 1.0 / Math.sqrt(in);           // kaiming_uniform_(a=√5): gain √(1/3) · √(3/in)
            float[] a = new float[Math.toIntExact(config.rank() * in)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
            NDArray aArray = manager.create(a, new Shape(config.rank(), in));                   // (r, in)
            NDArray bArray = manager.zeros(new Shape(out, config.rank()));                      // (out, r)
            factors.put(e.getKey(), named(e.getKey(), aArray, bArray));
        }
        return new LoraAdapter(model, config, manager, factors);
    }

    /**
     * Attaches an adapter with given factors, keyed by the model's adapter parameter names ({@link #parameterName});
     * every targeted projection needs both, with shapes (r, in) and (out, r). The arrays are copied.
     */
    public static LoraAdapter attach(Transformer model, LoraConfig config, Map<String, NDArray> weights) {
        Map<String, Shape> shapes = targetShapes(model, config);
        NDManager manager = model.manager().newSubManager();
        try {
            Map<String, NDArray[]> factors = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : shapes.entrySet()) {
                Shape a = new Shape(config.rank(), e.getValue().get(1));
                Shape b = new Shape(e.getValue().get(0), config.rank());
                factors.put(e.getKey(), named(e.getKey(), copy(weights, parameterName(e.getKey(), LORA_A), a, manager),
                        copy(weights, parameterName(e.getKey(), LORA_B), b, manager)));
            }
            for (String name : weights.keySet()) {
                checkArgument(factors.values().stream().anyMatch(ab -> ab[0].getName().equals(name)
                                || ab[1].getName().equals(name)),
                        "adapter weight '%s' matches no targeted projection of the model (target_modules %s, %s layers)",
                        name, config.targetModules(), model.config().numHiddenLayers());
            }
            return new LoraAdapter(model, config, manager, factors);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** {@code model.layers.0.self_attn.q_proj.weight} → {@code model.layers.0.self_attn.q_proj.lora_A.weight}. */
    public static String parameterName(String baseWeightName, String factor) {
        return baseWeightName.substring(0, baseWeightName.length() - "weight".length()) + factor + ".weight";
    }

    /** The trainable-parameter predicate of LoRA training: true exactly for adapter factors. */
    public static boolean isAdapterParameter(String name) {
        return name.endsWith("." + LORA_A + ".weight") || name.endsWith("." + LORA_B + ".weight");
    }

    public LoraConfig config() {
        return config;
    }

    /** The adapter's parameters (A and B of every targeted projection), by model parameter name. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Number of scalar values in the adapter: what LoRA trains. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    /** The model the adapter is attached to. */
    public Transformer model() {
        return model;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Switches the low-rank update on or off; off, the model computes the base exactly. */
    public void setEnabled(boolean on) {
        checkState(!merged || on, "the adapter is merged into the base weights: unmerge() before disabling it");
        enabled = on;
    }

    /** Runs {@code action} with the adapter off (the base model), then restores the previous state. */
    public <T> T withDisabled(Supplier<T> action) {
        boolean was = enabled;
        setEnabled(false);
        try {
            return action.get();
        } finally {
            enabled = was;
        }
    }

    /**
     * Dropout on the adapter input is applied only while training is on (off by default, as in eval mode). Its
     * masks are a pure function of the seed the trainer gives each micro-batch ({@link #seedRandomness}), the
     * projection's name and the draw's order within the micro-batch, so a resumed run draws the same masks.
     */
    public void setTraining(boolean on) {
        training = on;
    }

    /**
     * Keys the dropout masks of the next forward passes on {@code seed} (the trainer's per-micro-batch seed): each
     * mask is drawn from PyTorch's generator freshly seeded with (seed, weight name, draw number), so it does not
     * depend on what ran before. Passed on to the projection beneath (a quantised base).
     */
    @Override
    public void seedRandomness(long seed) {
        dropoutSeed = seed;
        dropoutDraws = 0;
        base.seedRandomness(seed);
    }

    public boolean isMerged() {
        return merged;
    }

    /**
     * Folds the update into the base weights, {@code W ← W + (α/r)·B·A}, so the forward pass costs nothing
     * extra; {@link #unmerge} subtracts it again (exact up to float32 rounding).
     */
    public void merge() {
        checkState(!merged, "the adapter is already merged");
        applyDelta(1.0);
        merged = true;
    }

    public void unmerge() {
        checkState(merged, "the adapter is not merged");
        applyDelta(-1.0);
        merged = false;
    }

    /** (α/r)·B·A for one base weight name, in {@code m}. */
    public NDArray delta(String baseWeightName, NDManager m) {
        NDArray[] ab = factors.get(baseWeightName);
        checkArgument(ab != null, "'%s' is not adapted by this adapter", baseWeightName);
        NDArray ba = ab[1].matMul(ab[0]);                                                       // (out, in)
        ba.attach(m);
        return Scalars.mul(ba, config.scaling());                                               // (out, in)
    }

    @Override
    public NDArray apply(String weightName, NDArray x, NDArray weight) {
        NDArray y = base == Projection.PLAIN ? model.plainLinear(x, weight)                     // model's precision
                : base.apply(weightName, x, weight);                                            // (B, T, out)
        NDArray[] ab = factors.get(weightName);
        if (ab == null || !enabled || merged) {
            return y;
        }
        NDArray in = training && config.dropout() > 0 ? dropout(weightName, x) : x;           // (B, T, in)
        NDArray low = Linear.linear(in, ab[0]).singletonOrThrow();                              // (B, T, r)
        NDArray update = Linear.linear(low, ab[1]).singletonOrThrow();                          // (B, T, out)
        return y.add(Scalars.mul(update, config.scaling()));
    }

    /**
     * Inverted dropout (PEFT's {@code lora_dropout}, {@code torch.nn.Dropout}) of the adapter input, drawn from
     * PyTorch's generator seeded for this draw alone: the engine's generator is global, so this is as
     * thread-unsafe as the model.
     */
    private NDArray dropout(String weightName, NDArray x) {
        long seed = Seeds.mix(dropoutSeed, Seeds.ofText(weightName), dropoutDraws++);
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        return Dropout.dropout(x, (float) config.dropout(), true).singletonOrThrow();          // (B, T, in)
    }

    /**
     * Detaches the adapter (unmerging it first if it is merged and {@code keepMerged} is false): its parameters
     * leave the model, the previous projection returns, and its arrays are freed.
     */
    public void detach(boolean keepMerged) {
        if (!attached) {
            return;
        }
        if (merged && !keepMerged) {
            unmerge();
        }
        parameters.keySet().forEach(model::releaseParameter);
        model.setProjection(base);
        manager.close();
        attached = false;
    }

    /** Detaches the adapter, leaving the base weights as they were before it was attached (merged or not). */
    @Override
    public void close() {
        detach(false);
    }

    private void applyDelta(double sign) {
        checkState(attached, "the adapter is detached");
        try (NDManager step = manager.newSubManager()) {
            for (String name : factors.keySet()) {
                NDArray w = model.parameters().get(name);
                checkState(w != null, "the base weight %s is not held in full precision (quantised base?): merge the"
                        + " adapter into a float32 base instead, e.g. with `dno lora merge`", name);
                w.addi(Scalars.mul(delta(name, step), sign));                                   // (out, in)
            }
        }
    }

    private static Map<String, Shape> targetShapes(Transformer model, LoraConfig config) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        io.dno.core.model.ParameterNames.shapes(model.config()).forEach((name, shape) -> {
            if (config.targets(name)) {
                shapes.put(name, shape);
            }
        });
        checkArgument(!shapes.isEmpty(), "target_modules %s match no projection of the model", config.targetModules());
        return shapes;
    }

    private static NDArray[] named(String baseWeight, NDArray a, NDArray b) {
        a.setName(parameterName(baseWeight, LORA_A));
        b.setName(parameterName(baseWeight, LORA_B));
        return new NDArray[] {a, b};
    }

    private static NDArray copy(Map<String, NDArray> weights, String name, Shape shape, NDManager manager) {
        NDArray w = weights.get(name);
        checkArgument(w != null, "adapter weight '%s' %s is missing", name, shape);
        checkArgument(w.getShape().equals(shape), "adapter weight '%s' has shape %s, expected %s (rank and model"
                + " dimensions must match)", name, w.getShape(), shape);
        return manager.create(w.toFloatArray(), shape);
    }
}
