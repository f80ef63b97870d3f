package io.dno.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.data.Origin;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.DataFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Teachers: the gold answer added to every prompt's candidates (the paper's GPT-4-Turbo output, produced once
 * ahead of time; Rosset et al. 2024 §5.1). A teacher over an OpenAI-compatible endpoint is in
 * {@code dno-annotators}.
 */
public final class Teachers {
    private Teachers() {}

    /** Gold answers from a data set: one demonstration per prompt id (a prompt without one is an error). */
    public static Teacher fromDemonstrations(List<Demonstration> gold) {
        Map<String, String> answers = new HashMap<>();
        for (Demonstration d : gold) {
            checkArgument(answers.put(d.prompt().id(), d.response()) == null,
                    "the teacher's data set has two answers for prompt '%s'", d.prompt().id());
        }
        return new DatasetTeacher(Map.copyOf(answers), "a data set of " + answers.size() + " gold answers");
    }

    /** Gold answers from a demonstrations JSONL file ({"prompt": {"id", "text"}, "response": "..."} per line). */
    public static Teacher fromFile(Path file) {
        List<Demonstration> gold = DataFiles.readDemonstrations(file);
        checkArgument(!gold.isEmpty(), "%s holds no gold answers", file);
        return fromDemonstrations(gold);
    }

    /** Another local policy answers, one sample per prompt with {@code params} (e.g. greedy). */
    public static Teacher fromPolicy(Policy teacher, SamplingParams params) {
        checkArgument(teacher != null && params != null, "teacher policy and sampling params are required");
        return prompts -> {
            List<List<Response>> answers = teacher.generate(prompts, params.withN(1));
            List<Response> out = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                out.add(new Response(prompts.get(i).id(), answers.get(i).get(0).text(), Origin.TEACHER));
            }
            return out;
        };
    }

    private record DatasetTeacher(Map<String, String> answers, String description) implements Teacher {
        @Override
        public List<Response> answer(List<Prompt> prompts) {
            List<Response> out = new ArrayList<>();
            for (Prompt p : prompts) {
                String text = answers.get(p.id());
                checkArgument(text != null, "the teacher (%s) has no answer for prompt '%s': add one to its data set",
                        description, p.id());
                out.add(Response.teacher(p.id(), text));
            }
            return out;
        }
    }
}
