package io.dno.cli.readme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.annotators.FakeChatServer;
import io.dno.cli.CliRun;
import io.dno.cli.init.NewModelDirectory;
import io.dno.cli.init.ProjectScaffold;
import io.dno.cli.run.RunSetup;
import io.dno.cli.run.Yaml;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.DataFileException;
import io.dno.core.io.DataFiles;
import io.dno.core.io.Json;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.ByteLevelTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A directory in which README blocks run, in README order: {@code ./dno} is this build's tool (a script running
 * {@code io.dno.cli.DnoCommand} on the test's class path), fixtures are made on demand ({@code needs=}), YAML
 * blocks are written with the test's sizes ({@code set=}) and the judge's address, and every failure names the
 * README line.
 */
final class Workspace implements AutoCloseable {
    static final long BLOCK_TIMEOUT_SECONDS = 300;
    /** Lines the script puts before the block, so that a failing line maps back to the README. */
    private static final List<String> SCRIPT_HEADER = List.of("set -Eeo pipefail",
            "trap 'echo \"readme-test: failed at line $LINENO\" >&2' ERR");

    private final String name;
    private final Path dir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Set<String> fixtures = new HashSet<>();
    private FakeChatServer judge;
    private boolean started;
    private int blocksRun;

    Workspace(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    String name() {
        return name;
    }

    int blocksRun() {
        return blocksRun;
    }

    /** Runs {@code block} as its marker says; throws an {@link AssertionError} naming the README line on failure. */
    void run(ReadmeBlock block) throws Exception {
        ReadmeMarker marker = block.marker();
        prepare(block, marker);
        switch (marker.action()) {
            case "run" -> runShell(block);
            case "file" -> writeFile(block, marker);
            case "merge" -> merge(block, marker);
            default -> throw new IllegalStateException(block.where() + ": action " + marker.action() + " does not run");
        }
        blocksRun++;
    }

    private void prepare(ReadmeBlock block, ReadmeMarker marker) throws IOException {
        if (marker.option("from") != null) {
            check(marker.option("from").equals("init"), block, "from= knows only init (a dno init project)");
            check(!started, block, "from=init must be on the first block of workspace '" + name + "'");
            ProjectScaffold.write(dir, 0);
        }
        if (!started) {
            Files.createDirectories(dir);
            writeLauncher();
            started = true;
        }
        for (String fixture : marker.needs()) {
            if (fixtures.add(fixture)) {
                makeFixture(block, fixture);
            }
        }
    }

    private void makeFixture(ReadmeBlock block, String fixture) throws IOException {
        String[] kind = fixture.split(":", 2);
        switch (kind[0]) {
            case "judge" -> {
                judge = new FakeChatServer(FakeChatServer.always(ReadmeJudge::reply));
            }
            case "model" -> {
                NewModelDirectory.TokenizerChoice byteLevel = new NewModelDirectory.ByteLevel();
                int[] ids = NewModelDirectory.specialIds(byteLevel, ByteLevelTokenizer.VOCAB_SIZE);
                TransformerConfig config = NewModelDirectory.withSpecialTokens(
                        TransformerConfig.tiny(ByteLevelTokenizer.VOCAB_SIZE), null, null, ids);
                NewModelDirectory.write(dir.resolve(kind[1]), config, fixtures.size(), ai.djl.Device.cpu(), byteLevel,
                        ids);
            }
            case "adapter" -> {
                String[] at = kind[1].split("@", 2);
                check(at.length == 2, block, "adapter fixture: write adapter:PATH@BASE");
                CliRun init = CliRun.of("lora", "init", "--base", dir.resolve(at[1]).toString(), "--out",
                        dir.resolve(at[0]).toString(), "-r", "4", "--alpha", "8");
                check(init.exitCode() == 0, block, "fixture " + fixture + ": " + init.err());
            }
            case "hh-rlhf" -> Files.writeString(dir.resolve(kind[1]), hhRlhf("What is 12 + 30?", "42", "41")
                    + hhRlhf("Hi", "Hello! How can I help?", "Go away."));
            default -> throw new AssertionError(block.where() + ": unknown fixture '" + fixture + "'; known: judge, "
                    + "model:PATH, adapter:PATH@BASE, hh-rlhf:PATH (ReadmeSnippetsTest's javadoc)");
        }
    }

    private void runShell(ReadmeBlock block) throws IOException, InterruptedException {
        check(block.language().equals("bash") || block.language().equals("sh"), block,
                "run is for bash blocks, this is " + block.language());
        List<String> script = new ArrayList<>(SCRIPT_HEADER);
        script.addAll(block.lines());
        Path file = dir.resolve(".readme-block-" + block.fenceLine() + ".sh");
        Files.write(file, script);
        Path log = dir.resolve(".readme-block-" + block.fenceLine() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("DNO_TEST_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        if (!process.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(block.where() + ": the block did not finish within " + BLOCK_TIMEOUT_SECONDS
                    + " s (workspace " + dir + "):\n" + tail(log));
        }
        if (process.exitValue() != 0) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            java.util.regex.Matcher failed = java.util.regex.Pattern.compile("readme-test: failed at line (\\d+)")
                    .matcher(output);
            int line = failed.find() ? block.readmeLine(Integer.parseInt(failed.group(1)) - SCRIPT_HEADER.size())
                    : block.fenceLine();
            String command = line > block.fenceLine() && line - block.fenceLine() <= block.lines().size()
                    ? block.lines().get(line - block.fenceLine() - 1).strip() : "the block";
            throw new AssertionError("README.md:" + line + ": `" + command + "` failed (exit " + process.exitValue()
                    + ", workspace " + dir + "):\n" + tail(log));
        }
    }

