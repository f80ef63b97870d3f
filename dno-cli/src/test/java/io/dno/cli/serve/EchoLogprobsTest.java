package io.dno.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import io.dno.cli.CliRun;
import io.dno.core.io.Json;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.serve.PolicyServer;
import io.dno.serve.ServeSettings;
import io.dno.serve.ServedModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served {@code echo} log-probs (what lm-evaluation-harness reads) equal {@code dno logprobs} on the same text:
 * max |diff| below 1e-4.
 */
class EchoLogprobsTest {

    @Test
    void echoLogprobsEqualDnoLogprobs(@TempDir Path tmp) throws Exception {
        Path model = ServedPolicies.write(tmp.resolve("tiny"), 21);
        String text = "The quick brown fox jumps over the lazy dog.";
        int[] ids;
        try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
            int[] body = tokenizer.encode(text);
            ids = new int[body.length + 1];
            ids[0] = tokenizer.bosId().getAsInt();
            System.arraycopy(body, 0, ids, 1, body.length);
        }
        CliRun cli = CliRun.of("logprobs", "--model", model.toString(), "--prompt-ids", String.valueOf(ids[0]),
                "--response-ids", Arrays.stream(ids, 1, ids.length).mapToObj(String::valueOf)
                        .collect(Collectors.joining(",")), "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode expected = Json.mapper().readTree(cli.out()).get("token_logprobs");

        try (PolicyServer server = PolicyServer.start(ServeSettings.defaults("tiny", 0),
                () -> ServedModel.load(model, Optional.empty(), Device.cpu())).awaitReady();
             AutoCloseableClient client = new AutoCloseableClient(OpenAIOkHttpClient.builder()
                     .baseUrl(server.baseUrl()).apiKey("unused").maxRetries(0).build())) {
            for (long maxTokens : List.of(0L, 1L)) {                // scoring only, and lm-eval's request
                CompletionCreateParams params = CompletionCreateParams.builder().model("tiny").prompt(text)
                        .maxTokens(maxTokens).logprobs(1).echo(true).temperature(0.0).build();
                CompletionChoice choice = client.get().completions().create(params).choices().get(0);
                List<Double> served = choice.logprobs().orElseThrow().tokenLogprobs().orElseThrow();
                assertEquals(ids.length + maxTokens, served.size());
                double maxDiff = 0;
                for (int j = 1; j < ids.length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(served.get(j) - expected.get(j - 1).asDouble()));
                }
                System.out.printf("echo vs dno logprobs (max_tokens %d): %d tokens, max |diff| = %.3g%n", maxTokens,
                        ids.length - 1, maxDiff);
                assertTrue(maxDiff < 1e-4, "max |served - dno logprobs| = " + maxDiff);
            }
        }
    }

    /** The client as a try-with-resources resource. */
    private record AutoCloseableClient(OpenAIClient get) implements AutoCloseable {
        @Override
        public void close() {
            get.close();
        }
    }
}
