package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Prompt + response sequences laid out as one padded batch.
 *
 * @param inputIds     (B, T) int64, prompt then response tokens, padding filled with the pad id
 * @param attentionMask (B, T) int64, 1 = real token
 * @param responseMask (B, T) float32, 1 at the response tokens (the ones scored), 0 at prompt and padding
 */
public record PaddedBatch(NDArray inputIds, NDArray attentionMask, NDArray responseMask) {

    /** Builds the batch in {@code m}. Prompts must be non-empty (the first response token needs a context). */
    public static PaddedBatch of(NDManager m, List<int[]> prompts, List<int[]> responses, Padding padding, int padId) {
        checkArgument(!prompts.isEmpty() && prompts.size() == responses.size(),
                "need as many responses as prompts (and at least one), got %s prompts and %s responses",
                prompts.size(), responses.size());
        int b = prompts.size();
        int t = 0;
        for (int i = 0; i < b; i++) {
            checkArgument(prompts.get(i).length >= 1,
                    "prompt %s has no tokens: the first response token needs a context (add a BOS token)", i);
            t = Math.max(t, prompts.get(i).length + responses.get(i).length);
        }
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        float[] scored = new float[b * t];
        for (int i = 0; i < b; i++) {
            int[] p = prompts.get(i);
            int[] r = responses.get(i);
            int len = p.length + r.length;
            int start = i * t + (padding == Padding.LEFT ? t - len : 0);
            java.util.Arrays.fill(ids, i * t, (i + 1) * t, padId);
            for (int j = 0; j < len; j++) {
                ids[start + j] = j < p.length ? p[j] : r[j - p.length];
                mask[start + j] = 1;
                scored[start + j] = j < p.length ? 0f : 1f;
            }
        }
        Shape shape = new Shape(b, t);
        return new PaddedBatch(m.create(ids, shape), m.create(mask, shape), m.create(scored, shape));
    }
}
