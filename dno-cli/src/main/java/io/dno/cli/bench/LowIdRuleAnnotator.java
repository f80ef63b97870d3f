package io.dno.cli.bench;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic task's rule: a response (token ids written as decimal numbers separated by spaces) scores
 * one point for each of its first six tokens below {@code vocab / 2}, on DNO's 0-6 scale. Cheap and
 * deterministic, so the e2e benchmark times the pipeline rather than a judge.
 */
final class LowIdRuleAnnotator implements Annotator {
    static final int SCORED_TOKENS = 6;
    private final int threshold;

    LowIdRuleAnnotator(int vocab) {
        this.threshold = vocab / 2;
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        List<Scored> scored = new ArrayList<>();
        for (Response r : candidates) {
            int points = 0;
            int[] ids = SyntheticTask.ids(r.text());
            for (int i = 0; i < Math.min(SCORED_TOKENS, ids.length); i++) {
                points += ids[i] < threshold ? 1 : 0;
            }
            scored.add(Scored.of(r, points));
        }
        return Judgement.complete(prompt, scored);
    }

    @Override
    public String name() {
        return "low-id-rule(first " + SCORED_TOKENS + " tokens < " + threshold + ")";
    }
}
