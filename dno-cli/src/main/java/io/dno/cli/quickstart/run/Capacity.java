package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.data.Prompt;
import io.dno.core.io.Json;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.train.TrainingListener;
import io.dno.cli.quickstart.QuickstartSetup;
import io.dno.cli.quickstart.student.Student;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.Task;
import io.dno.cli.quickstart.world.TaskFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gate G1 for one seed: a student of the same size, trained with the same SFT budget on the same prompts answered
 * by a teacher that is never wrong, and its greedy accuracy per family on the validation and evaluation prompts. It
 * must reach the gate's threshold on every family, or the world asks more of the student than it can learn and the
 * experiment shows nothing.
 *
 * @param byFamily correct greedy answers per family
 * @param blind    correct greedy answers on the teacher's blind class (where clean labels differ from the teacher's)
 */
record Capacity(@JsonProperty("by_family") Map<String, FamilyCount> byFamily,
                @JsonProperty("blind") FamilyCount blind) {
    static final String FILE = "g1-capacity.json";

    /** The seed's capacity, measured once (the clean student is trained in {@code dir} only when it lacks the file). */
    static Capacity measure(QuickstartSetup setup, Path dir, TrainingListener listener) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            List<Prompt> heldOut = new ArrayList<>(setup.pools().validation());
            heldOut.addAll(setup.pools().evaluation());
            Map<String, FamilyCount> counts = new LinkedHashMap<>();
            FamilyCount blind = FamilyCount.ZERO;
            for (TaskFamily f : TaskFamily.values()) {
                counts.put(f.name(), FamilyCount.ZERO);
            }
            try (TransformerPolicy clean = setup.trainedStudent(dir, setup.cleanDemonstrations(), listener)) {
                List<String> answers = Student.greedyAnswers(clean, heldOut, setup.student());
                for (int i = 0; i < heldOut.size(); i++) {
                    Task task = Task.of(heldOut.get(i));
                    boolean right = Oracle.isCorrect(task, answers.get(i));
                    counts.compute(task.family().name(), (k, c) -> c.plus(right));
                    if (task.inBlindClass()) {
                        blind = blind.plus(right);
                    }
                }
            }
            Json.write(file, new Capacity(counts, blind));
        }
        try {
            return Json.mapper().treeToValue(Json.readObject(file, FILE), Capacity.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid: " + e.getMessage(), e);
        }
    }
}
