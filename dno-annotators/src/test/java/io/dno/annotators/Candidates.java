package io.dno.annotators;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test candidates whose text names the score an honest judge gives them ("worth N"). */
final class Candidates {

    private Candidates() {}

    static Prompt prompt(String id) {
        return Prompt.of(id, "Question " + id + ": what is a good answer?");
    }

    /** Five student answers worth 1..5 and a teacher answer worth 6, for {@code prompt}. */
    static List<Response> six(Prompt prompt) {
        List<Response> out = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            out.add(Response.student(prompt.id(), "student answer " + i + " to " + prompt.id() + ", worth " + i));
        }
        out.add(Response.teacher(prompt.id(), "teacher answer to " + prompt.id() + ", worth 6"));
        return out;
    }

    /** Score by candidate text. */
    static Map<String, Double> scoreByText(Judgement j) {
        Map<String, Double> out = new HashMap<>();
        for (Scored s : j.scored()) {
            out.put(s.text(), s.score());
        }
        return out;
    }
}
