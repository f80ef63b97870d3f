package io.dno.annotators.teacher;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.DataFileException;
import io.dno.core.io.JsonlJournal;
import io.dno.core.policy.Teacher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gold answers generated once and kept (Rosset et al. 2024 §5.1: the teacher output is "not re-generated per
 * iteration"): a JSON Lines file of demonstrations, {@code {"prompt": {"id", "text"}, "response": "..."}},
 * appended and fsynced as each answer arrives. Prompts already in the file are never asked again, so a run
 * interrupted half-way resumes where it stopped; the file is also a valid references file for the
 * exact-match annotator and an SFT data set.
 *
 * <p>Missing answers are requested with up to {@code parallelism} prompts at once. If some fail, the others
 * are still stored and a {@link TeacherException} reports how many failed; a rerun asks only for those.
 * A stored answer whose prompt text differs from the prompt now asked is an error naming the file: the
 * prompt set changed under the same id.
 */
public final class StoredTeacher implements Teacher {
    private final Teacher inner;
    private final JsonlJournal<Demonstration> file;
    private final int parallelism;
    private final Map<String, Demonstration> answers = new ConcurrentHashMap<>();

    public StoredTeacher(Teacher inner, Path answersFile, int parallelism) {
        checkArgument(parallelism >= 1, "parallelism must be >= 1, got %s", parallelism);
        this.inner = inner;
        this.file = JsonlJournal.open(answersFile, Demonstration.class);
        this.parallelism = parallelism;
        for (Demonstration d : file.recovered()) {
            Demonstration previous = answers.putIfAbsent(d.prompt().id(), d);
            if (previous != null && !previous.equals(d)) {
                throw new DataFileException(answersFile, 0, "prompt id '" + d.prompt().id()
                        + "' has two different stored answers: keep one line for it");
            }
        }
    }

    /** Number of prompts with a stored answer. */
    public int size() {
        return answers.size();
    }

    @Override
    public List<Response> answer(List<Prompt> prompts) {
        List<Prompt> missing = new ArrayList<>();
        for (Prompt p : prompts) {
            Demonstration stored = answers.get(p.id());
            if (stored == null) {
                missing.add(p);
            } else if (!stored.prompt().text().equals(p.text())) {
                throw new DataFileException(file.file(), 0, "the stored answer for prompt '" + p.id()
                        + "' answers a different prompt text: the prompt set changed; remove its line (or the file) "
                        + "to ask the teacher again");
            }
        }
        if (!missing.isEmpty()) {
            fetch(missing);
        }
        return prompts.stream().map(p -> Response.teacher(p.id(), answers.get(p.id()).response())).toList();
    }

    private void fetch(List<Prompt> missing) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, missing.size()), r -> {
            Thread t = new Thread(r, "dno-teacher");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Prompt p : missing) {
                futures.add(pool.submit(() -> {
                    Response r = inner.answer(List.of(p)).get(0);
                    checkArgument(r.promptId().equals(p.id()), "the teacher answered prompt '%s' when asked '%s'",
                            r.promptId(), p.id());
                    Demonstration d = Demonstration.of(p, r.text());
                    file.append(d);
                    answers.put(p.id(), d);
                }));
            }
            int failed = 0;
            Throwable first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failed++;
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TeacherException("interrupted while waiting for teacher answers", e);
                }
            }
            if (failed > 0) {
                throw new TeacherException(failed + " of " + missing.size() + " prompts got no teacher answer ("
                        + (missing.size() - failed) + " stored in " + file.file() + "; rerun to ask for the rest). "
                        + "First error: " + first.getMessage(), first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
