package io.dno.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.testing.NdManagerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsValidationTest {
    @RegisterExtension
    static final NdManagerExtension ND = new NdManagerExtension();

    @TempDir
    Path dir;

    private void assertRejected(Path file, String... fragments) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(file, ND.manager()));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(file, e.file());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message lacks '" + fragment + "': " + e.getMessage());
        }
    }

    @Test
    void truncatedLengthField() throws IOException {
        Path file = Files.write(dir.resolve("t.safetensors"), new byte[] {1, 2, 3});
        assertRejected(file, "truncated", "3 bytes");
    }

    @Test
    void missingFile() {
        assertRejected(dir.resolve("absent.safetensors"), "no such file");
    }

    @ParameterizedTest
    @CsvSource({"0, too small", "1, too small", "9223372036854775807, limit", "-1, 18446744073709551615",
        "100000001, limit", "40, larger than the 20 bytes"})
    void headerLengthOutOfRange(long declared, String fragment) {
        assertRejected(SafetensorsFiles.raw(dir.resolve("l.safetensors"), declared, "{\"a\":1}", 13),
                "header length", fragment);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]                  | JSON object",
        "\"text\"                | JSON object",
        "{\"a\":                 | not valid JSON",
        "{} {}                   | not valid JSON",
        "{\"x\": 3}              | must be an object",
        "{\"\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [0, 4]}} | empty name",
        "{\"x\": {\"dtype\": \"F33\", \"shape\": [1], \"data_offsets\": [0, 4]}} | unknown dtype 'F33'",
        "{\"x\": {\"dtype\": 4, \"shape\": [1], \"data_offsets\": [0, 4]}} | 'dtype'",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}} | disagree",
        "{\"x\": {\"dtype\": \"F64\", \"shape\": [1], \"data_offsets\": [0, 4]}} | disagree",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}} | non-negative",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}} | non-negative",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}} | data_offsets",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 0]}} | begin > end",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 99999999999999999999]}} | 64-bit",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 4]}} | overflows",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4], \"extra\": 1}} | unknown field 'extra'",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [8], \"data_offsets\": [0, 32]}} | beyond the data section",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"y\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}} | overlaps tensor 'x'",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"y\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}} | hole",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}} | hole",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}} | trailing bytes",
        "{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}} | Duplicate field 'x'",
        "{\"__metadata__\": {\"format\": 1}} | must be a string",
        "{\"__metadata__\": [\"pt\"]} | JSON object of strings",
    })
    void malformedHeaders(String header, String fragment) {
        assertRejected(SafetensorsFiles.of(dir.resolve("h.safetensors"), header, 16), fragment);
    }

    @Test
    void headerMayBePaddedAndEmpty() {
        Path file = SafetensorsFiles.of(dir.resolve("e.safetensors"), "{}      ", 0);
        assertTrue(Safetensors.read(file, ND.manager()).isEmpty());
        Path padded = SafetensorsFiles.of(dir.resolve("p.safetensors"),
                "{\"x\": {\"dtype\": \"I32\", \"shape\": [1], \"data_offsets\": [0, 4]}}   ", 4);
        assertEquals(0, Safetensors.read(padded, ND.manager()).get("x").getInt(0));
    }

    @Test
    void dtypeKnownToTheFormatButNotToDjlFailsOnRead() {
        Path file = SafetensorsFiles.of(dir.resolve("u.safetensors"),
                "{\"x\": {\"dtype\": \"U16\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4);
        assertEquals(SafetensorsDtype.U16, Safetensors.readHeader(file).tensors().get(0).dtype());
        assertRejected(file, "tensor 'x'", "U16", "convert the checkpoint");
    }

    @Test
    void booleanBytesMustBeZeroOrOne() throws IOException {
        Path file = SafetensorsFiles.of(dir.resolve("b.safetensors"),
                "{\"m\": {\"dtype\": \"BOOL\", \"shape\": [8], \"data_offsets\": [0, 8]}}", 8);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] = 7;
        Files.write(file, bytes);
        assertRejected(file, "tensor 'm'", "byte 7");
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        Path file = SafetensorsFiles.of(dir.resolve("x.safetensors"), "{\"ab\": 1}", 0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] = (byte) 0xC3;
        bytes[11] = (byte) 0x28;
        Files.write(file, bytes);
        assertRejected(file, "not valid JSON");
    }
}
