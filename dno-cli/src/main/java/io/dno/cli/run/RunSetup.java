package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.annotators.spec.AnnotatorSpec;
import io.dno.annotators.spec.SpecAnnotatorFactory;
import io.dno.cli.spark.SparkEngines;
import io.dno.annotators.spec.TeacherSpec;
import io.dno.core.Alignment;
import io.dno.core.RunListener;
import io.dno.core.Strategy;
import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.data.Prompt;
import io.dno.core.io.DataFileException;
import io.dno.core.io.DataFiles;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.StageEngine;
import io.dno.core.model.PolicySource;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.peft.AdapterSource;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.QuantizedBase;
import io.dno.core.policy.IterateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link RunConfig} into a runnable {@link Alignment}, opening the models it names. Close it after the
 * run: it owns the policy, a policy teacher and a policy judge.
 */
public final class RunSetup implements AutoCloseable {
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Alignment alignment;

    private RunSetup(RunConfig config, Path baseDir, Path runDir, List<RunListener> listeners) {
        try {
            alignment = build(config, baseDir, runDir, listeners);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads {@code configFile} strictly (unknown keys are errors naming the key and its line). */
    public static RunConfig read(Path configFile) {
        return RunConfigReader.read(configFile);
    }

    /** Opens the models and data the configuration names; relative paths are resolved against {@code baseDir}. */
    public static RunSetup open(RunConfig config, Path baseDir, Path runDir, List<RunListener> listeners) {
        return new RunSetup(config, baseDir, runDir, listeners);
    }

    public Alignment alignment() {
        return alignment;
    }

    private Alignment build(RunConfig c, Path base, Path runDir, List<RunListener> listeners) {
        Strategy strategy = c.strategy().toStrategy();
        TransformerPolicy policy = own(c.policy().source(base).load());
        long seed = c.seed() == null ? 0 : c.seed();
        Alignment.Builder b = Alignment.builder()
                .policy(policy)
                .strategy(strategy)
                .sampling(c.sampling().toParams())
                .trainer(c.trainer().toSettings(policy.tokenizer().padId()))
                .learningRates(c.trainer().toRates())
                .seed(seed)
                .runDirectory(runDir);
        if (c.policy().lora() != null) {
            b.adapter(adapter(c.policy(), policy, base, seed));
        }
        DataConfig d = c.data();
        int newTokens = c.sampling().toParams().maxNewTokens();
        if (d.prompts() != null) {
            b.prompts(prompts(base.resolve(d.prompts()), policy, newTokens));
        }
        if (d.evaluation() != null) {
            b.evaluationPrompts(prompts(base.resolve(d.evaluation()), policy, newTokens));
        }
        if (d.validation() != null) {
            b.validationPrompts(prompts(base.resolve(d.validation()), policy, newTokens));
        }
        if (d.demonstrations() != null) {
            b.demonstrations(DataFiles.readDemonstrations(base.resolve(d.demonstrations())));
        }
        if (d.pairs() != null) {
            b.pairs(DataFiles.readPairs(base.resolve(d.pairs())));
        }
        if (c.teacher() != null) {
            b.teacher(owned(bind(withResolvedPaths(c.teacher(), base), TeacherSpec.class, "teacher").build(runDir)));
        }
        if (c.annotator() != null) {
            b.annotator(owned(bind(withResolvedPaths(c.annotator(), base), AnnotatorSpec.class, "annotator")
                    .build(runDir)));
        }
        if (c.loss() != null) {
            b.loss(c.loss().toLoss(strategy.beta()));
        }
        checkArgument(c.annotationThreads() == null || c.annotationThreads() >= 1,
                "annotation_threads must be >= 1, got %s", c.annotationThreads());
        checkArgument(c.checkpointEverySteps() == null || c.checkpointEverySteps() >= 0,
                "checkpoint_every_steps must be >= 0 (0 = only at the end of each training stage), got %s",
                c.checkpointEverySteps());
        if (c.annotationThreads() != null) {
            b.annotationThreads(c.annotationThreads());
        }
        if (c.checkpointEverySteps() != null) {
            b.checkpointEverySteps(c.checkpointEverySteps());
        }
        if (c.engine() instanceof EngineSpec.Spark spark) {
            b.engine(sparkEngine(spark, c, base, runDir));
        }
        listeners.forEach(b::listener);
        return b.build();
    }

    /**
     * The Spark engine of an {@code engine: {type: spark}} section, owned by this setup: executors open iterates as
     * the policy section describes (a full checkpoint, or the base with a LoRA adapter) and rebuild the annotator
     * from its section.
     */
    private StageEngine sparkEngine(EngineSpec.Spark spark, RunConfig c, Path base, Path runDir) {
        PolicySource source = c.policy().source(base);
        IterateLoader loader = c.policy().lora() == null ? source
                : new AdapterSource(source, c.policy().lora().quantizeBase());
        AnnotatorFactory judge = c.annotator() == null ? null
                : SpecAnnotatorFactory.of(withResolvedPaths(c.annotator(), base), runDir);
        SparkEngines.Engines engines = own(SparkEngines.connect(spark.master(),
                spark.partitions() == null ? 0 : spark.partitions(), spark.conf()));
        return engines.engine(loader, judge);
    }

    /** A LoRA adapter on the policy's model (over an NF4-quantised base for QLoRA), owned by this setup. */
    private LoraAdapter adapter(PolicyConfig p, TransformerPolicy policy, Path base, long seed) {
        AdapterConfig lora = p.lora();
        if (!lora.quantizeBase().equals("none")) {
            own(QuantizedBase.quantize(policy.model(), lora.toLora("").targetModules(),
                    lora.quantizeBase().equals("nf4-double")));
        }
        return own(LoraAdapter.attach(policy.model(), lora.toLora(base.resolve(p.checkpoint()).toString()), seed));
    }

    /** The prompts of {@code file}, each checked to leave room for {@code newTokens} in the model's context. */
    private static List<Prompt> prompts(Path file, TransformerPolicy policy, int newTokens) {
        checkContext(file, policy, newTokens, policy.model().config().maxPositionEmbeddings());
        return DataFiles.readPrompts(file);
    }

    /**
     * {@code file} holds prompts, and every one leaves room for {@code newTokens} in the model's context (a
     * longer one would only fail later, mid-run, with an out-of-memory error of the engine).
     */
    private static void checkContext(Path file, TransformerPolicy policy, int newTokens, int context) {
        long[] count = {0};
        Jsonl.forEach(file, Prompt.class, (line, prompt) -> {
            count[0]++;
            int tokens = policy.promptIds(prompt.text()).length;
            if (tokens + newTokens > context) {
                throw new DataFileException(file, line, String.format("field 'text' of prompt '%s' is %d tokens; with "
                        + "sampling.max_new_tokens %d it does not fit the model's context of %d tokens "
                        + "(max_position_embeddings): shorten the prompt or leave it out", prompt.id(), tokens,
                        newTokens, context));
            }
        });
        if (count[0] == 0) {
            throw new DataFileException(file, 0, "holds no prompt: give one {\"id\": ..., \"text\": ...} object per line");
        }
    }

    /** The input files a spec names ({@code references}, {@code checkpoint}, {@code file}) resolved against {@code base}. */
    private static JsonNode withResolvedPaths(JsonNode node, Path base) {
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = object.deepCopy();
        for (String key : List.of("references", "checkpoint", "file")) {
            if (copy.path(key).isTextual()) {
                copy.put(key, base.resolve(copy.get(key).asText()).toString());
            }
        }
        return copy;
    }

    private static <T> T bind(JsonNode node, Class<T> type, String section) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(section + ": " + e.getOriginalMessage(), e);
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    /** {@code value}, closed with this setup when it holds resources (a model, a connection pool). */
    private <T> T owned(T value) {
        if (value instanceof AutoCloseable closeable) {
            owned.add(closeable);
        }
        return value;
    }

    @Override
    public void close() {
        for (AutoCloseable c : com.google.common.collect.Lists.reverse(owned)) {   // adapters before their model
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; the run's outcome is already decided
            }
        }
        owned.clear();
    }
}
