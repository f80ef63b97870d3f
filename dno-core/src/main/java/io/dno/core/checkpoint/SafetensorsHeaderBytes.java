package io.dno.core.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.io.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes before the data section of a safetensors file, as the Python {@code safetensors} library lays
 * them out: the header's length (8 bytes, little-endian), then the JSON header with a {@code __metadata__}
 * map ({@code "format": "pt"} unless given) and each tensor's dtype, shape and data offsets in data order,
 * padded with spaces so the data section starts at a multiple of 8 bytes.
 */
final class SafetensorsHeaderBytes {

    /** One tensor of the header: its name, the dtype it is stored as and its shape. */
    record Slot(String name, SafetensorsDtype dtype, long[] shape) {
        long bytes() {
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            return Math.multiplyExact(count, dtype.size());
        }
    }

    private SafetensorsHeaderBytes() {}

    /** The length and the header of a file holding {@code slots} back to back in this order. */
    static byte[] of(List<Slot> slots, Map<String, String> metadata) {
        ObjectNode root = Json.mapper().createObjectNode();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.putAll(new java.util.TreeMap<>(metadata));   // sorted: Map.of iterates in a per-JVM order
        ObjectNode metaNode = root.putObject("__metadata__");
        meta.forEach((k, v) -> {
            checkArgument(k != null && v != null, "metadata keys and values must be non-null");
            metaNode.put(k, v);
        });
        long offset = 0;
        for (Slot slot : slots) {
            long bytes = slot.bytes();
            ObjectNode entry = root.putObject(slot.name());
            entry.put("dtype", slot.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : slot.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a header of plain JSON nodes", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array(),
                8 + padded);
        System.arraycopy(json, 0, out, 8, json.length);
        Arrays.fill(out, 8 + json.length, out.length, (byte) ' ');
        return out;
    }
}
