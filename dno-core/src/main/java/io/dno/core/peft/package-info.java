/**
 * Parameter-efficient fine-tuning on a {@link io.dno.core.model.Transformer}, through its
 * {@link io.dno.core.model.Projection} hook: LoRA adapters (Hu et al. 2021) with PEFT-compatible files, and
 * QLoRA's frozen 4-bit NormalFloat base (Dettmers et al. 2023), as Thakkar et al. 2024 (arXiv 2406.04879) use
 * them for SFT and DPO.
 *
 * <pre>{@code
 * LoraAdapter lora = LoraAdapter.attach(model, LoraConfig.of(16, 32, 0.05, LoraConfig.ALL_PROJECTIONS), seed);
 * ReferenceLogProbs ref = lora.withDisabled(() -> ReferenceLogProbs.compute(model, pairs, 8, pad)); // base = reference
 * new Trainer(model, settings, LoraAdapter::isAdapterParameter).trainPairs(pairs, ref, dpo, 1);
 * AdapterFiles.save(lora, dir);                                         // adapter_config.json + safetensors
 * }</pre>
 */
package io.dno.core.peft;
