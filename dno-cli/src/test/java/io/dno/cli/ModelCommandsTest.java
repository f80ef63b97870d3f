package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.core.tokenize.HfTokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandsTest {

    @Test
    void initModelThenLogprobsAndGenerate(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        assertEquals(0, run("init-model", "--out", model.toString(), "--no-tokenizer", "--preset", "tiny", "--vocab-size", "40",
                "--model-type", "qwen2", "--eos-id", "2", "--seed", "3").code);
        assertTrue(Files.exists(model.resolve("config.json")) && Files.exists(model.resolve("model.safetensors")));

        Result lp = run("logprobs", "--model", model.toString(), "--prompt-ids", "1,5,6", "--response-ids", "7,8",
                "--json");
        assertEquals(0, lp.code, lp.out);
        Matcher json = Pattern.compile("\\{\"token_logprobs\":\\[([^,\\]]+),([^,\\]]+)],\"sum\":([^}]+)}")
                .matcher(lp.out.strip());
        assertTrue(json.matches(), lp.out);
        double sum = Double.parseDouble(json.group(1)) + Double.parseDouble(json.group(2));
        assertEquals(sum, Double.parseDouble(json.group(3)), 1e-5);
        assertTrue(sum < 0);

        Result gen = run("generate", "--model", model.toString(), "--prompt-ids", "1,5,6", "--n", "3",
                "--temperature", "0.7", "--top-p", "0.95", "--seed", "1", "--max-new-tokens", "5");
        assertEquals(0, gen.code, gen.out);
        assertEquals(3, gen.out.strip().split("\n").length, gen.out);
        assertEquals(gen.out, run("generate", "--model", model.toString(), "--prompt-ids", "1,5,6", "--n", "3",
                "--temperature", "0.7", "--top-p", "0.95", "--seed", "1", "--max-new-tokens", "5").out);
    }

    @Test
    void rejectsIdsOutsideTheVocabulary(@TempDir Path dir) {
        Path model = dir.resolve("m");
        run("init-model", "--out", model.toString(), "--no-tokenizer", "--vocab-size", "20");
        Result r = run("logprobs", "--model", model.toString(), "--prompt-ids", "1", "--response-ids", "25");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("outside"), r.err);
    }

    @Test
    void initModelWritesAHuggingFaceDirectoryWithAByteLevelTokenizer(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        Result init = run("init-model", "--out", model.toString());
        assertEquals(0, init.code, init.err);
        assertTrue(init.out.contains("byte-level tokenizer"), init.out);
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file);
        }
        JsonNode config = Json.readObject(model.resolve("config.json"), "config");
        assertEquals(1, config.get("bos_token_id").asInt());
        assertEquals(2, config.get("eos_token_id").asInt());
        JsonNode generation = Json.readObject(model.resolve("generation_config.json"), "generation config");
        assertEquals("{\"bos_token_id\":1,\"eos_token_id\":2,\"pad_token_id\":0}", generation.toString());
        try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
            assertEquals(259, tokenizer.vocabSize());
            assertEquals("héllo 👋", tokenizer.decode(tokenizer.encode("héllo 👋")));
        }
        Result gen = run("generate", "--model", model.toString(), "--prompt", "héllo", "--max-new-tokens", "4",
                "--seed", "1");
        assertEquals(0, gen.code, gen.err);
    }

    @Test
    void initModelNeverOverwritesAndNamesTheFixForABadVocabulary(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        Result small = run("init-model", "--out", model.toString(), "--vocab-size", "100");
        assertEquals(2, small.code);
        assertEquals("dno: --vocab-size 100 is smaller than the byte-level tokenizer's 259 ids: use --vocab-size 259 "
                + "(the default) or more, give --tokenizer-dir DIR with a smaller tokenizer, or --no-tokenizer for a "
                + "model used by token ids only", small.err.strip());
        assertTrue(!Files.exists(model), "nothing written");

        assertEquals(0, run("init-model", "--out", model.toString(), "--seed", "1").code);
        byte[] weights = Files.readAllBytes(model.resolve("model.safetensors"));
        Result again = run("init-model", "--out", model.toString(), "--seed", "2");
        assertEquals(2, again.code);
        assertTrue(again.err.startsWith("dno: --out " + model + " already holds files ("), again.err);
        assertArrayEquals(weights, Files.readAllBytes(model.resolve("model.safetensors")), "the model is untouched");

        Result eos = run("init-model", "--out", dir.resolve("e").toString(), "--eos-id", "5");
        assertEquals("dno: --eos-id 5 differs from the tokenizer's EOS id 2: leave --eos-id out (the tokenizer decides)",
                eos.err.strip());
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new DnoCommand());
        cli.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("dno: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int code = cli.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
