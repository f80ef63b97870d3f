package io.dno.core.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One step of a run ({@code iter-N/} or {@code lookahead/}) and the name of every file in it. A stage is complete
 * exactly when its {@link #artifact} exists.
 *
 * <pre>
 *   samples.jsonl          SAMPLE: K student samples + the teacher's answer per prompt
 *   annotations.jsonl      ANNOTATE (annotations.journal.jsonl while the judge runs), annotator.json: its counters
 *   demonstrations.jsonl   SFT's training data
 *   pairs.jsonl            PAIR: new pairs, then replayed ones
 *   reference.jsonl        REFERENCE: reference log-probs of both sides of every pair
 *   checkpoint/            TRAIN: the iterate (train-state/ while training, train.jsonl: step metrics)
 *   eval.json              EVALUATE, from eval-answers.jsonl / validation-answers.jsonl and their annotations
 *   stats.json             STATISTICS: the iteration's report
 *   timings.json           seconds per stage
 *   STAGE-parts/           a distributed engine's finished chunks (part-00000.jsonl, ...) while a stage runs:
 *                          sample, annotate, reference, eval-decode, eval-annotate, validation-decode,
 *                          validation-annotate; removed once the stage's artifact is written
 * </pre>
 *
 * @param name      {@code iter-N} or {@code lookahead}, as logs, reports and listeners name it
 * @param iteration N; the iteration count + 1 for Lookahead
 * @param dir       the directory
 */
public record StepDirectory(String name, int iteration, Path dir) {

    /** The artifact whose existence marks {@code stage} complete. */
    public Path artifact(Stage stage) {
        return switch (stage) {
            case SAMPLE -> samples();
            case ANNOTATE -> annotations();
            case PAIR -> pairs();
            case REFERENCE -> reference();
            case TRAIN -> checkpoint();
            case EVALUATE -> evaluation();
            case STATISTICS -> statistics();
        };
    }

    public boolean isComplete(Stage stage) {
        return Files.exists(artifact(stage));
    }

    public Path samples() {
        return dir.resolve("samples.jsonl");
    }

    public Path annotations() {
        return dir.resolve("annotations.jsonl");
    }

    public Path annotationJournal() {
        return dir.resolve("annotations.journal.jsonl");
    }

    public Path annotatorCounters() {
        return dir.resolve("annotator.json");
    }

    public Path demonstrations() {
        return dir.resolve("demonstrations.jsonl");
    }

    public Path pairs() {
        return dir.resolve("pairs.jsonl");
    }

    public Path reference() {
        return dir.resolve("reference.jsonl");
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint");
    }

    public Path trainState() {
        return dir.resolve("train-state");
    }

    public Path trainLog() {
        return dir.resolve("train.jsonl");
    }

    public Path evaluation() {
        return dir.resolve("eval.json");
    }

    /** The policy's answers to a held-out set, with the judge's scores for them and the teacher's. */
    public Path answers(HeldOut set) {
        return dir.resolve(set.prefix() + "-answers.jsonl");
    }

    public Path heldOutAnnotations(HeldOut set) {
        return dir.resolve(set.prefix() + "-annotations.jsonl");
    }

    public Path heldOutJournal(HeldOut set) {
        return dir.resolve(set.prefix() + ".journal.jsonl");
    }

    /**
     * The folder where a distributed engine keeps the finished chunks of one engine call, one atomically written
     * {@code part-XXXXX.jsonl} each, so that a retried task or a resumed stage skips the chunks already done.
     */
    public Path parts(String call) {
        return dir.resolve(call + "-parts");
    }

    public Path sampleParts() {
        return parts("sample");
    }

    public Path annotateParts() {
        return parts("annotate");
    }

    public Path referenceParts() {
        return parts("reference");
    }

    /** The greedy answers to a held-out set, chunk by chunk. */
    public Path heldOutDecodeParts(HeldOut set) {
        return parts(set.prefix() + "-decode");
    }

    /** The judgements of a held-out set's answers beside the teacher's, chunk by chunk. */
    public Path heldOutAnnotateParts(HeldOut set) {
        return parts(set.prefix() + "-annotate");
    }

    /** The parts folders of {@code stage}'s engine calls: removed once the stage's artifact is written. */
    public List<Path> partsOf(Stage stage) {
        return switch (stage) {
            case SAMPLE -> List.of(sampleParts());
            case ANNOTATE -> List.of(annotateParts());
            case REFERENCE -> List.of(referenceParts());
            case EVALUATE -> List.of(heldOutDecodeParts(HeldOut.EVALUATION), heldOutAnnotateParts(HeldOut.EVALUATION),
                    heldOutDecodeParts(HeldOut.VALIDATION), heldOutAnnotateParts(HeldOut.VALIDATION));
            case PAIR, TRAIN, STATISTICS -> List.of();
        };
    }

    public Path statistics() {
        return dir.resolve("stats.json");
    }

    public Path timings() {
        return dir.resolve("timings.json");
    }
}
