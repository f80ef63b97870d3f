/**
 * The student of the quickstart experiment: a tiny llama-type character model trained from scratch by SFT on
 * teacher demonstrations (the "Orca-2.5 SFT epoch 1" initialiser of Rosset et al. 2024 §5.2), sized so it is
 * clearly imperfect but has learned the world, leaving room for preference training.
 */
package io.dno.cli.quickstart.student;
