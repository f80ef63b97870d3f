package io.dno.core.loop;

/**
 * The stages of one iteration, in order (ARCHITECTURE.md, "The flow of one DNO iteration"). Each writes one
 * artifact into the iteration's directory, atomically ({@link StepDirectory#artifact} names it); a stage is
 * complete exactly when its artifact exists, so a run resumes at the first stage whose artifact is missing.
 */
public enum Stage {
    /** K student samples per prompt with π_t plus the teacher's answer. */
    SAMPLE,
    /** Per-candidate scores and justifications. */
    ANNOTATE,
    /** New large-margin pairs plus replayed pairs of earlier iterations. */
    PAIR,
    /** Reference log-probs of every pair side under the frozen reference. */
    REFERENCE,
    /** The trained iterate π_{t+1} (a Hugging Face checkpoint or a PEFT adapter directory). */
    TRAIN,
    /** Win rate against the teacher on held-out prompts. */
    EVALUATE,
    /** Table 2 statistics, annotator counters and stage timings: the iteration's report. */
    STATISTICS;

    /** The lower-case name used in logs, reports and listener events. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
