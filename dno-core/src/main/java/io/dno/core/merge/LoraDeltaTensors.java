package io.dno.core.merge;

import io.dno.core.checkpoint.CheckpointException;
import io.dno.core.checkpoint.SafetensorsStreamWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A base model with one LoRA adapter merged in, tensor by tensor: {@code W + scale · B·A} for adapted weights,
 * {@code W} for the others. The full model is never materialised; each read computes one product
 * {@code (out, r)·(r, in)} in float64 accumulation.
 */
final class LoraDeltaTensors implements TensorSource {
    private final SafetensorsTensors base;
    private final SafetensorsTensors adapter;
    private final LoraAdapterFiles files;
    private final Map<String, String[]> factorsOf = new HashMap<>();

    LoraDeltaTensors(SafetensorsTensors base, LoraAdapterFiles files) {
        this.base = base;
        this.files = files;
        this.adapter = SafetensorsTensors.openFile(files.weights(), files.weights());
        try {
            Path file = files.weights();
            for (String name : adapter.entries().keySet()) {
                String target = LoraAdapterFiles.baseWeightOf(file, name);
                String[] pair = factorsOf.computeIfAbsent(target, t -> new String[2]);
                pair[name.endsWith(LoraAdapterFiles.A_SUFFIX) ? 0 : 1] = name;
            }
            factorsOf.forEach((target, pair) -> checkFactors(file, target, pair));
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
    }

    private void checkFactors(Path file, String target, String[] pair) {
        if (pair[0] == null || pair[1] == null) {
            throw new CheckpointException(file, "adapts '" + target + "' with only " + (pair[0] == null ? pair[1] : pair[0])
                    + "; every LoRA module needs both lora_A and lora_B");
        }
        SafetensorsStreamWriter.Entry w = base.entries().get(target);
        if (w == null) {
            throw new CheckpointException(file, "tensor '" + pair[0] + "' adapts '" + target + "', which the base model "
                    + base.origin() + " does not have; was the adapter trained on this base?");
        }
        List<Long> a = adapter.entries().get(pair[0]).shape();
        List<Long> b = adapter.entries().get(pair[1]).shape();
        if (w.shape().size() != 2 || a.size() != 2 || b.size() != 2 || a.get(0) != files.rank() || b.get(1) != files.rank()
                || !a.get(1).equals(w.shape().get(1)) || !b.get(0).equals(w.shape().get(0))) {
            throw new CheckpointException(file, "LoRA factors of '" + target + "' have shapes A " + a + " and B " + b
                    + " for a base weight " + w.shape() + " and r = " + files.rank() + "; expected A [r, in] and B [out, r]");
        }
    }

    @Override
    public Path origin() {
        return files.dir();
    }

    @Override
    public Map<String, SafetensorsStreamWriter.Entry> entries() {
        return base.entries();
    }

    @Override
    public float[] read(String name) {
        float[] w = base.read(name);
        String[] pair = factorsOf.get(name);
        if (pair == null) {
            return w;
        }
        float[] a = adapter.read(pair[0]); // (r, in)
        float[] b = adapter.read(pair[1]); // (out, r)
        int r = files.rank();
        int in = a.length / r;
        int out = b.length / r;
        double scale = files.scale();
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(row, 0);
            for (int k = 0; k < r; k++) {
                double bk = b[o * r + k];
                if (bk == 0) {
                    continue;
                }
                int aRow = k * in;
                for (int c = 0; c < in; c++) {
                    row[c] += bk * a[aRow + c];
                }
            }
            int wRow = o * in;
            for (int c = 0; c < in; c++) {
                w[wRow + c] = (float) (w[wRow + c] + scale * row[c]);
            }
        }
        return w;
    }

    /** The LoRA modules this adapter changes, by base weight name. */
    java.util.Set<String> adaptedWeights() {
        return factorsOf.keySet();
    }

    @Override
    public void close() {
        adapter.close();
    }
}
