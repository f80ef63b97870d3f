package io.dno.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON Lines files of dno records: one JSON object per line, UTF-8.
 *
 * <p>Reading is strict and precise: invalid UTF-8, broken JSON, a wrong type, a missing or unknown field,
 * or a value the record's constructor rejects each stop the read with a {@link DataFileException} naming
 * the file, the line and the field. Blank lines are skipped. Writing is atomic ({@link AtomicFiles}).
 */
public final class Jsonl {
    /** Longest line accepted: 256 MiB. Longer lines are rejected before they are decoded. */
    public static final int MAX_LINE_BYTES = 256 << 20;

    private Jsonl() {}

    /** Reads every record of {@code file}. */
    public static <T> List<T> read(Path file, Class<T> type) {
        List<T> out = new ArrayList<>();
        forEach(file, type, (line, value) -> out.add(value));
        return out;
    }

    /** A record and the 1-based line it was read from. */
    @FunctionalInterface
    public interface LineConsumer<T> {
        void accept(long line, T value);
    }

    /** Streams the records of {@code file} to {@code consumer} in order, with their line numbers. */
    public static <T> void forEach(Path file, Class<T> type, LineConsumer<T> consumer) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long lineNo = 0;
            boolean more = true;
            while (more) {
                buffer.reset();
                more = readLine(in, buffer, file, lineNo + 1);
                if (!more && buffer.size() == 0) {
                    break;
                }
                lineNo++;
                String text = decode(utf8, buffer, file, lineNo);
                if (text.isBlank()) {
                    continue;
                }
                consumer.accept(lineNo, parse(text, type, file, lineNo));
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, 0, "does not exist: check the path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Atomically writes {@code values} to {@code file}, one compact JSON object per line. */
    public static void write(Path file, List<?> values) {
        ObjectWriter writer = Json.mapper().writer();
        AtomicFiles.write(file, out -> {
            for (Object value : values) {
                out.write(writer.writeValueAsBytes(value));
                out.write('\n');
            }
        });
    }

    /** One record as a single JSON line (no newline). */
    public static String toLine(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static boolean readLine(InputStream in, ByteArrayOutputStream buffer, Path file, long lineNo)
            throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return true;
            }
            if (buffer.size() >= MAX_LINE_BYTES) {
                throw new DataFileException(file, lineNo, "line is longer than " + MAX_LINE_BYTES
                        + " bytes: split the record or check that the file is JSON Lines");
            }
            buffer.write(b);
        }
        return false;
    }

    private static String decode(CharsetDecoder utf8, ByteArrayOutputStream buffer, Path file, long lineNo) {
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, lineNo, "invalid UTF-8: the file must be UTF-8 encoded", e);
        }
    }

    private static <T> T parse(String text, Class<T> type, Path file, long lineNo) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DataFileException(file, lineNo, fieldPrefix(e) + cause.getMessage(), e);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            if (e.getPath().isEmpty() && type.equals(e.getTargetType())) {
                throw new DataFileException(file, lineNo, "the line must be one JSON object (" + type.getSimpleName()
                        + "), got " + text.strip().substring(0, Math.min(40, text.strip().length())), e);
            }
            String field = fieldPath(e);
            throw new DataFileException(file, lineNo, JsonShapes.describe(e, text, field, type)
                    .orElse(fieldPrefix(e) + e.getOriginalMessage()), e);
        } catch (JsonMappingException e) {
            throw new DataFileException(file, lineNo, fieldPrefix(e) + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new DataFileException(file, lineNo, "not valid JSON: " + withoutSource(e.getOriginalMessage()), e);
        }
    }

    /** Jackson's message without its "[Source: REDACTED ...; " part, which names no source anyway. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: [^;]*; ", "[");
    }

    /** "field 'chosen.text': " for a problem located inside a value, empty at the top level. */
    private static String fieldPrefix(JsonMappingException e) {
        String path = fieldPath(e);
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    /** "chosen.text", "candidates[2].score"; empty at the top level. */
    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
