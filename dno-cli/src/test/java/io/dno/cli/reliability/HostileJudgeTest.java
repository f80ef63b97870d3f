package io.dno.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Scored;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.CandidateSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole two-iteration {@code dno run} (a separate JVM, the API key in its environment) against a judge that
 * misbehaves at random — 429 and 500 storms, dropped connections, replies slower than the timeout, truncated JSON,
 * out-of-range scores, missing ids, error bodies that echo the key — while the student's samples carry
 * prompt-injection phrases, with more annotation threads than the client's concurrency bound. The run completes,
 * every score in every annotations file is the server's ground truth for that candidate, the failures are counted
 * in the report, the bound holds, and the key appears in no file and no log line.
 */
class HostileJudgeTest {
    private static final String SECRET = "sk-hostile-0c8e2a4f6b1d3e5a7c9b";
    private static final int CONCURRENCY = 3;

    @TempDir
    Path tmp;

    @Test
    void aFlakyLyingJudgeNeverMisassignsAScore() throws Exception {
        try (JudgeServer judge = new JudgeServer()) {
            judge.misbehave((n, honest) -> fault(n, honest));
            judge.clientTimeout(1000);                                  // the spec's "timeout: 1s" below
            Path config = TinyRunFiles.write(tmp.resolve("input"), TinyRunFiles.openAiJudge(judge.baseUrl(),
                    "timeout: 1s, retries: 4, backoff: 1ms, max_backoff: 10ms, concurrency: " + CONCURRENCY),
                    TinyRunFiles.TRAINER, "annotation_threads: 6", 16);
            Path out = tmp.resolve("run");
            Path log = tmp.resolve("dno.log");
            Process p = DnoProcess.start(log, Map.of(TinyRunFiles.KEY_VARIABLE, SECRET), "run", "--config",
                    config.toString(), "--out", out.toString());
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the run finished");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), output);

            int scored = 0;
            int unannotated = 0;
            int injected = 0;
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith("annotations.jsonl")).toList()) {
                    for (Judgement j : Jsonl.read(file, Judgement.class)) {
                        for (Scored s : j.scored()) {
                            assertEquals(JudgeServer.truth(j.prompt().text(), s.response().text()), s.score(), 0.0,
                                    file + ": prompt " + j.prompt().id() + ", candidate '" + s.response().text() + "'");
                            scored++;
                            injected += TinyRunFiles.INJECTIONS.stream().anyMatch(s.response().text()::contains) ? 1 : 0;
                        }
                        unannotated += j.unannotated().size();
                    }
                }
            }
            for (int t = 1; t <= 2; t++) {
                List<CandidateSet> sets = Jsonl.read(out.resolve("iter-" + t + "/samples.jsonl"), CandidateSet.class);
                List<Judgement> judged = Jsonl.read(out.resolve("iter-" + t + "/annotations.jsonl"), Judgement.class);
                assertEquals(sets.size(), judged.size(), "no prompt lost");
                for (int i = 0; i < sets.size(); i++) {
                    assertEquals(sets.get(i).candidates().size(),
                            judged.get(i).scored().size() + judged.get(i).unannotated().size(), "no candidate lost");
                }
            }
            assertTrue(injected > 0, "some scored samples carried an injection");
            assertTrue(scored > unannotated, "most candidates were scored: " + scored + " vs " + unannotated);

            Map<String, Double> counters = new TreeMap<>();
            for (int t = 1; t <= 2; t++) {
                Json.mapper().readTree(out.resolve("iter-" + t + "/annotator.json").toFile()).fields()
                        .forEachRemaining(e -> counters.merge(e.getKey(), e.getValue().asDouble(), Double::sum));
            }
            for (String counter : List.of("retries", "out_of_range_scores", "missing_ids", "unparseable_replies")) {
                assertTrue(counters.getOrDefault(counter, 0.0) > 0, counter + " counted: " + counters);
            }
            String report = Files.readString(out.resolve("report.md"));
            assertTrue(report.contains("## Annotator") && report.contains("retries"), report);
            assertTrue(judge.maxInFlight() <= CONCURRENCY && judge.maxInFlight() >= 2,
                    "requests in flight at once: " + judge.maxInFlight());

            assertFalse(output.contains(SECRET), "the log holds the API key");
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET),
                            f + " holds the API key");
                }
            }
            assertTrue(judge.requests().stream().allMatch(r -> r.authorization().equals("Bearer " + SECRET)));
            System.out.printf("HostileJudgeTest: %d requests, faults served %s; %d candidates scored (%d carrying an "
                    + "injection), %d left unannotated, none mis-assigned; counters %s%n", judge.requests().size(),
                    judge.faultsServed(), scored, injected, unannotated, counters);
        }
    }

    /**
     * The misbehaviour of request {@code n}: a rotation of seven, so any seven consecutive requests (an annotation
     * stage makes at least eight) meet every fault; error bodies echo the key as a careless server might.
     */
    private static JudgeServer.Fault fault(int n, String honest) {
        String echo = "{\"error\": {\"message\": \"rate limited for key Bearer " + SECRET + "\"}}";
        return switch (n % 7) {
            case 0 -> new JudgeServer.Status(429, echo, Map.of("Retry-After", "0"));
            case 1 -> new JudgeServer.Content(honest.substring(0, honest.length() / 2));                 // truncated JSON
            case 2 -> n % 3 == 0 ? new JudgeServer.Delay(1500) : new JudgeServer.Status(500, echo, Map.of()); // > timeout
            case 3 -> new JudgeServer.Content(honest.replaceFirst("\"score\":\\d+", "\"score\":9"));    // out of range
            case 4 -> new JudgeServer.Drop();
            case 5 -> new JudgeServer.Content(honest.replaceFirst("\\{\"id\":\"c1\"[^}]*},?", ""));     // c1 missing
            default -> null;
        };
    }
}
