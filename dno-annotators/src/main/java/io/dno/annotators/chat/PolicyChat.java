package io.dno.annotators.chat;

import io.dno.annotators.report.Counters;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.Policy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.tokenize.ChatMessage;
import io.dno.core.tokenize.ChatTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local {@link Policy} used as a chat model: the messages are rendered into one prompt text (through
 * the model's chat template when it has one) and answered greedily. This is the self-rewarding setting
 * (Yuan et al. 2024), in which the model being trained judges its own samples.
 *
 * <p>Calls are serialised: a policy is not assumed to be thread-safe. The policy stays owned by the caller.
 */
public final class PolicyChat implements ChatModel {
    private final Policy policy;
    private final String policyName;
    private final Function<List<ChatMessage>, String> render;
    private final SamplingParams params;
    private final Counters counters = new Counters();

    /**
     * @param policy     the model that answers
     * @param policyName names the model (e.g. its checkpoint directory) in {@link #name()}
     * @param render     turns the conversation into the prompt text the policy sees
     * @param params     how to sample the reply (one sample is used)
     */
    public PolicyChat(Policy policy, String policyName, Function<List<ChatMessage>, String> render,
                      SamplingParams params) {
        this.policy = policy;
        this.policyName = policyName;
        this.render = render;
        this.params = params.withN(1);
    }

    /** Renders through {@code template} with the generation prompt added. */
    public static Function<List<ChatMessage>, String> templated(ChatTemplate template) {
        return messages -> template.render(messages, true);
    }

    /** Renders as plain text turns ({@code System: ...}, {@code User: ...}) ending in {@code Assistant:}. */
    public static Function<List<ChatMessage>, String> plain() {
        return messages -> messages.stream()
                .map(m -> Character.toUpperCase(m.role().charAt(0)) + m.role().substring(1) + ": " + m.content())
                .collect(Collectors.joining("\n\n", "", "\n\nAssistant:"));
    }

    @Override
    public synchronized String complete(List<ChatMessage> messages) throws ChatException {
        counters.increment("requests");
        try {
            List<List<Response>> out = policy.generate(List.of(Prompt.of("judge", render.apply(messages))), params);
            return out.get(0).get(0).text();
        } catch (RuntimeException e) {
            counters.increment("failures");
            throw new ChatException("the local policy " + policyName + " failed to answer: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "policy(" + policyName + ", max_new_tokens=" + params.maxNewTokens() + ", temperature="
                + params.temperature() + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return counters.snapshot();
    }
}
