package io.dno.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count, switched at run time (what {@code -Dai.djl.pytorch.num_threads} fixes at
 * start-up), so runs with different counts can be interleaved in one process.
 */
final class IntraOpThreads {
    private IntraOpThreads() {}

    static int get() {
        Engine.getEngine("PyTorch");        // loads the native library
        return JniUtils.getNumThreads();
    }

    static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }
}
