package io.dno.core.loop;

/**
 * Which steps one training stage's learning-rate schedule spans ({@link io.dno.core.train.LearningRates#stage}).
 */
public enum RateSpan {
    /** One iteration of an on-policy method: its own steps, after the run's earlier ones (warm-up once per run). */
    ITERATION,
    /** Offline data seen once per iteration (SFT, DPO epochs): one schedule over all iterations' steps. */
    WHOLE_RUN,
    /** A training that starts over from the initial policy (DNO-Lookahead): its own steps, warm-up again. */
    FRESH
}
