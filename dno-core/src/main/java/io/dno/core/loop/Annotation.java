package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.io.JsonlJournal;
import io.dno.core.io.Jsonl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Annotates candidate sets with one judge call per prompt (listwise, as the paper's GPT-4-Turbo judge does),
 * journaling every judgement to disk as soon as it returns, so that a run killed in the middle of annotation
 * resumes without asking the judge again for any prompt already judged. When all prompts are judged the
 * judgements are written, in prompt order, to the stage's artifact and the journal is removed.
 */
public final class Annotation {
    private Annotation() {}

    /**
     * Judges every candidate set not already in the journal {@code journalFile}, then writes all judgements to
     * {@code out} atomically.
     *
     * @param threads judge calls in flight at once (the annotator bounds its own concurrency too)
     * @return the judgements in the order of {@code sets}
     */
    public static List<Judgement> run(Annotator annotator, List<CandidateSet> sets, Path journalFile, Path out,
                                      int threads) {
        checkArgument(threads >= 1, "annotation threads must be >= 1, got %s", threads);
        Map<String, Judgement> done = new HashMap<>();
        try (JsonlJournal<Judgement> journal = JsonlJournal.open(journalFile, Judgement.class)) {
            journal.recovered().forEach(j -> done.put(j.prompt().id(), j));
            List<CandidateSet> todo = sets.stream().filter(s -> !done.containsKey(s.prompt().id())).toList();
            if (threads == 1) {
                for (CandidateSet set : todo) {
                    Judgement j = judge(annotator, set);
                    journal.append(j);
                    done.put(set.prompt().id(), j);
                }
            } else {
                judgeConcurrently(annotator, todo, threads, journal, done);
            }
        }
        List<Judgement> ordered = new ArrayList<>();
        for (CandidateSet set : sets) {
            ordered.add(done.get(set.prompt().id()));
        }
        Jsonl.write(out, ordered);
        try {
            Files.deleteIfExists(journalFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the finished journal " + journalFile, e);
        }
        return ordered;
    }

    private static void judgeConcurrently(Annotator annotator, List<CandidateSet> todo, int threads,
                                          JsonlJournal<Judgement> journal, Map<String, Judgement> done) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dno-annotate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Judgement>> futures = new ArrayList<>();
            for (CandidateSet set : todo) {
                futures.add(pool.submit(() -> {
                    Judgement j = judge(annotator, set);
                    journal.append(j);
                    return j;
                }));
            }
            for (Future<Judgement> f : futures) {
                Judgement j = f.get();
                done.put(j.prompt().id(), j);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("annotation was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("annotation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One judge call, checked: every candidate comes back exactly once, scored or unannotated. */
    static Judgement judge(Annotator annotator, CandidateSet set) {
        Judgement j = annotator.judge(set.prompt(), set.candidates());
        checkState(j != null && j.prompt().id().equals(set.prompt().id()),
                "annotator %s returned a judgement for another prompt than '%s'", annotator.name(), set.prompt().id());
        List<Response> returned = new ArrayList<>(j.unannotated());
        j.scored().stream().map(Scored::response).forEach(returned::add);
        List<Response> expected = new ArrayList<>(set.candidates());
        for (Response r : returned) {
            checkState(expected.remove(r), "annotator %s returned a candidate it was not given for prompt '%s'",
                    annotator.name(), set.prompt().id());
        }
        checkState(expected.isEmpty(), "annotator %s left %s candidate(s) of prompt '%s' out of its judgement: "
                + "every candidate must come back scored or unannotated", annotator.name(), expected.size(),
                set.prompt().id());
        return j;
    }
}
