package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bf16 products with f32 master weights compute what f32 computes, to bf16's precision (8 significant bits): logits
 * and every parameter's gradient, for each architecture; the weights and gradients stay float32.
 */
class PrecisionTest {
    private static final long[][] IDS = LogitGradients.IDS;

    @Test
    void f32IsTheDefault() {
        try (Transformer model = Transformer.random(TinyConfigs.mistralMha(), 1)) {
            assertEquals(Precision.F32, model.precision());
        }
    }

    @Test
    void bf16LogitsMatchF32ToBf16Precision() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 21); NDManager m = model.manager().newSubManager()) {
                NDArray ids = m.create(IDS);                                             // (2, 10)
                NDArray mask = m.ones(new Shape(2, 10)).toType(DataType.INT64, false);
                mask.set(new NDIndex("1, :3"), 0);                                       // row 1 left-padded by 3
                NDArray f32 = model.setPrecision(Precision.F32).logits(ids, mask);       // (2, 10, V)
                NDArray bf16 = model.setPrecision(Precision.BF16).logits(ids, mask);
                assertEquals(DataType.FLOAT32, bf16.getDataType());
                NDArray real = mask.toType(DataType.FLOAT32, false).expandDims(2);
                float diff = f32.sub(bf16).mul(real).abs().max().getFloat();
                float scale = f32.mul(real).abs().max().getFloat();
                // bf16 keeps 8 significant bits (relative rounding 2^-9 ≈ 0.002) per operand of every product
                assertTrue(diff > 0, config.modelType() + ": bf16 gave exactly the f32 logits; the bf16 path did not run");
                assertTrue(diff < 0.03f * scale, config.modelType() + ": max |f32 - bf16| = " + diff + " at max |logit| "
                        + scale);
            }
        }
    }

    @Test
    void bf16GradientsPointTheSameWayAsF32() {
        for (TransformerConfig config : TinyConfigs.all()) {
            try (Transformer model = Transformer.random(config, 22)) {
                Map<String, float[]> f32 = LogitGradients.of(model.setPrecision(Precision.F32), 0);
                Map<String, float[]> bf16 = LogitGradients.of(model.setPrecision(Precision.BF16), 0);
                for (String name : f32.keySet()) {
                    double cosine = cosine(f32.get(name), bf16.get(name));
                    assertTrue(cosine > 0.995, config.modelType() + " " + name + ": cosine(f32, bf16 gradient) = "
                            + cosine);
                }
                model.parameters().values().forEach(p -> assertEquals(DataType.FLOAT32, p.getDataType()));
            }
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 && nb == 0 ? 1 : dot / Math.sqrt(na * nb);
    }
}
