package io.dno.core.loop;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code run.json}: what a run directory was made with. {@code settings} is the resolved configuration
 * (strategy, loss, annotator, sampling, trainer, seeds, sizes and SHA-256 hashes of the data); a run resumes
 * only with exactly the same settings. {@code provenance} records facts that may differ between processes
 * (library version, Java, start time) and is never compared.
 */
public record RunManifest(@JsonProperty(required = true) Map<String, String> settings,
                          @JsonProperty(required = true) Map<String, String> provenance) {

    public RunManifest {
        checkArgument(settings != null && provenance != null, "settings and provenance are required");
        settings = ImmutableMap.copyOf(settings);
        provenance = ImmutableMap.copyOf(provenance);
    }

    /** The settings that differ from {@code other}'s, as readable lines (empty when they agree). */
    public List<String> differencesFrom(RunManifest other) {
        List<String> out = new ArrayList<>();
        for (String key : settings.keySet()) {
            if (!Objects.equals(settings.get(key), other.settings.get(key))) {
                out.add(key + ": the run directory has " + other.settings.get(key) + ", this run has "
                        + settings.get(key));
            }
        }
        for (String key : other.settings.keySet()) {
            if (!settings.containsKey(key)) {
                out.add(key + ": the run directory has " + other.settings.get(key) + ", this run has none");
            }
        }
        return out;
    }
}
