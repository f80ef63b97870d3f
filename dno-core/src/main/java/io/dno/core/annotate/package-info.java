/**
 * Annotators: the preference oracle P of DNO (Rosset et al. 2024) in its practical, listwise form. Tensor-free.
 * Implementations live in {@code dno-annotators}.
 */
package io.dno.core.annotate;
