package io.dno.examples.alignment;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A world small enough for unit tests: prompts are short letter strings, the ideal answer is the prompt
 * reversed, and a rule annotator scores an answer on a 1–6 scale by how many leading characters match.
 */
final class TinyWorld {
    static final String ALPHABET = "abcd";

    final AtomicInteger judgeCalls = new AtomicInteger();
    final AtomicInteger judgedCandidates = new AtomicInteger();

    static List<Prompt> prompts(String prefix, int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            out.add(Prompt.of(prefix + i, text.toString()));
        }
        return out;
    }

    static String ideal(Prompt p) {
        return new StringBuilder(p.text()).reverse().toString();
    }

    /** Correct for prompts with an even index, one character off for the others: strong but imperfect. */
    static Teacher teacher(List<Prompt> prompts) {
        List<Demonstration> gold = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            String answer = ideal(prompts.get(i));
            if (i % 2 == 1) {
                answer = answer.substring(0, 2) + (answer.charAt(2) == 'a' ? 'b' : 'a');
            }
            gold.add(Demonstration.of(prompts.get(i), answer));
        }
        return Teachers.fromDemonstrations(gold);
    }

    static double score(Prompt p, String answer) {
        String ideal = ideal(p);
        int match = 0;
        while (match < Math.min(ideal.length(), answer.length()) && ideal.charAt(match) == answer.charAt(match)) {
            match++;
        }
        double score = 1 + match + (answer.equals(ideal) ? 2 : 0);   // 1..6
        return Math.min(6, score - (answer.length() > ideal.length() ? 1 : 0));
    }

    Annotator annotator() {
        return new Annotator() {
            @Override
            public Judgement judge(Prompt prompt, List<Response> candidates) {
                judgeCalls.incrementAndGet();
                judgedCandidates.addAndGet(candidates.size());
                return Judgement.complete(prompt, candidates.stream()
                        .map(r -> new Scored(r, Math.max(1, score(prompt, r.text())), "rule")).toList());
            }

            @Override
            public String name() {
                return "reverse-rule";
            }
        };
    }

    static TransformerPolicy policy(Path dir, long seed) {
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer"), List.of("a", "b", "c", "d"));
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        TransformerConfig config = TransformerConfig.llama(tokenizer.vocabSize(), 32, 64, 1, 2, 2, 64);
        return new TransformerPolicy(io.dno.core.model.Transformer.random(config, seed), tokenizer,
                TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir));
    }

    private TinyWorld() {}

    static TinyWorld create() {
        return new TinyWorld();
    }
}
