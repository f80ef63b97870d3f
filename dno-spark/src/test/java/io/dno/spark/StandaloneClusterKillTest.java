package io.dno.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dno.core.Alignment;
import io.dno.core.Strategy;
import io.dno.core.data.Prompt;
import io.dno.core.model.PolicySource;
import io.dno.core.model.TransformerPolicy;
import io.dno.core.testing.TinyRuleWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1 (a Master and two Workers, each its own JVM, launching executor JVMs) runs
 * one DNO iteration; while SAMPLE's chunks are in flight, the Worker whose executor is inside a chunk is killed with
 * SIGKILL, executor included. The stage completes on the other executor, and every artifact is byte-identical to
 * the same run in one process.
 */
class StandaloneClusterKillTest {
    /** 8 chunks of 32 prompts to sample, each held 1.5 s by the slow loader: the kill lands inside one. */
    static final TinyRuleWorld WORLD = new TinyRuleWorld(5, 256, 32);

    @TempDir
    Path tmp;

    static Alignment.Builder dno(TransformerPolicy policy, Path run) {
        return WORLD.builder(policy, run).annotator(ReverseRuleJudge.annotator(0))
                .strategy(Strategy.dno().withIterations(1).withSamplesPerPrompt(3));
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aWorkerKilledMidStageLeavesTheRunIdenticalToOneProcess() throws Exception {
        Path inProcess = tmp.resolve("in-process");
        try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 21)) {
            dno(policy, inProcess).build().run();
        }

        Path run = tmp.resolve("cluster-run");
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger failedTasks = new AtomicInteger();
        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(tmp.resolve("cluster"), 2, 1, "1g",
                Duration.ofMinutes(2));
             SparkCluster spark = SparkCluster.connect(SparkSettings.of(cluster.masterUrl())
                     .withConf(cluster.driverConf()).withConf(Map.of("spark.executor.memory", "512m")))) {
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
                    removed.incrementAndGet();
                }

                @Override
                public void onTaskEnd(SparkListenerTaskEnd event) {
                    if (!event.taskInfo().successful()) {
                        failedTasks.incrementAndGet();
                    }
                }
            });
            spark.awaitExecutors(2, Duration.ofMinutes(2));
            SparkEngine engine = spark.engine(new SlowLoader(PolicySource.of(run.resolve("iter-0/checkpoint")), 1500,
                    markers.toString()), new ReverseRuleJudge(0));
            // a watcher kills the Worker whose executor is inside a chunk whose part is not written yet; the run
            // itself stays on this thread (DJL's grad mode is off only on the thread that started the engine)
            List<Prompt> partition = partitionOf();
            Path parts = run.resolve("iter-1/sample-parts");
            AtomicBoolean finished = new AtomicBoolean();
            CompletableFuture<Kill> watcher = CompletableFuture.supplyAsync(() -> {
                try {
                    while (!finished.get()) {
                        Kill found = inFlight(markers, partition, parts, cluster);
                        if (found != null) {
                            List<Long> pids = cluster.kill(found.worker());
                            return new Kill(found.worker(), found.executorPid(), found.chunk(), pids,
                                    countParts(parts));
                        }
                        Thread.sleep(100);
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TransformerPolicy policy = TinyRuleWorld.randomPolicy(tmp, 21)) {
                dno(policy, run).engine(engine).build().run();
            } finally {
                finished.set(true);
            }
            Kill kill = watcher.get(1, TimeUnit.MINUTES);
            assertTrue(kill != null, "the sampling stage ended before any chunk was seen in flight");
            List<Long> killed = kill.killed();
            long writtenAtKill = kill.partsAtKill();

            assertTrue(killed.contains(kill.executorPid()), "the executor inside chunk " + kill.chunk()
                    + " was killed with its Worker");
            assertTrue(writtenAtKill < 8, "the kill landed before SAMPLE finished (" + writtenAtKill + " of 8 parts)");
            assertTrue(removed.get() >= 1, "Spark saw the executor go");
            assertTrue(failedTasks.get() >= 1, "the chunk in flight failed with its executor and ran again");
            assertTrue(Files.isRegularFile(run.resolve("iter-1/samples.jsonl")));
            assertFalse(Files.exists(parts), "the finished stage removed its parts");
            CallTrace sample = engine.traces().stream().filter(t -> t.call().equals("iter-1 sample")).findFirst()
                    .orElseThrow();
            assertEquals(8, sample.chunks());
            assertNotEquals(List.of(), sample.executors());
        }
        int compared = RunFiles.assertIdentical(inProcess, run);
        assertTrue(RunFiles.files(run).containsAll(RunFiles.artifacts(1)));
        assertTrue(compared > 10, "compared " + compared + " files");
    }

    record Kill(int worker, long executorPid, int chunk, List<Long> killed, long partsAtKill) {}

    /** An executor process inside a sampling chunk whose part is not written yet, and its Worker; or null. */
    private static Kill inFlight(Path markers, List<Prompt> partition, Path parts, LocalStandaloneCluster cluster)
            throws Exception {
        Map<String, Integer> chunkOf = new HashMap<>();
        for (int i = 0; i < partition.size(); i++) {
            chunkOf.put(partition.get(i).id(), i / 32);
        }
        List<Path> seen;
        try (Stream<Path> s = Files.list(markers)) {
            seen = new ArrayList<>(s.filter(p -> !p.getFileName().toString().startsWith(".")).toList());
        }
        for (Path m : seen) {
            String name = m.getFileName().toString();
            long pid = Long.parseLong(name.substring(0, name.indexOf('-')));
            Integer chunk = chunkOf.get(name.substring(name.indexOf('-') + 1));
            int worker = cluster.workerOf(pid);
            if (chunk != null && worker >= 0 && !Files.exists(parts.resolve(String.format("part-%05d.jsonl", chunk)))
                    && Optional.ofNullable(ProcessHandle.of(pid).orElse(null)).map(ProcessHandle::isAlive)
                    .orElse(false)) {
                return new Kill(worker, pid, chunk, List.of(), 0);
            }
        }
        return null;
    }

    /** Iteration 1's prompts, in the order SAMPLE decodes them (the builder's seed is 7). */
    private static List<Prompt> partitionOf() {
        return io.dno.core.loop.PromptPartitions.split(WORLD.trainPrompts(), 1, 7).get(0);
    }

    private static long countParts(Path parts) throws Exception {
        if (!Files.isDirectory(parts)) {
            return 8;
        }
        try (Stream<Path> s = Files.list(parts)) {
            return s.filter(p -> p.getFileName().toString().matches("part-\\d+\\.jsonl")).count();
        }
    }
}
