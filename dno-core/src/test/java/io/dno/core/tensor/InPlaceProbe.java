package io.dno.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Run by {@link InPlaceTest} in a fresh JVM: overwrites a trainable array one way ("buffer" or "copy"). */
final class InPlaceProbe {
    private InPlaceProbe() {}

    public static void main(String[] args) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = m.zeros(new Shape(4));
            target.setRequiresGradient(true);
            NDArray source = m.create(new float[] {1, 2, 3, 4});
            if (args[0].equals("buffer")) {
                target.set(source.toByteBuffer());
            } else {
                InPlace.copy(target, source);
            }
            System.out.println("probe done: " + java.util.Arrays.toString(target.toFloatArray()));
        }
    }
}
