package io.dno.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.model.TorchReference;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every merge method, under every {@code normalize} and {@code rescale} setting, against mergekit's formulas
 * restated in torch ({@code src/test/resources/reference/mergekit_reference.py}) on small random tensors.
 * DARE is compared on dno's own seeded masks, handed to the reference. Skipped when no python3 with torch is
 * installed; DNO_PYTHON picks one.
 */
class MergekitParityTest {
    private static final int N = 16;
    private static final List<Double> WEIGHTS = List.of(0.3, 1.2, 0.7);

    @Test
    void everyMethodMatchesMergekitsFormulas() throws Exception {
        String python = TorchReference.pythonOrSkip();
        Random random = new Random(20240417);
        float[] base = gaussian(random, 1.0);
        List<float[]> models = new ArrayList<>();
        for (int i = 0; i < WEIGHTS.size(); i++) {
            float[] model = base.clone();
            float[] tau = gaussian(random, 0.5);
            for (int j = 0; j < N; j++) {
                model[j] += tau[j];
            }
            models.add(model);
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        List<float[]> ours = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (MergeMethod method : MergeMethod.values()) {
            for (boolean normalize : new boolean[] {true, false}) {
                for (boolean rescale : new boolean[] {true, false}) {
                    MergeSettings s = MergeSettings.of(method).withWeights(WEIGHTS).withLambda(0.8).withDensity(0.5)
                            .withDrop(0.4).withSeed(3).withT(0.3).withNormalize(normalize).withRescale(rescale);
                    List<float[]> inputs = method == MergeMethod.SLERP ? models.subList(0, 2) : models;
                    MergeSettings used = method == MergeMethod.SLERP ? s.withWeights(List.of()) : s;
                    ours.add(TensorMerge.merge("layer.w", inputs, method.needsBase() ? base : null, used));
                    cases.add(request(method, inputs, base, s, normalize, rescale));
                    labels.add(method + " normalize=" + normalize + " rescale=" + rescale);
                }
            }
        }
        JsonNode answer = TorchReference.run(python, TorchReference.script("/reference/mergekit_reference.py"),
                Map.of("cases", cases));
        for (int c = 0; c < cases.size(); c++) {
            JsonNode expected = answer.get("results").get(c);
            for (int j = 0; j < N; j++) {
                assertEquals(expected.get(j).asDouble(), ours.get(c)[j], 1e-5, labels.get(c) + ", entry " + j);
            }
        }
    }

    private static Map<String, Object> request(MergeMethod method, List<float[]> models, float[] base,
                                               MergeSettings s, boolean normalize, boolean rescale) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("method", method.cliName().replace('-', '_'));
        c.put("models", models);
        c.put("base", base);
        c.put("weights", WEIGHTS.subList(0, models.size()));
        c.put("lambda", s.lambda());
        c.put("density", s.density());
        if (method == MergeMethod.DARE_LINEAR || method == MergeMethod.DARE_TIES) {
            List<int[]> masks = new ArrayList<>();
            for (BitSet keep : TensorMerge.dropMasks("layer.w", N, models.size(), s)) {
                int[] mask = new int[N];
                for (int j = 0; j < N; j++) {
                    mask[j] = keep.get(j) ? 1 : 0;
                }
                masks.add(mask);
            }
            c.put("masks", masks);
        }
        c.put("normalize", normalize);
        c.put("rescale", rescale);
        c.put("t", s.t());
        return c;
    }

    private static float[] gaussian(Random random, double scale) {
        float[] v = new float[N];
        for (int j = 0; j < N; j++) {
            v[j] = (float) (scale * random.nextGaussian());
        }
        return v;
    }
}
