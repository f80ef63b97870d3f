package io.dno.serve;

import ai.djl.Device;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.peft.AdapterFiles;
import io.dno.core.peft.LoraAdapter;
import io.dno.core.tokenize.ChatMessage;
import io.dno.core.tokenize.ChatTemplate;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy a server answers with: a Hugging Face checkpoint directory (config.json, weights, tokenizer.json,
 * tokenizer_config.json), optionally with a PEFT LoRA adapter attached. Chat messages go through the tokenizer's
 * chat template when it has one ({@code add_generation_prompt} on, no BOS added: the template writes it); without
 * one, through plain turns ({@code User: ...}) ending in {@code Assistant:}, BOS first. Text prompts of the
 * completions endpoint are BOS (when the tokenizer has one) + the encoded text. Used by the engine's thread only,
 * except the tokenizer, which is thread-safe.
 */
public final class ServedModel implements AutoCloseable {
    private final Transformer model;
    private final HfTokenizer tokenizer;
    private final Optional<ChatTemplate> template;
    private final Set<Integer> eosIds;
    private final Optional<LoraAdapter> adapter;

    ServedModel(Transformer model, HfTokenizer tokenizer, Optional<LoraAdapter> adapter) {
        if (tokenizer.vocabSize() > model.config().vocabSize()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " ids but the model's "
                    + "vocab_size is " + model.config().vocabSize() + ": the tokenizer does not belong to the model");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = tokenizer.chatTemplate();
        this.adapter = adapter;
        Set<Integer> eos = new LinkedHashSet<>(model.config().eosTokenIds());
        tokenizer.eosId().ifPresent(eos::add);
        this.eosIds = Set.copyOf(eos);
    }

    /** Loads {@code modelDir} (and the PEFT adapter in {@code adapterDir}, if given) onto {@code device}. */
    public static ServedModel load(Path modelDir, Optional<Path> adapterDir, Device device) {
        HfTokenizer tokenizer = HfTokenizer.load(modelDir);
        Transformer model = null;
        try {
            model = CheckpointDir.load(modelDir, device);
            Transformer base = model;
            Optional<LoraAdapter> adapter = adapterDir.map(dir -> AdapterFiles.load(dir, base));
            return new ServedModel(model, tokenizer, adapter);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    Transformer model() {
        return model;
    }

    HfTokenizer tokenizer() {
        return tokenizer;
    }

    Set<Integer> eosIds() {
        return eosIds;
    }

    /** Tokens the model can attend to: prompt plus generated tokens must fit. */
    int contextLength() {
        return model.config().maxPositionEmbeddings();
    }

    /** Ids the model can produce that the tokenizer can decode. */
    int sampledVocab() {
        return tokenizer.vocabSize();
    }

    boolean hasChatTemplate() {
        return template.isPresent();
    }

    /** The prompt ids of a conversation (see the class comment). */
    int[] chatPromptIds(List<ChatMessage> messages) {
        if (template.isPresent()) {
            return tokenizer.encode(template.get().render(messages, true));
        }
        String text = messages.stream()
                .map(m -> Character.toUpperCase(m.role().charAt(0)) + m.role().substring(1) + ": " + m.content())
                .collect(Collectors.joining("\n\n", "", "\n\nAssistant:"));
        return textPromptIds(text);
    }

    /** BOS (if the tokenizer has one) + the ids of {@code text}. */
    int[] textPromptIds(String text) {
        return tokenizer.prependBos(tokenizer.encode(text));
    }

    /** The text of one token as the legacy completions format lists it. */
    String tokenText(int id) {
        return id < tokenizer.vocabSize() ? tokenizer.decode(new int[] {id}) : "<" + id + ">";
    }

    @Override
    public void close() {
        try {
            adapter.ifPresent(LoraAdapter::close);
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
