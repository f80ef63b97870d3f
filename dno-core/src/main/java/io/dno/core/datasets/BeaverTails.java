package io.dno.core.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.tokenize.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The BeaverTails classification release (PKU-Alignment/BeaverTails, the "330k" files; Ji et al. 2023): one
 * {@code {"prompt", "response", "category": {harm category: bool}, "is_safe"}} per line. Useful two ways:
 * the safe answers as SFT demonstrations, and, where a prompt has both safe and unsafe answers, harmless pairs
 * (safe over unsafe), the same preference as {@link SafeRlhf.Split#HARMLESS}.
 */
public final class BeaverTails {

    /**
     * One labelled answer.
     *
     * @param id         {@code beavertails:<line>}
     * @param prompt     the question
     * @param response   the answer
     * @param safe       {@code is_safe}
     * @param categories the harm categories flagged true, sorted
     */
    public record Labelled(String id, String prompt, String response, boolean safe, List<String> categories) {}

    private BeaverTails() {}

    public static DatasetRead<Labelled> read(Path file) {
        return DatasetLines.read(file, line -> {
            JsonNode category = line.get("category");
            if (!category.isObject()) {
                throw line.error("category", "must be an object of harm category -> true/false, got " + category);
            }
            TreeSet<String> flagged = new TreeSet<>();
            category.fields().forEachRemaining(e -> {
                if (!e.getValue().isBoolean()) {
                    throw line.error("category." + e.getKey(), "must be true or false, got " + e.getValue());
                }
                if (e.getValue().asBoolean()) {
                    flagged.add(e.getKey());
                }
            });
            return new Labelled(DatasetLines.id("beavertails", line), line.text("prompt"), line.text("response"),
                    line.bool("is_safe"), List.copyOf(flagged));
        });
    }

    /**
     * Harmless pairs: per prompt (in order of first appearance), the k-th safe answer over the k-th unsafe one,
     * for k up to the smaller count; identical texts are left out.
     */
    public static List<ChatPreference> safetyPairs(List<Labelled> labelled) {
        Map<String, List<List<Labelled>>> byPrompt = new LinkedHashMap<>();
        for (Labelled l : labelled) {
            List<List<Labelled>> sides = byPrompt.computeIfAbsent(l.prompt(), p -> List.of(new ArrayList<>(),
                    new ArrayList<>()));
            sides.get(l.safe() ? 0 : 1).add(l);
        }
        List<ChatPreference> pairs = new ArrayList<>();
        byPrompt.forEach((prompt, sides) -> {
            for (int k = 0; k < Math.min(sides.get(0).size(), sides.get(1).size()); k++) {
                Labelled safe = sides.get(0).get(k);
                Labelled unsafe = sides.get(1).get(k);
                if (!safe.response().equals(unsafe.response())) {
                    pairs.add(new ChatPreference(safe.id() + "+" + unsafe.id().substring(unsafe.id().indexOf(':') + 1),
                            List.of(ChatMessage.user(prompt)), safe.response(), unsafe.response(), 0));
                }
            }
        });
        return pairs;
    }
}
