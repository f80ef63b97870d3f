package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandsTest {

    @Test
    void initModelThenLogprobsAndGenerate(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        assertEquals(0, run("init-model", "--out", model.toString(), "--preset", "tiny", "--vocab-size", "40",
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
        run("init-model", "--out", model.toString(), "--vocab-size", "20");
        Result r = run("logprobs", "--model", model.toString(), "--prompt-ids", "1", "--response-ids", "25");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("outside"), r.err);
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
