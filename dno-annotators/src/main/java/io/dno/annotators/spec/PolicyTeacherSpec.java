package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.model.PolicySource;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.policy.SamplingParams;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code type: policy}: another local model answers, greedily. The teacher it builds holds that model: close it
 * when done (it is {@link AutoCloseable}).
 *
 * @param checkpoint   the teacher's model directory; required
 * @param promptFormat {@code raw} (default) or {@code chat}
 * @param stop         stop strings
 * @param maxNewTokens most tokens per answer, default 256
 * @param device       {@code cpu} (default), {@code gpu} or {@code gpu:N}
 */
public record PolicyTeacherSpec(@JsonProperty("checkpoint") String checkpoint,
                                @JsonProperty("prompt_format") String promptFormat,
                                @JsonProperty("stop") List<String> stop,
                                @JsonProperty("max_new_tokens") Integer maxNewTokens,
                                @JsonProperty("device") String device) implements TeacherSpec {

    public PolicyTeacherSpec {
        EndpointFields.require(checkpoint != null && !checkpoint.isBlank(), "checkpoint",
                "is required: the teacher's model directory");
        maxNewTokens = maxNewTokens == null ? 256 : maxNewTokens;
        EndpointFields.require(maxNewTokens >= 1, "max_new_tokens", "must be >= 1, got " + maxNewTokens);
    }

    @Override
    public Teacher build(Path runDirectory) {
        TransformerPolicy policy = new PolicySource(checkpoint, promptFormat, stop, device).load();
        return new OwnedTeacher(Teachers.fromPolicy(policy, SamplingParams.greedy(maxNewTokens)), policy);
    }

    /** A teacher that owns its model and closes it. */
    private record OwnedTeacher(Teacher teacher, TransformerPolicy policy) implements Teacher, AutoCloseable {
        @Override
        public List<Response> answer(List<Prompt> prompts) {
            return teacher.answer(prompts);
        }

        @Override
        public void close() {
            policy.close();
        }
    }
}
