package io.dno.core.eval;

import io.dno.core.model.ContinuationLogLikelihoods;
import io.dno.core.model.Transformer;
import io.dno.core.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Loglikelihood} of a local model, tokenising as lm-evaluation-harness's {@code _encode_pair} does: trailing
 * whitespace of the context moves to the continuation, the whole text is encoded and the continuation's ids are
 * those after the context's ({@code whole[len(context_ids):]}), so a token that spans the boundary is scored with
 * the continuation. Contexts start with BOS when the tokenizer has one (dno's policies are conditioned so; the
 * harness's HF backend adds none by default, and uses BOS only for an empty context).
 */
public final class ModelLoglikelihood implements Loglikelihood {
    private final Transformer model;
    private final Tokenizer tokenizer;

    public ModelLoglikelihood(Transformer model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    @Override
    public double[] logLikelihoods(List<ContinuationRequest> requests) {
        List<int[]> contexts = new ArrayList<>();
        List<int[]> continuations = new ArrayList<>();
        for (ContinuationRequest r : requests) {
            int[][] pair = encodePair(r.context(), r.continuation());
            contexts.add(pair[0]);
            continuations.add(pair[1]);
        }
        return ContinuationLogLikelihoods.sums(model, contexts, continuations, tokenizer.padId());
    }

    /** The context's and the continuation's ids, split as the class comment says. */
    int[][] encodePair(String context, String continuation) {
        int spaces = context.length() - context.stripTrailing().length();
        if (spaces > 0) {
            continuation = context.substring(context.length() - spaces) + continuation;
            context = context.substring(0, context.length() - spaces);
        }
        int[] whole = tokenizer.prependBos(tokenizer.encode(context + continuation));
        int[] ctx = tokenizer.prependBos(tokenizer.encode(context));
        if (ctx.length == 0) {
            throw new IllegalArgumentException("the context is empty and the tokenizer has no BOS token: the first "
                    + "continuation token has nothing to condition on");
        }
        int split = Math.min(ctx.length, whole.length - 1);
        return new int[][] {Arrays.copyOf(whole, split), Arrays.copyOfRange(whole, split, whole.length)};
    }
}
