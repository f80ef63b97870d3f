package io.dno.cli.quickstart.run;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Prepares a worker thread for PyTorch work: one intra-op thread (OpenMP keeps the count per thread) and gradients
 * off outside a gradient collector (PyTorch's grad mode is per thread, and DJL switches it off only on the thread
 * that loads the engine; without this the optimiser's in-place updates fail on a worker thread).
 */
final class IntraOpThreads {
    private IntraOpThreads() {}

    static void prepareWorker(int threads) {
        Engine.getEngine("PyTorch");        // loads the native library
        JniUtils.setNumThreads(threads);
        JniUtils.setGradMode(false);
    }
}
