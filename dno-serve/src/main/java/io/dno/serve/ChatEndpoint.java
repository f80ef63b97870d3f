package io.dno.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.model.TokenLogProbs;
import io.dno.core.tokenize.ChatTemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/chat/completions}. */
final class ChatEndpoint {
    private final PolicyServer server;

    ChatEndpoint(PolicyServer server) {
        this.server = server;
    }

    /** Answers {@code body}: a JSON object, or an event stream when {@code stream} is true. */
    Reply handle(JsonNode body) {
        ServeSettings settings = server.settings();
        ChatRequest request = ChatRequest.parse(body, settings.maxN());
        server.checkModel(request.model());
        Engine engine = server.readyEngine();
        ServedModel model = engine.model();
        int[] prompt;
        try {
            prompt = model.chatPromptIds(request.messages());
        } catch (ChatTemplateException e) {
            throw ApiError.invalid("messages", e.getMessage());
        }
        Admission.checkIds(model, prompt, "messages");
        int room = model.contextLength() - prompt.length;
        int maxTokens = request.maxTokens().orElse(Math.min(settings.defaultMaxTokens(), Math.max(room, 1)));
        Admission.checkContext(model, prompt.length, maxTokens, request.maxTokens().isPresent() ? "max_tokens" : "messages");
        Admission.checkRows(settings, 1, request.n());
        SamplingKey key = new SamplingKey(request.temperature(), request.topP(), maxTokens, request.stops());
        Job job = Job.of(key, Admission.rows(List.of(prompt), request.n(), request.seed()), request.logprobs(),
                request.topLogprobs());
        List<RowResult> results = server.run(job);
        String id = "chatcmpl-" + server.nextId();
        long created = System.currentTimeMillis() / 1000;
        List<Answer> answers = new ArrayList<>();
        results.forEach(r -> answers.add(Answer.of(model, r.generation(), request.stops())));
        int completionTokens = answers.stream().mapToInt(Answer::completionTokens).sum();
        ObjectNode usage = Responses.usage(prompt.length, completionTokens);
        if (request.stream()) {
            return Reply.stream(sse -> stream(sse, id, created, model, results, answers,
                    request.includeUsage() ? usage : null));
        }
        ObjectNode root = Responses.header(id, "chat.completion", created, settings.modelName());
        ArrayNode choices = root.putArray("choices");
        for (int i = 0; i < results.size(); i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", answers.get(i).text());
            message.putNull("refusal");
            if (request.logprobs()) {
                ObjectNode lp = choice.putObject("logprobs");
                lp.set("content", tokenLogprobs(model, prompt.length, results.get(i), request.topLogprobs()));
                lp.putNull("refusal");
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", answers.get(i).finishReason());
        }
        root.set("usage", usage);
        return Reply.json(root);
    }

    private void stream(SseStream sse, String id, long created, ServedModel model, List<RowResult> results,
                        List<Answer> answers, ObjectNode usage) throws IOException {
        String name = server.settings().modelName();
        for (int i = 0; i < results.size(); i++) {
            ObjectNode first = chunk(id, created, name, i);
            ObjectNode delta = ((ObjectNode) first.get("choices").get(0)).putObject("delta");
            delta.put("role", "assistant");
            delta.put("content", "");
            sse.send(first);
            for (String piece : TextDeltas.split(model.tokenizer(), results.get(i).generation().tokens(),
                    answers.get(i).text())) {
                ObjectNode c = chunk(id, created, name, i);
                ((ObjectNode) c.get("choices").get(0)).putObject("delta").put("content", piece);
                sse.send(c);
            }
            ObjectNode last = chunk(id, created, name, i);
            ObjectNode choice = (ObjectNode) last.get("choices").get(0);
            choice.putObject("delta");
            choice.put("finish_reason", answers.get(i).finishReason());
            sse.send(last);
        }
        if (usage != null) {
            ObjectNode u = Responses.header(id, "chat.completion.chunk", created, name);
            u.putArray("choices");
            u.set("usage", usage);
            sse.send(u);
        }
        sse.done();
    }

    private static ObjectNode chunk(String id, long created, String model, int index) {
        ObjectNode c = Responses.header(id, "chat.completion.chunk", created, model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", index);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return c;
    }

    /** The chat format's {@code logprobs.content}: one entry per generated token with its top alternatives. */
    private static ArrayNode tokenLogprobs(ServedModel model, int promptLength, RowResult result, int top) {
        ArrayNode content = Wire.MAPPER.createArrayNode();
        TokenLogProbs.Scored s = result.scores().orElseThrow();
        for (int j = promptLength; j < s.ids().length; j++) {
            ObjectNode entry = tokenEntry(model, s.ids()[j], s.logProbs()[j]);
            ArrayNode alternatives = entry.putArray("top_logprobs");
            for (int k = 0; k < Math.min(top, s.topIds()[j].length); k++) {
                alternatives.add(tokenEntry(model, s.topIds()[j][k], s.topLogProbs()[j][k]));
            }
            content.add(entry);
        }
        return content;
    }

    private static ObjectNode tokenEntry(ServedModel model, int id, double logprob) {
        String text = model.tokenText(id);
        ObjectNode e = Wire.MAPPER.createObjectNode();
        e.put("token", text);
        e.put("logprob", logprob);
        ArrayNode bytes = e.putArray("bytes");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return e;
    }
}
