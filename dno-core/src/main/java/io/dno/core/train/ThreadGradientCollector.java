package io.dno.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records gradients on the calling thread only. DJL's {@code PtGradientCollector} allows one collector per JVM (a
 * static flag, DJL-NOTES), so two trainers on two threads fail; PyTorch itself keeps grad mode per thread and runs a
 * CPU backward on the calling thread, so each thread can collect its own graph. Like DJL's collector it switches grad
 * mode on while open and back-propagates ones through a scalar or tensor target. Closed, it leaves grad mode off, the
 * state DJL sets when it loads the engine: a thread PyTorch has not seen starts with grad mode on, and the optimiser's
 * in-place updates of the parameters that follow would fail there.
 */
final class ThreadGradientCollector implements AutoCloseable {

    ThreadGradientCollector() {
        JniUtils.setGradMode(true);
    }

    /** Adds d target / d leaf to every leaf's gradient (gradients accumulate, as in PyTorch). */
    void backward(NDArray target) {
        NDArray seed = target.getManager().ones(target.getShape(), target.getDataType());
        JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}
