package io.dno.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a safetensors header with the rules of the reference implementation
 * ({@code safetensors/src/tensor.rs}, {@code Metadata::validate}): an 8-byte little-endian header length N
 * with {@code 2 <= N <= min(100 MB, file size - 8)}, N bytes of UTF-8 JSON object, then a data section
 * that the tensors cover exactly, without overlaps, holes or trailing bytes.
 */
final class HeaderParser {
    /** The reference implementation's limit on the header size (100 MB). */
    static final long MAX_HEADER_LENGTH = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");

    private HeaderParser() {}

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new CheckpointException(file, "truncated: the file has " + fileSize
                    + " bytes, but a safetensors file starts with an 8-byte header length; re-download or re-save it");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.getLong(0);
        long limit = Math.min(MAX_HEADER_LENGTH, fileSize - 8);
        if (headerLength < 2 || headerLength > limit) {
            String reason = headerLength < 0 || headerLength > MAX_HEADER_LENGTH
                    ? "exceeds the format's limit of " + MAX_HEADER_LENGTH + " bytes"
                    : headerLength < 2 ? "is too small for a JSON object"
                    : "is larger than the " + (fileSize - 8) + " bytes after the length field (truncated file?)";
            throw new CheckpointException(file, "header length " + Long.toUnsignedString(headerLength) + " " + reason
                    + "; this is not a valid safetensors file, re-download or re-save it");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        return parse(file, headerBytes.array(), fileSize);
    }

    static SafetensorsHeader parse(Path file, byte[] header, long fileSize) {
        if (header.length == 0 || header[0] != '{') {
            throw new CheckpointException(file, "the header must be a JSON object starting with '{'; not a safetensors file");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(header);
        } catch (IOException e) {
            String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            throw new CheckpointException(file, "the header is not valid JSON (" + detail
                    + "); the file is corrupt, re-download or re-save it", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "the header must be a JSON object of tensor entries");
        }
        long dataStart = 8L + header.length;
        long dataSize = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata.putAll(metadata(file, field.getValue()));
            } else {
                tensors.add(entry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        checkCoverage(file, tensors, dataSize);
        return new SafetensorsHeader(dataStart, tensors, metadata);
    }

    private static Map<String, String> metadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new CheckpointException(file, METADATA_KEY + " must be a JSON object of strings, got " + node.getNodeType());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(file, METADATA_KEY + " value of '" + e.getKey()
                        + "' must be a string (the format allows only a string-to-string map), got " + e.getValue().getNodeType());
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    private static TensorInfo entry(Path file, String name, JsonNode node, long dataSize) {
        if (name.isEmpty()) {
            throw new CheckpointException(file, "a tensor has an empty name; every tensor needs a non-empty name");
        }
        if (!node.isObject()) {
            throw tensorError(file, name, "must be an object with dtype, shape and data_offsets, got " + node.getNodeType());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ENTRY_FIELDS.contains(key)) {
                throw tensorError(file, name, "has unknown field '" + key + "'; allowed are " + ENTRY_FIELDS);
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw tensorError(file, name, "needs a string field 'dtype'");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dtypeNode.textValue()).orElseThrow(() -> tensorError(file, name,
                "has unknown dtype '" + dtypeNode.textValue() + "'; known are " + List.of(SafetensorsDtype.values())));
        List<Long> shape = longs(file, name, node.get("shape"), "shape", -1);
        List<Long> offsets = longs(file, name, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (begin > end) {
            throw tensorError(file, name, "has data_offsets [" + begin + ", " + end + "] with begin > end");
        }
        if (end > dataSize) {
            throw tensorError(file, name, "has data_offsets [" + begin + ", " + end + "] beyond the data section of "
                    + dataSize + " bytes (truncated file?); re-download or re-save it");
        }
        long elements = 1;
        long bytes;
        try {
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, dtype.size());
        } catch (ArithmeticException e) {
            throw tensorError(file, name, "has shape " + shape + " whose element count overflows 64 bits");
        }
        if (bytes != end - begin) {
            throw tensorError(file, name, "has shape " + shape + " of " + dtype + " needing " + bytes
                    + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin)
                    + " bytes; dtype, shape and offsets disagree");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static List<Long> longs(Path file, String name, JsonNode node, String field, int requiredSize) {
        if (node == null || !node.isArray() || (requiredSize >= 0 && node.size() != requiredSize)) {
            throw tensorError(file, name, "needs field '" + field + "' as an array of "
                    + (requiredSize >= 0 ? requiredSize + " " : "") + "non-negative integers");
        }
        List<Long> values = new ArrayList<>(node.size());
        for (JsonNode v : node) {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw tensorError(file, name, "has '" + field + "' entry " + v + "; entries must be non-negative 64-bit integers");
            }
            values.add(v.longValue());
        }
        return values;
    }

    /** The tensors, sorted by offsets, must tile the data section exactly. */
    private static void checkCoverage(Path file, List<TensorInfo> tensors, long dataSize) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long position = 0;
        String previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < position) {
                throw tensorError(file, t.name(), "overlaps tensor '" + previous + "': its data starts at " + t.begin()
                        + " before the previous tensor ends at " + position + "; the file is corrupt");
            }
            if (t.begin() > position) {
                throw tensorError(file, t.name(), "starts at " + t.begin() + " but the previous data ends at " + position
                        + ", leaving a hole of " + (t.begin() - position) + " bytes; the format requires a gap-free data section");
            }
            position = t.end();
            previous = t.name();
        }
        if (position != dataSize) {
            throw new CheckpointException(file, "the tensors cover " + position + " bytes but the data section has "
                    + dataSize + " (trailing bytes or missing tensors); the file is corrupt, re-download or re-save it");
        }
    }

    private static CheckpointException tensorError(Path file, String name, String message) {
        return new CheckpointException(file, "tensor '" + name + "' " + message);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
        buffer.flip();
    }
}
