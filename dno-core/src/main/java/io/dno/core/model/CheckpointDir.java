package io.dno.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.dno.core.io.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Hugging Face model directory: {@code config.json}, {@code model.safetensors} (float32, HF names) and, when
 * the tokenizer came from a directory, its files ({@code tokenizer.json}, {@code tokenizer_config.json}, ...).
 *
 * <p>Tensors go through DJL's built-in safetensors codec ({@code NDList.encode(..., SAFETENSORS)} /
 * {@code NDList.decode}), which handles F32/F16/F64 in one file below 2 GB. DJL aborts the JVM on BF16, so the
 * header is checked first and BF16 (or sharded) checkpoints are rejected with a clear message.
 */
public final class CheckpointDir {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    /** Tokenizer files copied along with a model when present. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", "tokenizer.model", "generation_config.json");
    private static final Set<String> READABLE_DTYPES = Set.of("F32", "F16", "F64");

    private CheckpointDir() {}

    /** Writes config.json and model.safetensors of {@code model} into {@code dir} (created if missing). */
    public static void save(Transformer model, Path dir) {
        save(model, Optional.empty(), dir);
    }

    /** As {@link #save(Transformer, Path)}, also copying the tokenizer files found in {@code tokenizerDir}. */
    public static void save(Transformer model, Optional<Path> tokenizerDir, Path dir) {
        try {
            Files.createDirectories(dir);
            NDList list = new NDList();
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                e.getValue().setName(e.getKey());
                list.add(e.getValue());
            }
            Path tmp = dir.resolve(WEIGHTS + ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
            Files.move(tmp, dir.resolve(WEIGHTS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            HfConfigJson.write(model.config(), dir.resolve(CONFIG));
            if (tokenizerDir.isPresent() && !tokenizerDir.get().toAbsolutePath().equals(dir.toAbsolutePath())) {
                for (String name : TOKENIZER_FILES) {
                    Path src = tokenizerDir.get().resolve(name);
                    if (Files.isRegularFile(src)) {
                        Files.copy(src, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads the model of {@code dir}; its arrays live in the returned model's own manager. */
    public static Transformer load(Path dir) {
        Path configFile = dir.resolve(CONFIG);
        checkArgument(Files.isRegularFile(configFile), "%s has no config.json: not a model directory", dir);
        TransformerConfig config = HfConfigJson.read(configFile);
        Path weights = dir.resolve(WEIGHTS);
        checkArgument(!Files.exists(dir.resolve(WEIGHTS + ".index.json")) || Files.exists(weights),
                "%s holds a sharded checkpoint (model.safetensors.index.json); only one model.safetensors is"
                        + " supported here", dir);
        checkArgument(Files.isRegularFile(weights), "%s has no model.safetensors", dir);
        checkDtypes(weights);
        try (NDManager scratch = NDManager.newBaseManager();
             InputStream in = new BufferedInputStream(Files.newInputStream(weights), 1 << 20)) {
            NDList list = NDList.decode(scratch, in);
            Map<String, NDArray> named = new LinkedHashMap<>();
            for (NDArray a : list) {
                named.put(a.getName(), a);
            }
            return Transformer.fromWeights(config, named);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + weights + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(weights + ": " + e.getMessage(), e);
        }
    }

    /** Reads the safetensors header and rejects dtypes DJL cannot decode (BF16 would abort the JVM). */
    private static void checkDtypes(Path weights) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
            byte[] len = new byte[8];
            in.readFully(len);
            long headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            checkArgument(headerLength > 0 && headerLength < (100L << 20),
                    "%s: header length %s is not a safetensors header", weights, headerLength);
            byte[] header = new byte[(int) headerLength];
            in.readFully(header);
            JsonNode root = Json.mapper().readTree(new String(header, StandardCharsets.UTF_8).trim());
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                String dtype = e.getValue().path("dtype").asText();
                checkArgument(READABLE_DTYPES.contains(dtype),
                        "%s: tensor '%s' has dtype %s; this reader handles %s (convert the checkpoint to float32)",
                        weights, e.getKey(), dtype, READABLE_DTYPES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + weights + ": " + e.getMessage(), e);
        }
    }
}
