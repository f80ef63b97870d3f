/**
 * Runnable examples of the dno library: one per strategy ({@code strategies}), the pair rules
 * ({@link io.dno.examples.PairRulesExample}) and two experiments ({@code peft}, {@code dtm}). Each has a {@code run}
 * method that returns its report and a {@code main} that prints it; {@code ExamplesTest} runs them all at a tiny size.
 */
package io.dno.examples;
