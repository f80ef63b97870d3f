package io.dno.core.tokenize;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A character-level tokenizer for experiments, written as real Hugging Face files so it is loaded through
 * {@link HfTokenizer} exactly like a downloaded one (and by {@code transformers} as a
 * {@code PreTrainedTokenizerFast}).
 *
 * <p>{@code tokenizer.json}: a {@code WordLevel} model whose vocabulary is the alphabet, a {@code Split}
 * pre-tokenizer on the regex {@code [\s\S]} with behavior {@code Isolated} (every code point becomes its own
 * piece, spaces and newlines included), no normalizer, and a {@code Fuse} decoder that joins tokens without
 * separators, so decoding restores the text. Characters outside the alphabet become {@code <unk>}.
 *
 * <p>Ids: {@code <pad>} 0, {@code <s>} 1, {@code </s>} 2, {@code <unk>} 3, the role markers
 * {@code <|system|>} 4, {@code <|user|>} 5, {@code <|assistant|>} 6, then the alphabet in the given order.
 * {@code tokenizer_config.json} names the special tokens and a chat template
 * {@code <s><|user|>question</s><|assistant|>answer</s>} whose role markers are single tokens.
 */
public final class CharTokenizer {
    public static final String PAD = "<pad>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    /** Special tokens in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, BOS, EOS, UNK, "<|system|>", "<|user|>", "<|assistant|>");

    /** The chat template: BOS, then each turn as role marker, content and EOS; ends with the assistant marker. */
    public static final String CHAT_TEMPLATE = "{{ bos_token }}{% for message in messages %}"
            + "{% if message['role'] not in ['system', 'user', 'assistant'] %}"
            + "{{ raise_exception('Unknown role ' + message['role'] + '; use system, user or assistant') }}{% endif %}"
            + "{{ '<|' + message['role'] + '|>' + message['content'] + eos_token }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}";

    private CharTokenizer() {}

    /**
     * Writes {@code tokenizer.json} and {@code tokenizer_config.json} for {@code alphabet} into {@code dir}
     * (atomically, replacing existing ones) and returns {@code dir}; load it with {@link HfTokenizer#load}.
     *
     * @param alphabet single Unicode code points (a surrogate pair counts as one); duplicates are ignored
     */
    public static Path write(Path dir, Collection<String> alphabet) {
        checkNotNull(dir, "dir");
        checkNotNull(alphabet, "alphabet");
        Set<String> symbols = new LinkedHashSet<>();
        for (String symbol : alphabet) {
            checkArgument(symbol != null && symbol.codePointCount(0, symbol.length()) == 1,
                    "every alphabet entry must be exactly one Unicode code point, got %s", symbol == null ? null : "'" + symbol + "'");
            symbols.add(symbol);
        }
        checkArgument(!symbols.isEmpty(), "the alphabet must not be empty");
        return TokenizerFiles.write(dir, tokenizerJson(symbols),
                TokenizerFiles.configJson(BOS, EOS, PAD, UNK, 1_000_000_000));
    }

    /** The alphabet of all characters in {@code text}, in order of first appearance. */
    public static List<String> alphabetOf(String text) {
        Set<String> symbols = new LinkedHashSet<>();
        text.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        return List.copyOf(symbols);
    }

    private static ObjectNode tokenizerJson(Set<String> symbols) {
        ObjectNode root = TokenizerFiles.tokenizerJson(SPECIAL_TOKENS);
        root.putNull("normalizer");
        ObjectNode split = root.putObject("pre_tokenizer");
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", "[\\s\\S]");
        split.put("behavior", "Isolated");
        split.put("invert", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        int id = 0;
        for (String token : SPECIAL_TOKENS) {
            vocab.put(token, id++);
        }
        for (String symbol : symbols) {
            if (!vocab.has(symbol)) {
                vocab.put(symbol, id++);
            }
        }
        model.put("unk_token", UNK);
        return root;
    }
}
