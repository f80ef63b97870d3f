package io.dno.cli;

import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Devices;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno init-model}: writes a randomly initialised model directory (config.json + model.safetensors). */
@Command(name = "init-model", mixinStandardHelpOptions = true,
        description = {"Create a randomly initialised Llama-family model directory (config.json, model.safetensors).",
            "Sizes start from the preset; each size option overrides one field."})
final class InitModelCommand implements Callable<Integer> {

    enum Preset { tiny }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
    Path out;

    @Option(names = "--preset", defaultValue = "tiny", description = "starting sizes (default: ${DEFAULT-VALUE})")
    Preset preset;

    @Option(names = "--model-type", defaultValue = "llama", description = "llama, qwen2 or mistral (default: ${DEFAULT-VALUE})")
    String modelType;

    @Option(names = "--vocab-size", defaultValue = "259", description = "vocabulary size (default: ${DEFAULT-VALUE}, bytes + 3 specials)")
    int vocabSize;

    @Option(names = "--hidden-size", description = "model width")
    Integer hiddenSize;

    @Option(names = "--intermediate-size", description = "SwiGLU inner width")
    Integer intermediateSize;

    @Option(names = "--layers", description = "decoder layers")
    Integer layers;

    @Option(names = "--heads", description = "attention heads")
    Integer heads;

    @Option(names = "--kv-heads", description = "key/value heads (fewer than heads: grouped-query attention)")
    Integer kvHeads;

    @Option(names = "--max-positions", description = "max_position_embeddings")
    Integer maxPositions;

    @Option(names = "--tied", negatable = true, description = "tie the LM head to the embedding (preset: tied)")
    Boolean tied;

    @Option(names = "--bos-id", description = "bos_token_id to record")
    Integer bosId;

    @Option(names = "--eos-id", description = "eos_token_id to record")
    Integer eosId;

    @Option(names = "--tokenizer-dir", paramLabel = "DIR", description = "copy tokenizer.json etc. from this directory")
    Path tokenizerDir;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--seed", defaultValue = "0", description = "initialisation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        TransformerConfig base = switch (preset) {
            case tiny -> TransformerConfig.tiny(vocabSize);
        };
        int h = hiddenSize != null ? hiddenSize : base.hiddenSize();
        int nHeads = heads != null ? heads : base.numAttentionHeads();
        TransformerConfig config = TransformerConfig.llama(vocabSize, h,
                        intermediateSize != null ? intermediateSize : base.intermediateSize(),
                        layers != null ? layers : base.numHiddenLayers(), nHeads,
                        kvHeads != null ? kvHeads : Math.min(base.numKeyValueHeads(), nHeads),
                        maxPositions != null ? maxPositions : base.maxPositionEmbeddings())
                .withModelType(modelType)
                .withTiedEmbeddings(tied != null ? tied : base.tieWordEmbeddings())
                .withSpecialTokens(bosId == null ? OptionalInt.empty() : OptionalInt.of(bosId),
                        eosId == null ? List.of() : List.of(eosId));
        try (Transformer model = Transformer.random(config, seed, Devices.parse(device))) {
            CheckpointDir.save(model, Optional.ofNullable(tokenizerDir), out);
            spec.commandLine().getOut().printf("wrote %s model with %,d parameters to %s%n", config.modelType(),
                    model.parameterCount(), out);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
