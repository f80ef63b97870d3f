package io.dno.examples.peft;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What {@link PeftExperiment} measured: the pre-trained base, then one row per method and stage.
 *
 * @param base the model every method starts from
 * @param rows QLoRA's quantised base, then SFT and DPO, for each method in {@link PeftExperiment.Method} order
 */
public record PeftReport(Base base, List<Row> rows) {

    public PeftReport {
        rows = List.copyOf(rows);
    }

    /** Where a row was measured. */
    public enum Stage {
        /** QLoRA's NF4-quantised base, before any training. */
        BASE("base"),
        /** After supervised fine-tuning on REVERSE demonstrations. */
        SFT("SFT"),
        /** After DPO on REVERSE pairs, the reference being the method's SFT model. */
        DPO("DPO");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** As the table prints it. */
        public String label() {
            return label;
        }
    }

    /**
     * The base after "pre-training" on COPY and SORT from random initialisation.
     *
     * @param parameters its parameter count
     * @param steps      pre-training steps
     * @param seconds    wall time of pre-training
     * @param loss       mean loss of the last 20 steps
     * @param retained   COPY/SORT accuracy on held-out prompts (the skills it was trained on)
     * @param reverse    REVERSE accuracy on held-out prompts (the skill it lacks)
     */
    public record Base(long parameters, int steps, double seconds, double loss, TaskAccuracy retained,
                       TaskAccuracy reverse) {}

    /**
     * One method after one stage.
     *
     * @param method              full fine-tuning, LoRA or QLoRA
     * @param stage               where it was measured
     * @param trainableParameters what the stage trained (the adapter for LoRA and QLoRA); 0 for {@link Stage#BASE}
     * @param residentBytes       bytes of the weights held: float32 arrays plus NF4 codes and scales
     * @param baseWeightChange    the largest absolute change of any weight outside the adapter over the stage's
     *                            training: 0 when the base stayed frozen (LoRA, QLoRA); 0 for {@link Stage#BASE}
     * @param seconds             wall time of the stage; empty for {@link Stage#BASE}
     * @param loss                mean training loss of the stage's last 20 steps; empty for {@link Stage#BASE}
     * @param reverse             REVERSE accuracy on held-out prompts (the new skill)
     * @param retained            COPY/SORT accuracy on held-out prompts (what the alignment tax takes)
     * @param preferenceAccuracy  share of held-out pairs with log π(chosen) > log π(rejected); empty for
     *                            {@link Stage#BASE}
     * @param rewardAccuracy      share of held-out pairs whose DPO implicit reward margin is positive; only after DPO
     */
    public record Row(PeftExperiment.Method method, Stage stage, long trainableParameters, long residentBytes,
                      double baseWeightChange, OptionalDouble seconds, OptionalDouble loss, TaskAccuracy reverse,
                      TaskAccuracy retained, OptionalDouble preferenceAccuracy, OptionalDouble rewardAccuracy) {}

    /** The rows of {@code method}, in stage order. */
    public List<Row> rows(PeftExperiment.Method method) {
        return rows.stream().filter(r -> r.method() == method).toList();
    }

    /** The base line, the header and one line per row, as the experiment prints them. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "base: %,d parameters, pre-trained %d steps in %.1f s, final loss %.4f;"
                        + " COPY/SORT %s, REVERSE %s%n", base.parameters(), base.steps(), base.seconds(), base.loss(),
                base.retained().formatted(), base.reverse().formatted()));
        out.append(String.format(Locale.ROOT, "%-6s %-4s %10s %12s %8s %9s %12s %12s %10s %8s%n", "method", "stage",
                "trainable", "resident_B", "wall_s", "loss", "REV exact", "COPY/SORT", "pref_acc", "ref_acc"));
        for (Row r : rows) {
            if (r.stage() == Stage.BASE) {
                out.append(String.format(Locale.ROOT, "%-6s %-4s %10s %,12d %8s %9s %12s %12s%n", r.method(),
                        r.stage().label(), "-", r.residentBytes(), "-", "-", r.reverse().formatted(),
                        r.retained().formatted()));
            } else {
                out.append(String.format(Locale.ROOT, "%-6s %-4s %,10d %,12d %8.1f %9.4f %12s %12s %10.3f %8s%n",
                        r.method(), r.stage().label(), r.trainableParameters(), r.residentBytes(),
                        r.seconds().orElseThrow(), r.loss().orElseThrow(), r.reverse().formatted(),
                        r.retained().formatted(), r.preferenceAccuracy().orElseThrow(), r.rewardAccuracy().isPresent()
                                ? String.format(Locale.ROOT, "%.3f", r.rewardAccuracy().getAsDouble()) : "-"));
            }
        }
        return out.toString();
    }
}
