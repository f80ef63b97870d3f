package io.dno.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.TokenLogProbs;
import io.dno.core.model.Transformer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java client (com.openai:openai-java) against {@code dno serve}'s server. */
class OpenAiJavaClientTest {
    @TempDir
    static Path tmp;
    static Path modelDir;
    static PolicyServer server;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        modelDir = TinyPolicyDir.write(tmp.resolve("tiny"), 7);
        server = ServerFixture.start(modelDir, ServerFixture.settings());
        client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("unused").maxRetries(0)
                .timeout(Duration.ofSeconds(60)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void listsTheServedModelAndRejectsOthers() {
        List<Model> models = client.models().list().data();
        assertEquals(List.of(ServerFixture.MODEL), models.stream().map(Model::id).toList());
        ChatCompletionCreateParams wrong = ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi")
                .maxCompletionTokens(2).build();
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.chat().completions().create(wrong));
        assertTrue(e.getMessage().contains("does not exist here"), e.getMessage());
    }

    @Test
    void chatWithNChoicesIsReproducibleUnderASeed() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(ServerFixture.MODEL)
                .addUserMessage("Say hello").maxCompletionTokens(8).n(3).seed(11).temperature(1.0).build();
        ChatCompletion first = client.chat().completions().create(params);
        ChatCompletion again = client.chat().completions().create(params);
        assertEquals(3, first.choices().size());
        List<String> texts = new ArrayList<>();
        for (ChatCompletion.Choice c : first.choices()) {
            assertEquals(texts.size(), c.index());
            texts.add(c.message().content().orElseThrow());
            assertTrue(List.of("stop", "length").contains(c.finishReason().asString()), c.finishReason().asString());
        }
        assertEquals(texts, again.choices().stream().map(c -> c.message().content().orElseThrow()).toList(),
                "the same seed samples the same choices");
        assertTrue(texts.stream().distinct().count() > 1, "three samples at temperature 1 differ: " + texts);
        long completionTokens = first.usage().orElseThrow().completionTokens();
        assertTrue(completionTokens >= 1 && completionTokens <= 24, "usage counts the generated tokens: " + completionTokens);
    }

    @Test
    void chatLogprobsScoreTheGeneratedTokens() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(ServerFixture.MODEL)
                .addUserMessage("abc").maxCompletionTokens(6).temperature(0.0).logprobs(true).topLogprobs(3).build();
        ChatCompletion.Choice choice = client.chat().completions().create(params).choices().get(0);
        List<ChatCompletionTokenLogprob> content = choice.logprobs().orElseThrow().content().orElseThrow();
        assertFalse(content.isEmpty());
        for (ChatCompletionTokenLogprob t : content) {
            assertTrue(t.logprob() <= 0, "a log-probability: " + t.logprob());
            assertEquals(3, t.topLogprobs().size());
            // greedy decoding picks the most likely token, which heads the alternatives
            assertEquals(t.topLogprobs().get(0).logprob(), t.logprob(), 1e-6);
        }
    }

    @Test
    void streamingDeltasConcatenateToTheAnswer() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(ServerFixture.MODEL)
                .addUserMessage("Tell me something").maxCompletionTokens(10).temperature(0.7).seed(3).n(2).build();
        List<ChatCompletion.Choice> whole = client.chat().completions().create(params).choices();
        StringBuilder[] streamed = {new StringBuilder(), new StringBuilder()};
        String[] finish = new String[2];
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks++;
                for (ChatCompletionChunk.Choice c : chunk.choices()) {
                    c.delta().content().ifPresent(streamed[(int) c.index()]::append);
                    c.finishReason().ifPresent(f -> finish[(int) c.index()] = f.asString());
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(whole.get(i).message().content().orElseThrow(), streamed[i].toString());
            assertEquals(whole.get(i).finishReason().asString(), finish[i]);
        }
        assertTrue(chunks >= 4, "a role chunk, content chunks and a finish chunk per choice: " + chunks);
    }

    @Test
    void completionsEchoScoresEveryPromptTokenAsLmEvalAsksIt() throws Exception {
        // lm-evaluation-harness local-completions: {max_tokens: 1, logprobs: 1, echo: true, temperature: 0}
        CompletionCreateParams params = CompletionCreateParams.builder().model(ServerFixture.MODEL)
                .prompt("The cat sat").maxTokens(1).logprobs(1).echo(true).temperature(0.0).build();
        Completion completion = client.completions().create(params);
        CompletionChoice choice = completion.choices().get(0);
        CompletionChoice.Logprobs lp = choice.logprobs().orElseThrow();
        List<Double> values = lp.tokenLogprobs().orElseThrow();
        List<String> tokens = lp.tokens().orElseThrow();
        assertTrue(choice.text().startsWith("The cat sat"), "echo returns the prompt first: " + choice.text());
        try (HfTokenizer tokenizer = HfTokenizer.load(modelDir); Transformer model = CheckpointDir.load(modelDir)) {
            int[] prompt = new int[12];
            prompt[0] = tokenizer.bosId().getAsInt();
            System.arraycopy(tokenizer.encode("The cat sat"), 0, prompt, 1, 11);
            assertEquals(prompt.length + 1, values.size(), "BOS, the prompt's tokens and the one generated token");
            assertEquals(values.size(), tokens.size());
            assertTrue(values.get(0) == null, "the first token has no context");
            TokenLogProbs.Scored direct = TokenLogProbs.score(model, List.of(prompt), 0, tokenizer.vocabSize(),
                    tokenizer.padId()).get(0);
            for (int j = 1; j < prompt.length; j++) {
                assertEquals(direct.logProbs()[j], values.get(j), 1e-4, "token " + j);
            }
        }
    }

    @Test
    void completionsTakeTokenIdArraysAndMaxTokensZero() {
        List<List<Long>> prompts = List.of(List.of(1L, 40L, 41L, 42L), List.of(1L, 50L));
        CompletionCreateParams params = CompletionCreateParams.builder().model(ServerFixture.MODEL)
                .promptOfArrayOfTokenArrays(prompts).maxTokens(0).logprobs(0).echo(true).build();
        Completion completion = client.completions().create(params);
        assertEquals(2, completion.choices().size());
        assertEquals(4, completion.choices().get(0).logprobs().orElseThrow().tokenLogprobs().orElseThrow().size());
        assertEquals(2, completion.choices().get(1).logprobs().orElseThrow().tokenLogprobs().orElseThrow().size());
        assertEquals(6, completion.usage().orElseThrow().promptTokens());
        assertEquals(0, completion.usage().orElseThrow().completionTokens());
        assertNotEquals(completion.choices().get(0).text(), completion.choices().get(1).text());
    }
}
