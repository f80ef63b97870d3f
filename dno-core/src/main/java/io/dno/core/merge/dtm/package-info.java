/**
 * Disperse-Then-Merge (Fu et al. 2024, "Disperse-Then-Merge: Pushing the Limits of Instruction Tuning via
 * Alignment Tax Reduction"): split the demonstrations into K disjoint portions ({@link
 * io.dno.core.merge.dtm.DemonstrationSplits}: random, or k-means on character n-gram TF-IDF vectors), fine-tune
 * one sub-model per portion from the same base, and average them ({@link io.dno.core.merge.Merges}); compared
 * with one model trained on all the data and with a uniform soup of full-data models
 * ({@link io.dno.core.merge.dtm.DisperseThenMerge}). Orchestration over checkpoint directories; training is
 * behind {@link io.dno.core.merge.dtm.SubModelTrainer}.
 */
package io.dno.core.merge.dtm;
