package io.dno.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsStreamWriterTest {
    @TempDir
    Path dir;

    @Test
    void streamedFileReadsBackInEveryFloatType() {
        Path file = dir.resolve("m.safetensors");
        float[] f32 = {1.5f, -2.25f, 3e-3f, 7f, 0f, -0f};
        float[] bf16 = {1f, -2f, 0.5f, 256f}; // exact in bfloat16
        float[] f16 = {0.25f, -1024f, 3f};    // exact in float16
        List<SafetensorsStreamWriter.Entry> entries = List.of(
                new SafetensorsStreamWriter.Entry("z.f32", SafetensorsDtype.F32, List.of(2L, 3L)),
                new SafetensorsStreamWriter.Entry("a.bf16", SafetensorsDtype.BF16, List.of(4L)),
                new SafetensorsStreamWriter.Entry("m.f16", SafetensorsDtype.F16, List.of(3L, 1L)));
        try (SafetensorsStreamWriter writer = SafetensorsStreamWriter.create(file, entries, Map.of("k", "v"))) {
            assertEquals(List.of("a.bf16", "m.f16", "z.f32"), writer.order().stream().map(e -> e.name()).toList());
            writer.write("a.bf16", bf16);
            writer.write("m.f16", f16);
            writer.write("z.f32", f32);
        }
        SafetensorsHeader header = Safetensors.readHeader(file);
        assertEquals("v", header.metadata().get("k"));
        assertEquals(SafetensorsDtype.F16, header.tensor("m.f16").orElseThrow().dtype());
        try (NDManager m = NDManager.newBaseManager(); SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(f32, st.read("z.f32", m).toFloatArray(), 0f);
            assertArrayEquals(bf16, st.read("a.bf16", m).toFloatArray(), 0f);
            assertArrayEquals(f16, st.read("m.f16", m).toFloatArray(), 0f);
        }
    }

    @Test
    void outOfOrderOrMissingTensorsAreErrors() {
        Path file = dir.resolve("m.safetensors");
        List<SafetensorsStreamWriter.Entry> entries = List.of(
                new SafetensorsStreamWriter.Entry("a", SafetensorsDtype.F32, List.of(1L)),
                new SafetensorsStreamWriter.Entry("b", SafetensorsDtype.F32, List.of(1L)));
        SafetensorsStreamWriter writer = SafetensorsStreamWriter.create(file, entries, Map.of());
        assertThrows(IllegalArgumentException.class, () -> writer.write("b", new float[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.write("a", new float[2]));
        writer.write("a", new float[1]);
        assertThrows(IllegalStateException.class, writer::close);
    }
}
