package io.dno.core.loop;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The default {@link StageEngine}: everything in this JVM, on the run's live policy; it needs no parts folders. */
public final class InProcessEngine implements StageEngine {
    public static final InProcessEngine INSTANCE = new InProcessEngine();

    private InProcessEngine() {}

    @Override
    public List<List<Response>> generate(RunContext run, List<Prompt> prompts, SamplingParams params,
                                         Path checkpoint, Path parts) {
        run.useWeights(checkpoint);
        List<List<Response>> out = new ArrayList<>(prompts.size());
        for (List<Prompt> chunk : StageEngine.chunks(prompts)) {
            out.addAll(run.policy().generate(chunk, params));
        }
        return out;
    }

    @Override
    public Judged annotate(RunContext run, List<CandidateSet> sets, Path journal, Path out, Path parts) {
        Annotator annotator = run.plan().judging().annotator();
        Map<String, Double> before = annotator.counters();
        List<Judgement> judgements = Annotation.run(annotator, sets, journal, out, run.plan().judging().threads());
        return new Judged(judgements, Counters.difference(annotator.counters(), before));
    }

    @Override
    public ReferenceLogProbs referenceLogProbs(RunContext run, List<TokenizedPair> pairs, Path checkpoint,
                                               Path parts) {
        run.useWeights(checkpoint);
        return run.policy().logProbs(pairs, run.plan().training().referenceBatchSize());
    }

    @Override
    public String toString() {
        return "in-process";
    }
}
