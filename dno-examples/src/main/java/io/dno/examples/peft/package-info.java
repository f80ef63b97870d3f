/**
 * A miniature of Thakkar et al. 2024: full fine-tuning, LoRA and QLoRA compared on SFT then DPO, with a tiny
 * decoder trained from random initialisation on a synthetic digit-task family ({@link io.dno.examples.peft.DigitTasks}).
 * Run {@link io.dno.examples.peft.PeftExperiment}; the numbers are in RESULTS.md.
 */
package io.dno.examples.peft;
