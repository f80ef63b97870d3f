package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.seed.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.function.Function;

/**
 * The "disperse" step of DTM (Fu et al. 2024 §3, step 1): K non-overlapping portions of the demonstrations.
 * Every demonstration lands in exactly one portion, and each portion keeps the input order.
 */
public final class DemonstrationSplits {
    /** Which text k-means clusters: the DTM code encodes the response; the paper also tries the instruction. */
    public enum Field { PROMPT, RESPONSE, BOTH }

    private DemonstrationSplits() {}

    /** A seeded random split into {@code k} portions of sizes differing by at most one. */
    public static List<List<Demonstration>> random(List<Demonstration> data, int k, long seed) {
        checkArgument(k >= 1 && k <= data.size(), "k must be in [1, %s demonstrations], got %s", data.size(), k);
        List<Integer> order = Seeds.shuffled(IntStream.range(0, data.size()).boxed().toList(), seed);
        int[] portion = new int[data.size()];
        for (int rank = 0; rank < order.size(); rank++) {
            portion[order.get(rank)] = rank % k;
        }
        return group(data, portion, k);
    }

    /**
     * K-means ({@link SphericalKMeans}) on character n-gram (lengths 2 to 4) TF-IDF vectors of {@code field}:
     * portions follow the clusters, so their sizes can differ.
     */
    public static List<List<Demonstration>> kMeans(List<Demonstration> data, int k, long seed, Field field) {
        checkArgument(k >= 1 && k <= data.size(), "k must be in [1, %s demonstrations], got %s", data.size(), k);
        Function<Demonstration, String> text = switch (field) {
            case PROMPT -> d -> d.prompt().text();
            case RESPONSE -> Demonstration::response;
            case BOTH -> d -> d.prompt().text() + "\n" + d.response();
        };
        CharNgramTfidf.Fitted fitted = CharNgramTfidf.fit(data.stream().map(text)
                .map(s -> s.toLowerCase(Locale.ROOT)).toList(), 2, 4);
        int[] cluster = SphericalKMeans.cluster(fitted.vectors(), fitted.features(), k, seed, 100);
        return group(data, cluster, k);
    }

    private static List<List<Demonstration>> group(List<Demonstration> data, int[] portion, int k) {
        List<List<Demonstration>> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            out.get(portion[i]).add(data.get(i));
        }
        return out.stream().map(List::copyOf).toList();
    }
}
