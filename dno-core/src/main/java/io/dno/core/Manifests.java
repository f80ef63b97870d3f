package io.dno.core;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.RunManifest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code run.json} of a plan: resolved settings (compared on resume) and provenance (not compared). */
final class Manifests {
    private Manifests() {}

    static RunManifest of(Plan plan) {
        Plan.Training training = plan.training();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("strategy", plan.strategy().toString());
        s.put("loss", training.loss().name() + (training.lossIsDefault()
                ? " (the strategy's default, from " + training.loss().getClass().getName() + ")" : ""));
        s.put("pair_builder", training.pairBuilder().name());
        s.put("annotator", plan.judging().annotator() == null ? "none" : plan.judging().annotator().name());
        s.put("sampling", plan.sampling().training().toString());
        s.put("evaluation_sampling", plan.sampling().evaluation().toString());
        s.put("trainer", training.trainer().toString());
        s.put("learning_rates", training.rates().toString());
        s.put("seed", Long.toString(plan.seed()));
        s.put("reference_batch_size", Integer.toString(training.referenceBatchSize()));
        s.put("policy", plan.policy().describe());
        s.put("prompts", describe(plan.data().prompts()));
        s.put("evaluation_prompts", describe(plan.data().evaluationPrompts()));
        s.put("validation_prompts", describe(plan.data().validationPrompts()));
        s.put("demonstrations", describe(plan.data().demonstrations()));
        s.put("pairs", describe(plan.data().pairs()));
        Map<String, String> p = new LinkedHashMap<>();
        String version = Alignment.class.getPackage().getImplementationVersion();
        p.put("library_version", version == null ? "development build" : version);
        p.put("java", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("created", Instant.now().toString());
        p.put("annotation_threads", Integer.toString(plan.judging().threads()));
        p.put("checkpoint_every_steps", Integer.toString(training.checkpointEverySteps()));
        p.put("engine", plan.engine().toString());
        return new RunManifest(s, p);
    }

    /** Count and SHA-256 of the records' JSON lines. */
    private static String describe(List<?> records) {
        Hasher hasher = Hashing.sha256().newHasher();
        for (Object r : records) {
            hasher.putString(Jsonl.toLine(r), StandardCharsets.UTF_8).putByte((byte) '\n');
        }
        return records.size() + " records, sha256 " + hasher.hash();
    }
}
