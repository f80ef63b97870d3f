package io.dno.core.loop;

import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.policy.TrainablePolicy;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TokenizedPair;
import java.util.List;

/**
 * Turns pairs and demonstrations into the token ids the trainer consumes, with the policy's own format; a pair's
 * soft target (Eq. 8) travels with it.
 */
public final class Tokenization {
    private Tokenization() {}

    public static List<TokenizedPair> pairs(TrainablePolicy policy, List<PreferencePair> pairs) {
        return pairs.stream().map(p -> new TokenizedPair(policy.promptIds(p.prompt().text()),
                policy.responseIds(p.chosen().text()), policy.responseIds(p.rejected().text()), p.target())).toList();
    }

    public static List<TokenizedDemonstration> demonstrations(TrainablePolicy policy, List<Demonstration> demos) {
        return demos.stream().map(d -> new TokenizedDemonstration(policy.promptIds(d.prompt().text()),
                policy.responseIds(d.response()))).toList();
    }
}
