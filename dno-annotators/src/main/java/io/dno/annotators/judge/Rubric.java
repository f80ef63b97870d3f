package io.dno.annotators.judge;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * What the judge is told to look for, and on which scale it scores. The reply protocol (delimiters, JSON
 * format) is added by {@link JudgePrompt}; a rubric holds only the grading instructions.
 *
 * @param name         a short name for logs and the judge's identity
 * @param instructions the grading instructions (the system message of the judge)
 * @param scale        the whole-number range of a score
 */
public record Rubric(String name, String instructions, Scale scale) {

    public Rubric {
        checkArgument(name != null && !name.isBlank(), "a rubric needs a name");
        checkArgument(instructions != null && !instructions.isBlank(), "rubric '%s' has no instructions", name);
        checkArgument(scale != null, "rubric '%s' has no scale", name);
    }

    /**
     * The additive 6-point rubric of the DNO paper (Rosset et al. 2024 §5.1, Figure 3), a lightly modified
     * Self-Rewarding judge prompt (Yuan et al. 2024): one point per criterion met, cumulative, 0 to 6.
     */
    public static Rubric additive6() {
        return new Rubric("additive-6", """
                Review the user's question and each candidate response using the additive 6-point scoring \
                system described below. Points are accumulated based on the satisfaction of each criterion:

                - Add 1 point if the response is formatted as an answer: it is not repetitive and not a \
                continuation of the question.
                - Add another point if the response is relevant and provides some information related to the \
                user's inquiry, even if it is incomplete or contains some irrelevant content.
                - Award a third point if the response addresses a substantial portion of the user's question \
                without rambling, but does not completely resolve the query or provide a direct answer.
                - Grant a fourth point if the response answers nearly all elements of the question correctly, \
                usefully and directly, with little error or verbosity.
                - Bestow a fifth point if the response is entirely correct, with no made-up facts, and is \
                helpful, well organised, focused and succinct, clearly written from an AI Assistant's \
                perspective.
                - Award a sixth point if the response is also concise, impeccably tailored to the user's \
                question and insightful: a superb answer from an expert.

                Judge each response separately, from the AI Assistant perspective, utilizing web search \
                knowledge as necessary. Length alone earns no points. For each response, first write a \
                justification of at most 100 words, then its total score.""", new Scale(0, 6));
    }

    /** A 1–10 grading rubric in the style of MT-Bench's single-answer grading (Zheng et al. 2023). */
    public static Rubric tenPoint() {
        return new Rubric("score-1-10", """
                Please act as an impartial judge and evaluate the quality of each candidate response to the \
                user's question. Consider helpfulness, relevance, accuracy, depth, creativity and level of \
                detail. Do not let the length of a response or its position among the candidates influence \
                your evaluation. For each response, first write a justification of at most 100 words, then \
                rate it on a scale of 1 to 10, where 10 is best.""", new Scale(1, 10));
    }

    /** A built-in rubric by name: {@code additive-6} or {@code score-1-10}. */
    public static Rubric named(String name) {
        return switch (name) {
            case "additive-6" -> additive6();
            case "score-1-10" -> tenPoint();
            default -> throw new IllegalArgumentException("rubric: unknown built-in rubric '" + name
                    + "': use additive-6 or score-1-10, or give rubric_file with scale");
        };
    }

    /** Name, scale and a hash of the instructions: changes whenever the judge would be told something else. */
    public String identity() {
        String hash = Hashing.sha256().hashString(instructions, StandardCharsets.UTF_8).toString().substring(0, 12);
        return name + "@" + scale + "#" + hash;
    }
}
