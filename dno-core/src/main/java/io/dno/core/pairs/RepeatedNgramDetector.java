package io.dno.core.pairs;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Flags a text whose n-grams repeat too much: with {@code total} n-grams of which {@code distinct} are
 * different, the repeated share is {@code 1 - distinct / total}; the text is defective when it has at
 * least {@code minNgrams} n-grams and a repeated share of at least {@code maxRepeatedShare}.
 *
 * <p>"the cat the cat the cat the cat" has six word trigrams of which two differ: share 0.67, flagged
 * at the default 0.5. Ordinary prose has a share near 0. Texts made of few words (character-level
 * tasks) are measured on characters when {@code unit} is {@link Unit#CHARACTERS}.
 */
public final class RepeatedNgramDetector implements DefectDetector {
    /** What an n-gram is made of. */
    public enum Unit { WORDS, CHARACTERS }

    public static final int DEFAULT_N = 3;
    public static final double DEFAULT_MAX_REPEATED_SHARE = 0.5;
    public static final int DEFAULT_MIN_NGRAMS = 4;

    private final int n;
    private final double maxRepeatedShare;
    private final int minNgrams;
    private final Unit unit;

    RepeatedNgramDetector(int n, double maxRepeatedShare, int minNgrams, Unit unit) {
        checkArgument(n >= 1, "n-gram size must be >= 1, got %s", n);
        checkArgument(maxRepeatedShare > 0 && maxRepeatedShare <= 1,
                "maxRepeatedShare must be in (0, 1], got %s", maxRepeatedShare);
        checkArgument(minNgrams >= 2, "minNgrams must be >= 2 (one n-gram cannot repeat), got %s", minNgrams);
        checkArgument(unit != null, "unit must be WORDS or CHARACTERS");
        this.n = n;
        this.maxRepeatedShare = maxRepeatedShare;
        this.minNgrams = minNgrams;
        this.unit = unit;
    }

    @Override
    public boolean isDefective(String text) {
        return repeatedShare(text) >= maxRepeatedShare;
    }

    /** The repeated share of {@code text}'s n-grams, or 0 when it has fewer than {@code minNgrams}. */
    public double repeatedShare(String text) {
        List<String> units = units(text);
        int total = units.size() - n + 1;
        if (total < minNgrams) {
            return 0;
        }
        Set<List<String>> distinct = new HashSet<>();
        for (int i = 0; i < total; i++) {
            distinct.add(units.subList(i, i + n));
        }
        return 1.0 - (double) distinct.size() / total;
    }

    private List<String> units(String text) {
        if (unit == Unit.WORDS) {
            String trimmed = text.strip();
            return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        }
        List<String> chars = new ArrayList<>();
        text.codePoints().forEach(cp -> chars.add(Character.toString(cp)));
        return chars;
    }

    @Override
    public String toString() {
        return "repeatedNgrams(n=" + n + ", share>=" + maxRepeatedShare + ", min=" + minNgrams + ", "
                + unit.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
