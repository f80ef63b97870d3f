package io.dno.core.tokenize;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face fast tokenizer ({@code tokenizer.json}) run through DJL's binding of the Rust
 * {@code tokenizers} library, with truncation and padding off (DJL's default silently truncates at 512
 * tokens) and no special tokens added by {@link #encode}: the policy places BOS/EOS itself.
 *
 * <p>The special tokens come from {@code tokenizer_config.json} beside {@code tokenizer.json}, as in
 * {@code transformers}; their ids and the vocabulary size (largest id + 1) from the {@code model.vocab} and
 * {@code added_tokens} of {@code tokenizer.json}. Without a pad token, the EOS id pads, then the UNK id, then 0.
 */
public final class HfTokenizer implements Tokenizer {
    /** The file name {@code transformers} uses. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> vocabulary;
    private final int vocabSize;
    private final TokenizerConfig config;
    private final OptionalInt bosId;
    private final OptionalInt eosId;
    private final int padId;

    private HfTokenizer(Path file, HuggingFaceTokenizer tokenizer, Map<String, Integer> vocabulary, TokenizerConfig config) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.vocabulary = Map.copyOf(vocabulary);
        this.vocabSize = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.config = config;
        Path configFile = file.resolveSibling(TokenizerConfig.FILE_NAME);
        this.bosId = id(configFile, "bos_token", config.bosToken());
        this.eosId = id(configFile, "eos_token", config.eosToken());
        OptionalInt pad = id(configFile, "pad_token", config.padToken());
        OptionalInt unk = id(configFile, "unk_token", config.unkToken());
        this.padId = pad.isPresent() ? pad.getAsInt() : eosId.isPresent() ? eosId.getAsInt() : unk.orElse(0);
    }

    /**
     * Loads a tokenizer from a directory holding {@code tokenizer.json} (and optionally
     * {@code tokenizer_config.json}), or from a {@code tokenizer.json} file.
     *
     * @throws DataFileException when the files are missing or malformed
     */
    public static HfTokenizer load(Path path) {
        checkNotNull(path, "path");
        if (!Files.exists(path)) {
            throw new DataFileException(path, 0, "does not exist; give a model directory with " + TOKENIZER_FILE
                    + " (a Hugging Face fast tokenizer) or the " + TOKENIZER_FILE + " file itself");
        }
        Path file = Files.isDirectory(path) ? path.resolve(TOKENIZER_FILE) : path;
        if (!Files.isRegularFile(file) && !Files.exists(path.resolve("config.json"))) {
            throw new DataFileException(path, 0, "is not a model directory: it has neither config.json nor "
                    + TOKENIZER_FILE + "; give the directory a model was saved to (save_pretrained, dno init-model)");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(path, 0, "has no " + TOKENIZER_FILE + ": copy " + TOKENIZER_FILE + " and "
                    + TokenizerConfig.FILE_NAME + " from the model it was made from, or make a model with its "
                    + "tokenizer with dno init-model");
        }
        Map<String, Integer> vocabulary = vocabulary(file);
        TokenizerConfig config = TokenizerConfig.read(file.resolveSibling(TokenizerConfig.FILE_NAME));
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(file, 0, "the tokenizers library cannot load it: " + e.getMessage(), e);
        }
        try {
            return new HfTokenizer(file, tokenizer, vocabulary, config);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public int[] encode(String text) {
        checkNotNull(text, "text");
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        checkNotNull(ids, "ids");
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            checkArgument(ids[i] >= 0 && ids[i] < vocabSize, "token id %s at position %s is outside the vocabulary [0, %s)",
                    ids[i], i, vocabSize);
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, true);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt eosId() {
        return eosId;
    }

    @Override
    public OptionalInt bosId() {
        return bosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    /** The id of {@code token} in the vocabulary or the added tokens, if it has one. */
    public OptionalInt tokenId(String token) {
        Integer id = vocabulary.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The special tokens and chat template from {@code tokenizer_config.json}. */
    public TokenizerConfig config() {
        return config;
    }

    /** The chat template of {@code tokenizer_config.json}, with its BOS and EOS tokens, if it has one. */
    public Optional<ChatTemplate> chatTemplate() {
        return config.chatTemplate().map(t -> ChatTemplate.of(t, config.bosToken().orElse(""), config.eosToken().orElse("")));
    }

    /** The {@code tokenizer.json} this tokenizer was loaded from. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private OptionalInt id(Path configFile, String field, Optional<String> token) {
        if (token.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt id = tokenId(token.get());
        if (id.isEmpty()) {
            throw new DataFileException(configFile, 0, field + " '" + token.get() + "' is not in the vocabulary or the "
                    + "added tokens of " + file + "; the two files do not belong together");
        }
        return id;
    }

    /** Token to id over {@code model.vocab} (an object for BPE/WordPiece/WordLevel, a list for Unigram) and {@code added_tokens}. */
    private static Map<String, Integer> vocabulary(Path file) {
        JsonNode root = Json.readObject(file, "a tokenizer.json");
        Map<String, Integer> ids = new HashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ids.put(e.getKey(), nonNegativeId(file, e.getKey(), e.getValue()));
            }
        } else if (vocab.isArray()) {
            int index = 0;
            for (JsonNode piece : vocab) {
                ids.put(piece.path(0).asText(), index++);
            }
        } else {
            throw new DataFileException(file, 0, "model.vocab is missing; only BPE, WordPiece, WordLevel and Unigram "
                    + "tokenizers are supported");
        }
        for (JsonNode added : root.path("added_tokens")) {
            ids.put(added.path("content").asText(), nonNegativeId(file, added.path("content").asText(), added.get("id")));
        }
        if (ids.isEmpty()) {
            throw new DataFileException(file, 0, "the vocabulary is empty");
        }
        return ids;
    }

    private static int nonNegativeId(Path file, String token, JsonNode id) {
        if (id == null || !id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
            throw new DataFileException(file, 0, "token '" + token + "' has id " + id + "; ids must be non-negative integers");
        }
        return id.intValue();
    }
}
