package io.dno.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InPlaceTest {
    /** The text PyTorch prints (once per process) when DJL's torchSet opens its deprecated guard. */
    static final String WARNING = "AutoNonVariableTypeMode is deprecated";

    @Test
    void copiesValuesIntoTheSameArrayAsTheBufferSetDoes() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] values = {1.5f, -2.25f, Float.MIN_NORMAL, 3e-41f, -0f, 7e20f};
            NDArray viaCopy = m.zeros(new Shape(2, 3));
            NDArray viaBuffer = m.zeros(new Shape(2, 3));
            viaCopy.setRequiresGradient(true);
            viaBuffer.setRequiresGradient(true);
            NDArray source = m.create(values).reshape(2, 3);

            InPlace.copy(viaCopy, source);
            viaBuffer.set(source.toByteBuffer());

            assertArrayEquals(values, viaCopy.toFloatArray());
            assertArrayEquals(viaBuffer.toFloatArray(), viaCopy.toFloatArray());
            assertTrue(viaCopy.hasGradient(), "still a trainable leaf");
        }
    }

    @Test
    void refusesToOverwriteATrainableLeafInsideARecordedGraphWhereTheBufferSetDoesNot() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3});
            NDArray v = m.create(new float[] {1, 2, 3});
            w.setRequiresGradient(true);
            v.setRequiresGradient(true);
            NDArray values = m.create(new float[] {4, 5, 6});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                EngineException e = assertThrows(EngineException.class, () -> InPlace.copy(w, values));
                assertTrue(e.getMessage().contains("leaf Variable that requires grad"), e.getMessage());
                v.set(values.toByteBuffer());                        // autograd is switched off for this write
            }
            assertArrayEquals(new float[] {1, 2, 3}, w.toFloatArray());
            assertArrayEquals(new float[] {4, 5, 6}, v.toFloatArray());
        }
    }

    @Test
    void rejectsAnotherShapeNamingBoth() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InPlace.copy(m.zeros(new Shape(2, 3)), m.zeros(new Shape(3, 2))));
            assertEquals("cannot copy an array of shape (3, 2) into one of shape (2, 3)", e.getMessage());
        }
    }

    /** The warning is printed by native code on the process's stderr, so each way runs in its own JVM. */
    @Test
    void printsNoPyTorchDeprecationWarningWhereTheBufferSetPrintsOne() throws Exception {
        String buffer = runProbe("buffer");
        String copy = runProbe("copy");

        assertTrue(buffer.contains("probe done") && buffer.contains(WARNING),
                "the control run (PtNDArray.set(Buffer)) must show the warning, or this test checks nothing:\n" + buffer);
        assertTrue(copy.contains("probe done"), copy);
        assertTrue(!copy.contains(WARNING), "InPlace.copy printed the warning:\n" + copy);
    }

    private static String runProbe(String mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true"));
        for (String property : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                System.getProperty("java.class.path"), InPlaceProbe.class.getName(), mode));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
