package io.dno.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.run.ResumeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code dno run} process (SIGKILL) at random moments of a two-iteration DNO run against an HTTP
 * judge, resumes it each time with {@code dno resume}, and checks that the run directory ends byte for byte as an
 * uninterrupted run with the same seed ends (timings aside), that no judge request was made twice except the one
 * a kill cut short, that no file is ever partial or corrupt, and that the API key is written nowhere.
 *
 * <p>CI runs {@value #DEFAULT_TRIALS} kills; more with
 * {@code mvn -B -ntp -o test -pl dno-cli -am -Dtest=KillAndResumeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddno.crash.trials=200} (and {@code -Ddno.crash.seed=N} for other kill moments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillAndResumeTest {
    static final int DEFAULT_TRIALS = 4;
    private static final String SECRET = "sk-reliability-5d1e9b7c3a2f4e6d8b0a";
    private static final long PROCESS_LIMIT_SECONDS = 300;

    @TempDir
    static Path tmp;

    private JudgeServer judge;
    private Path config;
    private Path reference;
    private long referenceMillis;
    private Map<String, Long> referenceKeys;
    private int generation;
    private final List<Path> outputs = new ArrayList<>();

    @BeforeAll
    void uninterrupted() throws Exception {
        judge = new JudgeServer();
        config = TinyRunFiles.writeWithJudge(tmp.resolve("input"), judge.baseUrl(),
                "timeout: 20s, retries: 2, backoff: 1ms, max_backoff: 10ms", "");
        judge.misbehave((n, honest) -> new JudgeServer.Delay(40));   // widens the window of a kill mid-annotation
        reference = tmp.resolve("reference");
        long start = System.nanoTime();
        Process p = start("run", "--config", config.toString(), "--out", reference.toString());
        assertTrue(p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS), "the uninterrupted run finished");
        referenceMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, p.exitValue(), output(outputs.get(0)));
        referenceKeys = judge.requests().stream()
                .collect(Collectors.groupingBy(JudgeServer.Request::key, Collectors.counting()));
        assertTrue(referenceKeys.size() > 10, "the run asks the judge: " + referenceKeys.size());
    }

    @AfterAll
    void stopJudge() {
        judge.close();
    }

    @Test
    void killedAtRandomMomentsEndsAsAnUninterruptedRun() throws Exception {
        int trials = Integer.getInteger("dno.crash.trials", DEFAULT_TRIALS);
        long seed = Long.getLong("dno.crash.seed", 20261121L);
        Random random = new Random(seed);
        int kills = 0;
        int campaigns = 0;
        int reAsked = 0;
        Map<String, Integer> killedDuring = new LinkedHashMap<>();
        while (kills < trials) {
            Path dir = tmp.resolve("killed-" + campaigns++);
            int firstGeneration = generation + 1;
            Set<Integer> killedGenerations = new HashSet<>();
            boolean finished = false;
            for (int attempt = 0; !finished; attempt++) {
                // a process killed before it wrote its resume file is started again as a user would: dno run
                boolean resumable = attempt > 0 && Files.exists(dir.resolve(ResumeFile.NAME));
                Process p = resumable ? start("resume", dir.toString())
                        : start("run", "--config", config.toString(), "--out", dir.toString());
                long delay = kills < trials ? (long) ((0.25 + 0.75 * random.nextDouble()) * referenceMillis) : PROCESS_LIMIT_SECONDS * 1000;
                if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    assertEquals(0, p.exitValue(), output(outputs.get(outputs.size() - 1)));
                    finished = true;
                } else {
                    p.destroyForcibly().waitFor();
                    kills++;
                    killedGenerations.add(generation);
                    killedDuring.merge(stageAtKill(outputs.get(outputs.size() - 1)), 1, Integer::sum);
                    List<String> problems = RunFilesCheck.problems(dir, true);
                    assertTrue(problems.isEmpty(), "after kill " + kills + ": " + problems);
                }
            }
            reAsked += checkRequests(firstGeneration, killedGenerations);
            assertEquals(List.of(), RunFilesCheck.problems(dir, false), "the final run directory is whole");
            assertEquals(List.of(), RunFilesCheck.differences(reference, dir), "the killed and resumed run "
                    + dir.getFileName() + " ends as the uninterrupted one");
        }
        assertNoSecret();
        String summary = String.format("%d kills over %d runs (seed %d), all resumed to the uninterrupted result; "
                + "judge requests re-sent because a kill cut them short: %d; kills by stage: %s", kills, campaigns,
                seed, reAsked, killedDuring);
        System.out.println("KillAndResumeTest: " + summary);
        Files.writeString(Path.of("target", "kill-and-resume.txt"), summary + "\n");
    }

    /**
     * The processes since {@code firstGeneration} asked the judge the questions the uninterrupted run asked, as
     * many times, except for a question that was the last request of a killed process (in flight, or answered but
     * not yet journaled, when the kill came), which is asked once more. Returns how many such re-asks there were.
     */
    private int checkRequests(int firstGeneration, Set<Integer> killedGenerations) {
        List<JudgeServer.Request> requests = judge.requests().stream()
                .filter(r -> askerOf(r) >= firstGeneration).toList();
        Map<Integer, JudgeServer.Request> lastOfGeneration = new HashMap<>();
        requests.forEach(r -> lastOfGeneration.merge(askerOf(r), r, (x, y) -> x.number() > y.number() ? x : y));
        Map<String, Long> cutShort = killedGenerations.stream().filter(lastOfGeneration::containsKey)
                .collect(Collectors.groupingBy(g -> lastOfGeneration.get(g).key(), Collectors.counting()));
        Map<String, Long> asked = requests.stream()
                .collect(Collectors.groupingBy(JudgeServer.Request::key, Collectors.counting()));
        assertEquals(referenceKeys.keySet(), asked.keySet(), "the resumed run asks the judge the same questions");
        int reAsked = 0;
        for (var e : asked.entrySet()) {
            long extra = e.getValue() - referenceKeys.get(e.getKey());
            assertTrue(extra >= 0 && extra <= cutShort.getOrDefault(e.getKey(), 0L), "a question was asked "
                    + e.getValue() + " times, the uninterrupted run asked it " + referenceKeys.get(e.getKey())
                    + " times, and a kill cut it short " + cutShort.getOrDefault(e.getKey(), 0L) + " times");
            reAsked += (int) extra;
        }
        return reAsked;
    }

    /** The process that asked: each process gets its own key, {@code SECRET-N} for process N. */
    private static int askerOf(JudgeServer.Request r) {
        String prefix = "Bearer " + SECRET + "-";
        assertTrue(r.authorization().startsWith(prefix), "the key reaches the judge: " + r.authorization());
        return Integer.parseInt(r.authorization().substring(prefix.length()));
    }

    private void assertNoSecret() throws IOException {
        List<Path> places = new ArrayList<>(outputs);
        try (Stream<Path> walk = Files.walk(tmp)) {
            walk.filter(Files::isRegularFile).forEach(places::add);
        }
        for (Path file : places) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertTrue(!text.contains(SECRET), file + " holds the API key");
        }
    }

    /** Where the killed process was: after the last stage its progress lines name, or in start-up. */
    private static String stageAtKill(Path output) throws IOException {
        String stage = "start-up";
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && (words[0].startsWith("iter-") || words[0].equals("lookahead"))
                    && words[1].matches("[a-z]+") && (words[2].equals("already") || words[2].matches("[0-9.]+"))) {
                stage = "after " + words[0] + " " + words[1];
            }
        }
        return stage;
    }

    private Process start(String... args) throws IOException {
        generation++;
        Path output = tmp.resolve("process-" + generation + ".log");
        outputs.add(output);
        return DnoProcess.start(output, Map.of(TinyRunFiles.KEY_VARIABLE, SECRET + "-" + generation), args);
    }

    private static String output(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
