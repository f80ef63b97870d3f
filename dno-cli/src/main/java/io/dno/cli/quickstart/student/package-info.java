/**
 * The student of the quickstart experiment: a tiny llama-type character model trained from scratch by SFT on
 * teacher demonstrations (the "Orca-2.5 SFT epoch 1" initialiser of Rosset et al. 2024 §5.2), sized so that on clean
 * labels it learns every family (gate G1): what it gets wrong after SFT is what it learned from its teacher.
 */
package io.dno.cli.quickstart.student;
