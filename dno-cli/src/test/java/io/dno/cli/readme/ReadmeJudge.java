package io.dno.cli.readme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.annotators.FakeChatServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAI-compatible endpoint behind the README's {@code base_url}s: a judge request (its system message
 * announces the tag of the candidate blocks) gets every real block scored 0-6 by its length, anything else (a
 * teacher request) the answer "42".
 */
final class ReadmeJudge {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("carrying the tag ([0-9a-f]{16})");

    private ReadmeJudge() {}

    static FakeChatServer.Reply reply(JsonNode request) {
        Matcher tag = TAG.matcher(FakeChatServer.systemMessage(request));
        if (!tag.find()) {
            return new FakeChatServer.Content("42");
        }
        Pattern block = Pattern.compile("<<<CANDIDATE (c\\d+) " + tag.group(1) + ">>>\\n(.*?)\\n<<<END CANDIDATE \\1 "
                + tag.group(1) + ">>>", Pattern.DOTALL);
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode scores = root.putArray("scores");
        Matcher m = block.matcher(FakeChatServer.userMessage(request));
        while (m.find()) {
            int score = m.group(2).length() % 7;
            scores.addObject().put("id", m.group(1)).put("justification", "length " + m.group(2).length())
                    .put("score", score);
        }
        return new FakeChatServer.Content(root.toString());
    }
}
