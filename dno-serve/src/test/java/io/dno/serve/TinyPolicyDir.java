package io.dno.serve;

import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A random-init tiny policy directory (config.json, model.safetensors, a character tokenizer.json with a chat
 * template) over printable ASCII, so any English text encodes.
 */
public final class TinyPolicyDir {
    /** Tokens of context (one token per character). */
    public static final int CONTEXT = 4096;

    private TinyPolicyDir() {}

    public static List<String> asciiAlphabet() {
        List<String> alphabet = new ArrayList<>();
        for (char c = ' '; c <= '~'; c++) {
            alphabet.add(String.valueOf(c));
        }
        alphabet.add("\n");
        return alphabet;
    }

    /** The tiny preset with a context of {@link #CONTEXT} tokens, room for a listwise judge's prompt. */
    public static TransformerConfig config(int vocab) {
        return TransformerConfig.llama(vocab, 64, 176, 2, 4, 2, CONTEXT).withTiedEmbeddings(true);
    }

    /** Writes the policy into {@code dir} and returns it. */
    public static Path write(Path dir, long seed) {
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer-src"), asciiAlphabet());
        try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
             TransformerPolicy policy = new TransformerPolicy(Transformer.random(config(tokenizer.vocabSize()), seed),
                     HfTokenizer.load(tokenizerDir),
                     TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir))) {
            policy.save(dir);
        }
        return dir;
    }
}
