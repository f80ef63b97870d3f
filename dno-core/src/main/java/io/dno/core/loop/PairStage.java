package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkState;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Scored;
import io.dno.core.data.ScoredPrompt;
import io.dno.core.io.Jsonl;
import io.dno.core.pairs.PairBuilders;
import io.dno.core.pairs.PairReplay;
import io.dno.core.seed.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * PAIR: the training data of a step. On-policy pairs are built by the plan's pair rule from the step's scored
 * candidates (Rosset et al. 2024, Algorithm 2 lines 6-9), then earlier iterations' pairs are replayed; offline data
 * is filtered once; SFT's demonstrations are written beside the pairs file's place.
 */
public final class PairStage {
    private final RunContext run;

    public PairStage(RunContext run) {
        this.run = run;
    }

    /**
     * New pairs of iteration {@code t} from its annotations (or, {@code annotated} false, from its samples scored
     * 0: SPIN's rule needs no scores), then {@code replay}'s share of the earlier iterations' new pairs.
     */
    public void onPolicy(StepDirectory step, boolean annotated, PairReplay replay) {
        int t = step.iteration();
        List<ScoredPrompt> scored = annotated
                ? AnnotationStage.read(step).stream().map(Judgement::toScoredPrompt).toList()
                : Jsonl.read(step.samples(), CandidateSet.class).stream()
                        .map(s -> new ScoredPrompt(s.prompt(), s.candidates().stream().map(r -> Scored.of(r, 0))
                                .toList())).toList();
        List<PreferencePair> fresh = new ArrayList<>();
        for (ScoredPrompt sp : scored) {
            fresh.addAll(run.plan().training().pairBuilder().build(sp.prompt(), sp.candidates(), t));
        }
        Map<Integer, List<PreferencePair>> earlier = new LinkedHashMap<>();
        for (int s = 1; s < t; s++) {
            earlier.put(s, fresh(run.directory().step(s)));
        }
        Jsonl.write(step.pairs(), replay.mix(t, fresh, earlier, run.plan().seed()));
    }

    /** The offline pairs whose margin is at least {@code minMargin} (the paper's large-margin filter). */
    public void offline(StepDirectory step, OptionalDouble minMargin) {
        Jsonl.write(step.pairs(), run.plan().data().pairs().stream()
                .filter(p -> minMargin.isEmpty() || p.margin() >= minMargin.getAsDouble()).toList());
    }

    /** DNO-Lookahead: every iteration's own new pairs, shuffled under the run's seed. */
    public void gathered(StepDirectory step, int iterations) {
        List<PreferencePair> all = new ArrayList<>();
        for (int s = 1; s <= iterations; s++) {
            all.addAll(fresh(run.directory().step(s)));
        }
        Jsonl.write(step.pairs(), Seeds.shuffled(all, run.plan().seed() + step.iteration()));
    }

    /**
     * SFT's demonstrations, written once: the given ones, or (on positives) the teacher's answers the annotator
     * scored at least {@code positiveMinScore}.
     */
    public void demonstrations(StepDirectory step, boolean onPositives, double positiveMinScore) {
        if (step.demonstrations().toFile().exists()) {
            return;
        }
        List<Demonstration> demos;
        if (onPositives) {
            var selector = PairBuilders.positives(positiveMinScore, PairBuilders.repeatedNgrams());
            demos = AnnotationStage.read(step).stream().flatMap(j -> selector.select(j.toScoredPrompt()).stream())
                    .toList();
        } else {
            demos = run.plan().data().demonstrations();
        }
        checkState(!demos.isEmpty(), "no demonstration to train on: no teacher answer scored >= %s",
                positiveMinScore);
        Jsonl.write(step.demonstrations(), demos);
    }

    /** The pairs a step trained on. */
    public static List<PreferencePair> read(StepDirectory step) {
        return Jsonl.read(step.pairs(), PreferencePair.class);
    }

    /** The pairs a step built from its own samples (without the replayed ones). */
    public static List<PreferencePair> fresh(StepDirectory step) {
        return read(step).stream().filter(p -> p.iteration() == step.iteration()).toList();
    }
}
