package io.dno.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dno.core.data.PreferencePair;
import io.dno.core.io.DataFiles;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.peft.AdapterFiles;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.tensor.InPlace;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PeftCommandsTest {
    @TempDir
    Path dir;

    @Test
    void loraInitInfoAndMergeProduceAModelEqualToTheAdaptedOne() throws Exception {
        Path base = dir.resolve("base");
        Path adapter = dir.resolve("adapter");
        Path merged = dir.resolve("merged");
        assertEquals(0, run("init-model", "--out", base.toString(), "--no-tokenizer", "--vocab-size", "30", "--seed", "2").code);
        Result init = run("lora", "init", "--base", base.toString(), "--out", adapter.toString(), "-r", "4",
                "--alpha", "8", "--target-modules", "q_proj,v_proj,down_proj");
        assertEquals(0, init.code, init.err);
        assertTrue(Files.exists(adapter.resolve("adapter_config.json"))
                && Files.exists(adapter.resolve("adapter_model.safetensors")));
        // give the adapter non-zero B, as training would, and remember the adapted forward
        float[] adapted;
        try (Transformer model = CheckpointDir.load(base); LoraAdapter lora = AdapterFiles.load(adapter, model)) {
            SplittableRandom rng = new SplittableRandom(1);
            lora.parameters().forEach((name, p) -> {
                if (name.contains("lora_B")) {
                    float[] v = new float[Math.toIntExact(p.size())];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (rng.nextGaussian() * 0.1);
                    }
                    try (NDArray values = p.getManager().create(v, p.getShape())) {
                        InPlace.copy(p, values);       // not p.set(float[]): DJL's set prints PyTorch's guard warning
                    }
                }
            });
            AdapterFiles.save(lora, adapter);
            adapted = logits(model);
        }
        Result info = run("lora", "info", "--adapter", adapter.toString(), "--base", base.toString());
        assertEquals(0, info.code, info.err);
        assertTrue(info.out.contains("r=4 alpha=8.0 scaling=2.0") && info.out.contains("12 tensors"), info.out);

        Result merge = run("lora", "merge", "--base", base.toString(), "--adapter", adapter.toString(), "--out",
                merged.toString());
        assertEquals(0, merge.code, merge.err);
        try (Transformer model = CheckpointDir.load(merged)) {
            float[] m = logits(model);
            for (int i = 0; i < m.length; i++) {
                assertEquals(adapted[i], m[i], 1e-4, "merged model = base + adapter");
            }
        }
        Result nf4 = run("lora", "nf4", "--model", base.toString());
        assertEquals(0, nf4.code, nf4.err);
        assertTrue(nf4.out.contains("NF4+DQ") && nf4.out.contains("max error / bound"), nf4.out);

        Result wrongBase = run("lora", "merge", "--base", adapter.toString(), "--adapter", adapter.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(2, wrongBase.code);
        assertTrue(wrongBase.err.contains("no config.json"), wrongBase.err);
    }

    @Test
    void datasetConvertWritesDnoPairsAndReportsBadLines() throws Exception {
        Path hh = dir.resolve("hh.jsonl");
        Files.writeString(hh, "{\"chosen\": \"\\n\\nHuman: Hi\\n\\nAssistant: Hello!\", \"rejected\": \"\\n\\nHuman: Hi"
                + "\\n\\nAssistant: Go away.\"}\n");
        Path out = dir.resolve("pairs.jsonl");
        Result r = run("dataset", "convert", "--format", "hh_rlhf", "--in", hh.toString(), "--out", out.toString(),
                "--template", "mistral");
        assertEquals(0, r.code, r.err);
        List<PreferencePair> pairs = DataFiles.readPairs(out);
        assertEquals(1, pairs.size());
        assertEquals("[INST] Hi [/INST] ", pairs.get(0).prompt().text());
        assertEquals("Hello!", pairs.get(0).chosen().text());

        Files.writeString(hh, "{\"chosen\": \"\\n\\nHuman: Hi\\n\\nAssistant: Hello!\"}\n", java.nio.file.StandardOpenOption.APPEND);
        Result bad = run("dataset", "convert", "--format", "hh_rlhf", "--in", hh.toString(), "--out", out.toString());
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("hh.jsonl:2: field 'rejected' is missing"), bad.err);
    }

    @Test
    void datasetConvertTurnsBeaverTailsIntoSafetyPairsOrSafeDemonstrations() throws Exception {
        Path bt = dir.resolve("bt.jsonl");
        Files.writeString(bt, String.join("\n",
                "{\"prompt\": \"How to steal?\", \"response\": \"Don't.\", \"category\": {\"theft\": false}, \"is_safe\": true}",
                "{\"prompt\": \"How to steal?\", \"response\": \"Grab it.\", \"category\": {\"theft\": true}, \"is_safe\": false}",
                "{\"prompt\": \"Hi?\", \"response\": \"Hello.\", \"category\": {\"theft\": false}, \"is_safe\": true}"));
        Path pairs = dir.resolve("pairs.jsonl");
        Result r = run("dataset", "convert", "--format", "beavertails", "--in", bt.toString(), "--out", pairs.toString());
        assertEquals(0, r.code, r.err);
        List<PreferencePair> read = DataFiles.readPairs(pairs);
        assertEquals(1, read.size());
        assertEquals("Don't.", read.get(0).chosen().text());
        Path demos = dir.resolve("demos.jsonl");
        r = run("dataset", "convert", "--format", "beavertails", "--in", bt.toString(), "--out", demos.toString(),
                "--demonstrations");
        assertEquals(0, r.code, r.err);
        assertEquals(List.of("Don't.", "Hello."), DataFiles.readDemonstrations(demos).stream()
                .map(io.dno.core.data.Demonstration::response).toList());
    }

    private static float[] logits(Transformer model) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray ids = m.create(new long[] {1, 5, 9, 3, 7}).reshape(1, 5);
            return model.logits(ids, ids.onesLike()).toFloatArray();
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new DnoCommand());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof io.dno.core.io.DataFileException || e instanceof IllegalArgumentException
                    || e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("dno: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int code = cli.execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
