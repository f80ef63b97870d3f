package io.dno.core.tokenize;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * A byte-level tokenizer that needs no training: every UTF-8 byte is one token, so any text encodes and decodes
 * back exactly. Written as Hugging Face files ({@code tokenizer.json}, {@code tokenizer_config.json}) that
 * {@link HfTokenizer}, DJL's {@code HuggingFaceTokenizer} and {@code transformers}' {@code AutoTokenizer}
 * ({@code PreTrainedTokenizerFast}) load; it is what {@code dno init-model} gives a fresh model.
 *
 * <p>{@code tokenizer.json}: a {@code BPE} model without merges whose vocabulary is GPT-2's byte alphabet
 * ({@code bytes_to_unicode}: printable bytes stand for themselves, the others for code points from U+0100), a
 * {@code ByteLevel} pre-tokenizer and decoder, no normalizer and no post-processor (nothing is added on encode;
 * the policy places BOS and EOS itself).
 *
 * <p>Ids: {@value #PAD} 0, {@value #BOS} 1, {@value #EOS} 2, then byte {@code b} is id {@code 3 + b}: 259 ids in
 * all (the layout of Llama's byte-fallback tokens). The special tokens are added tokens, so their text in an input
 * becomes the special id, as with every Hugging Face tokenizer; any other text round-trips. The chat template is
 * {@link CharTokenizer#CHAT_TEMPLATE}: {@code <|bos|><|user|>question<|eos|><|assistant|>answer<|eos|>}, whose role
 * markers are plain text.
 */
public final class ByteLevelTokenizer {
    public static final String PAD = "<|pad|>";
    public static final String BOS = "<|bos|>";
    public static final String EOS = "<|eos|>";
    /** Special tokens in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, BOS, EOS);
    /** The id of byte 0; byte {@code b} is {@code FIRST_BYTE_ID + b}. */
    public static final int FIRST_BYTE_ID = 3;
    /** Ids the tokenizer produces: 3 special tokens and 256 bytes. */
    public static final int VOCAB_SIZE = FIRST_BYTE_ID + 256;

    private ByteLevelTokenizer() {}

    /**
     * Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir} (atomically, replacing existing
     * ones) and returns {@code dir}; load it with {@link HfTokenizer#load}.
     *
     * @param modelMaxLength the model's context in tokens, recorded as {@code model_max_length} (dno itself never
     *                       truncates)
     */
    public static Path write(Path dir, int modelMaxLength) {
        checkNotNull(dir, "dir");
        checkArgument(modelMaxLength >= 1, "modelMaxLength must be >= 1, got %s", modelMaxLength);
        return TokenizerFiles.write(dir, tokenizerJson(),
                TokenizerFiles.configJson(BOS, EOS, PAD, null, modelMaxLength));
    }

    /**
     * The vocabulary entry of byte {@code b} (0-255): GPT-2's {@code bytes_to_unicode}, which maps the printable
     * bytes {@code !}..{@code ~}, {@code ¡}..{@code ¬} and {@code ®}..{@code ÿ} to themselves and the other 68 bytes,
     * in order, to U+0100 onwards (so a space is {@code Ġ}).
     */
    public static String byteToken(int b) {
        checkArgument(b >= 0 && b < 256, "a byte is 0-255, got %s", b);
        if (printable(b)) {
            return String.valueOf((char) b);
        }
        int shifted = 0;
        for (int other = 0; other < b; other++) {
            if (!printable(other)) {
                shifted++;
            }
        }
        return String.valueOf((char) (256 + shifted));
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    private static ObjectNode tokenizerJson() {
        ObjectNode root = TokenizerFiles.tokenizerJson(SPECIAL_TOKENS);
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel());
        root.putNull("post_processor");
        root.set("decoder", byteLevel());
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < SPECIAL_TOKENS.size(); id++) {
            vocab.put(SPECIAL_TOKENS.get(id), id);
        }
        for (int b = 0; b < 256; b++) {
            vocab.put(byteToken(b), FIRST_BYTE_ID + b);
        }
        model.putArray("merges");
        return root;
    }

    /** The ByteLevel pre-tokenizer and decoder: no prefix space, no GPT-2 split regex (no merges to guide). */
    private static ObjectNode byteLevel() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", false);
        node.put("trim_offsets", false);
        node.put("use_regex", false);
        return node;
    }
}
