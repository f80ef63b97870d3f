package io.dno.cli.nash;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The knobs of the Nash check. Every knob below is shared by DNO and the offline DPO baseline: the same prompts, the
 * same initial policy, the same K samples of it (DPO's data), the same strength (η for DNO, β = η for DPO), learning
 * rate, batch size and epochs per iteration.
 *
 * @param seed           seed of the model's initialisation, the sampling and the batch order
 * @param promptsPerGame prompts of each game
 * @param samples        K: samples of π_t per prompt per iteration (Algorithm 1's y1, y2 ∼ π_t)
 * @param iterations     T: DNO iterations, and DPO's training in T equal rounds
 * @param eta            η of Eq. 8 (DNO) and β of DPO; the soft-policy-iteration step is π·exp(r/η)
 * @param learningRate   AdamW learning rate (constant, no weight decay) of every preference phase
 * @param epochs         epochs over an iteration's pairs (DPO: over its fixed pairs, per round)
 * @param batchSize      pairs per optimiser step
 * @param initial        the initial policy's target distribution over the moves (SFT on demonstrations drawn in
 *                       these proportions), the same for both games
 * @param sftEpochs      epochs of that supervised initialisation
 * @param hiddenSize     the tiny transformer's width
 * @param layers         its depth
 */
record NashSettings(
        @JsonProperty("seed") long seed,
        @JsonProperty("prompts_per_game") int promptsPerGame,
        @JsonProperty("samples") int samples,
        @JsonProperty("iterations") int iterations,
        @JsonProperty("eta") double eta,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("initial") List<Double> initial,
        @JsonProperty("sft_epochs") int sftEpochs,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("layers") int layers) {

    /** Demonstrations per prompt for the initialisation; {@link #initial} is realised in these units. */
    static final int DEMONSTRATIONS_PER_PROMPT = 10;

    NashSettings {
        checkArgument(promptsPerGame >= 1, "--prompts must be >= 1, got %s", promptsPerGame);
        checkArgument(samples >= 2, "--samples must be >= 2 (a pair needs two answers), got %s", samples);
        checkArgument(iterations >= 1, "--iterations must be >= 1, got %s", iterations);
        checkArgument(Double.isFinite(eta) && eta > 0, "--eta must be > 0, got %s", eta);
        checkArgument(Double.isFinite(learningRate) && learningRate > 0, "--learning-rate must be > 0, got %s",
                learningRate);
        checkArgument(epochs >= 1, "--epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "--batch-size must be >= 1, got %s", batchSize);
        checkArgument(initial.size() == Game.MOVES.size(), "the initial distribution needs one share per move %s",
                Game.MOVES);
        checkArgument(Math.abs(initial.stream().mapToDouble(Double::doubleValue).sum() - 1) < 1e-9
                        && initial.stream().allMatch(p -> p > 0),
                "the initial distribution must be positive and sum to 1, got %s", initial);
        checkArgument(sftEpochs >= 1 && hiddenSize >= 8 && layers >= 1, "the model and its initialisation need "
                + "sft epochs >= 1, width >= 8 and layers >= 1");
    }

    /** The defaults of {@code ./dno nash}. */
    static NashSettings defaults(long seed) {
        return new NashSettings(seed, 16, 16, 24, 1.0, 3e-3, 16, 32, List.of(0.6, 0.3, 0.1), 30, 32, 1);
    }

    NashSettings withPromptsPerGame(int n) {
        return new NashSettings(seed, n, samples, iterations, eta, learningRate, epochs, batchSize, initial, sftEpochs,
                hiddenSize, layers);
    }

    NashSettings withSamples(int k) {
        return new NashSettings(seed, promptsPerGame, k, iterations, eta, learningRate, epochs, batchSize, initial,
                sftEpochs, hiddenSize, layers);
    }

    NashSettings withIterations(int t) {
        return new NashSettings(seed, promptsPerGame, samples, t, eta, learningRate, epochs, batchSize, initial,
                sftEpochs, hiddenSize, layers);
    }

    NashSettings withEta(double e) {
        return new NashSettings(seed, promptsPerGame, samples, iterations, e, learningRate, epochs, batchSize, initial,
                sftEpochs, hiddenSize, layers);
    }

    NashSettings withLearningRate(double lr) {
        return new NashSettings(seed, promptsPerGame, samples, iterations, eta, lr, epochs, batchSize, initial,
                sftEpochs, hiddenSize, layers);
    }

    NashSettings withEpochs(int e) {
        return new NashSettings(seed, promptsPerGame, samples, iterations, eta, learningRate, e, batchSize, initial,
                sftEpochs, hiddenSize, layers);
    }
}
