package io.dno.core.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies values into a live array (a model parameter) in place, keeping its storage, device and trainable flag.
 *
 * <p>Why not {@code target.set(source.toByteBuffer())}: DJL 0.35.1's {@code PtNDArray.set(Buffer)} calls the JNI
 * function {@code torchSet}, which opens a {@code torch::AutoNonVariableTypeMode} guard and re-points the tensor
 * at a Java direct buffer with {@code set_}. That guard is deprecated: PyTorch 2.7.1 prints, once per process,
 * "AutoNonVariableTypeMode is deprecated ... Using AutoDispatchBelowADInplaceOrView in user code is under risk of
 * producing silent wrong result in some edge cases". The guard switches autograd off for that one write, so
 * inside a recorded graph a leaf that requires a gradient is overwritten without autograd's "a leaf Variable
 * that requires grad is being used in an in-place operation" error (a graph that saved the old value still fails
 * at backward, through the version counter). Outside a graph, where dno loads weights, there is nothing to skip:
 * the values are the same, bitwise ({@code InPlaceTest} checks both). The copy here is {@code index_put_} over the
 * full range, a normal dispatched op: it raises that error inside a graph, writes into the existing storage
 * (no second host copy, no storage held by a Java buffer) and prints nothing.
 */
public final class InPlace {

    private InPlace() {}

    /**
     * Overwrites every element of {@code target} with {@code source} (same shape and type; moved to
     * {@code target}'s device if needed). Call it outside a {@code GradientCollector}.
     */
    public static void copy(NDArray target, NDArray source) {
        checkArgument(target.getShape().equals(source.getShape()), "cannot copy an array of shape %s into one of shape %s",
                source.getShape(), target.getShape());
        checkArgument(target.getDataType() == source.getDataType(), "cannot copy %s values into a %s array",
                source.getDataType(), target.getDataType());
        target.set(new NDIndex("..."), source);
    }
}
