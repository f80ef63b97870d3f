package io.dno.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.core.testing.NdManagerExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @RegisterExtension
    static final NdManagerExtension ND = new NdManagerExtension();

    @TempDir
    Path dir;

    @Test
    void float32RoundTripIsExactAndSorted() throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", ND.manager().randomNormal(new Shape(7, 5)));
        tensors.put("a.bias", ND.manager().randomNormal(new Shape(5)));
        tensors.put("scalar", ND.manager().create(3.5f));
        tensors.put("empty", ND.manager().zeros(new Shape(0, 4)));
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, tensors, Map.of("step", "12"), StorageType.F32);

        Map<String, NDArray> back = Safetensors.read(file, ND.manager());
        assertEquals(List.of("a.bias", "empty", "scalar", "z.weight"), new ArrayList<>(back.keySet()));
        for (String name : tensors.keySet()) {
            assertEquals(DataType.FLOAT32, back.get(name).getDataType(), name);
            assertEquals(tensors.get(name).getShape(), back.get(name).getShape(), name);
            assertTrue(back.get(name).contentEquals(tensors.get(name)), name);
            assertEquals(name, back.get(name).getName());
        }
        SafetensorsHeader header = Safetensors.readHeader(file);
        assertEquals(Map.of("format", "pt", "step", "12"), header.metadata());
        assertEquals(0, header.dataStart() % 8, "data section must start 8-byte aligned");
    }

    @Test
    void headerLayoutFollowsTheFormat() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, Map.of("b", ND.manager().ones(new Shape(3)), "a", ND.manager().ones(new Shape(2, 2))),
                Map.of(), StorageType.F32);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8);
        assertEquals(8 + n + 4 * 7, bytes.length);
        JsonNode header = Json.mapper().readTree(new String(bytes, 8, (int) n, "UTF-8").strip());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("__metadata__", "a", "b"), keys);
        assertEquals("[0,16]", header.get("a").get("data_offsets").toString());
        assertEquals("[16,28]", header.get("b").get("data_offsets").toString());
        assertEquals("F32", header.get("b").get("dtype").textValue());
    }

    @Test
    void float16RoundTripsThroughHalfPrecision() {
        NDArray x = ND.manager().randomNormal(new Shape(4, 9)).mul(100);
        Path file = dir.resolve("h.safetensors");
        Safetensors.write(file, Map.of("x", x), Map.of(), StorageType.F16);
        assertEquals(SafetensorsDtype.F16, Safetensors.readHeader(file).tensors().get(0).dtype());

        NDArray expected = x.toType(DataType.FLOAT16, true).toType(DataType.FLOAT32, true);
        NDArray widened = Safetensors.read(file, ND.manager()).get("x");
        assertEquals(DataType.FLOAT32, widened.getDataType());
        assertTrue(widened.contentEquals(expected));

        NDArray kept = Safetensors.read(file, ND.manager(), HalfPrecision.KEEP_FLOAT16).get("x");
        assertEquals(DataType.FLOAT16, kept.getDataType());
        assertTrue(kept.toType(DataType.FLOAT32, true).contentEquals(expected));
    }

    @Test
    void bfloat16IsExactOnRepresentableValues() {
        Random random = new Random(7);
        float[] values = new float[4096];
        for (int i = 0; i < values.length; i++) {
            short bits;
            do {
                bits = (short) random.nextInt(1 << 16);
            } while (Float.isNaN(BFloat16.toFloat(bits)));
            values[i] = BFloat16.toFloat(bits);
        }
        NDArray x = ND.manager().create(values, new Shape(64, 64));
        Path file = dir.resolve("b.safetensors");
        Safetensors.write(file, Map.of("x", x), Map.of(), StorageType.BF16);
        assertEquals(SafetensorsDtype.BF16, Safetensors.readHeader(file).tensors().get(0).dtype());
        assertArrayEquals(values, Safetensors.read(file, ND.manager()).get("x").toFloatArray());
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        Random random = new Random(11);
        float[] values = new float[5000];
        for (int i = 0; i < values.length; i++) {
            int bits = random.nextInt();
            if (i % 5 == 0) {
                bits = (bits & 0xFFFF0000) | 0x8000; // an exact tie
            }
            values[i] = Float.intBitsToFloat(bits);
            if (Float.isNaN(values[i])) {
                values[i] = i;
            }
        }
        float[] special = {0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f + 0x1p-8f, 1f + 0x1p-8f + 0x1p-23f, 1f + 3 * 0x1p-8f};
        System.arraycopy(special, 0, values, 0, special.length);
        Path file = dir.resolve("r.safetensors");
        Safetensors.write(file, Map.of("x", ND.manager().create(values)), Map.of(), StorageType.BF16);
        float[] back = Safetensors.read(file, ND.manager()).get("x").toFloatArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(referenceBf16(values[i]), back[i], "bf16 of " + values[i] + " (bits "
                    + Integer.toHexString(Float.floatToRawIntBits(values[i])) + ")");
        }
        assertEquals(1f, back[8], "tie 1 + 2^-8 rounds to the even 1");
        assertEquals(1f + 0x1p-7f, back[9], "just above the tie rounds up");
        assertEquals(1f + 0x1p-6f, back[10], "tie 1 + 3*2^-8 rounds to the even 1 + 2^-6");
        assertEquals(Float.POSITIVE_INFINITY, back[2], "MAX_VALUE is past the last bf16 midpoint");
    }

    @Test
    void bfloat16KeepsNaN() {
        float nan = Float.intBitsToFloat(0x7F800001); // signalling NaN whose payload is in the low half
        assertTrue(Float.isNaN(BFloat16.toFloat(BFloat16.fromFloat(nan))));
        assertTrue(Float.isNaN(BFloat16.toFloat(BFloat16.fromFloat(-Float.NaN))));
    }

    /** Independent reference: choose the nearer of the two bf16 neighbours in double arithmetic, ties to even. */
    private static float referenceBf16(float value) {
        if (Float.isInfinite(value)) {
            return value;
        }
        int bits = Float.floatToRawIntBits(value);
        int down = bits & 0xFFFF0000;
        int up = down + 0x10000;
        double magnitude = Math.abs((double) value);
        double downValue = Math.abs((double) Float.intBitsToFloat(down));
        double upValue = (up & 0x7FFFFFFF) == 0x7F800000 ? 0x1p128 : Math.abs((double) Float.intBitsToFloat(up));
        double toDown = magnitude - downValue;
        double toUp = upValue - magnitude;
        int chosen = toDown < toUp ? down : toUp < toDown ? up : ((down >>> 16) & 1) == 0 ? down : up;
        return Float.intBitsToFloat(chosen);
    }

    @Test
    void integerAndBooleanTensorsAreStoredUnchanged() {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("ids", ND.manager().create(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}));
        tensors.put("counts", ND.manager().create(new int[] {Integer.MIN_VALUE, 0, 42}, new Shape(3, 1)));
        tensors.put("mask", ND.manager().create(new boolean[] {true, false, true}));
        tensors.put("w", ND.manager().create(new double[] {0.1, 1e300}));
        Path file = dir.resolve("i.safetensors");
        Safetensors.write(file, tensors, Map.of(), StorageType.BF16);

        SafetensorsHeader header = Safetensors.readHeader(file);
        assertEquals(SafetensorsDtype.I64, header.tensor("ids").orElseThrow().dtype());
        assertEquals(SafetensorsDtype.I32, header.tensor("counts").orElseThrow().dtype());
        assertEquals(SafetensorsDtype.BOOL, header.tensor("mask").orElseThrow().dtype());
        assertEquals(SafetensorsDtype.BF16, header.tensor("w").orElseThrow().dtype(), "float64 follows the storage type");
        Map<String, NDArray> back = Safetensors.read(file, ND.manager());
        for (String name : List.of("ids", "counts", "mask")) {
            assertEquals(tensors.get(name).getDataType(), back.get(name).getDataType(), name);
            assertTrue(back.get(name).contentEquals(tensors.get(name)), name);
        }
        assertEquals(BFloat16.toFloat(BFloat16.fromFloat(0.1f)), back.get("w").getFloat(0));
        assertEquals(Float.POSITIVE_INFINITY, back.get("w").getFloat(1));
    }

    @Test
    void streamedTensorsAreWritableCopies() throws IOException {
        NDArray x = ND.manager().arange(0f, 12f).reshape(3, 4);
        Path file = dir.resolve("s.safetensors");
        Safetensors.write(file, Map.of("x", x, "y", ND.manager().ones(new Shape(2))), Map.of(), StorageType.F32);
        byte[] before = Files.readAllBytes(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("x", "y"), st.names());
            NDArray read = st.read("x", ND.manager());
            read.addi(1f);
            assertTrue(read.contentEquals(x.add(1f)));
            assertThrows(CheckpointException.class, () -> st.read("nope", ND.manager()));
        }
        assertArrayEquals(before, Files.readAllBytes(file), "training a loaded array must not touch the file");
        TensorInfo info = Safetensors.readHeader(file).tensor("x").orElseThrow();
        assertTrue(Safetensors.readTensor(file, info, ND.manager()).contentEquals(x));
    }

    @Test
    void writerRejectsBadNamesAndKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, Map.of("x", ND.manager().ones(new Shape(1))), Map.of(), StorageType.F32);
        byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("", ND.manager().ones(new Shape(1))), Map.of(), StorageType.F32));
        assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("__metadata__", ND.manager().ones(new Shape(1))), Map.of(),
                        StorageType.F32));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void storedBytesFollowsTheStorageType() {
        NDArray w = ND.manager().ones(new Shape(10, 3));
        assertEquals(120, Safetensors.storedBytes(w, StorageType.F32));
        assertEquals(60, Safetensors.storedBytes(w, StorageType.BF16));
        assertEquals(80, Safetensors.storedBytes(ND.manager().ones(new Shape(10), DataType.INT64), StorageType.F16));
    }

    @Test
    void readsOtherDtypesWrittenByOtherTools() throws IOException {
        String header = "{\"d\": {\"dtype\": \"F64\", \"shape\": [2], \"data_offsets\": [0, 16]},"
                + " \"u\": {\"dtype\": \"U8\", \"shape\": [2], \"data_offsets\": [16, 18]},"
                + " \"i\": {\"dtype\": \"I8\", \"shape\": [2], \"data_offsets\": [18, 20]}}";
        Path file = SafetensorsFiles.of(dir.resolve("o.safetensors"), header, 20);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(bytes.length - 20).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(0, 0.1).putDouble(8, -2.5).put(16, (byte) 200).put(17, (byte) 1).put(18, (byte) -7).put(19, (byte) 7);
        Files.write(file, bytes);
        Map<String, NDArray> back = Safetensors.read(file, ND.manager());
        assertEquals(List.of("d", "u", "i"), new ArrayList<>(back.keySet()), "header order");
        assertArrayEquals(new double[] {0.1, -2.5}, back.get("d").toDoubleArray());
        assertEquals(DataType.UINT8, back.get("u").getDataType());
        assertArrayEquals(new byte[] {(byte) 200, 1}, back.get("u").toByteArray());
        assertArrayEquals(new byte[] {-7, 7}, back.get("i").toByteArray());
    }

    @Test
    void djlReadsTheWrittenFiles() throws IOException {
        NDArray w = ND.manager().randomNormal(new Shape(3, 5));
        NDArray ids = ND.manager().arange(0, 4, 1, DataType.INT64);
        Path file = dir.resolve("d.safetensors");
        Safetensors.write(file, Map.of("w", w, "ids", ids), Map.of(), StorageType.F32);
        ai.djl.ndarray.NDList decoded = ai.djl.ndarray.NDList.decode(ND.manager(), Files.readAllBytes(file));
        assertEquals(2, decoded.size());
        assertTrue(decoded.get("w").contentEquals(w));
        assertTrue(decoded.get("ids").contentEquals(ids));
    }
}
