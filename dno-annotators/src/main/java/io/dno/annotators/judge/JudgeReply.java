package io.dno.annotators.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A judge's reply read strictly: which candidate ids got a valid score, and every problem counted.
 *
 * <p>Tolerant of packaging: the JSON object may sit inside a code fence or between sentences of prose; the
 * first object with a {@code "scores"} array is used. Strict about content: an id that was not asked for
 * is ignored ({@code unknownIds}); an id given twice loses both entries ({@code duplicateIds}) because we
 * cannot tell which one the judge meant; a score that is not a JSON number ({@code nonNumericScores}), not
 * a whole number or outside the scale ({@code outOfRangeScores}) leaves its candidate unscored; ids asked
 * for but absent are counted ({@code missingIds}). A candidate is never given a score the judge did not
 * plainly give it.
 *
 * @param verdicts         valid verdicts by candidate id
 * @param unparseable      no JSON object with a {@code scores} array was found
 * @param unknownIds       entries naming an id that was not in the request (or no id at all)
 * @param duplicateIds     ids that appeared more than once
 * @param nonNumericScores entries whose score is missing or not a number
 * @param outOfRangeScores entries whose score is not a whole number on the scale
 * @param missingIds       requested ids with no entry at all
 */
public record JudgeReply(Map<String, Verdict> verdicts, boolean unparseable, int unknownIds, int duplicateIds,
                         int nonNumericScores, int outOfRangeScores, int missingIds) {
    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final int MAX_OBJECT_STARTS = 256;

    public JudgeReply {
        verdicts = Map.copyOf(verdicts);
    }

    /** Reads {@code reply} to a request for {@code ids} on {@code scale}. */
    public static JudgeReply parse(String reply, List<String> ids, Scale scale) {
        JsonNode scores = findScores(reply == null ? "" : reply);
        if (scores == null) {
            return new JudgeReply(Map.of(), true, 0, 0, 0, 0, ids.size());
        }
        Set<String> requested = new HashSet<>(ids);
        Map<String, Integer> entries = new HashMap<>();
        Map<String, Verdict> valid = new HashMap<>();
        int unknown = 0;
        int nonNumeric = 0;
        int outOfRange = 0;
        for (JsonNode entry : scores) {
            JsonNode idNode = entry.path("id");
            String id = idNode.isTextual() ? idNode.asText().strip() : null;
            if (id == null || !requested.contains(id)) {
                unknown++;
                continue;
            }
            entries.merge(id, 1, Integer::sum);
            JsonNode score = entry.path("score");
            if (!score.isNumber()) {
                nonNumeric++;
                continue;
            }
            if (!scale.admits(score.asDouble())) {
                outOfRange++;
                continue;
            }
            JsonNode why = entry.path("justification");
            valid.put(id, new Verdict(score.asDouble(), why.isTextual() ? why.asText() : ""));
        }
        int duplicates = 0;
        for (Map.Entry<String, Integer> e : entries.entrySet()) {
            if (e.getValue() > 1) {
                duplicates++;
                valid.remove(e.getKey());
            }
        }
        int missing = (int) ids.stream().filter(id -> !entries.containsKey(id)).count();
        return new JudgeReply(valid, false, unknown, duplicates, nonNumeric, outOfRange, missing);
    }

    /** The {@code scores} array of the first JSON object in {@code text} that has one, or null. */
    private static JsonNode findScores(String text) {
        char[] chars = text.toCharArray();
        int tries = 0;
        for (int start = text.indexOf('{'); start >= 0 && tries < MAX_OBJECT_STARTS;
             start = text.indexOf('{', start + 1), tries++) {
            try (JsonParser parser = LENIENT.getFactory().createParser(chars, start, chars.length - start)) {
                JsonNode node = LENIENT.readTree(parser);
                if (node != null && node.isObject() && node.path("scores").isArray()) {
                    return node.get("scores");
                }
            } catch (IOException notJsonHere) {
                // prose, a fence or a partial object: try the next brace
            }
        }
        return null;
    }
}
