package io.dno.core.testing;

import io.dno.core.Alignment;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.TrainerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A world small enough to align in seconds, for the loop's end-to-end tests: a prompt is three letters of "abcd",
 * the ideal answer is the prompt reversed, the teacher is right on even-indexed prompts and one letter off on the
 * others, and a rule scores an answer 1..6 by its correct prefix (+2 when exactly right, −1 when longer). The
 * judge counts its calls and the candidates it saw.
 */
public final class TinyRuleWorld {
    public static final List<String> LETTERS = List.of("a", "b", "c", "d");

    private final List<Prompt> train;
    private final List<Prompt> evaluation;
    public final AtomicInteger judgeCalls = new AtomicInteger();
    public final AtomicInteger judgedCandidates = new AtomicInteger();

    /** {@code trainPrompts} training and {@code evaluationPrompts} held-out prompts drawn under {@code seed}. */
    public TinyRuleWorld(long seed, int trainPrompts, int evaluationPrompts) {
        this.train = prompts("t", trainPrompts, seed);
        this.evaluation = prompts("e", evaluationPrompts, seed + 1);
    }

    /** 12 training and 6 held-out prompts. */
    public static TinyRuleWorld standard() {
        return new TinyRuleWorld(1, 12, 6);
    }

    public List<Prompt> trainPrompts() {
        return train;
    }

    public List<Prompt> evaluationPrompts() {
        return evaluation;
    }

    public static String ideal(Prompt p) {
        return new StringBuilder(p.text()).reverse().toString();
    }

    /** The teacher's answers to the training and the held-out prompts. */
    public List<Demonstration> gold() {
        List<Demonstration> out = new ArrayList<>();
        for (List<Prompt> list : List.of(train, evaluation)) {
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

    public Teacher teacher() {
        return Teachers.fromDemonstrations(gold());
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

    /** The rule as a listwise judge that counts its calls. */
    public Annotator annotator() {
        return new Annotator() {
            @Override
            public Judgement judge(Prompt prompt, List<Response> candidates) {
                judgeCalls.incrementAndGet();
                judgedCandidates.addAndGet(candidates.size());
                return Judgement.complete(prompt, candidates.stream().map(r -> Scored.of(r, score(prompt,
                        r.text()))).toList());
            }

            @Override
            public String name() {
                return "reverse-rule";
            }

            @Override
            public Map<String, Double> counters() {
                return Map.of("requests", (double) judgeCalls.get());
            }
        };
    }

    /** A randomly initialised tiny llama-type policy with a character tokenizer written under {@code dir}. */
    public static TransformerPolicy randomPolicy(Path dir, long seed) {
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer-" + seed), LETTERS);
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        TransformerConfig config = TransformerConfig.llama(tokenizer.vocabSize(), 32, 64, 1, 2, 2, 64);
        return new TransformerPolicy(Transformer.random(config, seed), tokenizer,
                TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir));
    }

    /** A builder with this world's prompts, teacher, judge, 3 samples of 4 tokens, batch 4 at lr 1e-2. */
    public Alignment.Builder builder(TransformerPolicy policy, Path runDirectory) {
        return Alignment.builder()
                .policy(policy)
                .prompts(train)
                .evaluationPrompts(evaluation)
                .teacher(teacher())
                .annotator(annotator())
                .sampling(SamplingParams.ancestral(3, 4))
                .trainer(TrainerSettings.defaults(1e-2, policy.tokenizer().padId()).withBatchSize(4)
                        .withSchedule(LearningRateSchedule.constant(1e-2)))
                .seed(7)
                .runDirectory(runDirectory);
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
