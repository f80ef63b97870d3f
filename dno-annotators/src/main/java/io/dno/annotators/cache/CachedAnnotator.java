package io.dno.annotators.cache;

import io.dno.annotators.report.Counters;
import io.dno.core.annotate.Annotator;
import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.io.JsonlJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Never pays twice for a judgement: scores are kept in an append-only JSON Lines file keyed by (judge
 * identity = the inner annotator's {@code name()}, prompt id and text, candidate text), and only candidates
 * missing from it are sent to the inner annotator, as one listwise call. Candidates with the same text are
 * sent once. Unannotated candidates are not cached, so a rerun tries them again.
 *
 * <p>The file survives crashes ({@link JsonlJournal}: every judgement's new lines are fsynced before
 * {@code judge} returns; a torn last line is dropped on load). One file may hold several judges. Caching
 * the listwise judge per candidate means a candidate scored alongside other candidates keeps that score
 * when it reappears beside new ones; a judge's scores are meant to be absolute on its rubric.
 *
 * <p>Counters: the inner annotator's, plus {@code cache_hits} and {@code cache_misses} (candidates) and
 * {@code cache_writes} (entries appended).
 */
public final class CachedAnnotator implements Annotator, AutoCloseable {
    private final Annotator inner;
    private final String judge;
    private final JsonlJournal<CacheEntry> file;
    private final Map<String, CacheEntry> entries = new ConcurrentHashMap<>();
    private final Counters counters = new Counters();

    /** Loads {@code cacheFile} (if it exists) and decorates {@code inner}. */
    public CachedAnnotator(Annotator inner, Path cacheFile) {
        this.inner = inner;
        this.judge = inner.name();
        this.file = JsonlJournal.open(cacheFile, CacheEntry.class);
        for (CacheEntry e : file.recovered()) {
            if (e.judge().equals(judge)) {
                entries.put(e.key(), e);
            }
        }
    }

    /** Entries of this judge known now (loaded or written). */
    public int size() {
        return entries.size();
    }

    @Override
    public Judgement judge(Prompt prompt, List<Response> candidates) {
        Map<String, String> keyByText = new LinkedHashMap<>();
        Map<String, Response> missingByText = new LinkedHashMap<>();
        for (Response c : candidates) {
            String key = keyByText.computeIfAbsent(c.text(), text -> CacheEntry.keyOf(judge, prompt, text));
            if (entries.containsKey(key)) {
                counters.increment("cache_hits");
            } else {
                counters.increment("cache_misses");
                missingByText.putIfAbsent(c.text(), c);
            }
        }
        Map<String, Scored> fresh = new LinkedHashMap<>();
        if (!missingByText.isEmpty()) {
            Judgement judged = inner.judge(prompt, List.copyOf(missingByText.values()));
            List<CacheEntry> written = new ArrayList<>();
            for (Scored s : judged.scored()) {
                if (missingByText.containsKey(s.text()) && fresh.putIfAbsent(s.text(), s) == null) {
                    written.add(new CacheEntry(keyByText.get(s.text()), judge, prompt.id(), s.score(),
                            s.justification()));
                }
            }
            file.appendAll(written);
            written.forEach(e -> entries.put(e.key(), e));
            counters.add("cache_writes", written.size());
        }
        List<Scored> scored = new ArrayList<>();
        List<Response> unannotated = new ArrayList<>();
        for (Response c : candidates) {
            Scored now = fresh.get(c.text());
            CacheEntry cached = entries.get(keyByText.get(c.text()));
            if (now != null) {
                scored.add(new Scored(c, now.score(), now.justification()));
            } else if (cached != null) {
                scored.add(new Scored(c, cached.score(), cached.justification()));
            } else {
                unannotated.add(c);
            }
        }
        return new Judgement(prompt, scored, unannotated);
    }

    @Override
    public String name() {
        return judge;
    }

    @Override
    public Map<String, Double> counters() {
        return Counters.merge(inner.counters(), counters.snapshot());
    }

    /** Closes the inner annotator if it holds resources (a local policy judge). */
    @Override
    public void close() throws Exception {
        if (inner instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "CachedAnnotator[" + judge + " in " + file.file() + "]";
    }
}
