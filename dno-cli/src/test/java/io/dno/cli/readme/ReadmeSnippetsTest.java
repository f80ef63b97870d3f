package io.dno.cli.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands and configurations run as written, so a renamed flag or field fails the build with the
 * README line at fault.
 *
 * <p>The convention, for whoever adds a section: every {@code bash}, {@code sh}, {@code yaml} and {@code java} block
 * has, on the line right above its opening fence, an HTML comment (invisible on GitHub, visible in the source) saying
 * what this test does with it ({@link ReadmeMarker} lists actions and keys):
 * <pre>
 * &lt;!-- readme-test: run --&gt;                              a bash block, run in a fresh directory
 * &lt;!-- readme-test: run in=align --&gt;                     ... in the workspace "align", shared with other blocks in README order
 * &lt;!-- readme-test: file name=run.yaml in=align from=init needs=judge set="sampling.max_new_tokens=8" --&gt;
 *                                                       a yaml/json block written to a file of the workspace
 * &lt;!-- readme-test: merge into=run.yaml in=judged --&gt;      a yaml block whose sections replace those of a workspace file
 * &lt;!-- readme-test: java-main --&gt;                        a java block the consumer test (consumer-test/) runs
 * &lt;!-- readme-test: skip reason="needs a GPU" --&gt;          not run, and why
 * </pre>
 * In a workspace {@code ./dno} is this build's tool (each call a fresh JVM on the test's class path); {@code from=init}
 * starts the workspace as a {@code dno init} project; {@code needs=} makes fixtures: {@code judge} (an
 * OpenAI-compatible server in this JVM: every {@code base_url} of the workspace's YAML points at it, every
 * {@code api_key_env} variable is set), {@code model:PATH} (a tiny model with a byte-level tokenizer),
 * {@code adapter:PATH@BASE} (a fresh LoRA adapter of BASE), {@code hh-rlhf:PATH} (two HH-RLHF records).
 * {@code reads-as=prompts|demonstrations|scored|pairs|run-config} checks a file block with dno's own reader; a file
 * named {@code run.yaml} is always read strictly, as written in the README, before the test's {@code set=} overrides
 * (the only way to shrink a block, and visible in its marker) are applied. Sizes: the fixtures are tiny models, so a
 * block that runs at all runs in seconds; keep it so (the whole test takes about a minute on 2 cores).
 */
class ReadmeSnippetsTest {
    private static final Set<String> MARKED_LANGUAGES = Set.of("bash", "sh", "yaml", "java");

    @TempDir
    Path dir;

    @Test
    void everyCommandConfigurationAndJavaBlockSaysWhatTheTestDoesWithIt() throws IOException {
        List<String> unmarked = new ArrayList<>();
        int marked = 0;
        for (ReadmeBlock block : Readme.blocks(Readme.locate())) {
            if (!MARKED_LANGUAGES.contains(block.language())) {
                continue;
            }
            if (block.marker() == null) {
                unmarked.add(block.where() + " (```" + block.language() + ")");
            } else {
                marked++;
            }
        }
        assertTrue(unmarked.isEmpty(), "blocks without a <!-- readme-test: ... --> marker on the line above: " + unmarked
                + "; add <!-- readme-test: run --> (or file/merge/java-main) or <!-- readme-test: skip reason=\"...\" -->"
                + " (see ReadmeSnippetsTest)");
        assertTrue(marked >= 10, "found only " + marked + " marked blocks: is this the README?");
    }

    /** Issue 21's promise: the README shows the two commands that take an empty directory to a DNO run, and runs them. */
    @Test
    void theReadmeShowsAndRunsTheFirstRunFromAnEmptyDirectory() throws IOException {
        String first = "./dno init --out my-run && ./dno run --config my-run/run.yaml --out my-run/runs/dno";
        assertTrue(Readme.blocks(Readme.locate()).stream().anyMatch(b -> b.marker() != null
                && b.marker().action().equals("run") && b.lines().contains(first)), "no run block holds: " + first);
    }

    @TestFactory
    Stream<DynamicTest> readmeBlocksRunAsWritten() throws IOException {
        Map<String, List<ReadmeBlock>> workspaces = new LinkedHashMap<>();
        for (ReadmeBlock block : Readme.blocks(Readme.locate())) {
            ReadmeMarker marker = block.marker();
            if (marker == null || !Set.of("run", "file", "merge").contains(marker.action())) {
                continue;
            }
            String name = marker.option("in") != null ? marker.option("in") : "line-" + block.fenceLine();
            workspaces.computeIfAbsent(name, k -> new ArrayList<>()).add(block);
        }
        assertTrue(workspaces.size() >= 5, "found only " + workspaces.keySet());
        return workspaces.entrySet().stream().map(w -> DynamicTest.dynamicTest(
                "README.md:" + w.getValue().get(0).fenceLine() + " workspace " + w.getKey(), () -> {
                    try (Workspace workspace = new Workspace(w.getKey(), dir.resolve(w.getKey()))) {
                        for (ReadmeBlock block : w.getValue()) {
                            workspace.run(block);
                        }
                        assertEquals(w.getValue().size(), workspace.blocksRun());
                    }
                }));
    }

    @Test
    void markersAreReadStrictlyAndNameTheirLine() {
        ReadmeMarker ok = ReadmeMarker.parse(7, "<!-- readme-test: file name=run.yaml set=\"a.b=1;c=x y\" -->");
        assertEquals("file", ok.action());
        assertEquals(Map.of("name", "run.yaml", "set", "a.b=1;c=x y"), ok.options());

        assertTrue(message(3, "<!-- readme-test: execute -->").startsWith("README.md:3: unknown action 'execute'"));
        assertTrue(message(4, "<!-- readme-test: run inn=x -->").startsWith("README.md:4: 'run' takes no key 'inn'"));
        assertEquals("README.md:5: 'skip' needs reason=...", message(5, "<!-- readme-test: skip -->"));
        assertTrue(message(6, "<!-- readme-test: run in=\"x -->").startsWith("README.md:6: malformed marker"));
    }

    @Test
    void blocksAreFoundWithTheirMarkersAndLines() {
        List<ReadmeBlock> blocks = Readme.blocks(List.of("text", "<!-- readme-test: run in=w -->", "```bash",
                "./dno --version", "```", "```json", "{}", "```"));
        assertEquals(2, blocks.size());
        assertEquals(3, blocks.get(0).fenceLine());
        assertEquals("w", blocks.get(0).marker().option("in"));
        assertEquals(4, blocks.get(0).readmeLine(1));
        assertEquals(null, blocks.get(1).marker());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> Readme.blocks(List.of("```bash", "ls")));
        assertEquals("README.md:1: the code block is never closed", open.getMessage());
    }

    private static String message(int line, String marker) {
        return assertThrows(IllegalArgumentException.class, () -> ReadmeMarker.parse(line, marker)).getMessage();
    }
}
