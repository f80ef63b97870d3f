package io.dno.cli.run;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code run.yaml} into a {@link RunConfig}: every section binds through Jackson records (polymorphic by
 * {@code type} where a section has kinds), unknown keys are errors naming the key, its section, its line and the
 * known keys, and a wrong value names its path.
 */
final class RunConfigReader {
    private RunConfigReader() {}

    /** Reads {@code configFile} strictly (unknown keys are errors naming the key and its line). */
    static RunConfig read(Path configFile) {
        checkArgument(Files.isRegularFile(configFile), "%s: no such configuration file", configFile);
        try {
            return Yaml.mapper().readValue(configFile.toFile(), RunConfig.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).filter(k -> !k.equals("type"))
                    .sorted().toList();
            String kind = typeOf(configFile, e);
            String message = kind == null
                    ? "unknown key '" + e.getPropertyName() + "'" + section(e) + "; known keys: " + known
                    : sectionPath(e) + "." + e.getPropertyName() + " does not apply to " + sectionPath(e) + " type '"
                            + kind + "': remove it (its keys: " + known + ")";
            throw new DataFileException(configFile, lineOf(configFile, e.getPropertyName()), message);
        } catch (JsonMappingException e) {
            List<String> path = new ArrayList<>();
            e.getPath().forEach(r -> path.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]"));
            throw new DataFileException(configFile, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    (path.isEmpty() ? "" : String.join(".", path) + ": ") + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DataFileException(configFile, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
    }

    private static String section(JsonMappingException e) {
        String path = sectionPath(e);
        return path.isEmpty() ? "" : " in section '" + path + "'";
    }

    /** The dotted path of the section holding the offending key ("" at the top level). */
    private static String sectionPath(JsonMappingException e) {
        List<String> path = new ArrayList<>();
        e.getPath().forEach(r -> {
            if (r.getFieldName() != null) {
                path.add(r.getFieldName());
            }
        });
        return path.size() > 1 ? String.join(".", path.subList(0, path.size() - 1)) : "";
    }

    /** The {@code type} of the section holding the offending key, when the section has kinds; else null. */
    private static String typeOf(Path file, JsonMappingException e) {
        String path = sectionPath(e);
        if (path.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = Yaml.mapper().readTree(file.toFile());
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node.path("type").isTextual() ? node.get("type").asText() : null;
        } catch (IOException unreadable) {
            return null;    // the message names the key either way
        }
    }

    /** The 1-based line where {@code key} is first written as a key, or 0. */
    private static long lineOf(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            Pattern p = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key)
                    + "\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException ignored) {
            // the line number is a courtesy; the message names the key
        }
        return 0;
    }
}