    private void writeFile(ReadmeBlock block, ReadmeMarker marker) throws IOException {
        Path target = dir.resolve(marker.option("name"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, block.text());
        String readsAs = marker.option("reads-as");
        boolean runConfig = "run-config".equals(readsAs) || target.getFileName().toString().endsWith("run.yaml");
        try {
            if (readsAs != null) {
                switch (readsAs) {
                    case "prompts" -> DataFiles.readPrompts(target);
                    case "demonstrations" -> DataFiles.readDemonstrations(target);
                    case "scored" -> DataFiles.readScoredPrompts(target);
                    case "pairs" -> DataFiles.readPairs(target);
                    case "run-config" -> { }
                    default -> throw new AssertionError(block.where() + ": reads-as knows prompts, demonstrations, "
                            + "scored, pairs and run-config, not '" + readsAs + "'");
                }
            }
            if (runConfig) {
                RunSetup.read(target);                                          // strict, as written in the README
            }
        } catch (DataFileException e) {
            throw new AssertionError((e.line() > 0 ? "README.md:" + block.readmeLine((int) e.line()) : block.where())
                    + ": " + e.getMessage(), e);
        }
        if (block.language().equals("yaml")) {
            writeForTest(block, marker, target, (ObjectNode) Yaml.mapper().readTree(block.text()));
        }
    }

    private void merge(ReadmeBlock block, ReadmeMarker marker) throws IOException {
        Path target = dir.resolve(marker.option("into"));
        check(Files.isRegularFile(target), block, "merge into=" + marker.option("into") + ": no such file in workspace '"
                + name + "' (write it with an earlier block, or start the workspace from=init)");
        ObjectNode merged = (ObjectNode) Yaml.mapper().readTree(Files.readString(target));
        ObjectNode fragment = (ObjectNode) Yaml.mapper().readTree(block.text());
        fragment.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        Files.writeString(target, Yaml.mapper().writeValueAsString(merged));
        try {
            RunSetup.read(target);
        } catch (RuntimeException e) {
            throw new AssertionError(block.where() + ": merged into " + marker.option("into") + ", the run "
                    + "configuration is rejected: " + e.getMessage(), e);
        }
        writeForTest(block, marker, target, merged);
    }

    /** Writes {@code tree} to {@code target} with the judge's address, its key variables set, and {@code set=}. */
    private void writeForTest(ReadmeBlock block, ReadmeMarker marker, Path target, ObjectNode tree) throws IOException {
        for (JsonNode key : tree.findValues("api_key_env")) {
            environment.put(key.asText(), "readme-test-key");
        }
        if (judge != null) {
            for (JsonNode parent : tree.findParents("base_url")) {
                ((ObjectNode) parent).put("base_url", judge.baseUrl().toString());
            }
        }
        String sets = marker.option("set");
        if (sets != null) {
            for (String assignment : sets.split(";")) {
                String[] kv = assignment.split("=", 2);
                check(kv.length == 2, block, "set= takes key.path=value pairs separated by ';', got '" + assignment + "'");
                String[] path = kv[0].strip().split("\\.");
                ObjectNode parent = tree;
                for (int i = 0; i < path.length - 1; i++) {
                    check(parent.get(path[i]) instanceof ObjectNode, block, "set " + kv[0] + ": there is no section '"
                            + path[i] + "' to set it in");
                    parent = (ObjectNode) parent.get(path[i]);
                }
                check(parent.has(path[path.length - 1]), block, "set " + kv[0] + ": the block has no such key, so the "
                        + "override would add one; set only keys the README writes");
                parent.set(path[path.length - 1], Yaml.mapper().readTree(kv[1].strip()));
            }
        }
        AtomicFiles.writeString(target, Yaml.mapper().writeValueAsString(tree));
    }

    private void writeLauncher() throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"));
        for (String property : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            if (System.getProperty(property) != null) {
                java.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        String command = String.join(" ", java.stream().map(Workspace::quote).toList());
        Path launcher = dir.resolve("dno");
        Files.writeString(launcher, "#!/bin/sh\n# this build's dno, for the README blocks of ReadmeSnippetsTest\nexec "
                + command + " -cp \"$DNO_TEST_CLASSPATH\" io.dno.cli.DnoCommand \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** One HH-RLHF line: two transcripts that differ in the last assistant turn. */
    private static String hhRlhf(String question, String chosen, String rejected) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("chosen", "\n\nHuman: " + question + "\n\nAssistant: " + chosen);
        line.put("rejected", "\n\nHuman: " + question + "\n\nAssistant: " + rejected);
        return line + "\n";
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void check(boolean ok, ReadmeBlock block, String problem) {
        if (!ok) {
            throw new AssertionError(block.where() + ": " + problem);
        }
    }

    @Override
    public void close() {
        if (judge != null) {
            judge.close();
        }
    }
}
