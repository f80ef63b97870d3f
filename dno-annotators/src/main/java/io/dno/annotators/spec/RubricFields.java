package io.dno.annotators.spec;

import io.dno.annotators.judge.Rubric;
import io.dno.annotators.judge.Scale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code rubric} (a built-in name), or {@code rubric_file} with {@code scale}, as a {@link Rubric}. */
final class RubricFields {

    private RubricFields() {}

    static void check(String rubric, String rubricFile, Scale scale) {
        if (rubricFile != null) {
            EndpointFields.require(rubric == null, "rubric", "give either rubric (a built-in) or rubric_file, not both");
            EndpointFields.require(scale != null, "scale", "is required with rubric_file, e.g. {min: 1, max: 10}");
        } else {
            EndpointFields.require(scale == null, "scale",
                    "is only for rubric_file: a built-in rubric has its own scale (additive-6: 0-6, score-1-10: 1-10)");
            Rubric.named(rubric == null ? "additive-6" : rubric);
        }
    }

    static Rubric build(String rubric, String rubricFile, Scale scale) {
        if (rubricFile == null) {
            return Rubric.named(rubric == null ? "additive-6" : rubric);
        }
        Path file = Path.of(rubricFile);
        try {
            String text = Files.readString(file);
            EndpointFields.require(!text.isBlank(), "rubric_file", file + " is empty");
            String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return new Rubric(name, text, scale);
        } catch (IOException e) {
            throw new UncheckedIOException("field 'rubric_file': cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
