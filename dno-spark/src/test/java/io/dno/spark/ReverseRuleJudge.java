package io.dno.spark;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.toy.ReversalTask;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TinyRuleWorld's rule judge as a serialisable factory, for executors; {@code delayMillis} makes each judge call
 * take that long (so a test can kill a worker while chunks are in flight) without changing any score.
 */
record ReverseRuleJudge(long delayMillis) implements AnnotatorFactory {

    @Override
    public Annotator create(String process) {
        return annotator(delayMillis);
    }

    /** The same judge as TinyRuleWorld's, for the in-process side of a comparison. */
    static Annotator annotator(long delayMillis) {
        AtomicInteger calls = new AtomicInteger();
        return new Annotator() {
            @Override
            public Judgement judge(Prompt prompt, List<Response> candidates) {
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
                calls.incrementAndGet();
                return Judgement.complete(prompt, candidates.stream().map(r -> Scored.of(r,
                        ReversalTask.score(prompt, r.text()))).toList());
            }

            @Override
            public String name() {
                return "reverse-rule";
            }

            @Override
            public Map<String, Double> counters() {
                return Map.of("requests", (double) calls.get());
            }
        };
    }
}
