package io.dno.annotators.reward;

import io.dno.annotators.report.Counters;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.model.RewardModel;
import io.dno.core.tokenize.ChatMessage;
import io.dno.core.tokenize.ChatTemplate;
import io.dno.core.tokenize.HfTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores each candidate with a classifier reward model and maps the prompt's rewards onto the pair rule's 0–6 scale
 * with a {@link RewardTransform}. The scored text is the conversation {@code [user: prompt, assistant: response]}
 * through the reward model's chat template (no generation prompt; BOS as the template writes it) when its tokenizer
 * has one, else BOS + prompt + response (TRL's implicit-prompt format, plain concatenation).
 *
 * <p>Never guesses: a candidate longer than the model's context, or with a non-finite reward, is left unannotated
 * (and excluded from the min-max range). Thread-safe: the reward model serialises its calls. Owns the model and the
 * tokenizer: close it when done.
 *
 * <p>Each scored candidate's justification records its raw reward ({@code reward -1.234567}).
 *
 * <p>Counters: {@code judgements}, {@code scored}, {@code unannotated}, {@code too_long}, {@code non_finite}.
 */
public final class RewardModelAnnotator implements Annotator, AutoCloseable {
    private final RewardModel model;
    private final HfTokenizer tokenizer;
    private final Optional<ChatTemplate> template;
    private final RewardTransform transform;
    private final String name;
    private final Counters counters = new Counters();

    /**
     * @param name names the checkpoint in {@link #name()} (e.g. its directory)
     */
    public RewardModelAnnotator(RewardModel model, HfTokenizer tokenizer, RewardTransform transform, String name) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = tokenizer.chatTemplate();
        this.transform = transform;
        this.name = name;
    }

    /** The token ids the reward model scores for {@code response} to {@code prompt} (see the class comment). */
    public int[] ids(Prompt prompt, Response response) {
        if (template.isPresent()) {
            return tokenizer.encode(template.get().render(List.of(ChatMessage.user(prompt.text()),
                    ChatMessage.assistant(response.text())), false));
        }
        return tokenizer.prependBos(tokenizer.encode(prompt.text() + response.text()));
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        counters.increment("judgements");
        List<Response> scorable = new ArrayList<>();
        List<int[]> sequences = new ArrayList<>();
        List<Response> unannotated = new ArrayList<>();
        for (Response r : candidates) {
            int[] ids = ids(prompt, r);
            if (ids.length == 0 || ids.length > model.config().maxPositionEmbeddings()) {
                counters.increment("too_long");
                unannotated.add(r);
            } else {
                scorable.add(r);
                sequences.add(ids);
            }
        }
        double[] rewards = sequences.isEmpty() ? new double[0] : model.score(sequences);
        List<Response> finite = new ArrayList<>();
        List<Double> finiteRewards = new ArrayList<>();
        for (int i = 0; i < rewards.length; i++) {
            if (Double.isFinite(rewards[i])) {
                finite.add(scorable.get(i));
                finiteRewards.add(rewards[i]);
            } else {
                counters.increment("non_finite");
                unannotated.add(scorable.get(i));
            }
        }
        double[] scores = transform.toScale(finiteRewards.stream().mapToDouble(Double::doubleValue).toArray());
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            scored.add(new Scored(finite.get(i), scores[i], String.format(java.util.Locale.ROOT, "reward %.6f",
                    finiteRewards.get(i))));
        }
        counters.add("scored", scored.size());
        counters.add("unannotated", unannotated.size());
        return new Judgement(prompt, scored, unannotated);
    }

    @Override
    public String name() {
        return "reward_model(" + name + ", transform=" + transform + ")";
    }

    @Override
    public Map<String, Double> counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
