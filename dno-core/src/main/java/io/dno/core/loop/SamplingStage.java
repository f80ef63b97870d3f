package io.dno.core.loop;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.io.Jsonl;
import io.dno.core.policy.SamplingParams;
import io.dno.core.seed.Seeds;
import java.nio.file.Path;
import java.util.List;

/**
 * SAMPLE: K answers per prompt from the iterate π_{t-1}, with the teacher's answer added as the last candidate
 * (Rosset et al. 2024, Algorithm 2 lines 3-4), written to {@code samples.jsonl}. The sampling seed is the run's seed
 * mixed with the iteration; each prompt's draws are keyed by its id.
 */
public final class SamplingStage {
    private final RunContext run;

    public SamplingStage(RunContext run) {
        this.run = run;
    }

    /** {@code samples} student answers from the iterate at {@code weights} plus the teacher's, per prompt. */
    public void students(StepDirectory step, List<Prompt> prompts, int samples, Path weights) {
        SamplingParams params = run.plan().sampling().training().withN(samples)
                .withSeed(Seeds.mix(run.plan().seed(), step.iteration()));
        List<List<Response>> students = run.engine().generate(run, prompts, params, weights,
                step.sampleParts());
        List<Response> gold = TeacherAnswers.of(run.plan().judging().teacher(), prompts);
        Jsonl.write(step.samples(), TeacherAnswers.withTeacher(prompts, students, gold));
    }

    /** Only the teacher's answer per prompt (SFT on positives judges the teacher alone). */
    public void teacherOnly(StepDirectory step, List<Prompt> prompts) {
        List<Response> gold = TeacherAnswers.of(run.plan().judging().teacher(), prompts);
        Jsonl.write(step.samples(), TeacherAnswers.withTeacher(prompts, prompts.stream().map(p -> List.<Response>of())
                .toList(), gold));
    }
}
