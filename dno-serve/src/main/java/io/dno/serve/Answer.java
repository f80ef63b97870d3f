package io.dno.serve;

import io.dno.core.model.Generation;

/**
 * One choice as the endpoints report it: the decoded text cut before the first stop string, and the OpenAI
 * finish reason ({@code stop} for an end-of-sequence id or a stop string, {@code length} for the token budget).
 */
record Answer(String text, String finishReason, int completionTokens) {

    static Answer of(ServedModel model, Generation g, java.util.List<String> stops) {
        String text = model.tokenizer().decode(g.tokens());
        int cut = text.length();
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        boolean stopped = g.finish() != Generation.Finish.LENGTH || cut < text.length();
        return new Answer(text.substring(0, cut), stopped ? "stop" : "length", g.tokens().length);
    }
}
