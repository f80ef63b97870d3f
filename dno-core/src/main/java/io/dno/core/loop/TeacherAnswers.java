package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkState;

import io.dno.core.data.Origin;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.Jsonl;
import io.dno.core.policy.Teacher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The teacher's answers, checked to answer each prompt in order with origin teacher. */
public final class TeacherAnswers {
    private TeacherAnswers() {}

    /** One answer per prompt, in order; a teacher that answers other prompts or in another role is an error. */
    public static List<Response> of(Teacher teacher, List<Prompt> prompts) {
        List<Response> gold = teacher.answer(prompts);
        checkState(gold != null && gold.size() == prompts.size(), "the teacher answered %s of %s prompts",
                gold == null ? 0 : gold.size(), prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            Response r = gold.get(i);
            checkState(r.promptId().equals(prompts.get(i).id()) && r.origin() == Origin.TEACHER,
                    "the teacher's answer %s must answer prompt '%s' with origin teacher, got prompt '%s', origin %s",
                    i, prompts.get(i).id(), r.promptId(), r.origin());
        }
        return gold;
    }

    /** The teacher's answers to the held-out prompts by prompt id, asked once per run and stored in {@code file}. */
    public static Map<String, Response> heldOut(Teacher teacher, List<Prompt> prompts, Path file) {
        if (!Files.exists(file)) {
            Jsonl.write(file, of(teacher, prompts));
        }
        Map<String, Response> out = new LinkedHashMap<>();
        Jsonl.read(file, Response.class).forEach(r -> out.put(r.promptId(), r));
        return out;
    }

    /** Candidate sets of the given students' answers plus the teacher's, per prompt. */
    static List<CandidateSet> withTeacher(List<Prompt> prompts, List<List<Response>> students, List<Response> gold) {
        List<CandidateSet> sets = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            List<Response> candidates = new ArrayList<>(students.get(i));
            candidates.add(gold.get(i));
            sets.add(new CandidateSet(prompts.get(i), candidates));
        }
        return sets;
    }
}
