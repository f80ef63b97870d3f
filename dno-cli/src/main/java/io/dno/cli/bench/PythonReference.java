package io.dno.cli.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import io.dno.core.model.TransformerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same decoder and the same DPO / SFT step in PyTorch (eager Python, the resource
 * {@code bench_reference.py} written to a temporary file), kept running as a child process that times one
 * step per request, so its steps interleave with the Java steps of the same run. Same architecture, shapes,
 * sequence lengths, loss and optimiser; its own random weights (speed does not depend on the values).
 */
final class PythonReference implements AutoCloseable {

    /** @param python interpreter with torch, e.g. {@code /usr/bin/python3}; @param threads torch.set_num_threads */
    record Settings(String python, int threads) {}

    private final Process process;
    private final Writer toPython;
    private final BufferedReader fromPython;
    private final Path script;
    private JsonNode ready;

    private PythonReference(Process process, Path script) {
        this.process = process;
        this.script = script;
        this.toPython = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.fromPython = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static PythonReference start(Settings settings, TransformerConfig c, int sequence, int pairs) {
        try {
            Path script = Files.createTempFile("dno-bench-reference", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = PythonReference.class.getResourceAsStream("bench_reference.py")) {
                if (in == null) {
                    throw new IllegalStateException("resource bench_reference.py is missing from the jar");
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of(settings.python(), script.toString(),
                    "--vocab", "" + c.vocabSize(), "--hidden", "" + c.hiddenSize(),
                    "--intermediate", "" + c.intermediateSize(), "--layers", "" + c.numHiddenLayers(),
                    "--heads", "" + c.numAttentionHeads(), "--kv-heads", "" + c.numKeyValueHeads(),
                    "--head-dim", "" + c.headDim(), "--tied", "" + c.tieWordEmbeddings(),
                    "--sequence", "" + sequence, "--pairs", "" + pairs, "--threads", "" + settings.threads()));
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            // torch.set_num_threads bounds torch's own pool, not the BLAS's: OpenBLAS (pthreads) would use every
            // core for each product while the Java side runs --threads, so the BLAS gets the same count
            for (String pool : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
                builder.environment().put(pool, Integer.toString(settings.threads()));
            }
            Process p = builder.start();
            PythonReference ref = new PythonReference(p, script);
            ref.ready = ref.expect("ready");
            return ref;
        } catch (IOException e) {
            throw new UncheckedIOException("--reference python: cannot start " + settings.python() + ": "
                    + e.getMessage() + " (give an interpreter with torch via --python)", e);
        }
    }

    /** The torch version of the interpreter. */
    String torchVersion() {
        return ready.path("torch").asText();
    }

    /** That torch's own f32 matmul rate (512³, GFLOP/s, at start-up): its BLAS, which decides most of its speed. */
    double peakGflops() {
        return ready.path("peak_gflops").asDouble();
    }

    /**
     * Which BLAS that torch was built for ({@code build}: its {@code BLAS_INFO}) and which BLAS library its process
     * has loaded ({@code loaded}: Debian's generic build dispatches to whatever {@code libblas.so.3} points to, e.g.
     * OpenBLAS).
     */
    Map<String, Object> blas() {
        return Json.mapper().convertValue(ready.path("blas"), new TypeReference<Map<String, Object>>() {});
    }

    /** That torch's f32 matmul rate now: the median GFLOP/s of three 1024³ products, as {@link MatmulPeak} measures. */
    double peak() {
        try {
            toPython.write("peak\n");
            toPython.flush();
            return expect("peak").get("gflops").asDouble();
        } catch (IOException e) {
            throw new UncheckedIOException("--reference python: the Python process failed: " + e.getMessage(), e);
        }
    }

    /** Runs one step of {@code kind} ("dpo" or "sft") in Python and returns its wall time in ms. */
    double step(String kind) {
        try {
            toPython.write(kind + "\n");
            toPython.flush();
            return expect(kind).get("ms").asDouble();
        } catch (IOException e) {
            throw new UncheckedIOException("--reference python: the Python process failed: " + e.getMessage(), e);
        }
    }

    private JsonNode expect(String event) throws IOException {
        String line = fromPython.readLine();
        if (line == null) {
            throw new IllegalStateException("--reference python: the Python process exited (see its error output"
                    + " above; it needs torch: run it with /usr/bin/python3 or give --python)");
        }
        JsonNode node = Json.mapper().readTree(line);
        if (!event.equals(node.path("event").asText())) {
            throw new IllegalStateException("--reference python: expected '" + event + "', got: " + line);
        }
        return node;
    }

    @Override
    public void close() {
        try {
            toPython.write("quit\n");
            toPython.flush();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(script);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
