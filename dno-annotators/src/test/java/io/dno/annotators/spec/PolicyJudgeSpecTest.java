package io.dno.annotators.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.CharTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type: policy} end to end on a tiny random checkpoint: the model is loaded with its chat template,
 * judges (its random reply is unreadable, so nothing is scored and nothing guessed), and is closed.
 */
class PolicyJudgeSpecTest {
    @TempDir
    Path dir;

    @Test
    void buildsAJudgeFromACheckpointDirectory() throws Exception {
        List<String> alphabet = new ArrayList<>();
        for (char c = 32; c < 127; c++) {
            alphabet.add(String.valueOf(c));
        }
        alphabet.add("\n");
        Path checkpoint = dir.resolve("judge-model");
        CharTokenizer.write(dir.resolve("tok"), alphabet);
        int vocab = CharTokenizer.SPECIAL_TOKENS.size() + alphabet.size();
        try (Transformer model = Transformer.random(TransformerConfig.llama(vocab, 16, 32, 1, 2, 2, 2048), 1)) {
            CheckpointDir.save(model, Optional.of(dir.resolve("tok")), checkpoint);
        }
        Path rubric = java.nio.file.Files.writeString(dir.resolve("short.txt"), "Score each answer.");
        AnnotatorSpec spec = TestYaml.mapper().readValue("{type: policy, checkpoint: '" + checkpoint
                + "', max_new_tokens: 4, rubric_file: '" + rubric + "', scale: {min: 0, max: 6}, cache: c.jsonl}",
                AnnotatorSpec.class);
        Annotator judge = spec.build(dir.resolve("run"));
        try {
            Prompt p = Prompt.of("p", "Say hi.");
            Judgement j = judge.judge(p, List.of(Response.student("p", "hi"), Response.teacher("p", "Hello!")));
            assertEquals(List.of(), j.scored());
            assertEquals(2, j.unannotated().size());
            assertEquals(1.0, judge.counters().get("unparseable_replies"));
            assertEquals(1.0, judge.counters().get("requests"));
            assertTrue(judge.name().contains("policy(" + checkpoint), judge.name());
        } finally {
            ((AutoCloseable) assertInstanceOf(AutoCloseable.class, judge)).close();
        }
    }
}
