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
import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated files must fail with a {@link CheckpointException} (or read cleanly), never with anything else: flipped
 * bytes, truncation, rewritten header numbers and lengths, extra or missing data, other dtypes (wrong element
 * sizes), huge shapes, overlapping or reversed offsets, and deeply nested headers. CI reads 2,000 mutants; more
 * with {@code -Ddno.fuzz.mutants=N}.
 */
class SafetensorsFuzzTest {
    private static final int MUTANTS = Integer.getInteger("dno.fuzz.mutants", 2000);
    private static final Pattern DTYPE = Pattern.compile("\"dtype\":\"[A-Z0-9]+\"");
    private static final Pattern SHAPE = Pattern.compile("\"shape\":\\[[0-9,]*]");
    private static final Pattern OFFSETS = Pattern.compile("\"data_offsets\":\\[[0-9]+,[0-9]+]");
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
            byte[] bytes = mutate(valid, headerEnd, random, i % 9);
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
        System.out.printf("%s: %d mutants, %d rejected cleanly, the rest read%n", "SafetensorsFuzzTest", MUTANTS, rejected);
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
            case 4 -> { // extra or missing data bytes
                return Arrays.copyOf(bytes, bytes.length + random.nextInt(9) - 4);
            }
            case 5 -> { // another dtype: wrong element size for the offsets, or no dtype at all
                String[] dtypes = {"F64", "F16", "BF16", "I8", "U8", "I16", "I32", "I64", "BOOL", "F8_E4M3", "Q4", ""};
                return rewrite(bytes, headerEnd, DTYPE, random, "\"dtype\":\"" + dtypes[random.nextInt(dtypes.length)]
                        + "\"");
            }
            case 6 -> { // huge, negative-looking or over-long shapes
                String[] shapes = {"[4294967296,4294967296]", "[3037000500,3037000500]", "[9223372036854775807]",
                        "[2147483648]", "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", "[]",
                        "[0,4611686018427387904]", "[65536,65536,65536]"};
                return rewrite(bytes, headerEnd, SHAPE, random, "\"shape\":" + shapes[random.nextInt(shapes.length)]);
            }
            case 7 -> { // overlapping, reversed or out-of-range offsets
                int dataLength = bytes.length - headerEnd;
                int a = random.nextInt(dataLength + 1);
                int b = random.nextInt(dataLength + 1);
                String[] offsets = {"[0," + dataLength + "]", "[" + Math.max(a, b) + "," + Math.min(a, b) + "]",
                        "[" + a + "," + (dataLength + 1 + a) + "]", "[0,0]", "[" + a + "," + a + "]"};
                return rewrite(bytes, headerEnd, OFFSETS, random, "\"data_offsets\":"
                        + offsets[random.nextInt(offsets.length)]);
            }
            default -> { // a deeply nested header
                int depth = 1 + random.nextInt(5_000);
                String header = random.nextBoolean() ? "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}"
                        : "{\"__metadata__\":" + "{\"x\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
                return withHeader(header, Arrays.copyOfRange(bytes, headerEnd, bytes.length));
            }
        }
    }

    /** {@code bytes} with one random match of {@code pattern} in the header replaced by {@code replacement}. */
    private static byte[] rewrite(byte[] bytes, int headerEnd, Pattern pattern, Random random, String replacement) {
        String header = new String(bytes, 8, headerEnd - 8, StandardCharsets.UTF_8);
        List<MatchResult> matches = pattern.matcher(header).results().toList();
        MatchResult m = matches.get(random.nextInt(matches.size()));
        return withHeader(header.substring(0, m.start()) + replacement + header.substring(m.end()),
                Arrays.copyOfRange(bytes, headerEnd, bytes.length));
    }

    private static byte[] withHeader(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data).array();
    }
}
