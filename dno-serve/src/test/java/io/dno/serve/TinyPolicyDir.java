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
    private TinyPolicyDir() {}

    public static List<String> asciiAlphabet() {
        List<String> alphabet = new ArrayList<>();
        for (char c = ' '; c <= '~'; c++) {
            alphabet.add(String.valueOf(c));
        }
        alphabet.add("\n");
        return alphabet;
    }

    /** Writes the policy into {@code dir} and returns it. */
    public static Path write(Path dir, long seed) {
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer-src"), asciiAlphabet());
        try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
             TransformerPolicy policy = new TransformerPolicy(Transformer.random(TransformerConfig.tiny(
                     tokenizer.vocabSize()), seed), HfTokenizer.load(tokenizerDir),
                     TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir))) {
            policy.save(dir);
        }
        return dir;
    }
}
