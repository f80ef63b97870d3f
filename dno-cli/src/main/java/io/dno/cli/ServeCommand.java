package io.dno.cli;

import io.dno.cli.options.DeviceOption;
import io.dno.serve.PolicyServer;
import io.dno.serve.ServeSettings;
import io.dno.serve.ServedModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno serve}: an OpenAI-compatible HTTP server of a local policy ({@link PolicyServer}) until SIGTERM or
 * Ctrl-C, which it answers gracefully: new requests get 503, queued and running ones finish (up to
 * {@code --shutdown-grace}), then it exits with status 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a local policy (HF checkpoint, optionally with a PEFT adapter) over the OpenAI API:",
                "GET /v1/models, POST /v1/chat/completions, POST /v1/completions (echo + logprobs for",
                "lm-evaluation-harness), streaming, a bounded queue (429 when full). SIGTERM drains, then exits."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "model directory (config.json, model.safetensors, tokenizer.json)")
    Path model;

    @Option(names = "--adapter", paramLabel = "DIR", description = "PEFT LoRA adapter directory to attach")
    Path adapter;

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "the id clients send as 'model' (default: the model directory's name)")
    String modelName;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Mixin
    DeviceOption device;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "environment variable holding the key clients must send as 'Authorization: Bearer KEY'")
    String apiKeyEnv;

    @Option(names = "--queue", defaultValue = "64", description = "requests waiting at most; more get 429 (default: ${DEFAULT-VALUE})")
    int queue;

    @Option(names = "--max-batch", defaultValue = "32", description = "sequences decoded together at most (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--max-tokens", defaultValue = "256",
            description = "max_tokens of a chat request that sets none (default: ${DEFAULT-VALUE})")
    int defaultMaxTokens;

    @Option(names = "--shutdown-grace", defaultValue = "30", paramLabel = "SECONDS",
            description = "how long SIGTERM waits for queued and running requests (default: ${DEFAULT-VALUE})")
    int shutdownGrace;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + " is not a directory; give a model directory "
                    + "(config.json, model.safetensors, tokenizer.json)");
        }
        if (adapter != null && !Files.isDirectory(adapter)) {
            throw new IllegalArgumentException("--adapter " + adapter + " is not a directory; give a PEFT adapter "
                    + "directory (adapter_config.json, adapter_model.safetensors)");
        }
        String name = modelName != null ? modelName : model.toAbsolutePath().normalize().getFileName().toString();
        ServeSettings defaults = ServeSettings.defaults(name, port);
        ServeSettings settings = new ServeSettings(host, port, name, apiKey(), queue, maxBatch, defaults.maxN(),
                Math.max(defaults.maxRows(), defaults.maxN()), defaultMaxTokens, defaults.maxBodyBytes(),
                Duration.ofSeconds(shutdownGrace));
        var dev = device.parsed();
        PrintWriter out = spec.commandLine().getOut();
        PolicyServer server = PolicyServer.start(settings, () -> ServedModel.load(model, Optional.ofNullable(adapter), dev));
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable drain = () -> {
            server.close();
            stopped.countDown();
        };
        // SIGTERM and Ctrl-C drain before the JVM starts shutting down, so the drain does not run beside other
        // shutdown hooks and the process exits 0 once it is done. The hook stays for other ways the JVM ends.
        for (String signalName : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signalName), signal -> new Thread(drain, "dno-serve-drain").start());
        }
        Thread hook = new Thread(drain, "dno-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("loading %s on %s ...%n", model, dev);
        out.flush();
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            throw e;
        }
        out.printf("serving '%s' at %s (Ctrl-C or SIGTERM to stop)%n", name, server.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    private Optional<String> apiKey() {
        if (apiKeyEnv == null) {
            return Optional.empty();
        }
        String key = System.getenv(apiKeyEnv);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("--api-key-env " + apiKeyEnv + ": the variable is not set or empty; "
                    + "export " + apiKeyEnv + "=<key> first");
        }
        return Optional.of(key);
    }
}
