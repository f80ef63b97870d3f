package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dno.core.policy.Teacher;
import java.nio.file.Path;

/**
 * A teacher as written in a run configuration, selected by {@code type} (for now {@code openai}). Unknown keys
 * are rejected and values checked when read. {@link #build(Path)} makes a teacher whose answers are stored
 * under the run directory and never requested twice.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = OpenAiTeacherSpec.class, name = "openai")})
public sealed interface TeacherSpec permits OpenAiTeacherSpec {

    Teacher build(Path runDirectory);
}
