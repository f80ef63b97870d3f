package io.dno.spark;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.Json;
import io.dno.core.policy.IterateLoader;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.TrainablePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SAMPLE's and EVALUATE's decoding on an executor: one chunk of prompts decoded as one batch by the executor's policy,
 * exactly as the in-process engine batches it, so the draws (keyed by seed, prompt id and sample index) and the
 * floating-point results are the same.
 */
final class GenerateWork extends ChunkWork {
    private static final long serialVersionUID = 1L;

    private final IterateLoader loader;
    private final String checkpoint;
    private final String hash;
    private final String params;

    GenerateWork(String parts, IterateLoader loader, Path checkpoint, String hash, SamplingParams params) {
        super(parts);
        this.loader = loader;
        this.checkpoint = checkpoint.toString();
        this.hash = hash;
        this.params = Json.mapper().valueToTree(params).toString();
    }

    @Override
    ChunkReport compute(Chunk chunk, PartsFolder folder) {
        List<Prompt> prompts = new ArrayList<>();
        SamplingParams sampling;
        try {
            for (String line : chunk.lines()) {
                prompts.add(Json.mapper().readValue(line, Prompt.class));
            }
            sampling = Json.mapper().readValue(params, SamplingParams.class);
        } catch (IOException e) {
            throw new UncheckedIOException("chunk " + chunk.index() + ": unreadable input: " + e.getMessage(), e);
        }
        try (ExecutorPolicies.Lease lease = ExecutorPolicies.lease(loader, Path.of(checkpoint), hash)) {
            TrainablePolicy policy = lease.policy();
            long start = System.nanoTime();
            List<List<Response>> answers = policy.generate(prompts, sampling);
            double compute = since(start);
            long tokens = 0;
            List<PromptAnswers> lines = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                lines.add(new PromptAnswers(prompts.get(i).id(), answers.get(i)));
                for (Response r : answers.get(i)) {
                    tokens += policy.responseIds(r.text()).length;
                }
            }
            start = System.nanoTime();
            folder.write(chunk.index(), lines);
            return new ChunkReport(chunk.index(), false, ExecutorProcess.key(), lease.loadSeconds(), compute,
                    since(start), tokens, java.util.Map.of(), java.util.Map.of());
        }
    }
}
