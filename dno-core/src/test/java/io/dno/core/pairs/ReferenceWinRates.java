package io.dno.core.pairs;

import io.dno.core.data.Scored;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Algorithm 2 line 5 of Rosset et al. 2024 written out by brute force, independently of {@link WinRates}: every
 * candidate is one draw of π_t; identical texts speak with their mean score ({@code effective} may lower a defective
 * one's); each draw's win rate is its mean of 1 / ½ / 0 against every other draw; a text's win rate is its draws'.
 */
final class ReferenceWinRates {
    private ReferenceWinRates() {}

    /** Win rate per text. {@code effective} maps (text, mean score) to the score the rule compares. */
    static Map<String, Double> of(List<Scored> candidates, BiFunction<String, Double, Double> effective) {
        Map<String, List<Double>> byText = new LinkedHashMap<>();
        candidates.forEach(c -> byText.computeIfAbsent(c.text(), t -> new ArrayList<>()).add(c.score()));
        List<String> draws = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (Scored c : candidates) {
            List<Double> copies = byText.get(c.text());
            draws.add(c.text());
            scores.add(effective.apply(c.text(), copies.stream().mapToDouble(Double::doubleValue).sum() / copies.size()));
        }
        Map<String, Double> rate = new LinkedHashMap<>();
        for (int i = 0; i < draws.size(); i++) {
            if (draws.size() < 2) {
                rate.put(draws.get(i), 0.5);
                continue;
            }
            double wins = 0;
            for (int j = 0; j < draws.size(); j++) {
                if (j != i) {
                    double a = scores.get(i);
                    double b = scores.get(j);
                    wins += Math.abs(a - b) < 1e-9 ? 0.5 : a > b ? 1 : 0;
                }
            }
            rate.put(draws.get(i), wins / (draws.size() - 1));
        }
        return rate;
    }

    /** σ(r1 − r2), the Eq. 8 target, in plain doubles. */
    static double sigmoidOfGap(double r1, double r2) {
        return 1 / (1 + Math.exp(-(r1 - r2)));
    }
}
