package io.dno.spark;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.AtomicFiles;
import io.dno.core.policy.IterateLoader;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.TrainablePolicy;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingSession;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens iterates with {@code inner}, but each sampling call (n > 1) first leaves a marker
 * {@code markers/PID-FIRSTPROMPT} and waits {@code delayMillis}: a test sees which executor process is in the middle
 * of which chunk, and has time to kill it there. Answers are unchanged.
 */
record SlowLoader(IterateLoader inner, long delayMillis, String markers) implements IterateLoader {

    @Override
    public TrainablePolicy open(Path iterate) {
        TrainablePolicy policy = inner.open(iterate);
        return new TrainablePolicy() {
            @Override
            public List<List<Response>> generate(List<Prompt> prompts, SamplingParams params) {
                if (params.n() > 1) {
                    AtomicFiles.writeString(Path.of(markers).resolve(ProcessHandle.current().pid() + "-"
                            + prompts.get(0).id()), "");
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
                return policy.generate(prompts, params);
            }

            @Override
            public int[] promptIds(String promptText) {
                return policy.promptIds(promptText);
            }

            @Override
            public int[] responseIds(String responseText) {
                return policy.responseIds(responseText);
            }

            @Override
            public int padId() {
                return policy.padId();
            }

            @Override
            public ReferenceLogProbs logProbs(List<TokenizedPair> pairs, int batchSize) {
                return policy.logProbs(pairs, batchSize);
            }

            @Override
            public TrainingSession training(TrainerSettings settings) {
                return policy.training(settings);
            }

            @Override
            public void saveIterate(Path dir) {
                policy.saveIterate(dir);
            }

            @Override
            public void loadIterate(Path dir) {
                policy.loadIterate(dir);
            }

            @Override
            public String describe() {
                return policy.describe();
            }

            @Override
            public void close() {
                policy.close();
            }
        };
    }
}
