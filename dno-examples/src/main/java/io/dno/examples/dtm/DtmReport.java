package io.dno.examples.dtm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What {@link DtmExperiment} measured: every model's scores on the held-out prompts, as results.md and results.json
 * record them.
 *
 * @param models       the base, the single model, the uniform soup, DTM, then each sub-model, in that order
 * @param portionSizes demonstrations per DTM portion
 * @param wallSeconds  wall time of the whole experiment
 */
public record DtmReport(List<Model> models, List<Integer> portionSizes, double wallSeconds) {

    public DtmReport {
        models = List.copyOf(models);
        portionSizes = List.copyOf(portionSizes);
    }

    /**
     * One model's scores: {@code acc/FAMILY} (exact match of the greedy answer) and {@code nll/FAMILY} (mean NLL per
     * answer token, nats) for each of {@link SyntheticTask#FAMILIES} and for {@code instructions} (the mean over the
     * instruction-tuning families).
     *
     * @param name    {@code base}, {@code single}, {@code uniform-soup}, {@code dtm} or {@code sub-N}
     * @param metrics the scores by name, in the order results.json lists them
     */
    public record Model(String name, Map<String, Double> metrics) {
        public Model {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** Exact-match accuracy on {@code family} (or {@code instructions}). */
        public double accuracy(String family) {
            return metric("acc/" + family);
        }

        /** Mean negative log-likelihood per answer token on {@code family} (or {@code instructions}). */
        public double nll(String family) {
            return metric("nll/" + family);
        }

        private double metric(String key) {
            Double value = metrics.get(key);
            if (value == null) {
                throw new NoSuchElementException("model '" + name + "' has no metric '" + key + "'; it has "
                        + metrics.keySet());
            }
            return value;
        }
    }

    /** The model called {@code name}. */
    public Model model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new NoSuchElementException("no model '" + name + "'; the report has " + models.stream()
                        .map(Model::name).toList()));
    }

    /** The DTM sub-models, in portion order. */
    public List<Model> subModels() {
        return models.stream().filter(m -> m.name().startsWith("sub-")).toList();
    }

    /** The alignment tax of {@code name}: how much its NLL on the held-out family rose from the base's. */
    public double nllTax(String name) {
        return model(name).nll(DtmExperiment.HELD_OUT_FAMILY) - model("base").nll(DtmExperiment.HELD_OUT_FAMILY);
    }

    /** The scores as {@link io.dno.core.merge.dtm.DisperseThenMerge#evaluate} returns them. */
    static DtmReport of(Map<String, Map<String, Double>> table, List<Integer> portionSizes, double wallSeconds) {
        return new DtmReport(table.entrySet().stream().map(e -> new Model(e.getKey(), e.getValue())).toList(),
                portionSizes, wallSeconds);
    }
}
