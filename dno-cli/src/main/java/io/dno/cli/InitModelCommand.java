package io.dno.cli;

import io.dno.cli.init.NewModelDirectory;
import io.dno.cli.options.DeviceOption;
import io.dno.core.model.TransformerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dno init-model}: writes a randomly initialised model directory in Hugging Face's layout (config.json,
 * model.safetensors, a byte-level tokenizer with a chat template, generation_config.json), ready for {@code dno run}.
 */
@Command(name = "init-model", mixinStandardHelpOptions = true,
        description = {"Create a randomly initialised Llama-family model directory in Hugging Face's layout: config.json, "
            + "model.safetensors, a byte-level tokenizer (tokenizer.json, tokenizer_config.json with a chat template) "
            + "and generation_config.json.",
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

    @Option(names = "--vocab-size", defaultValue = "259",
            description = "vocabulary size (default: ${DEFAULT-VALUE}: the byte-level tokenizer's 256 bytes + 3 special tokens)")
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

    @Option(names = "--bos-id", description = "bos_token_id to record (default: the tokenizer's)")
    Integer bosId;

    @Option(names = "--eos-id", description = "eos_token_id to record (default: the tokenizer's)")
    Integer eosId;

    @Option(names = "--tokenizer-dir", paramLabel = "DIR",
            description = "copy tokenizer.json etc. from this directory instead of writing the byte-level tokenizer")
    Path tokenizerDir;

    @Option(names = "--no-tokenizer", description = "write no tokenizer: a model used by token ids only")
    boolean noTokenizer;

    @Mixin
    DeviceOption device;

    @Option(names = "--seed", defaultValue = "0", description = "initialisation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (noTokenizer && tokenizerDir != null) {
            throw new IllegalArgumentException("--no-tokenizer and --tokenizer-dir exclude each other: give one");
        }
        NewModelDirectory.TokenizerChoice tokenizer = noTokenizer ? new NewModelDirectory.NoTokenizer()
                : tokenizerDir != null ? new NewModelDirectory.CopiedFrom(tokenizerDir) : new NewModelDirectory.ByteLevel();
        int[] specialIds = NewModelDirectory.specialIds(tokenizer, vocabSize);
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
                .withTiedEmbeddings(tied != null ? tied : base.tieWordEmbeddings());
        config = NewModelDirectory.withSpecialTokens(config, bosId, eosId, specialIds);
        long parameters = NewModelDirectory.write(out, config, seed, device.parsed(), tokenizer, specialIds);
        spec.commandLine().getOut().printf("wrote %s model with %,d parameters to %s%s%n", config.modelType(),
                parameters, out, noTokenizer ? " (no tokenizer)"
                        : tokenizerDir != null ? " (tokenizer from " + tokenizerDir + ")" : " (byte-level tokenizer)");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
