/**
 * Small tensor helpers shared by the model, the trainer and the losses. See {@link io.dno.core.tensor.Scalars}
 * for why arithmetic with plain numbers must go through it in differentiable code, and {@link io.dno.core.tensor.InPlace}
 * for how weights are copied into live parameters.
 */
package io.dno.core.tensor;
