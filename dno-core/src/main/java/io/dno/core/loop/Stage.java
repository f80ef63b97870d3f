package io.dno.core.loop;

/**
 * The stages of one iteration, in order (ARCHITECTURE.md, "The flow of one DNO iteration"). Each writes one
 * artifact into the iteration's directory, atomically; a stage is complete exactly when its artifact exists,
 * so a run resumes at the first stage whose artifact is missing.
 */
public enum Stage {
    /** K student samples per prompt with π_t plus the teacher's answer: {@code samples.jsonl}. */
    SAMPLE("samples.jsonl"),
    /** Per-candidate scores and justifications: {@code annotations.jsonl}. */
    ANNOTATE("annotations.jsonl"),
    /** New large-margin pairs plus replayed pairs of earlier iterations: {@code pairs.jsonl}. */
    PAIR("pairs.jsonl"),
    /** Reference log-probs of every pair side under the frozen reference: {@code reference.jsonl}. */
    REFERENCE("reference.jsonl"),
    /** The trained iterate π_{t+1} in the Hugging Face layout: {@code checkpoint/}. */
    TRAIN("checkpoint"),
    /** Win rate against the teacher on held-out prompts: {@code eval.json}. */
    EVALUATE("eval.json"),
    /** Table 2 statistics, annotator counters and stage timings: {@code stats.json}. */
    STATISTICS("stats.json");

    private final String artifact;

    Stage(String artifact) {
        this.artifact = artifact;
    }

    /** The file or directory name this stage writes inside an iteration directory. */
    public String artifact() {
        return artifact;
    }

    /** The lower-case name used in logs, reports and listener events. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
