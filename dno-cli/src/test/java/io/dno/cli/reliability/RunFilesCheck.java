package io.dno.cli.reliability;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.checkpoint.Safetensors;
import io.dno.core.io.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Checks on a run directory: no partial file, and equality with another run directory modulo timings. */
final class RunFilesCheck {
    /** JSON files that hold wall times or where the run happened; compared with those fields removed. */
    private static final Set<String> TIMED_JSON = Set.of("report.json", "stats.json", "run.json",
            "resume.json", "command.json");

    /**
     * A known difference: the annotator counters of a stage count only the calls of the process that finished it
     * (annotator.json, and the annotator fields of stats.json, report.json and report.md), since a killed process
     * takes its counters with it. (The other: timings.json may miss the wall time of a stage killed between its
     * artifact and its timing entry; see {@link #differences}.)
     */
    static final Set<String> KNOWN = Set.of("annotator.json");

    private RunFilesCheck() {}

    /** Relative paths of every regular file under {@code root}, sorted. */
    static Set<String> files(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString()));
        }
        return out;
    }

    /**
     * The problems of {@code root} as a killed run may leave it: every JSON and JSON Lines file parses as strict
     * UTF-8 JSON, every safetensors file loads. Temporary files ({@code .NAME.tmp*}) are reported only when
     * {@code temporariesAllowed} is false, and a journal's last line may be torn (its reader drops it).
     */
    static List<String> problems(Path root, boolean temporariesAllowed) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(root)) {
            return problems;                    // killed before it created the run directory
        }
        for (String relative : files(root)) {
            Path file = root.resolve(relative);
            String name = file.getFileName().toString();
            boolean temporary = Arrays.stream(relative.split("/")).anyMatch(
                    part -> part.startsWith(".") && (part.contains(".tmp-") || part.endsWith(".tmp")));
            if (temporary) {
                if (!temporariesAllowed) {
                    problems.add(relative + ": a temporary file left behind");
                }
                continue;
            }
            try {
                if (name.endsWith(".jsonl")) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    boolean journal = name.contains("journal");
                    for (int i = 0; i < lines.size(); i++) {
                        boolean lastOfJournal = journal && i == lines.size() - 1;
                        try {
                            Json.mapper().readTree(lines.get(i));
                        } catch (IOException e) {
                            if (!lastOfJournal) {
                                problems.add(relative + ":" + (i + 1) + ": " + e.getMessage());
                            }
                        }
                    }
                } else if (name.endsWith(".json")) {
                    Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
                } else if (name.endsWith(".safetensors")) {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        Safetensors.read(file, manager);
                    }
                }
            } catch (CharacterCodingException e) {
                problems.add(relative + ": not UTF-8");
            } catch (IOException | RuntimeException e) {
                problems.add(relative + ": " + e);
            }
        }
        return problems;
    }

    /** The files that differ between two run directories (timings and the run's own paths aside). */
    static List<String> differences(Path expected, Path actual) throws IOException {
        List<String> out = new ArrayList<>();
        Set<String> a = files(expected);
        Set<String> b = files(actual);
        for (String f : a) {
            if (!b.contains(f)) {
                out.add(f + ": missing");
            }
        }
        for (String f : b) {
            if (!a.contains(f)) {
                out.add(f + ": extra");
            }
        }
        for (String f : a) {
            if (!b.contains(f)) {
                continue;
            }
            byte[] x = Files.readAllBytes(expected.resolve(f));
            byte[] y = Files.readAllBytes(actual.resolve(f));
            String name = Path.of(f).getFileName().toString();
            if (KNOWN.contains(name)) {
                continue;
            }
            if (name.equals("timings.json")) {
                var xs = Json.mapper().readTree(x).fieldNames();
                var ys = Json.mapper().readTree(y).fieldNames();
                List<String> xl = new ArrayList<>();
                List<String> yl = new ArrayList<>();
                xs.forEachRemaining(xl::add);
                ys.forEachRemaining(yl::add);
                // a kill between a stage's artifact and its timing entry loses that stage's wall time, nothing else
                if (!xl.containsAll(yl)) {
                    out.add(f + ": other stages timed " + xl + " vs " + yl);
                }
            } else if (TIMED_JSON.contains(name)) {
                String xs = new String(x, StandardCharsets.UTF_8).replace(expected.toString(), "RUN");
                String ys = new String(y, StandardCharsets.UTF_8).replace(actual.toString(), "RUN");
                if (!untimed(Json.mapper().readTree(xs)).equals(untimed(Json.mapper().readTree(ys)))) {
                    out.add(f + ": differs (timings aside)");
                }
            } else if (name.equals("report.md")) {
                if (!untimed(new String(x, StandardCharsets.UTF_8).replace(expected.toString(), "RUN"))
                        .equals(untimed(new String(y, StandardCharsets.UTF_8).replace(actual.toString(), "RUN")))) {
                    out.add(f + ": differs (timings aside)");
                }
            } else if (!Arrays.equals(x, y)) {
                out.add(f + ": differs");
            }
        }
        return out;
    }

    /** {@code node} without its wall times ({@code timings}, {@code seconds}) and provenance. */
    private static JsonNode untimed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("secondsByStage", "provenance", "created", "annotator"));
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                untimed(it.next());
            }
        } else if (node.isArray()) {
            node.forEach(RunFilesCheck::untimed);
        }
        return node;
    }

    /** report.md without the last column of the training table (seconds by stage). */
    private static String untimed(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean training = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                training = line.equals("## Training");
                if (line.equals("## Annotator")) {
                    break;
                }
            }
            if (training && line.startsWith("| ") && line.endsWith(" |")) {
                String cells = line.substring(0, line.length() - 2);
                line = cells.substring(0, cells.lastIndexOf('|') + 1);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
