/**
 * Strict readers of public preference data sets, tensor-free: Anthropic HH-RLHF, PKU-SafeRLHF / BeaverTails
 * (helpful and harmless splits built as Thakkar et al. 2024, §3, build them), UltraFeedback-binarized and TRL's
 * preference JSONL. Each turns a file into {@link io.dno.core.datasets.ChatPreference}s (the prompt as chat
 * messages, the two final answers, a score margin when the data has scores), which become dno's
 * {@link io.dno.core.data.PreferencePair} (kind offline) or {@link io.dno.core.data.Demonstration} once a prompt
 * format renders the conversation. Malformed lines are {@link io.dno.core.io.DataFileException}s naming file,
 * line and field; records that are well formed but unusable as pairs (two identical answers, a conversation
 * that diverges before its last turn) are skipped and counted in {@link io.dno.core.datasets.DatasetRead}.
 */
package io.dno.core.datasets;
