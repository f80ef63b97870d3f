package io.dno.annotators.cache;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dno.core.data.Prompt;
import java.nio.charset.StandardCharsets;

/**
 * One cached score, a line of the cache file.
 *
 * @param key           {@link #keyOf} of (judge, prompt id, prompt text, candidate text)
 * @param judge         the judge's {@code name()}, for people reading the file
 * @param promptId      the prompt id, for people reading the file
 * @param score         the score the judge gave
 * @param justification the judge's reason
 */
public record CacheEntry(
        @JsonProperty(value = "key", required = true) String key,
        @JsonProperty(value = "judge", required = true) String judge,
        @JsonProperty(value = "prompt_id", required = true) String promptId,
        @JsonProperty(value = "score", required = true) double score,
        @JsonProperty(value = "justification", required = true) String justification) {

    public CacheEntry {
        checkArgument(key != null && key.length() == 64, "field 'key' must be a 64-digit SHA-256 hex string");
        checkArgument(judge != null && promptId != null && justification != null,
                "fields 'judge', 'prompt_id' and 'justification' must be strings");
        checkArgument(Double.isFinite(score), "field 'score' must be finite, got %s", score);
    }

    /** SHA-256 of the length-prefixed judge name, prompt id, prompt text and candidate text, in hex. */
    public static String keyOf(String judge, Prompt prompt, String candidateText) {
        Hasher h = Hashing.sha256().newHasher();
        for (String part : new String[] {judge, prompt.id(), prompt.text(), candidateText}) {
            h.putInt(part.length()).putString(part, StandardCharsets.UTF_8);
        }
        return h.hash().toString();
    }
}
