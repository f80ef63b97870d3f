/**
 * The tensor-free data of preference alignment: prompts, responses and where they came from, scored
 * candidates, preference pairs and demonstrations.
 *
 * <p>Every type here is an immutable record validated in its compact constructor, so an invalid value
 * cannot exist; a message names the field, the bad value and the fix. Records serialise with Jackson as
 * they are (see {@link io.dno.core.io.Jsonl} for JSON Lines files that report file and line on bad input).
 * Nothing in this package touches an engine or an {@code NDArray}.
 *
 * <p>Data flow (Rosset et al. 2024, arXiv:2404.03715, Algorithm 2): {@link io.dno.core.data.Prompt} →
 * policy samples and a teacher answer ({@link io.dno.core.data.Response}) → annotator scores
 * ({@link io.dno.core.data.Scored}, grouped per prompt in {@link io.dno.core.data.ScoredPrompt}) → pair rules
 * ({@link io.dno.core.data.PreferencePair}) or positives ({@link io.dno.core.data.Demonstration}).
 */
package io.dno.core.data;
