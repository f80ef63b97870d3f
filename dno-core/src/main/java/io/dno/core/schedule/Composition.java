package io.dno.core.schedule;

import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import java.util.List;

/**
 * What a run was given, as a schedule checks it before anything runs.
 *
 * @param prompts        training prompts
 * @param demonstrations SFT demonstrations
 * @param pairs          offline pairs
 * @param hasTeacher     whether a teacher answers prompts
 * @param hasAnnotator   whether an annotator scores candidates
 */
public record Composition(List<Prompt> prompts, List<Demonstration> demonstrations, List<PreferencePair> pairs,
                          boolean hasTeacher, boolean hasAnnotator) {}
