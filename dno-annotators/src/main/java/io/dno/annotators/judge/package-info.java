/**
 * The listwise LLM judge (Rosset et al. 2024 §5.1): rubric, request layout with injection-proof candidate
 * blocks, strict reply parsing, seeded candidate order and an optional position-swapped second pass.
 */
package io.dno.annotators.judge;
