package io.dno.annotators.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.annotators.spec.AnnotatorSpec;
import io.dno.annotators.spec.RewardModelSpec;
import io.dno.annotators.spec.TestYaml;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.model.RewardCheckpoints;
import io.dno.core.model.RewardModel;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reward-model checkpoint (HF sequence-classification layout, with a chat-template tokenizer) as an annotator built
 * from its YAML spec: the scores are the transform of the model's rewards on the templated conversations.
 */
class RewardModelAnnotatorTest {

    static Path rewardModel(Path dir) throws Exception {
        CharTokenizer.write(dir, CharTokenizer.alphabetOf("abcdefghijklmnopqrstuvwxyz ?.0123456789+="));
        int vocab;
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            vocab = t.vocabSize();
        }
        TransformerConfig config = TransformerConfig.llama(vocab, 32, 64, 2, 4, 2, 256).withTiedEmbeddings(false);
        return RewardCheckpoints.write(dir, config, 23, 0);
    }

    @Test
    void scoresAreTheTransformedRewardsOfTheTemplatedConversations(@TempDir Path tmp) throws Exception {
        Path dir = rewardModel(tmp.resolve("rm"));
        Prompt prompt = Prompt.of("p", "what is 2+2?");
        List<Response> candidates = List.of(Response.student("p", "4"), Response.student("p", "five."),
                Response.teacher("p", "2+2=4."));
        AnnotatorSpec spec = TestYaml.mapper().readValue("{type: reward_model, checkpoint: " + dir + "}", AnnotatorSpec.class);
        Annotator annotator = spec.build(tmp);
        try (AutoCloseable closing = (AutoCloseable) annotator; HfTokenizer tokenizer = HfTokenizer.load(dir);
             RewardModel direct = RewardModel.load(dir)) {
            Judgement j = annotator.judge(prompt, candidates);
            assertEquals(3, j.scored().size());
            RewardModelAnnotator rm = (RewardModelAnnotator) annotator;
            double[] rewards = direct.score(candidates.stream().map(c -> rm.ids(prompt, c)).toList());
            double[] expected = new RewardTransform.MinMax().toScale(rewards);
            for (int i = 0; i < 3; i++) {
                Scored s = j.scored().get(i);
                assertEquals(candidates.get(i), s.response());
                assertEquals(expected[i], s.score(), 1e-9);
                assertTrue(s.justification().startsWith("reward "), s.justification());
            }
            String rendered = tokenizer.decode(rm.ids(prompt, candidates.get(0)));
            assertTrue(rendered.contains("what is 2+2?") && rendered.contains("4"), rendered);
            assertEquals(3.0, annotator.counters().get("scored"));
            assertTrue(annotator.name().contains("transform=minmax"), annotator.name());
        }
    }

    @Test
    void theSpecChecksItsFields(@TempDir Path tmp) throws Exception {
        RewardModelSpec sigmoid = (RewardModelSpec) TestYaml.mapper().readValue(
                "{type: reward_model, checkpoint: x, transform: sigmoid, center: 1.5}", AnnotatorSpec.class);
        assertEquals(new RewardTransform.Sigmoid(1.5, 1.0), sigmoid.rewardTransform());
        Exception e = assertThrows(Exception.class, () -> TestYaml.mapper().readValue(
                "{type: reward_model, checkpoint: x, center: 1.5}", AnnotatorSpec.class));
        assertTrue(e.getMessage().contains("transform: sigmoid only"), e.getMessage());
        e = assertThrows(Exception.class, () -> TestYaml.mapper().readValue(
                "{type: reward_model, checkpoint: x, transform: rank}", AnnotatorSpec.class));
        assertTrue(e.getMessage().contains("must be minmax or sigmoid"), e.getMessage());
        e = assertThrows(Exception.class, () -> TestYaml.mapper().readValue(
                "{type: reward_model, checkpoint: x, transform: sigmoid, temperature: 0}", AnnotatorSpec.class));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        Path notRm = tmp.resolve("nope");
        Files.createDirectories(notRm);
        AnnotatorSpec missing = TestYaml.mapper().readValue("{type: reward_model, checkpoint: " + notRm + "}",
                AnnotatorSpec.class);
        assertInstanceOf(RuntimeException.class, assertThrows(RuntimeException.class, () -> missing.build(tmp)));
    }
}
