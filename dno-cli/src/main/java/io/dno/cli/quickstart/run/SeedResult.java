package io.dno.cli.quickstart.run;

import java.util.List;
import java.util.Map;

/**
 * One seed's outcome: the teacher's true accuracy on the evaluation prompts and every method's iterates.
 *
 * @param seed            the seed of the world, teacher, judge, student and sampling
 * @param teacherAccuracy share of the teacher's evaluation answers the oracle marks correct
 * @param methods         per method, its iterates in order (the last is the method's final model)
 * @param seconds         wall time of the seed, in seconds
 */
public record SeedResult(long seed, double teacherAccuracy, Map<Method, List<IterationMeasure>> methods,
                         double seconds) {}
