/**
 * dno-annotators: the preference oracle of DNO (Rosset et al. 2024) behind the {@link io.dno.annotators.Annotators}
 * factory, and the teacher behind {@link io.dno.annotators.Teachers}. Sub-packages: {@code rule} (functions,
 * rules, reference match), {@code chat} (OpenAI-compatible client, local policy as chat model), {@code judge}
 * (listwise rubric judge), {@code pairwise} (win-rates), {@code cache}, {@code teacher}, {@code store}
 * (crash-safe append-only files), {@code report} (counters and judge-bias figures), {@code spec} (YAML configs).
 */
package io.dno.annotators;
