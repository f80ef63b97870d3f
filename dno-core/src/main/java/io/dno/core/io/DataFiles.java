package io.dno.core.io;

import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.data.ScoredPrompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers for the data files of a run: prompts, demonstrations, scored candidates and preference pairs,
 * one record per line. On top of {@link Jsonl}'s checks, prompt and scored-prompt files must not repeat
 * an id: the second occurrence is reported with the line of the first.
 */
public final class DataFiles {

    private DataFiles() {}

    /** Prompts ({@code {"id": ..., "text": ...}} per line), ids unique. */
    public static List<Prompt> readPrompts(Path file) {
        List<Prompt> prompts = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        Jsonl.forEach(file, Prompt.class, (line, prompt) -> {
            rejectDuplicate(file, firstLine, "id", prompt.id(), line);
            prompts.add(prompt);
        });
        return prompts;
    }

    /** Scored prompts (a prompt with its scored candidates per line), prompt ids unique. */
    public static List<ScoredPrompt> readScoredPrompts(Path file) {
        List<ScoredPrompt> scored = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        Jsonl.forEach(file, ScoredPrompt.class, (line, value) -> {
            rejectDuplicate(file, firstLine, "prompt.id", value.prompt().id(), line);
            scored.add(value);
        });
        return scored;
    }

    /** Demonstrations ({@code {"prompt": {...}, "response": ...}} per line). */
    public static List<Demonstration> readDemonstrations(Path file) {
        return Jsonl.read(file, Demonstration.class);
    }

    /** Preference pairs in dno's own format (see {@link PreferencePair}). */
    public static List<PreferencePair> readPairs(Path file) {
        return Jsonl.read(file, PreferencePair.class);
    }

    private static void rejectDuplicate(Path file, Map<String, Long> firstLine, String field, String id, long line) {
        Long previous = firstLine.putIfAbsent(id, line);
        if (previous != null) {
            throw new DataFileException(file, line, "field '" + field + "': prompt id '" + id
                    + "' already used on line " + previous + ": prompt ids must be unique");
        }
    }
}
