package io.dno.annotators.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.policy.Teacher;
import io.dno.core.policy.Teachers;
import java.nio.file.Path;

/**
 * {@code type: dataset}: gold answers from a demonstrations file, one
 * {@code {"prompt": {"id": ..., "text": ...}, "response": "..."}} per line, covering every prompt the run asks about.
 *
 * @param file the demonstrations JSONL file; required
 */
public record DatasetTeacherSpec(@JsonProperty("file") String file) implements TeacherSpec {

    public DatasetTeacherSpec {
        EndpointFields.require(file != null && !file.isBlank(), "file", "is required: the gold answers "
                + "(demonstrations JSONL)");
    }

    @Override
    public Teacher build(Path runDirectory) {
        return Teachers.fromFile(Path.of(file));
    }
}
