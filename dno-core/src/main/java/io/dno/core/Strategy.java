package io.dno.core;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.pairs.PairReplay;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The training methods of Rosset et al. 2024 (arXiv:2404.03715, §5.2 and Table 1), as swappable values.
 * Each is a record of its own hyperparameters; the data, policy, annotator and loss are composed around it
 * by {@link Alignment#builder()}. Defaults follow the paper: K = 5 samples per prompt, at most one epoch per
 * iteration, β = 0.1, 3 iterations over 3 disjoint prompt partitions, replay of earlier pairs (30 %, halving).
 *
 * <p>Each strategy has one name, used by run.yaml's {@code strategy.type}, by reports and by results files:
 * {@link #NAMES}. What a strategy does iteration by iteration is its {@link io.dno.core.schedule.Schedule}.
 */
public sealed interface Strategy {

    /** Every strategy's name, in the order of Table 1. */
    List<String> NAMES = List.of("sft", "sft_positives", "dpo", "spin", "dno_restrictive", "dno", "dno_lookahead");

    /** The strategy of {@code name} with the paper's defaults. */
    static Strategy named(String name) {
        return switch (name) {
            case "sft" -> sft();
            case "sft_positives" -> sftOnPositives();
            case "dpo" -> dpo();
            case "spin" -> spin();
            case "dno_restrictive" -> dnoRestrictive();
            case "dno" -> dno();
            case "dno_lookahead" -> dnoLookahead();
            default -> throw new IllegalArgumentException("strategy.type must be one of " + NAMES + ", got '" + name
                    + "'");
        };
    }

    /** Iterations the run has (epochs for the offline strategies, each evaluated as an iteration). */
    int iterations();

    /** β of the default DPO loss (unused by SFT). */
    default double beta() {
        return 0.1;
    }

    /** The strategy's name, one of {@link #NAMES}: run.yaml's {@code strategy.type}, and what reports call it. */
    String name();

    /** Supervised fine-tuning on the given demonstrations, one epoch (the paper's "Orca-2.5 SFT" initialiser). */
    static Sft sft() {
        return new Sft(1, false, 5);
    }

    /**
     * "SFT on positives": continued SFT on the teacher's answers the annotator scores at least 5 (the paper
     * replaces every positive not written by GPT-4-Turbo with a GPT-4-Turbo output), 4 epochs as in Table 1.
     */
    static Sft sftOnPositives() {
        return new Sft(4, true, 5);
    }

    /** Offline DPO on the given pairs with the initial policy as fixed reference, 4 epochs (Table 1). */
    static Dpo dpo() {
        return new Dpo(4, OptionalDouble.empty(), 0.1);
    }

    /**
     * SPIN: the teacher's answer always wins over every student sample, no annotation; reference = π_t. Run "all
     * else being equal" to DNO (Rosset et al. 2024 §5.2), it replays earlier iterations' pairs as DNO does.
     */
    static Spin spin() {
        return new Spin(3, 5, 0.1, 1, PairReplay.PAPER);
    }

    /** DNO-Prct (Algorithm 2): annotated T≻S, S≻T and S≻S large-margin pairs; reference = π_t. */
    static Dno dno() {
        return new Dno(3, 5, 0.1, 1, PairReplay.PAPER, Dno.Pairs.ALL, false);
    }

    /** DNO-Restrictive: as {@link #dno()} but only pairs in which the teacher wins (T≻S). */
    static Dno dnoRestrictive() {
        return dno().withPairs(Dno.Pairs.TEACHER_WINS);
    }

    /**
     * DNO-Lookahead: the DNO iterations, then all their pairs gathered, shuffled and trained for one epoch
     * from the initial policy (with it as fixed reference), which makes DNO offline (§5.2).
     */
    static Dno dnoLookahead() {
        return dno().withLookahead(true);
    }

    /**
     * @param epochs           epochs over the demonstrations, each evaluated as one iteration
     * @param onPositives      train on the teacher's positives instead of given demonstrations
     * @param positiveMinScore the least annotator score of a positive (the paper's 5 of 6)
     */
    record Sft(int epochs, boolean onPositives, double positiveMinScore) implements Strategy {
        public Sft {
            checkArgument(epochs >= 1, "strategy.epochs must be >= 1, got %s", epochs);
            checkArgument(Double.isFinite(positiveMinScore), "strategy.positive_min_score must be finite");
        }

        public Sft withEpochs(int e) {
            return new Sft(e, onPositives, positiveMinScore);
        }

        public Sft withPositiveMinScore(double s) {
            return new Sft(epochs, onPositives, s);
        }

        @Override
        public int iterations() {
            return epochs;
        }

        @Override
        public String name() {
            return onPositives ? "sft_positives" : "sft";
        }
    }

    /**
     * @param epochs    epochs over the pairs with the fixed initial reference, each evaluated as one iteration
     * @param minMargin keep only pairs whose given margin is at least this (the paper's large-margin filter:
     *                  ≥ 1.0 on UltraFeedback's 10-point scale, 63k → 42k pairs)
     * @param beta      β of the default DPO loss
     */
    record Dpo(int epochs, OptionalDouble minMargin, double beta) implements Strategy {
        public Dpo {
            checkArgument(epochs >= 1, "strategy.epochs must be >= 1, got %s", epochs);
            checkArgument(minMargin != null, "strategy.min_margin: use OptionalDouble.empty() for no filter");
            checkArgument(Double.isFinite(beta) && beta > 0, "strategy.beta must be > 0, got %s", beta);
        }

        public Dpo withEpochs(int e) {
            return new Dpo(e, minMargin, beta);
        }

        public Dpo withMinMargin(double margin) {
            return new Dpo(epochs, OptionalDouble.of(margin), beta);
        }

        public Dpo withBeta(double b) {
            return new Dpo(epochs, minMargin, b);
        }

        @Override
        public int iterations() {
            return epochs;
        }

        @Override
        public String name() {
            return "dpo";
        }
    }

    /**
     * @param iterations         iterations, one disjoint prompt partition each
     * @param samplesPerPrompt   K student samples per prompt, all negatives
     * @param beta               β of the default DPO loss
     * @param epochsPerIteration epochs over each iteration's pairs
     * @param replay             share of earlier iterations' pairs mixed in (as DNO, by default)
     */
    record Spin(int iterations, int samplesPerPrompt, double beta, int epochsPerIteration, PairReplay replay)
            implements Strategy {
        public Spin {
            checkIterative(iterations, samplesPerPrompt, beta, epochsPerIteration);
            checkArgument(replay != null, "strategy.replay must not be null; use PairReplay.NONE");
        }

        public Spin withIterations(int t) {
            return new Spin(t, samplesPerPrompt, beta, epochsPerIteration, replay);
        }

        public Spin withSamplesPerPrompt(int k) {
            return new Spin(iterations, k, beta, epochsPerIteration, replay);
        }

        public Spin withBeta(double b) {
            return new Spin(iterations, samplesPerPrompt, b, epochsPerIteration, replay);
        }

        public Spin withEpochsPerIteration(int e) {
            return new Spin(iterations, samplesPerPrompt, beta, e, replay);
        }

        public Spin withReplay(PairReplay r) {
            return new Spin(iterations, samplesPerPrompt, beta, epochsPerIteration, r);
        }

        @Override
        public String name() {
            return "spin";
        }
    }

    /**
     * @param iterations         T, one disjoint prompt partition each
     * @param samplesPerPrompt   K student samples per prompt (plus the teacher's answer)
     * @param beta               β (the paper's η) of the default DPO loss
     * @param epochsPerIteration epochs over each iteration's training set (the paper: at most 1)
     * @param replay             share of earlier iterations' pairs mixed in
     * @param pairs              which pairs are admitted
     * @param lookahead          after the iterations, retrain from the initial policy on all pairs (DNO-Lookahead)
     */
    record Dno(int iterations, int samplesPerPrompt, double beta, int epochsPerIteration, PairReplay replay,
               Pairs pairs, boolean lookahead) implements Strategy {

        /** The pair kinds admitted: all of them (DNO), or only teacher-over-student (DNO-Restrictive). */
        public enum Pairs { ALL, TEACHER_WINS }

        public Dno {
            checkIterative(iterations, samplesPerPrompt, beta, epochsPerIteration);
            checkArgument(replay != null, "strategy.replay must not be null; use PairReplay.NONE");
            checkArgument(pairs != null, "strategy.pairs must be ALL or TEACHER_WINS");
        }

        public Dno withIterations(int t) {
            return new Dno(t, samplesPerPrompt, beta, epochsPerIteration, replay, pairs, lookahead);
        }

        public Dno withSamplesPerPrompt(int k) {
            return new Dno(iterations, k, beta, epochsPerIteration, replay, pairs, lookahead);
        }

        public Dno withBeta(double b) {
            return new Dno(iterations, samplesPerPrompt, b, epochsPerIteration, replay, pairs, lookahead);
        }

        public Dno withEpochsPerIteration(int e) {
            return new Dno(iterations, samplesPerPrompt, beta, e, replay, pairs, lookahead);
        }

        public Dno withReplay(PairReplay r) {
            return new Dno(iterations, samplesPerPrompt, beta, epochsPerIteration, r, pairs, lookahead);
        }

        public Dno withPairs(Pairs p) {
            return new Dno(iterations, samplesPerPrompt, beta, epochsPerIteration, replay, p, lookahead);
        }

        public Dno withLookahead(boolean l) {
            return new Dno(iterations, samplesPerPrompt, beta, epochsPerIteration, replay, pairs, l);
        }

        @Override
        public String name() {
            String base = pairs == Pairs.TEACHER_WINS ? "dno_restrictive" : "dno";
            return lookahead ? base + "_lookahead" : base;
        }
    }

    private static void checkIterative(int iterations, int samplesPerPrompt, double beta, int epochsPerIteration) {
        checkArgument(iterations >= 1, "strategy.iterations must be >= 1, got %s", iterations);
        checkArgument(samplesPerPrompt >= 1, "strategy.samples_per_prompt must be >= 1, got %s", samplesPerPrompt);
        checkArgument(Double.isFinite(beta) && beta > 0, "strategy.beta must be > 0, got %s", beta);
        checkArgument(epochsPerIteration >= 1, "strategy.epochs_per_iteration must be >= 1, got %s",
                epochsPerIteration);
    }
}
