package io.dno.annotators.spec;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.io.Json;
import java.nio.file.Path;

/**
 * Rebuilds a run configuration's annotator in another process (an executor of a distributed engine) from its
 * {@link AnnotatorSpec} as JSON (paths already resolved) and the run directory. Each process gets its own annotator,
 * hence its own judge client (concurrency bound, retries) and, when the spec has a {@code cache}, its own cache file
 * beside it: {@code NAME.PROCESS.jsonl} for {@code NAME.jsonl} (several processes never append to one file).
 *
 * @param spec         the annotator section as JSON
 * @param runDirectory the run directory (a relative cache path is resolved against it)
 */
public record SpecAnnotatorFactory(String spec, String runDirectory) implements AnnotatorFactory {

    public SpecAnnotatorFactory {
        checkArgument(spec != null && runDirectory != null, "spec and runDirectory must not be null");
    }

    /** The factory of an annotator section, checked to bind now (its errors name the field on the driver). */
    public static SpecAnnotatorFactory of(JsonNode section, Path runDirectory) {
        bind(section);
        return new SpecAnnotatorFactory(section.toString(), runDirectory.toString());
    }

    @Override
    public Annotator create(String process) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("annotator spec is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node instanceof ObjectNode object && object.path("cache").isTextual()) {
            object.put("cache", perProcess(object.get("cache").asText(), process));
        }
        return bind(node).build(Path.of(runDirectory));
    }

    /** {@code cache} with {@code process} before its extension: {@code judge.jsonl} → {@code judge.executor-1.jsonl}. */
    static String perProcess(String cache, String process) {
        checkArgument(process.matches("[A-Za-z0-9_.-]+"), "process name '%s' is not file-name safe", process);
        int slash = Math.max(cache.lastIndexOf('/'), cache.lastIndexOf('\\'));
        int dot = cache.lastIndexOf('.');
        return dot > slash + 1 ? cache.substring(0, dot) + "." + process + cache.substring(dot)
                : cache + "." + process;
    }

    private static AnnotatorSpec bind(JsonNode node) {
        try {
            return Json.mapper().treeToValue(node, AnnotatorSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("annotator: " + e.getOriginalMessage(), e);
        }
    }
}
