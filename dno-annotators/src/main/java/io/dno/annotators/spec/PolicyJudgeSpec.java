package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.annotators.chat.PolicyChat;
import io.dno.annotators.judge.ListwiseJudge;
import io.dno.annotators.judge.Scale;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code type: policy}: the listwise judge played by a local model (the self-rewarding setting), answering
 * greedily through its chat template when the checkpoint has one.
 *
 * @param checkpoint   a checkpoint directory (config.json, model.safetensors, tokenizer.json); required
 * @param maxNewTokens most tokens of the judge's reply, default 1024
 * @param twoPass      judge again in reversed order and average, default false
 * @param rubric       built-in rubric, default {@code additive-6}
 * @param rubricFile   grading instructions from a file instead (needs {@code scale})
 * @param scale        only with {@code rubric_file}
 * @param seed         seed of the candidate order, default 0
 * @param cache        optional cache file
 */
public record PolicyJudgeSpec(
        @JsonProperty("checkpoint") String checkpoint,
        @JsonProperty("max_new_tokens") Integer maxNewTokens,
        @JsonProperty("two_pass") Boolean twoPass,
        @JsonProperty("rubric") String rubric,
        @JsonProperty("rubric_file") String rubricFile,
        @JsonProperty("scale") Scale scale,
        @JsonProperty("seed") Long seed,
        @JsonProperty("cache") String cache) implements AnnotatorSpec {

    public PolicyJudgeSpec {
        EndpointFields.require(checkpoint != null && !checkpoint.isBlank(), "checkpoint",
                "is required: the checkpoint directory of the judging model");
        maxNewTokens = maxNewTokens == null ? 1024 : maxNewTokens;
        EndpointFields.require(maxNewTokens >= 1, "max_new_tokens", "must be >= 1, got " + maxNewTokens);
        twoPass = twoPass != null && twoPass;
        seed = seed == null ? 0L : seed;
        RubricFields.check(rubric, rubricFile, scale);
    }

    @Override
    public Annotator buildUncached(Path runDirectory) {
        Path dir = Path.of(checkpoint);
        EndpointFields.require(Files.isDirectory(dir), "checkpoint", dir + " is not a directory");
        HfTokenizer tokenizer = HfTokenizer.load(dir);
        TransformerPolicy policy = TransformerPolicy.load(dir, tokenizer, TransformerPolicy.Options.defaults());
        PolicyChat chat = new PolicyChat(policy, dir.toString(),
                tokenizer.chatTemplate().map(PolicyChat::templated).orElse(PolicyChat.plain()),
                SamplingParams.greedy(maxNewTokens));
        return new OwnedJudge(new ListwiseJudge(chat, RubricFields.build(rubric, rubricFile, scale), twoPass, seed),
                policy);
    }

    /** A judge that owns its policy and closes it. */
    private record OwnedJudge(ListwiseJudge judge, TransformerPolicy policy) implements Annotator, AutoCloseable {
        @Override
        public Judgement judge(Prompt prompt, List<Response> candidates) {
            return judge.judge(prompt, candidates);
        }

        @Override
        public String name() {
            return judge.name();
        }

        @Override
        public Map<String, Double> counters() {
            return judge.counters();
        }

        @Override
        public void close() {
            policy.close();
        }
    }
}
