package io.dno.core.policy;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.List;

/**
 * The source of the gold answer added to every prompt's candidates (the paper's GPT-4-Turbo output,
 * generated once ahead of time and not re-generated per iteration; Rosset et al. 2024 §5.1).
 */
@FunctionalInterface
public interface Teacher {

    /** One teacher response (origin {@code TEACHER}) per prompt, in prompt order. */
    List<Response> answer(List<Prompt> prompts);
}
