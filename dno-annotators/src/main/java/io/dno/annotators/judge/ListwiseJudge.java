package io.dno.annotators.judge;

import io.dno.annotators.chat.ChatException;
import io.dno.annotators.chat.ChatModel;
import io.dno.annotators.report.Counters;
import io.dno.annotators.report.JudgeBias;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listwise LLM judge of the DNO paper (Rosset et al. 2024 §5.1, "batched prompting"): all candidates
 * of a prompt in one request, each scored on a rubric with a justification, over any {@link ChatModel}
 * (an OpenAI-compatible endpoint or a local policy).
 *
 * <p>Bias controls the paper does not report but a judge needs: the candidates are shown in a seeded order
 * that depends on the prompt id ({@link CandidateOrder}); with {@code twoPass} they are judged a second time
 * in reversed order and the two scores averaged, and the candidate pairs whose order both passes agree on
 * are counted ({@code position_swap_agreements} of {@code position_swap_pairs}). A candidate that only one
 * pass scored keeps that score ({@code single_pass_scores}).
 *
 * <p>Never guesses: a failed call, an unreadable reply or a bad entry leaves the candidate in
 * {@link Judgement#unannotated()}; see {@link JudgeReply} for what counts as bad. Thread-safe when the
 * chat model is.
 *
 * <p>Counters (besides the chat model's): {@code judgements}, {@code judge_calls}, {@code failed_calls},
 * {@code unparseable_replies}, {@code unknown_ids}, {@code duplicate_ids}, {@code missing_ids},
 * {@code non_numeric_scores}, {@code out_of_range_scores}, {@code scored}, {@code unannotated},
 * {@code single_pass_scores}, the position-swap pair counts and the length-score sums of {@link JudgeBias}.
 */
public final class ListwiseJudge implements Annotator {
    private static final Logger LOG = LoggerFactory.getLogger(ListwiseJudge.class);

    private final ChatModel chat;
    private final Rubric rubric;
    private final boolean twoPass;
    private final long seed;
    private final Counters counters = new Counters();

    /**
     * @param chat    the model that judges
     * @param rubric  instructions and scale
     * @param twoPass judge a second time in reversed order and average
     * @param seed    seed of the candidate order (combined with each prompt id)
     */
    public ListwiseJudge(ChatModel chat, Rubric rubric, boolean twoPass, long seed) {
        this.chat = chat;
        this.rubric = rubric;
        this.twoPass = twoPass;
        this.seed = seed;
    }

    public Rubric rubric() {
        return rubric;
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        counters.increment("judgements");
        if (candidates.isEmpty()) {
            return Judgement.complete(prompt, List.of());
        }
        List<Integer> order = CandidateOrder.shuffled(candidates.size(), seed, prompt.id());
        Map<Integer, Verdict> first = pass(prompt, candidates, order);
        Map<Integer, Verdict> second = twoPass ? pass(prompt, candidates, CandidateOrder.reversed(order)) : Map.of();
        if (twoPass) {
            countPositionSwaps(candidates.size(), first, second);
        }
        List<Scored> scored = new ArrayList<>();
        List<Response> unannotated = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Response candidate = candidates.get(i);
            Verdict a = first.get(i);
            Verdict b = second.get(i);
            if (a == null && b == null) {
                unannotated.add(candidate);
                continue;
            }
            Scored s;
            if (a != null && b != null) {
                s = new Scored(candidate, (a.score() + b.score()) / 2,
                        a.justification() + "\n[reversed order] " + b.justification());
            } else {
                if (twoPass) {
                    counters.increment("single_pass_scores");
                }
                Verdict only = a != null ? a : b;
                s = new Scored(candidate, only.score(), only.justification());
            }
            scored.add(s);
            JudgeBias.recordLength(counters, candidate.text().length(), s.score());
        }
        counters.add("scored", scored.size());
        counters.add("unannotated", unannotated.size());
        return new Judgement(prompt, scored, unannotated);
    }

    /** One request with the candidates in {@code order}; verdicts by candidate index. */
    private Map<Integer, Verdict> pass(Prompt prompt, List<Response> candidates, List<Integer> order) {
        List<String> texts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int position = 0; position < order.size(); position++) {
            texts.add(candidates.get(order.get(position)).text());
            ids.add(JudgePrompt.id(position));
        }
        counters.increment("judge_calls");
        String reply;
        try {
            reply = chat.complete(JudgePrompt.render(rubric, prompt.text(), texts));
        } catch (ChatException e) {
            counters.increment("failed_calls");
            LOG.warn("judge call for prompt '{}' failed; its {} candidates stay unannotated: {}", prompt.id(),
                    candidates.size(), e.getMessage());
            return Map.of();
        }
        JudgeReply parsed = JudgeReply.parse(reply, ids, rubric.scale());
        if (parsed.unparseable()) {
            counters.increment("unparseable_replies");
            LOG.warn("judge reply for prompt '{}' has no JSON object with a scores array; {} candidates unannotated",
                    prompt.id(), candidates.size());
        }
        counters.add("unknown_ids", parsed.unknownIds());
        counters.add("duplicate_ids", parsed.duplicateIds());
        counters.add("missing_ids", parsed.missingIds());
        counters.add("non_numeric_scores", parsed.nonNumericScores());
        counters.add("out_of_range_scores", parsed.outOfRangeScores());
        Map<Integer, Verdict> byIndex = new HashMap<>();
        for (int position = 0; position < order.size(); position++) {
            Verdict v = parsed.verdicts().get(ids.get(position));
            if (v != null) {
                byIndex.put(order.get(position), v);
            }
        }
        return byIndex;
    }

    private void countPositionSwaps(int n, Map<Integer, Verdict> first, Map<Integer, Verdict> second) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (first.containsKey(i) && first.containsKey(j) && second.containsKey(i) && second.containsKey(j)) {
                    counters.increment(JudgeBias.SWAP_PAIRS);
                    int before = Double.compare(first.get(i).score(), first.get(j).score());
                    int after = Double.compare(second.get(i).score(), second.get(j).score());
                    if (Integer.signum(before) == Integer.signum(after)) {
                        counters.increment(JudgeBias.SWAP_AGREEMENTS);
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "listwise-judge(" + chat.name() + ", rubric=" + rubric.identity() + ", two_pass=" + twoPass + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return Counters.merge(chat.counters(), counters.snapshot());
    }

    @Override
    public String toString() {
        return name();
    }
}
