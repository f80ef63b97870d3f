package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dno.core.data.Origin;
import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import io.dno.core.eval.JudgedAnswer;
import io.dno.core.io.Jsonl;
import io.dno.core.loop.CandidateSet;
import io.dno.core.loop.HeldOut;
import io.dno.core.loop.RunDirectory;
import io.dno.cli.quickstart.world.Oracle;
import io.dno.cli.quickstart.world.Task;
import java.nio.file.Path;
import java.util.List;

/**
 * Gate G2 for one seed, read from the DNO run: on the teacher's blind class the SFT initialiser must be no better
 * than the teacher (it learned the teacher's characteristic mistake), and where the teacher is wrong, at least one
 * of the initialiser's K samples must be right on a clear majority of the prompts (else no pair could teach the
 * student to beat its teacher).
 *
 * @param initialBlind          the initialiser's greedy answers to the validation and evaluation prompts of the
 *                              blind class
 * @param teacherBlind          the teacher's answers to the same prompts
 * @param teacherBlindExpected  the teacher's accuracy on its blind class by construction ({@code 1 -
 *                              blindMistakeRate}), which the few blind prompts of one seed only estimate
 * @param coverage              of the first partition's prompts the teacher gets wrong (total), those where a sample
 *                              is right
 */
record StartPoint(@JsonProperty("initial_blind") FamilyCount initialBlind,
                  @JsonProperty("teacher_blind") FamilyCount teacherBlind,
                  @JsonProperty("teacher_blind_expected") double teacherBlindExpected,
                  @JsonProperty("coverage") FamilyCount coverage) {

    /** Reads the start of the DNO run in {@code dnoRun}; {@code teacherBlindExpected} as above. */
    static StartPoint read(RunDirectory dnoRun, double teacherBlindExpected) {
        FamilyCount initial = FamilyCount.ZERO;
        FamilyCount teacher = FamilyCount.ZERO;
        for (HeldOut set : HeldOut.values()) {
            for (JudgedAnswer a : Jsonl.read(dnoRun.step(0).answers(set), JudgedAnswer.class)) {
                if (Task.of(a.prompt()).inBlindClass()) {
                    initial = initial.plus(Oracle.isCorrect(a.prompt(), a.answer()));
                    teacher = teacher.plus(Oracle.isCorrect(a.prompt(), a.teacher()));
                }
            }
        }
        FamilyCount coverage = FamilyCount.ZERO;
        Path samples = dnoRun.step(1).samples();
        for (CandidateSet set : Jsonl.read(samples, CandidateSet.class)) {
            Prompt p = set.prompt();
            List<Response> candidates = set.candidates();
            boolean teacherWrong = candidates.stream().filter(r -> r.origin() == Origin.TEACHER)
                    .anyMatch(r -> !Oracle.isCorrect(p, r));
            if (teacherWrong) {
                coverage = coverage.plus(candidates.stream().filter(r -> r.origin() != Origin.TEACHER)
                        .anyMatch(r -> Oracle.isCorrect(p, r)));
            }
        }
        return new StartPoint(initial, teacher, teacherBlindExpected, coverage);
    }
}
