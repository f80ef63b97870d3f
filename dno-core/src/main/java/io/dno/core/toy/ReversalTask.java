package io.dno.core.toy;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reverse three letters: a prompt is three letters of "abcd", the ideal answer is the prompt reversed, the teacher is
 * right on even-indexed prompts and one letter off on the others (strong but imperfect, like the paper's
 * GPT-4-Turbo), and a rule scores an answer from 1 to 6 by how much of the ideal answer it gets right (the additive
 * rubric's spirit: 6 only when exactly right and not longer).
 *
 * @param trainPrompts      prompts {@code t0, t1, ...}
 * @param evaluationPrompts held-out prompts {@code e0, e1, ...}
 */
public record ReversalTask(List<Prompt> trainPrompts, List<Prompt> evaluationPrompts) {
    /** The letters prompts are made of. */
    public static final List<String> LETTERS = List.of("a", "b", "c", "d");

    public ReversalTask {
        trainPrompts = List.copyOf(trainPrompts);
        evaluationPrompts = List.copyOf(evaluationPrompts);
    }

    /** {@code train} training prompts drawn under {@code seed} and {@code evaluation} held-out ones under seed + 1. */
    public static ReversalTask draw(long seed, int train, int evaluation) {
        return new ReversalTask(prompts("t", train, seed), prompts("e", evaluation, seed + 1));
    }

    /** The ideal answer: the prompt reversed. */
    public static String ideal(Prompt p) {
        return new StringBuilder(p.text()).reverse().toString();
    }

    /** 1 + the length of the correct prefix, + 2 when exactly right, − 1 when longer than the ideal; 1..6. */
    public static double score(Prompt p, String answer) {
        String ideal = ideal(p);
        int match = 0;
        while (match < Math.min(ideal.length(), answer.length()) && ideal.charAt(match) == answer.charAt(match)) {
            match++;
        }
        double score = 1 + match + (answer.equals(ideal) ? 2 : 0) - (answer.length() > ideal.length() ? 1 : 0);
        return Math.max(1, Math.min(6, score));
    }

    /** The teacher's answers to the training and then the held-out prompts: ideal on even indices, else one letter off. */
    public List<Demonstration> gold() {
        List<Demonstration> out = new ArrayList<>();
        for (List<Prompt> list : List.of(trainPrompts, evaluationPrompts)) {
            for (int i = 0; i < list.size(); i++) {
                String answer = ideal(list.get(i));
                if (i % 2 == 1) {
                    char last = answer.charAt(answer.length() - 1);
                    answer = answer.substring(0, answer.length() - 1) + (last == 'a' ? 'b' : 'a');
                }
                out.add(Demonstration.of(list.get(i), answer));
            }
        }
        return out;
    }

    /** The teacher answering with {@link #gold()}. */
    public Teacher teacher() {
        return Teachers.fromDemonstrations(gold());
    }

    /**
     * A randomly initialised tiny llama-type policy (width 32, 1 layer) over {@link #LETTERS}, its character
     * tokenizer written to {@code tokenizerDir}.
     */
    public static TransformerPolicy randomPolicy(Path tokenizerDir, long seed) {
        CharTokenizer.write(tokenizerDir, LETTERS);
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        TransformerConfig config = TransformerConfig.llama(tokenizer.vocabSize(), 32, 64, 1, 2, 2, 64);
        return new TransformerPolicy(Transformer.random(config, seed), tokenizer,
                TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir));
    }

    private static List<Prompt> prompts(String prefix, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                text.append(LETTERS.get(random.nextInt(LETTERS.size())));
            }
            out.add(Prompt.of(prefix + i, text.toString()));
        }
        return out;
    }
}
