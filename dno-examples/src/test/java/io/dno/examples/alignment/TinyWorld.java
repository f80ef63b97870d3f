package io.dno.examples.alignment;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.examples.strategies.ExampleWorld;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The examples' world at test size (12 training and 6 held-out prompts), with a judge that counts its calls. */
final class TinyWorld {
    static final ExampleWorld WORLD = new ExampleWorld(1, 12, 6);

    final AtomicInteger judgeCalls = new AtomicInteger();
    final AtomicInteger judgedCandidates = new AtomicInteger();

    private TinyWorld() {}

    static TinyWorld create() {
        return new TinyWorld();
    }

    static String ideal(Prompt p) {
        return ExampleWorld.ideal(p);
    }

    static TransformerPolicy policy(Path dir, long seed) {
        return ExampleWorld.randomPolicy(dir, seed);
    }

    Annotator annotator() {
        Annotator rule = WORLD.annotator();
        return new Annotator() {
            @Override
            public Judgement judge(Prompt prompt, List<Response> candidates) {
                judgeCalls.incrementAndGet();
                judgedCandidates.addAndGet(candidates.size());
                return rule.judge(prompt, candidates);
            }

            @Override
            public String name() {
                return rule.name();
            }

            @Override
            public Map<String, Double> counters() {
                return rule.counters();
            }
        };
    }
}
