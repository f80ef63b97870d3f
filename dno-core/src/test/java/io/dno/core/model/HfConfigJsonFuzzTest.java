package io.dno.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated {@code config.json} files (hostile values in every field, missing fields, truncation, flipped bytes,
 * deep nesting) are read cleanly or rejected with an {@link IllegalArgumentException} (naming the field) or an
 * {@link UncheckedIOException} (unreadable JSON), never anything else. CI reads 2,000 mutants; more with
 * {@code -Ddno.fuzz.mutants=N}.
 */
class HfConfigJsonFuzzTest {
    private static final int MUTANTS = Integer.getInteger("dno.fuzz.mutants", 2000);
    private static final JsonNode[] HOSTILE = {
        JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(0),
        JsonNodeFactory.instance.numberNode(2147483648L), JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
        JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.numberNode(-1e-320),
        JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.numberNode(new java.math.BigInteger("1" + "0".repeat(400))),
        JsonNodeFactory.instance.textNode("NaN"), JsonNodeFactory.instance.textNode("llama"),
        JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.arrayNode().add(1), JsonNodeFactory.instance.booleanNode(true)};

    @TempDir
    Path dir;

    @Test
    void mutatedConfigsFailCleanly() throws IOException {
        List<ObjectNode> valid = List.of(
                HfConfigJson.toJson(TransformerConfig.llama(300, 64, 128, 2, 4, 2, 256)),
                HfConfigJson.toJson(TransformerConfig.llama(32000, 4096, 11008, 32, 32, 32, 4096)));
        Random random = new Random(20261121);
        Path file = dir.resolve("config.json");
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] bytes = mutate(valid.get(i % valid.size()), random, i % 6);
            Files.write(file, bytes);
            try {
                TransformerConfig read = HfConfigJson.read(file);
                assertTrue(read.hiddenSize() > 0 && read.vocabSize() > 0, "a config read must be usable: " + read);
            } catch (IllegalArgumentException | UncheckedIOException expected) {
                rejected++;
            } catch (Throwable t) {
                fail("mutant " + i + " (" + new String(bytes, 0, Math.min(bytes.length, 600), StandardCharsets.UTF_8)
                        + ") threw " + t, t);
            }
        }
        System.out.printf("%s: %d mutants, %d rejected cleanly, the rest read%n", "HfConfigJsonFuzzTest", MUTANTS, rejected);
        assertTrue(rejected > MUTANTS / 3, "most mutants should be rejected, only " + rejected + " were");
    }

    private static byte[] mutate(ObjectNode valid, Random random, int kind) {
        ObjectNode copy = valid.deepCopy();
        List<String> fields = new ArrayList<>();
        copy.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        byte[] text;
        switch (kind) {
            case 0, 1 -> copy.set(field, HOSTILE[random.nextInt(HOSTILE.length)]);
            case 2 -> copy.remove(field);
            case 3 -> { // flipped bytes
                text = copy.toString().getBytes(StandardCharsets.UTF_8);
                for (int f = 0; f < 1 + random.nextInt(4); f++) {
                    text[random.nextInt(text.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return text;
            }
            case 4 -> {
                text = copy.toString().getBytes(StandardCharsets.UTF_8);
                return Arrays.copyOf(text, random.nextInt(text.length));
            }
            default -> {
                int depth = 1 + random.nextInt(5_000);
                return ("{\"model_type\": \"llama\", \"rope_scaling\": " + "[".repeat(depth) + "]".repeat(depth) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }
}
