package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dno.core.policy.Teacher;
import java.nio.file.Path;

/**
 * A teacher as written in a run configuration, selected by {@code type}: {@code dataset}, {@code policy} or
 * {@code openai}. Unknown keys are rejected and values checked when read. {@link #build(Path)} makes the teacher;
 * one that holds a model ({@code policy}) is {@link AutoCloseable}; an {@code openai} teacher's answers are stored
 * under the run directory and never requested twice.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DatasetTeacherSpec.class, name = "dataset"),
        @JsonSubTypes.Type(value = PolicyTeacherSpec.class, name = "policy"),
        @JsonSubTypes.Type(value = OpenAiTeacherSpec.class, name = "openai")})
public sealed interface TeacherSpec permits DatasetTeacherSpec, PolicyTeacherSpec, OpenAiTeacherSpec {

    Teacher build(Path runDirectory);
}
