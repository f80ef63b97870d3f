package io.dno.serve;

import io.dno.core.model.Generation;
import io.dno.core.model.TokenLogProbs;
import java.util.Optional;

/**
 * What the engine made of one {@link Row}.
 *
 * @param generation the sampled tokens and why they ended (empty tokens for a scoring-only request)
 * @param scores     per-token log-probs of prompt + generated tokens, when the request asked for them
 */
record RowResult(Generation generation, Optional<TokenLogProbs.Scored> scores) {}
