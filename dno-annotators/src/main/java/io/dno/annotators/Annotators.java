package io.dno.annotators;

import io.dno.annotators.cache.CachedAnnotator;
import io.dno.annotators.chat.ApiKey;
import io.dno.annotators.chat.ChatEndpoint;
import io.dno.annotators.chat.ChatModel;
import io.dno.annotators.chat.OpenAiChatClient;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Rubric;
import io.dno.annotators.judge.Scale;
import io.dno.annotators.pairwise.PairwisePreference;
import io.dno.annotators.pairwise.WinRateAnnotator;
import io.dno.annotators.rule.FunctionAnnotator;
import io.dno.annotators.rule.ReferenceAnnotator;
import io.dno.annotators.rule.ScoreFunction;
import io.dno.annotators.rule.TextNormalization;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The annotators of dno: rules and functions, the listwise LLM judge (over an OpenAI-compatible endpoint or
 * any {@link ChatModel}, e.g. a local policy), the pairwise win-rate adapter, and the persistent cache.
 * Every annotator is thread-safe, never guesses a score, and reports cumulative counters.
 */
public final class Annotators {

    private Annotators() {}

    /** Scores each candidate with {@code function}; an empty or non-finite score leaves it unannotated. */
    public static Annotator function(String name, ScoreFunction function) {
        return new FunctionAnnotator(name, function);
    }

    /** {@code matchScore} when {@code pattern} is found in the response text, {@code missScore} otherwise. */
    public static Annotator regex(String name, Pattern pattern, double matchScore, double missScore) {
        return rule(name + " /" + pattern.pattern() + "/", (prompt, response) -> pattern.matcher(response.text()).find(),
                matchScore, missScore);
    }

    /** {@code passScore} when {@code rule} holds for the response, {@code failScore} otherwise. */
    public static Annotator rule(String name, BiPredicate<Prompt, Response> rule, double passScore, double failScore) {
        return function(name + " (pass=" + passScore + ", fail=" + failScore + ")",
                (prompt, response) -> OptionalDouble.of(rule.test(prompt, response) ? passScore : failScore));
    }

    /** {@code matchScore} when a candidate equals its prompt's reference answer after {@code normalization}. */
    public static Annotator reference(Map<String, String> referenceByPromptId, TextNormalization normalization,
                                      double matchScore, double mismatchScore) {
        return new ReferenceAnnotator(referenceByPromptId, normalization, matchScore, mismatchScore);
    }

    /** The listwise judge over an OpenAI-compatible chat-completions endpoint. */
    public static ListwiseJudge openAi(ChatEndpoint endpoint, ApiKey apiKey, Rubric rubric, boolean twoPass, long seed) {
        return judge(new OpenAiChatClient(endpoint, apiKey), rubric, twoPass, seed);
    }

    /** The listwise judge over any chat model, e.g. a {@link io.dno.annotators.chat.PolicyChat} (self-rewarding). */
    public static ListwiseJudge judge(ChatModel chat, Rubric rubric, boolean twoPass, long seed) {
        return new ListwiseJudge(chat, rubric, twoPass, seed);
    }

    /** Per-candidate win-rates from a pairwise preference, mapped onto {@code scale} (DNO Algorithm 2 line 5). */
    public static Annotator winRate(String name, PairwisePreference preference, boolean bothOrders, Scale scale) {
        return new WinRateAnnotator(name, preference, bothOrders, scale);
    }

    /** {@code inner} behind the persistent cache in {@code cacheFile} (created if missing). */
    public static CachedAnnotator cached(Annotator inner, Path cacheFile) {
        return new CachedAnnotator(inner, cacheFile);
    }
}
