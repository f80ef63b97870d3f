package io.dno.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pieces shared by the response bodies. */
final class Responses {
    private Responses() {}

    static ObjectNode header(String id, String object, long created, String model) {
        ObjectNode root = Wire.MAPPER.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        root.put("system_fingerprint", "dno");
        return root;
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode u = Wire.MAPPER.createObjectNode();
        u.put("prompt_tokens", promptTokens);
        u.put("completion_tokens", completionTokens);
        u.put("total_tokens", promptTokens + completionTokens);
        return u;
    }
}
