package io.dno.core.loop;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the per-prompt stages of a run execute: SAMPLE and EVALUATE's decoding, ANNOTATE and REFERENCE. The driver
 * keeps the loop, pair building, replay and training. {@link InProcessEngine} (the default) runs them in this JVM
 * on the live policy; a distributed engine (dno-spark) runs them on executors that load the iterate from
 * {@code checkpoint}, a path every executor can read.
 *
 * <p>Every engine must return the same results for the same inputs: random draws are keyed by the sampling seed,
 * the prompt's id and the sample index, and prompts are decoded in chunks of {@link #CHUNK_PROMPTS} in the order
 * given, so batch shapes, and with them floating-point results, do not depend on how work is spread.
 */
public interface StageEngine {

    /** Prompts decoded together in one batch, by every engine. */
    int CHUNK_PROMPTS = 32;

    /** {@code params.n()} answers per prompt from the iterate saved at {@code checkpoint}; one list per prompt. */
    List<List<Response>> generate(RunContext run, List<Prompt> prompts, SamplingParams params, Path checkpoint);

    /** Scores every candidate set with the run's annotator, journaled (see {@link Annotation}); in set order. */
    List<Judgement> annotate(RunContext run, List<CandidateSet> sets, Path journal, Path out);

    /** log-probs of both sides of every pair under the iterate saved at {@code checkpoint}. */
    ReferenceLogProbs referenceLogProbs(RunContext run, List<TokenizedPair> pairs, Path checkpoint);
}
