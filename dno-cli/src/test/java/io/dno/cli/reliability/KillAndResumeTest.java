package io.dno.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.cli.run.ResumeFile;
import io.dno.core.loop.Stage;
import io.dno.core.loop.StepDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code dno run} process (SIGKILL) during a two-iteration DNO run against an HTTP judge, resumes it
 * each time with {@code dno resume}, and checks that the run directory ends byte for byte as an uninterrupted run
 * with the same seed ends (timings aside), that no judge request was made twice except the one a kill cut short,
 * that no file is ever partial or corrupt, and that the API key is written nowhere.
 *
 * <p>Kill moments: each campaign first kills inside sampling, annotation and training of one iteration (the test
 * watches the process's progress lines, kills once the stage before the target has ended, and reads which stage
 * was in progress from the run directory: the first stage whose artifact is missing), then at one random moment.
 * The test asserts that sampling, annotation and training were each hit at least once; a targeted kill that missed
 * its stage is retried in another campaign, a bounded number of times.
 *
 * <p>CI runs {@value #DEFAULT_TRIALS} kills; more with
 * {@code mvn -B -ntp -o test -pl dno-cli -am -Dtest=KillAndResumeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddno.crash.trials=200} (and {@code -Ddno.crash.seed=N} for other random kill moments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillAndResumeTest {
    static final int DEFAULT_TRIALS = 4;
    /** The stages every run of this test must have killed inside at least once. */
    private static final List<Stage> COVERED = List.of(Stage.SAMPLE, Stage.ANNOTATE, Stage.TRAIN);
    /** Campaigns allowed beyond the planned ones to make up a targeted kill that missed its stage. */
    private static final int EXTRA_CAMPAIGNS = 3;
    private static final Pattern STAGE_LINE =
            Pattern.compile("^(iter-[0-9]+|lookahead)\\s+([a-z]+)\\s+(already complete|([0-9.]+) s)$");
    private static final String SECRET = "sk-reliability-5d1e9b7c3a2f4e6d8b0a";
    private static final long PROCESS_LIMIT_SECONDS = 300;

    @TempDir
    static Path tmp;

    private JudgeServer judge;
    private Path config;
    private Path reference;
    private long referenceMillis;
    private Map<String, Long> referenceKeys;
    /** The stages of the uninterrupted run in order, with how long each took. */
    private final Map<Slot, Double> referenceSeconds = new LinkedHashMap<>();
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
        for (String line : lines(outputs.get(0))) {
            Matcher m = STAGE_LINE.matcher(line.trim());
            if (m.matches()) {
                referenceSeconds.put(new Slot(m.group(1), Stage.valueOf(m.group(2).toUpperCase(Locale.ROOT))),
                        Double.parseDouble(m.group(4)));
            }
        }
        for (Stage stage : COVERED) {
            assertTrue(referenceSeconds.containsKey(new Slot("iter-1", stage)), "the run reports " + stage + ": "
                    + referenceSeconds.keySet());
        }
    }

    @AfterAll
    void stopJudge() {
        judge.close();
    }

    @Test
    void killedInsideEveryStageAndAtRandomMomentsEndsAsAnUninterruptedRun() throws Exception {
        int trials = Integer.getInteger("dno.crash.trials", DEFAULT_TRIALS);
        long seed = Long.getLong("dno.crash.seed", 20261121L);
        Random random = new Random(seed);
        int kills = 0;
        int campaigns = 0;
        int reAsked = 0;
        Map<String, Integer> killedDuring = new LinkedHashMap<>();
        Set<Stage> covered = EnumSet.noneOf(Stage.class);
        int campaignLimit = plannedCampaigns(trials) + EXTRA_CAMPAIGNS;
        while (kills < trials || !covered.containsAll(COVERED) && campaigns < campaignLimit) {
            Path dir = tmp.resolve("killed-" + campaigns);
            String iteration = "iter-" + (1 + campaigns % 2);
            boolean makeUp = kills >= trials;                     // only here for a stage a targeted kill missed
            List<Slot> targets = new ArrayList<>();
            COVERED.stream().filter(stage -> !makeUp || !covered.contains(stage))
                    .forEach(stage -> targets.add(new Slot(iteration, stage)));
            boolean randomKillLeft = !makeUp;
            campaigns++;
            int firstGeneration = generation + 1;
            Set<Integer> killedGenerations = new HashSet<>();
            boolean finished = false;
            for (int attempt = 0; !finished; attempt++) {
                // a process killed before it wrote its resume file is started again as a user would: dno run
                boolean resumable = attempt > 0 && Files.exists(dir.resolve(ResumeFile.NAME));
                Process p = resumable ? start("resume", dir.toString())
                        : start("run", "--config", config.toString(), "--out", dir.toString());
                Path log = outputs.get(outputs.size() - 1);
                boolean killed;
                if (!targets.isEmpty()) {
                    killed = killInside(p, log, targets.remove(0));
                } else if (randomKillLeft) {
                    randomKillLeft = false;
                    killed = !p.waitFor((long) ((0.1 + 0.8 * random.nextDouble()) * remainingMillis(dir)),
                            TimeUnit.MILLISECONDS);
                } else {
                    killed = !p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS);
                    assertTrue(!killed, "the last process of " + dir.getFileName() + " finished in time");
                }
                if (killed) {
                    p.destroyForcibly().waitFor();
                    kills++;
                    killedGenerations.add(generation);
                    Slot where = inProgress(dir, log);
                    killedDuring.merge(where == null ? "start-up" : where.toString(), 1, Integer::sum);
                    if (where != null) {
                        covered.add(where.stage());
                    }
                    List<String> problems = RunFilesCheck.problems(dir, true);
                    assertTrue(problems.isEmpty(), "after kill " + kills + ": " + problems);
                } else {
                    assertEquals(0, p.exitValue(), output(log));
                    finished = true;
                }
            }
            reAsked += checkRequests(firstGeneration, killedGenerations);
            assertEquals(List.of(), RunFilesCheck.problems(dir, false), "the final run directory is whole");
            assertEquals(List.of(), RunFilesCheck.differences(reference, dir), "the killed and resumed run "
                    + dir.getFileName() + " ends as the uninterrupted one");
        }
        assertTrue(covered.containsAll(COVERED), "kills landed inside " + covered + ", not inside every stage of "
                + COVERED + ": " + killedDuring);
        assertNoSecret();
        String summary = String.format("%d kills over %d runs (seed %d), all resumed to the uninterrupted result; "
                + "judge requests re-sent because a kill cut them short: %d; kills by stage in progress: %s", kills,
                campaigns, seed, reAsked, killedDuring);
        System.out.println("KillAndResumeTest: " + summary);
        Files.writeString(Path.of("target", "kill-and-resume.txt"), summary + "\n");
    }

    /**
     * About how long a process resumed in {@code dir} runs, from the uninterrupted run: its start-up and shut-down
     * (the run's time outside its stages) plus the stages whose artifacts are missing.
     */
    private long remainingMillis(Path dir) {
        double stages = referenceSeconds.values().stream().mapToDouble(Double::doubleValue).sum() * 1000;
        double missing = 0;
        for (Map.Entry<Slot, Double> e : referenceSeconds.entrySet()) {
            Slot slot = e.getKey();
            if (!Files.exists(new StepDirectory(slot.step(), 0, dir.resolve(slot.step())).artifact(slot.stage()))) {
                missing += e.getValue() * 1000;
            }
        }
        return Math.round(Math.max(0, referenceMillis - stages) + missing);
    }

    /** Campaigns the trials need: each kills inside the three stages, then once at random. */
    private static int plannedCampaigns(int trials) {
        return (trials + COVERED.size()) / (COVERED.size() + 1);
    }

    /**
     * Waits until {@code p} reports the end of the stage before {@code target} (done now, or already complete),
     * then a quarter of the target's duration in the uninterrupted run, and returns true if {@code p} is still
     * running then (the caller kills it); false when {@code p} ended first.
     */
    private boolean killInside(Process p, Path log, Slot target) throws IOException, InterruptedException {
        List<Slot> order = new ArrayList<>(referenceSeconds.keySet());
        Slot before = order.get(order.indexOf(target) - 1);
        long wait = Math.round(250 * referenceSeconds.get(target));
        while (p.isAlive()) {
            if (reported(log, before)) {
                Thread.sleep(wait);
                return p.isAlive();
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** Whether the process's output has the line of {@code slot}'s end. */
    private static boolean reported(Path log, Slot slot) throws IOException {
        for (String line : lines(log)) {
            Matcher m = STAGE_LINE.matcher(line.trim());
            if (m.matches() && m.group(1).equals(slot.step()) && m.group(2).equals(slot.stage().label())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stage a killed process was in: the first stage of the uninterrupted run whose artifact is missing from
     * {@code dir}, provided the process had reported the stage before it (else it was still starting up: null).
     */
    private Slot inProgress(Path dir, Path log) throws IOException {
        Slot previous = null;
        for (Slot slot : referenceSeconds.keySet()) {
            if (!Files.exists(new StepDirectory(slot.step(), 0, dir.resolve(slot.step())).artifact(slot.stage()))) {
                return previous == null || reported(log, previous) ? slot : null;
            }
            previous = slot;
        }
        return null;
    }

    /** One stage of one iteration ({@code iter-1 sample}). */
    private record Slot(String step, Stage stage) {
        @Override
        public String toString() {
            return step + " " + stage.label();
        }
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

    private static List<String> lines(Path file) throws IOException {
        return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R"));
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
