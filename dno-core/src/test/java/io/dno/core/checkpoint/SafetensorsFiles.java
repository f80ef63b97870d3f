package io.dno.core.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made safetensors files for validation tests. */
final class SafetensorsFiles {
    private SafetensorsFiles() {}

    /** A file with header length {@code declaredLength}, the given header text and {@code dataBytes} zero bytes. */
    static Path raw(Path file, long declaredLength, String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(declaredLength).put(json);
        try {
            Files.write(file, buffer.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A file whose header length matches {@code header}. */
    static Path of(Path file, String header, int dataBytes) {
        return raw(file, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }
}
