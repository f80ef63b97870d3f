package io.dno.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutated files must fail with a {@link CheckpointException} (or read cleanly), never with anything else. */
class SafetensorsFuzzTest {
    private static final int MUTANTS = 400;
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    @TempDir
    Path dir;

    @Test
    void mutatedFilesFailCleanly() throws IOException {
        byte[] valid;
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("w", manager.randomNormal(new Shape(3, 4)));
            tensors.put("ids", manager.arange(0, 5, 1, DataType.INT64));
            tensors.put("mask", manager.create(new boolean[] {true, false}));
            tensors.put("b", manager.zeros(new Shape(2, 0)));
            Path file = dir.resolve("valid.safetensors");
            Safetensors.write(file, tensors, Map.of("k", "v"), StorageType.BF16);
            valid = Files.readAllBytes(file);
        }
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Random random = new Random(20240611);
        int rejected = 0;
        Path mutant = dir.resolve("mutant.safetensors");
        for (int i = 0; i < MUTANTS; i++) {
            byte[] bytes = mutate(valid, headerEnd, random, i % 5);
            Files.write(mutant, bytes);
            try (NDManager manager = NDManager.newBaseManager()) {
                Safetensors.read(mutant, manager);
            } catch (CheckpointException | IllegalArgumentException expected) {
                rejected++;
            } catch (Throwable t) {
                fail("mutant " + i + " (" + new String(bytes, 0, Math.min(bytes.length, headerEnd + 32),
                        StandardCharsets.ISO_8859_1) + ") threw " + t, t);
            }
        }
        assertTrue(rejected > MUTANTS / 2, "most mutants should be rejected, only " + rejected + " were");
    }

    private static byte[] mutate(byte[] valid, int headerEnd, Random random, int kind) {
        byte[] bytes = valid.clone();
        switch (kind) {
            case 0 -> { // flip bytes, mostly in the header
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : random.nextInt(headerEnd);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> {
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> { // rewrite one number of the header; the length field still matches
                String header = new String(bytes, 8, headerEnd - 8, StandardCharsets.UTF_8);
                Matcher m = NUMBER.matcher(header);
                int count = (int) NUMBER.matcher(header).results().count();
                int target = random.nextInt(count);
                for (int k = 0; k <= target; k++) {
                    m.find();
                }
                String[] choices = {"0", "1", "7", "-1", "4294967296", "9223372036854775807", "18446744073709551616", "1e3"};
                String mutated = header.substring(0, m.start()) + choices[random.nextInt(choices.length)]
                        + header.substring(m.end());
                return withHeader(mutated, Arrays.copyOfRange(bytes, headerEnd, bytes.length));
            }
            case 3 -> { // a random header length
                long[] lengths = {0, 1, 2, headerEnd - 9, headerEnd - 7, bytes.length, Long.MIN_VALUE, random.nextLong()};
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lengths[random.nextInt(lengths.length)]);
                return bytes;
            }
            default -> { // extra or missing data bytes
                return Arrays.copyOf(bytes, bytes.length + random.nextInt(9) - 4);
            }
        }
    }

    private static byte[] withHeader(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data).array();
    }
}
