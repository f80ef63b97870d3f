package io.dno.cli.serve;

import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A random-init tiny policy over printable ASCII with a 4096-token context, for serving in CLI tests. */
public final class ServedPolicies {
    private ServedPolicies() {}

    public static Path write(Path dir, long seed) {
        List<String> alphabet = new ArrayList<>();
        for (char c = ' '; c <= '~'; c++) {
            alphabet.add(String.valueOf(c));
        }
        alphabet.add("\n");
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer-src"), alphabet);
        try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
             TransformerPolicy policy = new TransformerPolicy(Transformer.random(TransformerConfig.llama(
                     tokenizer.vocabSize(), 64, 176, 2, 4, 2, 4096).withTiedEmbeddings(true), seed),
                     HfTokenizer.load(tokenizerDir), TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir))) {
            policy.save(dir);
        }
        return dir;
    }
}
