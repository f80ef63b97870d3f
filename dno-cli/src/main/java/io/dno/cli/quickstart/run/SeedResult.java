package io.dno.cli.quickstart.run;

import java.util.Map;

/**
 * One seed's outcome: the teacher's truth on the evaluation prompts, every method's iterates, and what the gates
 * read.
 *
 * @param seed         the seed of the world, teacher, judge, student and sampling
 * @param teacher      the teacher's correct answers on the evaluation prompts
 * @param teacherBlind the same on the prompts of its blind class
 * @param teacherOther the same on the other prompts
 * @param methods      per method, its iterates and its final model
 * @param capacity     gate G1: the clean-label student per family
 * @param start        gate G2: the initialiser against the teacher's blind spot
 * @param seconds      wall time of the seed's tasks, summed (they may have run beside other seeds' tasks)
 */
record SeedResult(long seed, FamilyCount teacher, FamilyCount teacherBlind, FamilyCount teacherOther,
                         Map<Method, MethodRun> methods, Capacity capacity, StartPoint start, double seconds) {

    /** The teacher's accuracy on the evaluation prompts. */
    double teacherAccuracy() {
        return teacher.share();
    }
}
