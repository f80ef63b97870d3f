package io.dno.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed data files and impossible configurations through {@code dno run}: each gives exit code 2 and one
 * message naming the file, the line and the field, and no run directory is left behind. (An empty prompt text is
 * valid by design of {@code Prompt}, so it is not among them.)
 */
class BadInputTest {
    @TempDir
    static Path tmp;

    private static Path input;
    private static String config;
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    /** One bad input: a file to overwrite with {@code bytes}, and the words the message must hold. */
    record Case(String name, String file, byte[] bytes, List<String> expected) {
        static Case of(String name, String file, String text, String... expected) {
            return new Case(name, file, text.getBytes(StandardCharsets.UTF_8), List.of(expected));
        }
    }

    @BeforeAll
    static void files() throws Exception {
        input = tmp.resolve("input");
        config = Files.readString(TinyRunFiles.write(input, TinyRunFiles.EXACT_MATCH, TinyRunFiles.TRAINER, ""));
    }

    @Test
    void malformedDataFilesAreNamedWithLineAndField() throws Exception {
        String good = "{\"id\": \"t0\", \"text\": \"ab\"}\n";
        byte[] invalidUtf8 = (good + "{\"id\": \"t1\", \"text\": \"a").getBytes(StandardCharsets.UTF_8);
        byte[] withBadByte = new byte[invalidUtf8.length + 3];
        System.arraycopy(invalidUtf8, 0, withBadByte, 0, invalidUtf8.length);
        withBadByte[invalidUtf8.length] = (byte) 0xC3;
        withBadByte[invalidUtf8.length + 1] = '"';
        withBadByte[invalidUtf8.length + 2] = '}';
        List<Case> cases = List.of(
                Case.of("broken JSON", "prompts.jsonl", good + "{\"id\": \"t1\", \"text\": \"ab\"\n", "prompts.jsonl:2"),
                Case.of("wrong type", "prompts.jsonl", good + "{\"id\": \"t1\", \"text\": [\"ab\"]}\n", "prompts.jsonl:2",
                        "text"),
                Case.of("missing field", "prompts.jsonl", good + "{\"id\": \"t1\"}\n", "prompts.jsonl:2", "text"),
                Case.of("missing id", "prompts.jsonl", "{\"text\": \"ab\"}\n", "prompts.jsonl:1", "id"),
                Case.of("duplicate ids", "prompts.jsonl", good + good, "prompts.jsonl:2", "t0"),
                Case.of("not an object", "prompts.jsonl", good + "[1, 2]\n", "prompts.jsonl:2", "one JSON object"),
                Case.of("empty file", "prompts.jsonl", "", "prompts.jsonl", "no prompt"),
                Case.of("huge prompt", "prompts.jsonl", good + "{\"id\": \"t1\", \"text\": \"" + "a".repeat(200_000)
                        + "\"}\n", "prompts.jsonl:2", "text", "t1", "context"),
                new Case("invalid UTF-8", "prompts.jsonl", withBadByte, List.of("prompts.jsonl:2", "UTF-8")),
                Case.of("demonstration without response", "gold.jsonl",
                        "{\"prompt\": {\"id\": \"t0\", \"text\": \"ab\"}}\n", "gold.jsonl:1", "response"),
                Case.of("held-out broken", "eval.jsonl", "{\"id\": \"e1\", \"text\": 5, \"x\": }\n", "eval.jsonl:1"));
        List<String> report = new ArrayList<>();
        for (Case c : cases) {
            Path dir = tmp.resolve("case-" + RUNS.incrementAndGet());
            copyInputs(dir);
            Files.write(dir.resolve(c.file()), c.bytes());
            report.add(c.name() + " -> " + failure(dir, c.name(), c.expected()));
        }
        System.out.println("BadInputTest data files:\n  " + String.join("\n  ", report));
    }

    @Test
    void impossibleConfigurationsAreNamedWithTheKey() throws Exception {
        List<String[]> edits = List.of(
                new String[] {"learning_rate: 0.01", "learning_rate: -1", "learning_rate"},
                new String[] {"batch_size: 4", "batch_size: 0", "batch_size"},
                new String[] {"iterations: 2", "iterations: 0", "iterations"},
                new String[] {"samples_per_prompt: 3", "samples_per_prompt: 0", "samples_per_prompt"},
                new String[] {"temperature: 1.0", "temperature: -2", "sampling: temperature"},
                new String[] {"max_new_tokens: 3", "max_new_tokens: many", "max_new_tokens"},
                new String[] {"seed: 5", "seed: 5\nsede: 6", "sede"},
                new String[] {"checkpoint_every_steps: 1", "checkpoint_every_steps: -3", "checkpoint_every_steps"},
                new String[] {"policy: {checkpoint: model}", "policy: {checkpoint: ../../etc}", "etc"});
        List<String> report = new ArrayList<>();
        for (String[] edit : edits) {
            Path dir = tmp.resolve("case-" + RUNS.incrementAndGet());
            copyInputs(dir);
            assertTrue(config.contains(edit[0]), edit[0]);
            Files.writeString(dir.resolve("run.yaml"), config.replace(edit[0], edit[1]));
            report.add(edit[1].replace('\n', ' ') + " -> " + failure(dir, edit[1], List.of(edit[2])));
        }
        System.out.println("BadInputTest configurations:\n  " + String.join("\n  ", report));
    }

    /** Runs {@code dno run} on {@code dir}'s inputs; asserts exit 2, one message with {@code expected}, no run dir. */
    private String failure(Path dir, String name, List<String> expected) throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", "--config", dir.resolve("run.yaml").toString(), "--out", out.toString());
        int code = run.exitCode();
        String message = run.err().strip();
        assertEquals(2, code, name + ": " + message.substring(0, Math.min(500, message.length())));
        for (String word : expected) {
            assertTrue(message.contains(word), name + ": '" + word + "' in: " + message);
        }
        assertTrue(message.startsWith("dno: ") && message.length() < 2000, "one short message: " + message);
        assertFalse(Files.exists(out), "no run directory is left behind: " + message);
        return message;
    }

    private static void copyInputs(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (var walk = Files.walk(input)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = dir.resolve(input.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
