/**
 * Small tensor helpers shared by the model, the trainer and the losses. See {@link io.dno.core.tensor.Scalars}
 * for why arithmetic with plain numbers must go through it in differentiable code,
 * {@link io.dno.core.tensor.TorchScriptModule} for the hand-written TorchScript archives that reach PyTorch ops DJL
 * has no binding for (fused attention, bf16 products, the fused AdamW kernel, the one-call decoding step), and
 * {@link io.dno.core.tensor.InPlace} for how weights are copied into live parameters.
 */
package io.dno.core.tensor;
