package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the per-prompt stages of a run execute: SAMPLE and EVALUATE's decoding, ANNOTATE and REFERENCE. The driver
 * keeps the loop, pair building, replay and training. {@link InProcessEngine} (the default) runs them in this JVM
 * on the live policy; a distributed engine (dno-spark) runs them on executors that load the iterate from
 * {@code checkpoint}, a path every executor can read.
 *
 * <p>Every engine must return the same results for the same inputs: random draws are keyed by the sampling seed,
 * the prompt's id and the sample index, prompts are decoded in the chunks {@link #chunks} makes (of
 * {@link #CHUNK_PROMPTS}, in the order given), and reference log-probs are computed in the batches of
 * {@link ReferenceLogProbs#batches}, so batch shapes, and with them floating-point results, do not depend on how
 * work is spread.
 *
 * <p>{@code parts} is the folder ({@link StepDirectory#parts}) where an engine that splits a call into tasks keeps
 * each finished chunk, so a retried or resumed call skips the chunks already done; the stage removes it once its
 * artifact is written. The in-process engine needs none.
 */
public interface StageEngine {

    /** Prompts decoded together in one batch, by every engine. */
    int CHUNK_PROMPTS = 32;

    /** {@code params.n()} answers per prompt from the iterate saved at {@code checkpoint}; one list per prompt. */
    List<List<Response>> generate(RunContext run, List<Prompt> prompts, SamplingParams params, Path checkpoint,
                                  Path parts);

    /**
     * Scores every candidate set with the run's annotator and writes the judgements, in set order, to {@code out}
     * ({@link Annotation} journals them in {@code journal} as they come).
     */
    Judged annotate(RunContext run, List<CandidateSet> sets, Path journal, Path out, Path parts);

    /** log-probs of both sides of every pair under the iterate saved at {@code checkpoint}. */
    ReferenceLogProbs referenceLogProbs(RunContext run, List<TokenizedPair> pairs, Path checkpoint, Path parts);

    /** {@code items} in consecutive chunks of {@link #CHUNK_PROMPTS} (the last may be shorter): the decoding batches. */
    static <T> List<List<T>> chunks(List<T> items) {
        checkArgument(items != null, "items must not be null");
        List<List<T>> out = new ArrayList<>();
        for (int start = 0; start < items.size(); start += CHUNK_PROMPTS) {
            out.add(items.subList(start, Math.min(items.size(), start + CHUNK_PROMPTS)));
        }
        return out;
    }
}
