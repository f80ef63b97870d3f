package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated header of a safetensors file: its tensors in header order and the free-form
 * {@code __metadata__} string map (for example {@code {"format": "pt"}}).
 *
 * @param dataStart byte offset of the data section in the file: 8 + the header length
 * @param tensors   the tensors in the order they appear in the header; names are unique
 * @param metadata  the {@code __metadata__} entries, empty when the file has none
 */
public record SafetensorsHeader(long dataStart, List<TensorInfo> tensors, Map<String, String> metadata) {

    public SafetensorsHeader {
        checkArgument(dataStart >= 8, "the data section starts after the 8-byte length, got %s", dataStart);
        tensors = ImmutableList.copyOf(tensors);
        metadata = ImmutableMap.copyOf(metadata);
    }

    /** The tensor called {@code name}, if the file has one. */
    public Optional<TensorInfo> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
