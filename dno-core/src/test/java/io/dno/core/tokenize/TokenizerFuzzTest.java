package io.dno.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Json;
import java.io.IOException;
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
 * Mutated {@code tokenizer.json} files (flipped bytes, truncation, hostile values at any depth, deep nesting) are
 * loaded cleanly — and then encode and decode — or rejected with a {@link DataFileException}; the native tokenizers
 * library never takes the JVM down. CI loads 600 mutants; more with {@code -Ddno.fuzz.tokenizers=N}.
 */
class TokenizerFuzzTest {
    private static final int MUTANTS = Integer.getInteger("dno.fuzz.tokenizers", 600);
    private static final JsonNode[] HOSTILE = {
        JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(0),
        JsonNodeFactory.instance.numberNode(4294967296L), JsonNodeFactory.instance.numberNode(1.5),
        JsonNodeFactory.instance.textNode("("), JsonNodeFactory.instance.textNode("(a+)+$"),
        JsonNodeFactory.instance.textNode("BPE"), JsonNodeFactory.instance.textNode("Unigram"),
        JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.booleanNode(true)};

    @TempDir
    Path dir;

    @Test
    void mutatedTokenizersFailCleanly() throws IOException {
        Path source = CharTokenizer.write(dir.resolve("valid"), List.of("a", "b", "c", " "));
        ObjectNode valid = (ObjectNode) Json.mapper().readTree(Files.readString(source.resolve(HfTokenizer.TOKENIZER_FILE)));
        Path mutantDir = Files.createDirectories(dir.resolve("mutant"));
        Files.copy(source.resolve(TokenizerConfig.FILE_NAME), mutantDir.resolve(TokenizerConfig.FILE_NAME));
        Random random = new Random(20261121);
        int rejected = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] bytes = mutate(valid, random, i % 4);
            Files.write(mutantDir.resolve(HfTokenizer.TOKENIZER_FILE), bytes);
            try (HfTokenizer tokenizer = HfTokenizer.load(mutantDir)) {
                int[] ids = tokenizer.encode("abc ab");
                tokenizer.decode(ids);
            } catch (DataFileException expected) {
                rejected++;
            } catch (Throwable t) {
                fail("mutant " + i + " (" + new String(bytes, StandardCharsets.UTF_8) + ") threw " + t, t);
            }
        }
        System.out.printf("%s: %d mutants, %d rejected cleanly, the rest read%n", "TokenizerFuzzTest", MUTANTS, rejected);
        assertTrue(rejected > MUTANTS / 4, "most mutants should be rejected, only " + rejected + " were");
    }

    private static byte[] mutate(ObjectNode valid, Random random, int kind) {
        ObjectNode copy = valid.deepCopy();
        switch (kind) {
            case 0, 1 -> { // a hostile value at a random place of the tree
                List<ObjectNode> objects = new ArrayList<>();
                collect(copy, objects);
                ObjectNode target = objects.get(random.nextInt(objects.size()));
                List<String> fields = new ArrayList<>();
                target.fieldNames().forEachRemaining(fields::add);
                if (!fields.isEmpty()) {
                    target.set(fields.get(random.nextInt(fields.size())), HOSTILE[random.nextInt(HOSTILE.length)]);
                }
                return copy.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                byte[] text = copy.toString().getBytes(StandardCharsets.UTF_8);
                if (random.nextBoolean()) {
                    return Arrays.copyOf(text, random.nextInt(text.length));
                }
                for (int f = 0; f < 1 + random.nextInt(4); f++) {
                    text[random.nextInt(text.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return text;
            }
            default -> {
                int depth = 1 + random.nextInt(5_000);
                copy.put("normalizer", "PLACEHOLDER");
                return copy.toString().replace("\"PLACEHOLDER\"", "[".repeat(depth) + "]".repeat(depth))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        node.forEach(child -> collect(child, out));
    }
}
