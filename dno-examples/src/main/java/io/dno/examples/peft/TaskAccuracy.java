package io.dno.examples.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.model.PaddedBatch;
import io.dno.core.model.Padding;
import io.dno.core.model.Transformer;
import io.dno.core.train.TokenizedDemonstration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a model does a task, by teacher forcing: an answer counts as exact when the argmax next token is right
 * at every answer position, which is exactly when greedy decoding would produce it.
 *
 * @param exact the fraction of answers greedy decoding gets entirely right
 * @param token the fraction of answer tokens predicted right
 */
public record TaskAccuracy(double exact, double token) {
    private static final int BATCH = 64;

    static TaskAccuracy of(Transformer model, List<TokenizedDemonstration> examples) {
        long exact = 0;
        long tokens = 0;
        long correct = 0;
        for (int start = 0; start < examples.size(); start += BATCH) {
            List<TokenizedDemonstration> batch = examples.subList(start, Math.min(examples.size(), start + BATCH));
            List<int[]> prompts = new ArrayList<>();
            List<int[]> answers = new ArrayList<>();
            batch.forEach(d -> {
                prompts.add(d.prompt());
                answers.add(d.response());
            });
            try (NDManager m = model.manager().newSubManager()) {
                PaddedBatch b = PaddedBatch.of(m, prompts, answers, Padding.RIGHT, DigitTasks.PAD);
                NDArray predicted = model.logits(b.inputIds(), b.attentionMask()).argMax(-1);  // (B, T)
                long[] pred = predicted.toLongArray();
                long[] ids = b.inputIds().toLongArray();
                int t = (int) b.inputIds().getShape().get(1);
                for (int row = 0; row < batch.size(); row++) {
                    int p = prompts.get(row).length;
                    int n = answers.get(row).length;
                    boolean all = true;
                    for (int k = 0; k < n; k++) {
                        int pos = p + k;                      // the answer token at pos is predicted at pos - 1
                        boolean ok = pred[row * t + pos - 1] == ids[row * t + pos];
                        correct += ok ? 1 : 0;
                        all &= ok;
                    }
                    tokens += n;
                    exact += all ? 1 : 0;
                }
            }
        }
        return new TaskAccuracy((double) exact / examples.size(), (double) correct / tokens);
    }

    /** {@code exact/token}, three decimals each, as the experiment's table prints it. */
    public String formatted() {
        return String.format(Locale.ROOT, "%.3f/%.3f", exact, token);
    }
}
