package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.annotators.spec.AnnotatorSpec;
import io.dno.annotators.spec.TeacherSpec;
import io.dno.core.Alignment;
import io.dno.core.RunListener;
import io.dno.core.Strategy;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Prompt;
import io.dno.core.io.DataFileException;
import io.dno.core.io.DataFiles;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.model.Devices;
import io.dno.core.model.PromptFormat;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.peft.QuantizedBase;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import io.dno.core.tokenize.ChatMessage;
import io.dno.core.tokenize.ChatTemplate;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.tokenize.TokenizerConfig;
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

    /** Reads {@code configFile} strictly (unknown keys are errors naming the key). */
    public static RunConfig read(Path configFile) {
        checkArgument(Files.isRegularFile(configFile), "%s: no such configuration file", configFile);
        try {
            return Json.yaml().readValue(configFile.toFile(), RunConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new DataFileException(configFile, lineOf(configFile, e.getPropertyName()), "unknown key '"
                    + e.getPropertyName() + "'" + section(e) + "; known keys: " + e.getKnownPropertyIds());
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            List<String> path = new ArrayList<>();
            e.getPath().forEach(r -> path.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]"));
            throw new DataFileException(configFile, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    (path.isEmpty() ? "" : String.join(".", path) + ": ") + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DataFileException(configFile, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
    }

    private static String section(com.fasterxml.jackson.databind.JsonMappingException e) {
        List<String> path = new ArrayList<>();
        e.getPath().forEach(r -> {
            if (r.getFieldName() != null) {
                path.add(r.getFieldName());
            }
        });
        return path.size() > 1 ? " in section '" + String.join(".", path.subList(0, path.size() - 1)) + "'" : "";
    }

    /** The 1-based line where {@code key} is first written as a key, or 0. */
    private static long lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("(^|[\\s{,])" + java.util.regex.Pattern.quote(key)
                    + "\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException ignored) {
            // the line number is a courtesy; the message names the key
        }
        return 0;
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
        TransformerPolicy policy = own(loadPolicy(c.policy(), base));
        LoraAdapter adapter = null;
        if (c.policy().lora() != null) {
            AdapterConfig lora = c.policy().lora();
            if (!lora.quantizeBase().equals("none")) {
                own(QuantizedBase.quantize(policy.model(), lora.toLora("").targetModules(),
                        lora.quantizeBase().equals("nf4-double")));
            }
            adapter = own(LoraAdapter.attach(policy.model(), lora.toLora(base.resolve(c.policy().checkpoint())
                    .toString()), c.seed() == null ? 0 : c.seed()));
        }
        Alignment.Builder b = Alignment.builder()
                .policy(policy)
                .strategy(strategy)
                .sampling(c.sampling().toParams())
                .trainer(c.trainer().toSettings(policy.tokenizer().padId()))
                .seed(c.seed() == null ? 0 : c.seed())
                .runDirectory(runDir)
                .adapter(adapter);
        DataConfig d = c.data();
        if (d.prompts() != null) {
            b.prompts(DataFiles.readPrompts(base.resolve(d.prompts())));
        }
        if (d.evaluation() != null) {
            b.evaluationPrompts(DataFiles.readPrompts(base.resolve(d.evaluation())));
        }
        if (d.validation() != null) {
            b.validationPrompts(DataFiles.readPrompts(base.resolve(d.validation())));
        }
        int context = policy.model().config().maxPositionEmbeddings();
        int newTokens = c.sampling().toParams().maxNewTokens();
        for (String prompts : new String[] {d.prompts(), d.evaluation(), d.validation()}) {
            if (prompts != null) {
                checkContext(base.resolve(prompts), policy, newTokens, context);
            }
        }
        if (d.demonstrations() != null) {
            b.demonstrations(DataFiles.readDemonstrations(base.resolve(d.demonstrations())));
        }
        if (d.pairs() != null) {
            b.pairs(DataFiles.readPairs(base.resolve(d.pairs())));
        }
        if (c.teacher() != null) {
            b.teacher(teacher(c, c.teacher(), base, runDir));
        }
        if (c.annotator() != null) {
            AnnotatorSpec spec = bind(withResolvedPaths(c.annotator(), base), AnnotatorSpec.class, "annotator");
            Annotator annotator = spec.build(runDir);
            if (annotator instanceof AutoCloseable closeable) {
                owned.add(closeable);
            }
            b.annotator(annotator);
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
        listeners.forEach(b::listener);
        return b.build();
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

    private Teacher teacher(RunConfig c, JsonNode node, Path base, Path runDir) {
        String type = node.path("type").asText("");
        switch (type) {
            case "dataset" -> {
                checkKeys(node, "teacher", "type", "file");
                checkArgument(node.hasNonNull("file"), "teacher.file: the gold answers (demonstrations JSONL)");
                return Teachers.fromFile(base.resolve(node.get("file").asText()));
            }
            case "policy" -> {
                checkKeys(node, "teacher", "type", "checkpoint", "prompt_format", "stop", "max_new_tokens");
                checkArgument(node.hasNonNull("checkpoint"), "teacher.checkpoint: the teacher's model directory");
                List<String> stop = new ArrayList<>();
                node.path("stop").forEach(s -> stop.add(s.asText()));
                TransformerPolicy teacher = own(loadPolicy(new PolicyConfig(node.get("checkpoint").asText(),
                        node.path("prompt_format").asText("raw"), stop, null, c.policy().device()), base));
                return Teachers.fromPolicy(teacher, SamplingParams.greedy(node.path("max_new_tokens").asInt(256)));
            }
            default -> {
                return bind(withResolvedPaths(node, base), TeacherSpec.class, "teacher").build(runDir);
            }
        }
    }

    /** The input files a spec names ({@code references}, {@code checkpoint}) resolved against the config's directory. */
    private static JsonNode withResolvedPaths(JsonNode node, Path base) {
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = object.deepCopy();
        for (String key : List.of("references", "checkpoint")) {
            if (copy.path(key).isTextual()) {
                copy.put(key, base.resolve(copy.get(key).asText()).toString());
            }
        }
        return copy;
    }

    private static void checkKeys(JsonNode node, String section, String... allowed) {
        List<String> ok = List.of(allowed);
        node.fieldNames().forEachRemaining(k -> checkArgument(ok.contains(k),
                "%s.%s is not a setting of this %s type; allowed: %s", section, k, section, ok));
    }

    private static <T> T bind(JsonNode node, Class<T> type, String section) {
        try {
            return Json.yaml().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(section + ": " + e.getOriginalMessage(), e);
        }
    }

    static TransformerPolicy loadPolicy(PolicyConfig p, Path base) {
        Path dir = base.resolve(p.checkpoint());
        HfTokenizer tokenizer = HfTokenizer.load(dir);
        PromptFormat format = PromptFormat.identity();
        if (p.promptFormat().equals("chat")) {
            TokenizerConfig tc = TokenizerConfig.read(dir.resolve(TokenizerConfig.FILE_NAME));
            checkArgument(tc.chatTemplate().isPresent(), "policy.prompt_format 'chat': %s has no chat_template",
                    dir.resolve(TokenizerConfig.FILE_NAME));
            ChatTemplate template = ChatTemplate.of(tc.chatTemplate().get(), "", // the policy prepends BOS itself
                    tc.eosToken().orElse(""));
            format = text -> template.render(List.of(ChatMessage.user(text)), true);
        }
        return TransformerPolicy.load(dir, tokenizer, TransformerPolicy.Options.defaults().withPromptFormat(format)
                .withStopStrings(p.stop()), Devices.requireUsable(Devices.parse(p.device())));
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
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
