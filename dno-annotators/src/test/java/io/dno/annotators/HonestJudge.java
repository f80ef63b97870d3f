package io.dno.annotators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The judge side of the tests: reads the real candidate blocks of a request (those carrying the tag the
 * system message announces) and scores each by the "worth N" its text carries, so a test knows which score
 * belongs to which candidate whatever order they were shown in.
 */
final class HonestJudge {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("carrying the tag ([0-9a-f]{16})");
    private static final Pattern WORTH = Pattern.compile("worth (\\d+)");

    private HonestJudge() {}

    static String tag(JsonNode request) {
        Matcher m = TAG.matcher(FakeChatServer.systemMessage(request));
        if (!m.find()) {
            throw new AssertionError("the system message announces no tag");
        }
        return m.group(1);
    }

    /** Candidate id → text of every real block, in the order shown. */
    static Map<String, String> blocks(JsonNode request) {
        String tag = tag(request);
        Pattern block = Pattern.compile("<<<CANDIDATE (c\\d+) " + tag + ">>>\\n(.*?)\\n<<<END CANDIDATE \\1 " + tag
                + ">>>", Pattern.DOTALL);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = block.matcher(FakeChatServer.userMessage(request));
        while (m.find()) {
            if (out.put(m.group(1), m.group(2)) != null) {
                throw new AssertionError("candidate id " + m.group(1) + " appears twice");
            }
        }
        return out;
    }

    /** The "worth N" of a text, or 0. */
    static int worth(String text) {
        Matcher m = WORTH.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A correct reply: every real block scored by its "worth", as a bare JSON object. */
    static ObjectNode scores(JsonNode request) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode scores = root.putArray("scores");
        blocks(request).forEach((id, text) -> scores.addObject()
                .put("id", id).put("justification", "worth " + worth(text) + " by my reading").put("score", worth(text)));
        return root;
    }

    static String reply(JsonNode request) {
        return scores(request).toString();
    }
}
