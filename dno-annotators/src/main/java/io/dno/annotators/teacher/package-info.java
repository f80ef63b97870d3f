/**
 * Teachers: the gold answer per prompt from a chat model, generated once and stored (Rosset et al. 2024 §5.1).
 */
package io.dno.annotators.teacher;
