package io.dno.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.dno.core.annotate.AnnotatorFactory;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.DataFileException;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.CandidateSet;
import io.dno.core.loop.Judged;
import io.dno.core.loop.RunContext;
import io.dno.core.loop.StageEngine;
import io.dno.core.policy.IterateLoader;
import io.dno.core.policy.SamplingParams;
import io.dno.core.train.ReferenceLogProbs;
import io.dno.core.train.TokenizedPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StageEngine} on Spark: each call (SAMPLE, ANNOTATE, REFERENCE, EVALUATE's decoding and judging) is one
 * Spark job over fixed chunks, each task writing its chunk's part atomically into the call's parts folder; the driver
 * then reads the parts back in chunk order. Chunks are those of the in-process engine (decoding batches of
 * {@link StageEngine#CHUNK_PROMPTS} prompts, whole reference batches of {@link ReferenceLogProbs#batches}), so the
 * artifacts are byte-identical to a single-process run. Executors open the iterate at the checkpoint path the stage
 * passes (one policy per executor JVM, keyed by path and content hash) with the {@link IterateLoader}, and judge
 * with one annotator per executor JVM built by the {@link AnnotatorFactory}.
 *
 * <p>Made by {@link SparkCluster#engine}; the cluster owns the Spark context.
 */
public final class SparkEngine implements StageEngine {
    private static final Logger log = LoggerFactory.getLogger(SparkEngine.class);

    private final SparkCluster cluster;
    private final IterateLoader policy;
    private final AnnotatorFactory annotator;
    private final List<CallTrace> traces = Collections.synchronizedList(new ArrayList<>());

    SparkEngine(SparkCluster cluster, IterateLoader policy, AnnotatorFactory annotator) {
        checkArgument(cluster != null, "cluster must not be null");
        checkArgument(policy != null, "policy: give the IterateLoader executors open iterates with (a PolicySource "
                + "or an AdapterSource)");
        this.cluster = cluster;
        this.policy = policy;
        this.annotator = annotator;
    }

    public SparkCluster cluster() {
        return cluster;
    }

    /** Where the time of every call so far went. */
    public List<CallTrace> traces() {
        synchronized (traces) {
            return List.copyOf(traces);
        }
    }

    @Override
    public List<List<Response>> generate(RunContext run, List<Prompt> prompts, SamplingParams params, Path checkpoint,
                                         Path parts) {
        if (prompts.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        String hash = CheckpointHash.of(checkpoint);
        List<List<Prompt>> chunks = StageEngine.chunks(prompts);
        List<Chunk> work = Chunk.ofGroups(chunks);
        PartsFolder folder = new PartsFolder(parts);
        long job = System.nanoTime();
        List<ChunkReport> reports = cluster.run(callName(parts), folder, work,
                new GenerateWork(parts.toString(), policy, checkpoint, hash, params));
        double jobSeconds = ChunkWork.since(job);
        long merge = System.nanoTime();
        List<List<Response>> out = new ArrayList<>(prompts.size());
        for (int c = 0; c < chunks.size(); c++) {
            List<PromptAnswers> lines = folder.read(c, PromptAnswers.class, chunks.get(c).size());
            for (int k = 0; k < lines.size(); k++) {
                String expected = chunks.get(c).get(k).id();
                if (!lines.get(k).promptId().equals(expected) || lines.get(k).answers().size() != params.n()) {
                    throw new DataFileException(folder.part(c), k + 1, "holds " + lines.get(k).answers().size()
                            + " answers to prompt '" + lines.get(k).promptId() + "' where the chunk has " + params.n()
                            + " answers to '" + expected + "': it belongs to another run; delete " + parts
                            + " to recompute");
                }
                out.add(lines.get(k).answers());
            }
        }
        trace(callName(parts), chunks.size(), reports, start, jobSeconds, ChunkWork.since(merge));
        return out;
    }

    @Override
    public Judged annotate(RunContext run, List<CandidateSet> sets, Path journal, Path out, Path parts) {
        checkState(annotator != null, "this run annotates, but its Spark engine was made without an "
                + "AnnotatorFactory: give SparkCluster.engine the factory executors build the judge with");
        long start = System.nanoTime();
        List<List<CandidateSet>> chunks = StageEngine.chunks(sets);
        List<Chunk> work = Chunk.ofGroups(chunks);
        PartsFolder folder = new PartsFolder(parts);
        long job = System.nanoTime();
        List<ChunkReport> reports = cluster.run(callName(parts), folder, work,
                new AnnotateWork(parts.toString(), annotator, run.plan().judging().threads()));
        double jobSeconds = ChunkWork.since(job);
        long merge = System.nanoTime();
        List<Judgement> judgements = new ArrayList<>(sets.size());
        for (int c = 0; c < chunks.size(); c++) {
            List<Judgement> lines = folder.read(c, Judgement.class, chunks.get(c).size());
            for (int k = 0; k < lines.size(); k++) {
                if (!lines.get(k).prompt().id().equals(chunks.get(c).get(k).prompt().id())) {
                    throw new DataFileException(folder.part(c), k + 1, "judges prompt '" + lines.get(k).prompt().id()
                            + "' where the chunk has '" + chunks.get(c).get(k).prompt().id() + "': it belongs to "
                            + "another run; delete " + parts + " to recompute");
                }
            }
            judgements.addAll(lines);
        }
        Jsonl.write(out, judgements);
        trace(callName(parts), chunks.size(), reports, start, jobSeconds, ChunkWork.since(merge));
        return new Judged(judgements, counters(reports));
    }

    @Override
    public ReferenceLogProbs referenceLogProbs(RunContext run, List<TokenizedPair> pairs, Path checkpoint,
                                               Path parts) {
        if (pairs.isEmpty()) {
            return new ReferenceLogProbs(new double[0], new double[0]);
        }
        long start = System.nanoTime();
        String hash = CheckpointHash.of(checkpoint);
        int batchSize = run.plan().training().referenceBatchSize();
        List<List<Integer>> batches = ReferenceLogProbs.batches(pairs, batchSize);
        int perChunk = Math.max(1, CHUNK_PROMPTS / batchSize);
        List<Chunk> work = new ArrayList<>();
        List<Integer> chunkPairs = new ArrayList<>();
        for (int first = 0; first < batches.size(); first += perChunk) {
            List<String> lines = new ArrayList<>();
            int count = 0;
            for (List<Integer> batch : batches.subList(first, Math.min(batches.size(), first + perChunk))) {
                lines.add(Jsonl.toLine(batch.stream().map(i -> new IndexedPair(i, pairs.get(i))).toList()));
                count += batch.size();
            }
            work.add(new Chunk(work.size(), lines));
            chunkPairs.add(count);
        }
        PartsFolder folder = new PartsFolder(parts);
        long job = System.nanoTime();
        List<ChunkReport> reports = cluster.run(callName(parts), folder, work,
                new ReferenceWork(parts.toString(), policy, checkpoint, hash));
        double jobSeconds = ChunkWork.since(job);
        long merge = System.nanoTime();
        double[] chosen = new double[pairs.size()];
        double[] rejected = new double[pairs.size()];
        boolean[] seen = new boolean[pairs.size()];
        for (int c = 0; c < work.size(); c++) {
            for (PairScores s : folder.read(c, PairScores.class, chunkPairs.get(c))) {
                if (s.index() < 0 || s.index() >= pairs.size() || seen[s.index()]) {
                    throw new DataFileException(folder.part(c), 0, "scores pair " + s.index() + " twice or out of "
                            + "range (" + pairs.size() + " pairs): it belongs to another run; delete " + parts
                            + " to recompute");
                }
                seen[s.index()] = true;
                chosen[s.index()] = s.chosen();
                rejected[s.index()] = s.rejected();
            }
        }
        trace(callName(parts), work.size(), reports, start, jobSeconds, ChunkWork.since(merge));
        return new ReferenceLogProbs(chosen, rejected);
    }

    /**
     * The annotator's counters over the call, summed over executor JVMs: per JVM, the last chunk's cumulative
     * counters less the first chunk's starting ones (tasks of one call overlap on an executor, so per-chunk
     * differences would count a neighbour's calls).
     */
    static Map<String, Double> counters(List<ChunkReport> reports) {
        Map<String, Map<String, Double>> first = new HashMap<>();
        Map<String, Map<String, Double>> last = new HashMap<>();
        for (ChunkReport r : reports) {
            if (r.skipped()) {
                continue;
            }
            first.computeIfAbsent(r.process(), p -> new HashMap<>()).putAll(minimum(first.get(r.process()),
                    r.countersBefore()));
            last.computeIfAbsent(r.process(), p -> new HashMap<>()).putAll(maximum(last.get(r.process()),
                    r.countersAfter()));
        }
        Map<String, Double> total = new TreeMap<>();
        last.forEach((process, after) -> after.forEach((k, v) -> total.merge(k,
                v - first.get(process).getOrDefault(k, 0.0), Double::sum)));
        return total;
    }

    private static Map<String, Double> minimum(Map<String, Double> held, Map<String, Double> next) {
        Map<String, Double> out = new HashMap<>(next);
        if (held != null) {
            held.forEach((k, v) -> out.merge(k, v, Math::min));
        }
        return out;
    }

    private static Map<String, Double> maximum(Map<String, Double> held, Map<String, Double> next) {
        Map<String, Double> out = new HashMap<>(next);
        if (held != null) {
            held.forEach((k, v) -> out.merge(k, v, Math::max));
        }
        return out;
    }

    private void trace(String call, int chunks, List<ChunkReport> reports, long start, double jobSeconds,
                       double mergeSeconds) {
        Map<String, Double> busy = new HashMap<>();
        double load = 0;
        double compute = 0;
        double write = 0;
        long tokens = 0;
        int computed = 0;
        for (ChunkReport r : reports) {
            if (r.skipped()) {
                continue;
            }
            computed++;
            load += r.loadSeconds();
            compute += r.computeSeconds();
            write += r.writeSeconds();
            tokens += r.tokens();
            busy.merge(r.process(), r.loadSeconds() + r.computeSeconds() + r.writeSeconds(), Double::sum);
        }
        double busiest = busy.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        CallTrace t = new CallTrace(call, chunks, computed, chunks - computed, List.copyOf(new TreeSet<>(
                busy.keySet())), ChunkWork.since(start), jobSeconds, Math.max(0, jobSeconds - busiest), load, compute,
                write, mergeSeconds, tokens);
        traces.add(t);
        log.info(String.format(Locale.ROOT, "%s: %d chunks (%d computed on %d executors) in %.2f s: job %.2f s "
                + "(Spark %.2f s), load %.2f s, compute %.2f s, write %.2f s, merge %.2f s", call, chunks, computed,
                busy.size(), t.wallSeconds(), jobSeconds, t.overheadSeconds(), load, compute, write, mergeSeconds));
    }

    private static String callName(Path parts) {
        String name = parts.getFileName().toString();
        String step = parts.getParent() == null ? "" : parts.getParent().getFileName() + " ";
        return step + (name.endsWith("-parts") ? name.substring(0, name.length() - "-parts".length()) : name);
    }

    @Override
    public String toString() {
        return cluster.toString();
    }
}
