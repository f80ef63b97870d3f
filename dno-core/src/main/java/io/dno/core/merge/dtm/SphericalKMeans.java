package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-means on unit vectors with cosine similarity (the DTM code L2-normalises its embeddings before faiss
 * KMeans): k-means++ seeding (Arthur and Vassilvitskii 2007) from a seeded {@link SplittableRandom}, then
 * Lloyd iterations until no assignment changes. A cluster left empty takes the point least similar to its
 * own centroid, so every portion is non-empty. Deterministic for a seed.
 */
final class SphericalKMeans {
    private SphericalKMeans() {}

    /** The cluster of each vector, in [0, k). */
    static int[] cluster(List<CharNgramTfidf.Vector> points, int features, int k, long seed, int maxIterations) {
        checkArgument(k >= 1 && k <= points.size(), "k must be in [1, %s points], got %s", points.size(), k);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centroids = seeds(points, features, k, random);
        int[] assignment = new int[points.size()];
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean changed = false;
            for (int p = 0; p < points.size(); p++) {
                int best = nearest(points.get(p), centroids);
                if (best != assignment[p]) {
                    assignment[p] = best;
                    changed = true;
                }
            }
            fillEmpty(points, centroids, assignment, k);
            if (!changed && iteration > 0) {
                break;
            }
            centroids = centroids(points, features, assignment, k);
        }
        return assignment;
    }

    private static double[][] seeds(List<CharNgramTfidf.Vector> points, int features, int k, SplittableRandom random) {
        double[][] centroids = new double[k][];
        centroids[0] = dense(points.get(random.nextInt(points.size())), features);
        double[] distance = new double[points.size()];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int p = 0; p < points.size(); p++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, Math.max(0, 1 - points.get(p).dot(centroids[j])));
                }
                distance[p] = best * best;
                total += distance[p];
            }
            int chosen = random.nextInt(points.size());
            if (total > 0) {
                double r = random.nextDouble() * total;
                for (int p = 0; p < points.size(); p++) {
                    r -= distance[p];
                    if (r <= 0) {
                        chosen = p;
                        break;
                    }
                }
            }
            centroids[c] = dense(points.get(chosen), features);
        }
        return centroids;
    }

    private static int nearest(CharNgramTfidf.Vector point, double[][] centroids) {
        int best = 0;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double sim = point.dot(centroids[c]);
            if (sim > bestSim) {
                bestSim = sim;
                best = c;
            }
        }
        return best;
    }

    private static void fillEmpty(List<CharNgramTfidf.Vector> points, double[][] centroids, int[] assignment, int k) {
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                continue;
            }
            int worst = -1;
            double worstSim = Double.POSITIVE_INFINITY;
            for (int p = 0; p < points.size(); p++) {
                double sim = points.get(p).dot(centroids[assignment[p]]);
                if (sizes[assignment[p]] > 1 && sim < worstSim) {
                    worstSim = sim;
                    worst = p;
                }
            }
            sizes[assignment[worst]]--;
            assignment[worst] = c;
            sizes[c] = 1;
        }
    }

    private static double[][] centroids(List<CharNgramTfidf.Vector> points, int features, int[] assignment, int k) {
        double[][] sums = new double[k][features];
        for (int p = 0; p < points.size(); p++) {
            CharNgramTfidf.Vector v = points.get(p);
            for (int i = 0; i < v.ids().length; i++) {
                sums[assignment[p]][v.ids()[i]] += v.values()[i];
            }
        }
        for (double[] s : sums) {
            double norm = Math.sqrt(Arrays.stream(s).map(x -> x * x).sum());
            if (norm > 0) {
                for (int i = 0; i < s.length; i++) {
                    s[i] /= norm;
                }
            }
        }
        return sums;
    }

    private static double[] dense(CharNgramTfidf.Vector v, int features) {
        double[] out = new double[features];
        for (int i = 0; i < v.ids().length; i++) {
            out[v.ids()[i]] = v.values()[i];
        }
        return out;
    }
}
