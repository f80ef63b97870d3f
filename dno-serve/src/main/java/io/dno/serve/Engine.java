package io.dno.serve;

import io.dno.core.model.Generation;
import io.dno.core.model.Generator;
import io.dno.core.model.TokenLogProbs;
import io.dno.core.policy.SamplingParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the model. Requests wait in a bounded queue ({@link #submit} refuses with 429 when
 * it is full); the thread takes the oldest job and every other waiting job with the same {@link SamplingKey},
 * up to {@code maxBatchRows} rows, and decodes them as one batch of the core {@link Generator} (its public
 * {@code generate} with one seed per row), then scores the rows that asked for log-probs in one pass of
 * {@link TokenLogProbs}. This is static batching: a batch runs to its end before the next starts.
 *
 * <p>{@link #drain} stops admission and waits until every admitted job has finished.
 */
final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final ServedModel model;
    private final int maxBatchRows;
    private final LinkedBlockingQueue<Job> queue;
    private final Thread worker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRows = new AtomicLong();
    private final Runnable beforeBatch;
    private volatile boolean admitting = true;
    private volatile boolean stopped;

    Engine(ServedModel model, int queueCapacity, int maxBatchRows) {
        this(model, queueCapacity, maxBatchRows, () -> { });
    }

    /** @param beforeBatch runs on the engine thread before each batch (tests hold the engine busy with it) */
    Engine(ServedModel model, int queueCapacity, int maxBatchRows, Runnable beforeBatch) {
        this.model = model;
        this.beforeBatch = beforeBatch;
        this.maxBatchRows = maxBatchRows;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.worker = new Thread(this::loop, "dno-serve-engine");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    ServedModel model() {
        return model;
    }

    /** Queues {@code job}; a full queue is a 429, a draining engine a 503. */
    void submit(Job job) {
        if (!admitting) {
            throw new ApiError(503, "server_error", null, "shutting_down", "the server is shutting down; retry on "
                    + "another instance");
        }
        inFlight.incrementAndGet();
        if (!queue.offer(job)) {
            inFlight.decrementAndGet();
            throw new ApiError(429, "rate_limit_error", null, "queue_full", "the server's queue is full ("
                    + queue.size() + " requests waiting); retry after a moment");
        }
    }

    /** Admitted requests not yet answered: queued or in the running batch. */
    int inFlight() {
        return inFlight.get();
    }

    /** Requests waiting in the queue now. */
    int queued() {
        return queue.size();
    }

    /** Batches run so far and the rows they held (rows / batches is the mean batch size). */
    long[] batchCounts() {
        return new long[] {batches.get(), batchedRows.get()};
    }

    /** Stops admitting and waits up to {@code timeoutMillis} for admitted jobs to finish; true when they did. */
    boolean drain(long timeoutMillis) throws InterruptedException {
        admitting = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return inFlight.get() == 0;
    }

    private void loop() {
        while (!stopped) {
            Job first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            List<Job> batch = new ArrayList<>(List.of(first));
            int rows = first.rows().size();
            for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                Job j = it.next();
                if (j.key().equals(first.key()) && rows + j.rows().size() <= maxBatchRows) {
                    it.remove();
                    batch.add(j);
                    rows += j.rows().size();
                }
            }
            run(batch, rows);
        }
        for (Job j; (j = queue.poll()) != null; ) {
            j.result().completeExceptionally(new ApiError(503, "server_error", null, "shutting_down",
                    "the server stopped before this request ran"));
            inFlight.decrementAndGet();
        }
    }

    private void run(List<Job> batch, int rowCount) {
        batches.incrementAndGet();
        batchedRows.addAndGet(rowCount);
        try {
            beforeBatch.run();
            List<Row> rows = new ArrayList<>();
            batch.forEach(j -> rows.addAll(j.rows()));
            List<Generation> generations = generate(batch.get(0).key(), rows);
            List<RowResult> results = score(batch, rows, generations);
            int at = 0;
            for (Job j : batch) {
                j.result().complete(List.copyOf(results.subList(at, at + j.rows().size())));
                at += j.rows().size();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("a batch of {} requests failed", batch.size(), e);
            for (Job j : batch) {
                j.result().completeExceptionally(e);
            }
        } finally {
            inFlight.addAndGet(-batch.size());
        }
    }

    private List<Generation> generate(SamplingKey key, List<Row> rows) {
        if (key.maxTokens() == 0) {
            List<Generation> none = new ArrayList<>();
            rows.forEach(r -> none.add(new Generation(new int[0], Generation.Finish.LENGTH)));
            return none;
        }
        Generator generator = new Generator(model.model(), model.tokenizer().padId(), model.eosIds(),
                stopCondition(key.stops()), model.sampledVocab());
        SamplingParams params = SamplingParams.builder().samplesPerPrompt(1).temperature(key.temperature())
                .topP(key.topP()).topK(0).maxNewTokens(key.maxTokens()).seed(0L).build();
        List<int[]> prompts = rows.stream().map(Row::promptIds).toList();
        long[] seeds = rows.stream().mapToLong(Row::seed).toArray();
        List<Generation> out = new ArrayList<>();
        generator.generate(prompts, seeds, params).forEach(g -> out.add(g.get(0)));
        return out;
    }

    private Predicate<int[]> stopCondition(List<String> stops) {
        if (stops.isEmpty()) {
            return tokens -> false;
        }
        return tokens -> {
            String text = model.tokenizer().decode(tokens);
            return stops.stream().anyMatch(text::contains);
        };
    }

    private List<RowResult> score(List<Job> batch, List<Row> rows, List<Generation> generations) {
        List<int[]> toScore = new ArrayList<>();
        List<Integer> scoredRows = new ArrayList<>();
        int topK = 0;
        int r = 0;
        for (Job j : batch) {
            for (int i = 0; i < j.rows().size(); i++, r++) {
                if (j.scores()) {
                    int[] p = rows.get(r).promptIds();
                    int[] g = generations.get(r).tokens();
                    int[] all = Arrays.copyOf(p, p.length + g.length);
                    System.arraycopy(g, 0, all, p.length, g.length);
                    toScore.add(all);
                    scoredRows.add(r);
                    topK = Math.max(topK, j.topK());
                }
            }
        }
        List<Optional<TokenLogProbs.Scored>> scores = new ArrayList<>();
        rows.forEach(x -> scores.add(Optional.empty()));
        if (!toScore.isEmpty()) {
            List<TokenLogProbs.Scored> s = TokenLogProbs.score(model.model(), toScore, topK, model.sampledVocab(),
                    model.tokenizer().padId());
            for (int i = 0; i < s.size(); i++) {
                scores.set(scoredRows.get(i), Optional.of(s.get(i)));
            }
        }
        List<RowResult> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(new RowResult(generations.get(i), scores.get(i)));
        }
        return out;
    }

    /** Stops the thread; jobs still queued fail with 503. Call {@link #drain} first to let them finish. */
    @Override
    public void close() {
        admitting = false;
        stopped = true;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
