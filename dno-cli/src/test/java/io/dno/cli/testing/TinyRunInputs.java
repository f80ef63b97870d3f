package io.dno.cli.testing;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.io.Jsonl;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input files a tiny {@code dno run} reads, under one directory: a random model ({@code model/}, its character
 * tokenizer in {@code tokenizer/}) and the reversal task's prompts ({@code prompts.jsonl}, {@code eval.jsonl}) with
 * each prompt reversed as the teacher's gold answer ({@code gold.jsonl}). Each test writes its own run.yaml.
 */
public final class TinyRunInputs {
    private TinyRunInputs() {}

    /**
     * Writes a randomly initialised llama-type model (width 32, 1 layer) over the letters a, b and c to
     * {@code dir/model}; returns its vocabulary size.
     */
    public static int model(Path dir, long seed) {
        Path tokenizerDir = CharTokenizer.write(dir.resolve("tokenizer"), List.of("a", "b", "c"));
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        TransformerConfig config = TransformerConfig.llama(tokenizer.vocabSize(), 32, 64, 1, 2, 2, 64);
        try (TransformerPolicy policy = new TransformerPolicy(Transformer.random(config, seed), tokenizer,
                TransformerPolicy.Options.defaults().withTokenizerDir(tokenizerDir))) {
            policy.save(dir.resolve("model"));
        }
        return config.vocabSize();
    }

    /**
     * Writes the first {@code training} texts as training prompts {@code t0, t1, ...} to {@code dir/prompts.jsonl},
     * the rest as held-out prompts {@code e<i>} to {@code dir/eval.jsonl} (only when there are any), and every
     * text reversed as its gold answer to {@code dir/gold.jsonl}; returns the training prompts.
     */
    public static List<Prompt> prompts(Path dir, List<String> texts, int training) {
        List<Prompt> train = new ArrayList<>();
        List<Prompt> eval = new ArrayList<>();
        List<Demonstration> gold = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Prompt p = Prompt.of((i < training ? "t" : "e") + i, texts.get(i));
            (i < training ? train : eval).add(p);
            gold.add(Demonstration.of(p, new StringBuilder(texts.get(i)).reverse().toString()));
        }
        Jsonl.write(dir.resolve("prompts.jsonl"), train);
        if (!eval.isEmpty()) {
            Jsonl.write(dir.resolve("eval.jsonl"), eval);
        }
        Jsonl.write(dir.resolve("gold.jsonl"), gold);
        return train;
    }
}
