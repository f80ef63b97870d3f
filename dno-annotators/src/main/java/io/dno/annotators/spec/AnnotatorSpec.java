package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dno.annotators.cache.CachedAnnotator;
import io.dno.core.annotate.Annotator;
import java.nio.file.Path;

/**
 * An annotator as written in a run configuration, selected by {@code type}: {@code exact-match}, {@code openai},
 * {@code policy} or {@code reward_model}. Unknown keys are rejected and every value is checked when the spec is
 * read, with a message naming the field. {@link #build(Path)} makes the annotator; with {@code cache} set it sits
 * behind the persistent cache (a relative cache path is resolved against the run directory). An annotator built
 * from a {@code policy} or {@code reward_model} spec holds a model: close it when done (it is
 * {@link AutoCloseable}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ExactMatchSpec.class, name = "exact-match"),
        @JsonSubTypes.Type(value = OpenAiJudgeSpec.class, name = "openai"),
        @JsonSubTypes.Type(value = PolicyJudgeSpec.class, name = "policy"),
        @JsonSubTypes.Type(value = RewardModelSpec.class, name = "reward_model")})
public sealed interface AnnotatorSpec permits ExactMatchSpec, OpenAiJudgeSpec, PolicyJudgeSpec, RewardModelSpec {

    /** The cache file, if any: absolute, or relative to the run directory. */
    String cache();

    /** The annotator without its cache. */
    Annotator buildUncached(Path runDirectory);

    /** The annotator, behind the cache when {@link #cache()} is set. */
    default Annotator build(Path runDirectory) {
        Annotator annotator = buildUncached(runDirectory);
        if (cache() == null) {
            return annotator;
        }
        try {
            return new CachedAnnotator(annotator, EndpointFields.underRun(runDirectory, cache()));
        } catch (RuntimeException e) {
            if (annotator instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }
}
