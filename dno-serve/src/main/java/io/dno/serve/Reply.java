package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/** What an endpoint answers: a JSON body (status 200) or an event stream written once the headers are sent. */
record Reply(Optional<JsonNode> json, Optional<StreamWriter> stream) {

    /** Writes the events of a streamed answer. */
    @FunctionalInterface
    interface StreamWriter {
        void write(SseStream sse) throws IOException;
    }

    static Reply json(JsonNode body) {
        return new Reply(Optional.of(body), Optional.empty());
    }

    static Reply stream(StreamWriter writer) {
        return new Reply(Optional.empty(), Optional.of(writer));
    }
}
