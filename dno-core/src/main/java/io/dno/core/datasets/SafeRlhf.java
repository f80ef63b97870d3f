package io.dno.core.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * PKU-SafeRLHF, the preference form of BeaverTails (Ji et al. 2023): one record per line with {@code prompt},
 * {@code response_0}, {@code response_1}, {@code is_response_0_safe}, {@code is_response_1_safe},
 * {@code better_response_id} and {@code safer_response_id} (0 or 1); other fields of the release (sources,
 * harm categories, severity) are ignored. Single-turn.
 *
 * <p>BeaverTails has no helpful/harmless split, so Thakkar et al. 2024 (§3) build one, and so does
 * {@link Split}: helpful pairs prefer the better response; harmless pairs keep only records where exactly one
 * response is safe and prefer that one.
 */
public final class SafeRlhf {

    /** The two preferences of Thakkar et al. 2024. */
    public enum Split {
        /** chosen = {@code response_{better_response_id}}; every record. */
        HELPFUL,
        /** only records with one safe and one unsafe response; chosen = the safe one. */
        HARMLESS
    }

    private SafeRlhf() {}

    public static DatasetRead<ChatPreference> read(Path file, Split split) {
        return DatasetLines.read(file, line -> {
            String prompt = line.text("prompt");
            List<String> responses = List.of(line.text("response_0"), line.text("response_1"));
            boolean safe0 = line.bool("is_response_0_safe");
            boolean safe1 = line.bool("is_response_1_safe");
            int better = line.choice("better_response_id", 0, 1);
            line.choice("safer_response_id", 0, 1);
            int chosen;
            if (split == Split.HELPFUL) {
                chosen = better;
            } else {
                if (safe0 == safe1) {
                    throw new DatasetLines.Skip(safe0 ? "both responses safe" : "both responses unsafe");
                }
                chosen = safe0 ? 0 : 1;
            }
            if (responses.get(0).equals(responses.get(1))) {
                throw new DatasetLines.Skip("identical answers");
            }
            return new ChatPreference(DatasetLines.id("safe-rlhf", line),
                    List.of(io.dno.core.tokenize.ChatMessage.user(prompt)), responses.get(chosen),
                    responses.get(1 - chosen), 0);
        });
    }
}
