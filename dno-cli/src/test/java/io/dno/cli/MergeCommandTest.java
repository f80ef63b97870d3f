package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MergeCommandTest {

    @Test
    void mergesTwoTinyCheckpointsIntoALoadableOne(@TempDir Path dir) {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, run("init-model", "--out", a.toString(), "--no-tokenizer", "--vocab-size", "20", "--seed", "1").code);
        assertEquals(0, run("init-model", "--out", b.toString(), "--no-tokenizer", "--vocab-size", "20", "--seed", "2").code);
        Path out = dir.resolve("merged");
        Result r = run("merge", "--method", "slerp", "--models", a + "," + b, "--t", "0", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("slerp"), r.out);
        try (Transformer ma = CheckpointDir.load(a); Transformer merged = CheckpointDir.load(out)) {
            for (var e : ma.parameters().entrySet()) {
                NDArray other = merged.parameters().get(e.getKey());
                assertArrayEquals(e.getValue().toFloatArray(), other.toFloatArray(), 0f, "t = 0 gives the first model");
            }
        }
        Path linear = dir.resolve("linear");
        assertEquals(0, run("merge", "--method", "linear", "--models", a + "," + b, "--weights", "1,3",
                "--out", linear.toString()).code);
        try (Transformer ma = CheckpointDir.load(a); Transformer mb = CheckpointDir.load(b);
             Transformer merged = CheckpointDir.load(linear)) {
            float[] x = ma.parameters().get("model.norm.weight").toFloatArray();
            float[] y = mb.parameters().get("model.norm.weight").toFloatArray();
            float[] m = merged.parameters().get("model.norm.weight").toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals((x[i] + 3.0 * y[i]) / 4, m[i], 1e-6);
            }
        }
    }

    @Test
    void noNormalizeSumsTheWeightedModelsAsMergekit(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, run("init-model", "--out", a.toString(), "--no-tokenizer", "--vocab-size", "20", "--seed", "1").code);
        assertEquals(0, run("init-model", "--out", b.toString(), "--no-tokenizer", "--vocab-size", "20", "--seed", "2").code);
        Path out = dir.resolve("sum");
        Result r = run("merge", "--method", "linear", "--models", a + "," + b, "--weights", "1,3", "--no-normalize",
                "--out", out.toString());
        assertEquals(0, r.code, r.err);
        try (Transformer ma = CheckpointDir.load(a); Transformer mb = CheckpointDir.load(b);
             Transformer merged = CheckpointDir.load(out)) {
            float[] x = ma.parameters().get("model.norm.weight").toFloatArray();
            float[] y = mb.parameters().get("model.norm.weight").toFloatArray();
            float[] m = merged.parameters().get("model.norm.weight").toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i] + 3.0 * y[i], m[i], 1e-5);
            }
        }
        String provenance = Files.readString(out.resolve("dno_merge.json"));
        assertTrue(provenance.contains("\"normalize\" : false"), provenance);
    }

    @Test
    void badInputIsACleanError(@TempDir Path dir) {
        Path a = dir.resolve("a");
        Path c = dir.resolve("c");
        run("init-model", "--out", a.toString(), "--no-tokenizer", "--vocab-size", "20");
        run("init-model", "--out", c.toString(), "--no-tokenizer", "--vocab-size", "24");
        Result r = run("merge", "--method", "linear", "--models", a + "," + c, "--out", dir.resolve("o").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("vocab_size") && r.err.contains(c.toString()), r.err);
        r = run("merge", "--method", "ties", "--models", a + "," + a, "--out", dir.resolve("o").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--base"), r.err);
        r = run("merge", "--method", "average", "--models", a + "," + a, "--out", dir.resolve("o").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("unknown merge method"), r.err);
        assertFalse(Files.exists(dir.resolve("o")));
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = DnoCommand.create();
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
