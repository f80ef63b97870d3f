package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.model.TokenLogProbs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/completions}, the legacy format lm-evaluation-harness's {@code local-completions} speaks. With
 * {@code echo} the prompt is returned before the completion and, with integer {@code logprobs}, every prompt token
 * is scored too ({@code token_logprobs[0]} is null: the first token has no context). Choice {@code p * n + c} is
 * choice c of prompt p.
 */
final class CompletionsEndpoint {
    private final PolicyServer server;

    CompletionsEndpoint(PolicyServer server) {
        this.server = server;
    }

    Reply handle(JsonNode body) {
        ServeSettings settings = server.settings();
        CompletionRequest request = CompletionRequest.parse(body, settings.maxN(), settings.maxRows());
        server.checkModel(request.model());
        Engine engine = server.readyEngine();
        ServedModel model = engine.model();
        List<int[]> prompts = new ArrayList<>();
        List<String> promptTexts = new ArrayList<>();
        for (CompletionRequest.PromptInput p : request.prompts()) {
            int[] ids = p.ids().orElseGet(() -> model.textPromptIds(p.text().orElseThrow()));
            Admission.checkIds(model, ids, "prompt");
            Admission.checkContext(model, ids.length, request.maxTokens(), "prompt");
            prompts.add(ids);
            promptTexts.add(p.text().orElseGet(() -> decodeAll(model, ids)));
        }
        Admission.checkRows(settings, prompts.size(), request.n());
        boolean scores = request.logprobs().isPresent();
        SamplingKey key = new SamplingKey(request.temperature(), request.topP(), request.maxTokens(), request.stops());
        Job job = Job.of(key, Admission.rows(prompts, request.n(), request.seed()), scores,
                request.logprobs().orElse(0));
        List<RowResult> results = server.run(job);
        String id = "cmpl-" + server.nextId();
        long created = System.currentTimeMillis() / 1000;
        List<Answer> answers = new ArrayList<>();
        results.forEach(r -> answers.add(Answer.of(model, r.generation(), request.stops())));
        if (request.stream()) {
            return Reply.stream(sse -> stream(sse, id, created, model, results, answers));
        }
        ObjectNode root = Responses.header(id, "text_completion", created, settings.modelName());
        ArrayNode choices = root.putArray("choices");
        int promptTokens = prompts.stream().mapToInt(p -> p.length).sum();
        int completionTokens = 0;
        for (int i = 0; i < results.size(); i++) {
            int p = i / request.n();
            Answer a = answers.get(i);
            completionTokens += a.completionTokens();
            ObjectNode choice = choices.addObject();
            choice.put("text", (request.echo() ? promptTexts.get(p) : "") + a.text());
            choice.put("index", i);
            if (scores) {
                choice.set("logprobs", legacyLogprobs(model, results.get(i).scores().orElseThrow(),
                        request.echo() ? 0 : prompts.get(p).length, request.logprobs().get()));
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", a.finishReason());
        }
        root.set("usage", Responses.usage(promptTokens, completionTokens));
        return Reply.json(root);
    }

    private void stream(SseStream sse, String id, long created, ServedModel model, List<RowResult> results,
                        List<Answer> answers) throws IOException {
        String name = server.settings().modelName();
        for (int i = 0; i < results.size(); i++) {
            List<String> pieces = TextDeltas.split(model.tokenizer(), results.get(i).generation().tokens(),
                    answers.get(i).text());
            for (String piece : pieces) {
                sse.send(chunk(id, created, name, i, piece, null));
            }
            sse.send(chunk(id, created, name, i, "", answers.get(i).finishReason()));
        }
        sse.done();
    }

    private static ObjectNode chunk(String id, long created, String model, int index, String text, String finish) {
        ObjectNode c = Responses.header(id, "text_completion", created, model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("index", index);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return c;
    }

    /**
     * The legacy {@code logprobs} object from position {@code from} on: {@code tokens}, {@code token_logprobs}
     * (null where a token has no context), {@code top_logprobs} (token text → log-prob, the {@code top} most likely;
     * null where there is no context) and {@code text_offset} (character offset of each token in the choice's text).
     */
    private static ObjectNode legacyLogprobs(ServedModel model, TokenLogProbs.Scored s, int from, int top) {
        ObjectNode lp = Wire.MAPPER.createObjectNode();
        ArrayNode tokens = lp.putArray("tokens");
        ArrayNode values = lp.putArray("token_logprobs");
        ArrayNode tops = lp.putArray("top_logprobs");
        ArrayNode offsets = lp.putArray("text_offset");
        int offset = 0;
        for (int j = from; j < s.ids().length; j++) {
            String text = model.tokenText(s.ids()[j]);
            tokens.add(text);
            offsets.add(offset);
            offset += text.length();
            if (Double.isNaN(s.logProbs()[j])) {
                values.addNull();
                tops.addNull();
                continue;
            }
            values.add(s.logProbs()[j]);
            ObjectNode alternatives = tops.addObject();
            for (int k = 0; k < Math.min(top, s.topIds()[j].length); k++) {
                String alt = model.tokenText(s.topIds()[j][k]);
                if (!alternatives.has(alt)) {
                    alternatives.put(alt, s.topLogProbs()[j][k]);
                }
            }
        }
        return lp;
    }

    private static String decodeAll(ServedModel model, int[] ids) {
        int vocab = model.tokenizer().vocabSize();
        int[] decodable = java.util.Arrays.stream(ids).filter(id -> id < vocab).toArray();
        return model.tokenizer().decode(decodable);
    }
}
