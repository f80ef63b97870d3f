package io.dno.core.loop;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The default {@link StageEngine}: everything in this JVM, on the run's live policy. */
public final class InProcessEngine implements StageEngine {
    public static final InProcessEngine INSTANCE = new InProcessEngine();

    private InProcessEngine() {}

    @Override
    public List<List<Response>> generate(RunContext run, List<Prompt> prompts, SamplingParams params,
                                         Path checkpoint) {
        run.useWeights(checkpoint);
        List<List<Response>> out = new ArrayList<>(prompts.size());
        for (int start = 0; start < prompts.size(); start += CHUNK_PROMPTS) {
            out.addAll(run.policy().generate(prompts.subList(start, Math.min(prompts.size(), start + CHUNK_PROMPTS)),
                    params));
        }
        return out;
    }

    @Override
    public List<Judgement> annotate(RunContext run, List<CandidateSet> sets, Path journal, Path out) {
        return Annotation.run(run.plan().judging().annotator(), sets, journal, out, run.plan().judging().threads());
    }

    @Override
    public ReferenceLogProbs referenceLogProbs(RunContext run, List<TokenizedPair> pairs, Path checkpoint) {
        run.useWeights(checkpoint);
        return run.policy().logProbs(pairs, run.plan().training().referenceBatchSize());
    }

    @Override
    public String toString() {
        return "in-process";
    }
}
