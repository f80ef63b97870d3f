package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The content of a {@code model.safetensors.index.json} as {@code transformers} writes it:
 * {@code {"metadata": {"total_size": bytes}, "weight_map": {tensor name: shard file name}}}.
 *
 * @param totalSize the {@code metadata.total_size} in bytes, if present
 * @param weightMap tensor name to shard file, relative to the index's directory
 */
public record ShardIndex(OptionalLong totalSize, SortedMap<String, String> weightMap) {

    public ShardIndex {
        checkArgument(totalSize != null, "totalSize must not be null (use OptionalLong.empty())");
        checkArgument(weightMap != null && !weightMap.isEmpty(), "weight_map must name at least one tensor");
        weightMap = ImmutableSortedMap.copyOf((Map<String, String>) weightMap);
    }

    /** The distinct shard files, sorted. */
    public SortedSet<String> shards() {
        return new TreeSet<>(weightMap.values());
    }
}
