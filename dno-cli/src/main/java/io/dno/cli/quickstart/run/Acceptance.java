package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurable claims of issue 15's "Done when", read from the means over seeds (final models: best iterate on
 * validation). Computed, not judged: a check that fails is reported as failed. They mean something only when the
 * gates pass.
 */
final class Acceptance {
    /** DNO must end this much above its SFT initialiser in true accuracy. */
    static final double MIN_GAIN_OVER_SFT = 0.05;

    private Acceptance() {}

    /**
     * One check.
     *
     * @param value     the measured number (a difference where the claim compares two)
     * @param threshold what it must exceed; null for a number reported as it is
     * @param passed    whether it does; null for a number reported as it is
     * @param meaning   the claim in words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Check(@JsonProperty("value") double value, @JsonProperty("threshold") Double threshold,
                 @JsonProperty("passed") Boolean passed, @JsonProperty("meaning") String meaning) {

        static Check above(double value, double threshold, String meaning) {
            return new Check(value, threshold, value > threshold, meaning);
        }
    }

    static Map<String, Check> of(JsonNode teacher, JsonNode methods) {
        Map<String, Check> checks = new LinkedHashMap<>();
        double dno = finalOf(methods, "dno", "accuracy");
        checks.put("dno_gain_over_sft", new Check(dno - finalOf(methods, "sft", "accuracy"), MIN_GAIN_OVER_SFT,
                dno - finalOf(methods, "sft", "accuracy") >= MIN_GAIN_OVER_SFT,
                "DNO's final accuracy minus its SFT initialiser's"));
        for (String other : List.of("sft_positives", "offline_dpo", "spin", "dno_restrictive")) {
            checks.put("dno_over_" + other, Check.above(dno - finalOf(methods, other, "accuracy"), 0,
                    "DNO's final accuracy minus " + methods.get(other).get("title").asText() + "'s"));
        }
        double dnoBlind = finalOf(methods, "dno", "blind_accuracy");
        checks.put("dno_blind_over_teacher", Check.above(dnoBlind - teacher.get("blind_accuracy").asDouble(), 0,
                "DNO's final accuracy on the teacher's blind class minus the teacher's there"));
        checks.put("dno_blind_over_restrictive", Check.above(dnoBlind - finalOf(methods, "dno_restrictive",
                "blind_accuracy"), 0, "DNO's final accuracy on the blind class minus DNO-Restrictive's"));
        JsonNode iterations = methods.get("dno").get("iterations");
        double first = iterations.get(1).get("st_share").asDouble();
        double lastShare = iterations.get(iterations.size() - 1).get("st_share").asDouble();
        checks.put("st_share_rises", Check.above(lastShare - first, 0, "S>T share of DNO's new pairs in its last "
                + "iteration minus its first (" + String.format(java.util.Locale.ROOT, "%.3f -> %.3f", first,
                lastShare) + ")"));
        checks.put("dno_vs_teacher", new Check(dno - teacher.get("accuracy").asDouble(), null, null,
                "DNO's final accuracy minus the teacher's (reported as it is; the paper's student stays below)"));
        return checks;
    }

    private static double finalOf(JsonNode methods, String method, String metric) {
        return methods.get(method).get("final").get(metric).asDouble();
    }
}
