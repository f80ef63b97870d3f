package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.Device;
import com.google.common.collect.ImmutableList;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.policy.TrainablePolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.seed.Seeds;
import io.dno.core.tokenize.Tokenizer;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import io.dno.core.train.Trainer;
import io.dno.core.train.TrainerSession;
import io.dno.core.train.TrainerSettings;
import io.dno.core.train.TrainingSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Policy} of a {@link Transformer} and a {@link Tokenizer}: prompts are formatted by the
 * {@link PromptFormat}, encoded (BOS prepended when the tokenizer has one), sampled in one batch with a KV cache
 * ({@link Generator}), and decoded, cut at the first stop string. Responses end at the tokenizer's or the
 * config's end-of-sequence ids. Owns the model and the tokenizer and closes both.
 */
public final class TransformerPolicy implements TrainablePolicy {

    /**
     * @param promptFormat text the model sees for a prompt
     * @param stopStrings  a response ends before the first of these in its decoded text
     * @param tokenizerDir directory whose tokenizer files {@link #save(Path)} copies, if any
     */
    public record Options(PromptFormat promptFormat, List<String> stopStrings, Optional<Path> tokenizerDir) {
        public Options {
            checkArgument(promptFormat != null, "promptFormat must not be null; use PromptFormat.identity()");
            stopStrings = ImmutableList.copyOf(stopStrings);
            stopStrings.forEach(s -> checkArgument(!s.isEmpty(), "stop strings must not be empty"));
            checkArgument(tokenizerDir != null, "tokenizerDir: use Optional.empty() when there is none");
        }

        public static Options defaults() {
            return new Options(PromptFormat.identity(), List.of(), Optional.empty());
        }

        public Options withPromptFormat(PromptFormat format) {
            return new Options(format, stopStrings, tokenizerDir);
        }

        public Options withStopStrings(List<String> stops) {
            return new Options(promptFormat, stops, tokenizerDir);
        }

        public Options withTokenizerDir(Path dir) {
            return new Options(promptFormat, stopStrings, Optional.of(dir));
        }
    }

    private final Transformer model;
    private final Tokenizer tokenizer;
    private final Options options;
    private final Set<Integer> eosIds;

    public TransformerPolicy(Transformer model, Tokenizer tokenizer, Options options) {
        checkArgument(tokenizer.vocabSize() <= model.config().vocabSize(),
                "the tokenizer has %s ids but the model's vocab_size is %s: use a model at least that large",
                tokenizer.vocabSize(), model.config().vocabSize());
        this.model = model;
        this.tokenizer = tokenizer;
        this.options = options;
        Set<Integer> eos = new LinkedHashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(eos::add);
        this.eosIds = Set.copyOf(eos);
    }

    public TransformerPolicy(Transformer model, Tokenizer tokenizer) {
        this(model, tokenizer, Options.defaults());
    }

    /** A randomly initialised policy (see {@link Transformer#random}). */
    public static TransformerPolicy random(TransformerConfig config, Tokenizer tokenizer, long seed) {
        return random(config, tokenizer, seed, Device.cpu());
    }

    /** As {@link #random(TransformerConfig, Tokenizer, long)}, with the model on {@code device}. */
    public static TransformerPolicy random(TransformerConfig config, Tokenizer tokenizer, long seed, Device device) {
        return own(Transformer.random(config, seed, device), tokenizer, Options.defaults());
    }

    /** The model of checkpoint directory {@code dir} with {@code tokenizer}; save copies dir's tokenizer files. */
    public static TransformerPolicy load(Path dir, Tokenizer tokenizer, Options options) {
        return load(dir, tokenizer, options, Device.cpu());
    }

    /** As {@link #load(Path, Tokenizer, Options)}, with the model on {@code device}. */
    public static TransformerPolicy load(Path dir, Tokenizer tokenizer, Options options, Device device) {
        return own(CheckpointDir.load(dir, device), tokenizer, options.withTokenizerDir(dir));
    }

    /** Wraps a model this class created, closing it if the policy cannot be built. */
    private static TransformerPolicy own(Transformer model, Tokenizer tokenizer, Options options) {
        try {
            return new TransformerPolicy(model, tokenizer, options);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public Transformer model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Options options() {
        return options;
    }

    /** The ids the model is conditioned on for {@code promptText}: BOS (if any) + encode(format(text)). */
    public int[] promptIds(String promptText) {
        return tokenizer.prependBos(tokenizer.encode(options.promptFormat().format(promptText)));
    }

    /** The ids scored for a response: encode(text) + EOS (if the tokenizer has one), so training teaches stopping. */
    public int[] responseIds(String responseText) {
        int[] body = tokenizer.encode(responseText);
        if (tokenizer.eosId().isEmpty()) {
            return body;
        }
        int[] ids = java.util.Arrays.copyOf(body, body.length + 1);
        ids[body.length] = tokenizer.eosId().getAsInt();
        return ids;
    }

    @Override
    public List<List<Response>> generate(List<Prompt> prompts, SamplingParams params) {
        List<int[]> ids = new ArrayList<>();
        for (Prompt p : prompts) {
            ids.add(promptIds(p.text()));
        }
        Generator generator = new Generator(model, tokenizer.padId(), eosIds, this::hitsStopString,
                tokenizer.vocabSize());
        long[] seeds = prompts.stream().mapToLong(p -> Seeds.mix(params.seed(), Seeds.ofText(p.id()))).toArray();
        List<List<Generation>> generations = generator.generate(ids, seeds, params);
        List<List<Response>> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            List<Response> answers = new ArrayList<>();
            for (Generation g : generations.get(i)) {
                answers.add(Response.student(prompts.get(i).id(), cutAtStop(tokenizer.decode(g.tokens()))));
            }
            out.add(List.copyOf(answers));
        }
        return out;
    }

    /** Saves config.json, model.safetensors and the tokenizer files (when the tokenizer has a directory). */
    public void save(Path dir) {
        CheckpointDir.save(model, options.tokenizerDir(), dir);
    }

    @Override
    public int padId() {
        return tokenizer.padId();
    }

    @Override
    public ReferenceLogProbs logProbs(List<TokenizedPair> pairs, int batchSize) {
        return ReferenceLogProbs.compute(model, pairs, batchSize, tokenizer.padId());
    }

    /** A session training every weight of the model; an iterate is a Hugging Face checkpoint directory. */
    @Override
    public TrainingSession training(TrainerSettings settings) {
        return new TrainerSession(new Trainer(model, settings), new TrainerSession.IterateFiles() {
            @Override
            public void save(Path dir) {
                TransformerPolicy.this.save(dir);
            }

            @Override
            public void load(Path dir) {
                loadIterate(dir);
            }
        });
    }

    @Override
    public void saveIterate(Path dir) {
        save(dir);
    }

    @Override
    public void loadIterate(Path dir) {
        CheckpointDir.loadInto(model, dir);
    }

    @Override
    public String describe() {
        return model.config().toString();
    }

    private boolean hitsStopString(int[] tokens) {
        if (options.stopStrings().isEmpty()) {
            return false;
        }
        String text = tokenizer.decode(tokens);
        return options.stopStrings().stream().anyMatch(text::contains);
    }

    private String cutAtStop(String text) {
        int cut = text.length();
        for (String stop : options.stopStrings()) {
            int at = text.indexOf(stop);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return text.substring(0, cut);
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
