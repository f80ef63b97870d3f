package io.dno.core.loop;

import io.dno.core.annotate.Judgement;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.data.Scored;
import io.dno.core.eval.Evaluation;
import io.dno.core.eval.JudgedAnswer;
import io.dno.core.io.Json;
import io.dno.core.io.Jsonl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EVALUATE: the iterate's greedy answers to each held-out set, judged side by side with the teacher's answers in
 * one listwise call per prompt (win rate, ties half; Rosset et al. 2024 §5.1 reports win rates against
 * GPT-4-Turbo). The answers are stored with both scores, the summary in {@code eval.json}.
 */
public final class EvaluationStage {
    private final RunContext run;

    public EvaluationStage(RunContext run) {
        this.run = run;
    }

    public void run(StepDirectory step) {
        Evaluation evaluation = judged(step, HeldOut.EVALUATION, run.plan().data().evaluationPrompts());
        Evaluation validation = judged(step, HeldOut.VALIDATION, run.plan().data().validationPrompts());
        Json.write(step.evaluation(), new EvaluationFile(evaluation, validation));
    }

    private Evaluation judged(StepDirectory step, HeldOut set, List<Prompt> prompts) {
        if (prompts.isEmpty()) {
            return null;
        }
        Path answersFile = step.answers(set);
        if (!Files.exists(answersFile)) {
            Jsonl.write(answersFile, judge(step, set, prompts));
        }
        return Evaluation.of(Jsonl.read(answersFile, JudgedAnswer.class));
    }

    private List<JudgedAnswer> judge(StepDirectory step, HeldOut set, List<Prompt> prompts) {
        Map<String, Response> gold = TeacherAnswers.heldOut(run.plan().judging().teacher(), heldOutPrompts(),
                run.directory().evaluationTeacher());
        List<List<Response>> answers = run.engine().generate(run, prompts, run.plan().sampling().evaluation(),
                step.checkpoint(), step.heldOutDecodeParts(set));
        List<CandidateSet> sets = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            sets.add(new CandidateSet(prompts.get(i), List.of(answers.get(i).get(0), gold.get(prompts.get(i).id()))));
        }
        List<Judgement> judgements = run.engine().annotate(run, sets, step.heldOutJournal(set),
                step.heldOutAnnotations(set), step.heldOutAnnotateParts(set)).judgements();
        List<JudgedAnswer> judged = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Response answer = sets.get(i).candidates().get(0);
            Response teacher = sets.get(i).candidates().get(1);
            judged.add(JudgedAnswer.of(prompts.get(i), answer, teacher, scoreOf(judgements.get(i), answer),
                    scoreOf(judgements.get(i), teacher)));
        }
        return judged;
    }

    /** Every held-out prompt, evaluation then validation: the teacher answers them all at once, once per run. */
    private List<Prompt> heldOutPrompts() {
        List<Prompt> all = new ArrayList<>(run.plan().data().evaluationPrompts());
        all.addAll(run.plan().data().validationPrompts());
        return all;
    }

    private static Double scoreOf(Judgement judgement, Response response) {
        return judgement.scored().stream().filter(s -> s.response().equals(response)).map(Scored::score)
                .findFirst().orElse(null);
    }
}
