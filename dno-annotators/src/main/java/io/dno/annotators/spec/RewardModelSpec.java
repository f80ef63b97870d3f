package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.annotators.reward.RewardModelAnnotator;
import io.dno.annotators.reward.RewardTransform;
import io.dno.core.annotate.Annotator;
import io.dno.core.model.Devices;
import io.dno.core.model.RewardModel;
import io.dno.core.tokenize.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code type: reward_model}: a classifier reward model ({@code LlamaForSequenceClassification} /
 * {@code Qwen2ForSequenceClassification}, {@code num_labels} 1) scores every candidate; its rewards are mapped onto
 * the pair rule's 0–6 scale ({@link RewardTransform}).
 *
 * <pre>
 * annotator: {type: reward_model, checkpoint: models/rm}                                     # per-prompt min-max
 * annotator: {type: reward_model, checkpoint: models/rm, transform: sigmoid, center: 1.5, temperature: 1}
 * </pre>
 *
 * @param checkpoint  the reward model's directory (config.json, weights with score.weight, tokenizer.json); required
 * @param transform   {@code minmax} (default) or {@code sigmoid}
 * @param center      sigmoid only: the reward of an acceptable answer, scored 3; default 0
 * @param temperature sigmoid only: reward units per logit, default 1 (Bradley-Terry)
 * @param device      {@code cpu} (default), {@code gpu} or {@code gpu:N}
 * @param cache       optional cache file
 */
public record RewardModelSpec(
        @JsonProperty("checkpoint") String checkpoint,
        @JsonProperty("transform") String transform,
        @JsonProperty("center") Double center,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("device") String device,
        @JsonProperty("cache") String cache) implements AnnotatorSpec {

    public RewardModelSpec {
        EndpointFields.require(checkpoint != null && !checkpoint.isBlank(), "checkpoint",
                "is required: the directory of a …ForSequenceClassification reward model");
        transform = transform == null ? "minmax" : transform;
        EndpointFields.require(transform.equals("minmax") || transform.equals("sigmoid"), "transform",
                "must be minmax or sigmoid, got '" + transform + "'");
        EndpointFields.require(transform.equals("sigmoid") || (center == null && temperature == null), "center",
                "center and temperature apply to transform: sigmoid only");
        device = device == null ? "cpu" : device;
        rewardTransform(transform, center, temperature);
    }

    /** The transform the fields describe (checked). */
    public RewardTransform rewardTransform() {
        return rewardTransform(transform, center, temperature);
    }

    private static RewardTransform rewardTransform(String transform, Double center, Double temperature) {
        if (transform.equals("minmax")) {
            return new RewardTransform.MinMax();
        }
        double t = temperature == null ? 1.0 : temperature;
        double c = center == null ? 0.0 : center;
        EndpointFields.require(t > 0 && Double.isFinite(t), "temperature", "must be > 0, got " + t);
        EndpointFields.require(Double.isFinite(c), "center", "must be finite, got " + c);
        return new RewardTransform.Sigmoid(c, t);
    }

    @Override
    public Annotator buildUncached(Path runDirectory) {
        Path dir = Path.of(checkpoint);
        EndpointFields.require(Files.isDirectory(dir), "checkpoint", dir + " is not a directory");
        HfTokenizer tokenizer = HfTokenizer.load(dir);
        try {
            RewardModel model = RewardModel.load(dir, Devices.requireUsable(Devices.parse(device)));
            return new RewardModelAnnotator(model, tokenizer, rewardTransform(), dir.toString());
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }
}
