package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Character n-gram TF-IDF vectors, L2-normalised: an offline stand-in for the sentence embeddings the DTM
 * paper clusters (MiniLM / MPNet). Term frequency is the raw count of each n-gram of lengths
 * {@code minN..maxN}; IDF is scikit-learn's smoothed {@code ln((1 + N)/(1 + df)) + 1}.
 */
final class CharNgramTfidf {
    private CharNgramTfidf() {}

    /** One sparse vector: sorted feature ids and their values, unit L2 norm (all zero for an empty text). */
    record Vector(int[] ids, double[] values) {
        double dot(double[] dense) {
            double sum = 0;
            for (int i = 0; i < ids.length; i++) {
                sum += values[i] * dense[ids[i]];
            }
            return sum;
        }
    }

    /** The vectors of {@code texts} over the n-grams they contain, and the number of features. */
    record Fitted(List<Vector> vectors, int features) {}

    static Fitted fit(List<String> texts, int minN, int maxN) {
        checkArgument(1 <= minN && minN <= maxN, "n-gram lengths must satisfy 1 <= minN <= maxN, got %s..%s", minN, maxN);
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Map<Integer, Integer>> counts = texts.stream().map(text -> {
            Map<Integer, Integer> c = new TreeMap<>();
            for (int n = minN; n <= maxN; n++) {
                for (int i = 0; i + n <= text.length(); i++) {
                    int id = vocabulary.computeIfAbsent(text.substring(i, i + n), k -> vocabulary.size());
                    c.merge(id, 1, Integer::sum);
                }
            }
            return c;
        }).toList();
        int[] df = new int[vocabulary.size()];
        counts.forEach(c -> c.keySet().forEach(id -> df[id]++));
        int docs = texts.size();
        List<Vector> vectors = counts.stream().map(c -> {
            int[] ids = new int[c.size()];
            double[] values = new double[c.size()];
            int k = 0;
            double norm = 0;
            for (Map.Entry<Integer, Integer> e : c.entrySet()) {
                ids[k] = e.getKey();
                values[k] = e.getValue() * (Math.log((1.0 + docs) / (1.0 + df[e.getKey()])) + 1);
                norm += values[k] * values[k];
                k++;
            }
            double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int i = 0; i < values.length; i++) {
                values[i] *= inv;
            }
            return new Vector(ids, values);
        }).toList();
        return new Fitted(vectors, vocabulary.size());
    }
}
