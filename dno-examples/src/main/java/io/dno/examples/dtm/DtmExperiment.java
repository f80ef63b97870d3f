package io.dno.examples.dtm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dno.core.data.Demonstration;
import io.dno.core.data.Prompt;
import io.dno.core.io.AtomicFiles;
import io.dno.core.io.Json;
import io.dno.core.merge.MergeMethod;
import io.dno.core.merge.MergeSettings;
import io.dno.core.merge.dtm.CheckpointScores;
import io.dno.core.merge.dtm.DemonstrationSplits;
import io.dno.core.merge.dtm.DisperseThenMerge;
import io.dno.core.merge.dtm.DtmRun;
import io.dno.core.merge.dtm.DtmSettings;
import io.dno.core.merge.dtm.SftSubModelTrainer;
import io.dno.core.merge.dtm.TrainingVariant;
import io.dno.core.model.CheckpointDir;
import io.dno.core.model.Transformer;
import io.dno.core.model.TransformerConfig;
import io.dno.core.tokenize.CharTokenizer;
import io.dno.core.train.AdamWSettings;
import io.dno.core.train.LearningRateSchedule;
import io.dno.core.train.TokenizedDemonstration;
import io.dno.core.train.TrainerSettings;
import io.dno.losses.Losses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The miniature Disperse-Then-Merge experiment (Fu et al. 2024; SEEDS-SPEC part 3, claims M-4 and M-6).
 *
 * <ol>
 *   <li>"Pre-training": a tiny Llama-family model is trained from random init on all four
 *       {@link SyntheticTask} families (add, rev, sort, copy).</li>
 *   <li>"Instruction tuning" on new add/rev/sort instances only, three ways: DTM (K sub-models on disjoint
 *       random portions, averaged), one model on all the data, and a uniform soup of three full-data models
 *       (seeds and learning rates ×0.5, ×1, ×2).</li>
 *   <li>Evaluation on held-out instances: exact-match accuracy (greedy) and mean NLL per answer token for
 *       each family. The alignment tax is what instruction tuning costs on the copy family, which it never
 *       sees: copy accuracy lost and copy NLL gained relative to the base.</li>
 * </ol>
 *
 * Run: {@code java -cp "dno-examples/target/dno-examples.jar:dno-examples/target/lib/*"
 * io.dno.examples.dtm.DtmExperiment --out runs/dtm-mini}; {@link #run()} returns the scores as a {@link DtmReport}.
 * Models are written under the output directory; a rerun reuses the ones that are complete.
 */
@Command(name = "dtm-experiment", mixinStandardHelpOptions = true,
        description = "Miniature Disperse-Then-Merge vs single model vs uniform soup on synthetic tasks.")
public final class DtmExperiment implements Callable<Integer> {
    static final List<String> INSTRUCTION_FAMILIES = List.of("add", "rev", "sort");
    static final String HELD_OUT_FAMILY = "copy";
    private static final int PAD = 0;
    private static final int BOS = 1;
    private static final int EOS = 2;
    private static final int FIRST_SYMBOL = CharTokenizer.SPECIAL_TOKENS.size();

    @Option(names = "--out", required = true, description = "directory for the models and results")
    Path out;

    @Option(names = "--k", defaultValue = "4", description = "portions / sub-models (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--pretrain-per-family", defaultValue = "1000", description = "(default: ${DEFAULT-VALUE})")
    int pretrainPerFamily;

    @Option(names = "--pretrain-epochs", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    int pretrainEpochs;

    @Option(names = "--sft-per-family", defaultValue = "400", description = "(default: ${DEFAULT-VALUE})")
    int sftPerFamily;

    @Option(names = "--sft-epochs", defaultValue = "3", description = "(default: ${DEFAULT-VALUE})")
    int sftEpochs;

    @Option(names = "--test-per-family", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
    int testPerFamily;

    @Option(names = "--split", defaultValue = "random", description = "random or kmeans (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--hidden-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--layers", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--seed", defaultValue = "0", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DtmExperiment()).execute(args));
    }

    /** The experiment with the given command-line options (as {@link #main} takes them), not yet run. */
    public static DtmExperiment withArguments(String... args) {
        return CommandLine.populateCommand(new DtmExperiment(), args);
    }

    @Override
    public Integer call() throws IOException {
        run();
        return 0;
    }

    /**
     * Pre-trains the base (unless {@code --out} has it), instruction-tunes DTM, the single model and the soup (each
     * unless it exists), evaluates them all, writes results.md and results.json under {@code --out}, prints the table
     * and returns the scores.
     */
    public DtmReport run() throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(out);
        Path tokenizer = CharTokenizer.write(Files.createDirectories(out.resolve("tokenizer")),
                CharTokenizer.alphabetOf(SyntheticTask.ALPHABET));
        List<SyntheticTask> test = SyntheticTask.distinct(SyntheticTask.FAMILIES, testPerFamily,
                new SplittableRandom(seed), Set.of());
        Set<String> used = new HashSet<>();
        test.forEach(t -> used.add(t.prompt()));
        List<SyntheticTask> pretrain = SyntheticTask.distinct(SyntheticTask.FAMILIES, pretrainPerFamily,
                new SplittableRandom(seed + 1), used);
        pretrain.forEach(t -> used.add(t.prompt()));
        List<SyntheticTask> instructions = SyntheticTask.distinct(INSTRUCTION_FAMILIES, sftPerFamily,
                new SplittableRandom(seed + 2), used);

        TrainerSettings settings = new TrainerSettings(32, 1, LearningRateSchedule.constant(1e-3),
                AdamWSettings.TORCH_DEFAULTS, 1.0, seed, PAD);
        Path base = out.resolve("base");
        if (!Files.isRegularFile(base.resolve(CheckpointDir.CONFIG))) {
            Path init = out.resolve("init");
            TransformerConfig config = TransformerConfig.llama(FIRST_SYMBOL + SyntheticTask.ALPHABET.length(), hidden,
                            2 * hidden, layers, 4, 2, 32).withTiedEmbeddings(true)
                    .withSpecialTokens(OptionalInt.of(BOS), List.of(EOS));
            try (Transformer model = Transformer.random(config, seed)) {
                CheckpointDir.save(model, Optional.of(tokenizer), init);
            }
            System.out.printf("pre-training the base on %d examples x %d epochs ...%n", pretrain.size(), pretrainEpochs);
            new SftSubModelTrainer(settings, Losses.sft(), pretrainEpochs, DtmExperiment::tokenize, Optional.of(tokenizer))
                    .train(init, demonstrations(pretrain), new TrainingVariant(seed, 3e-3), base);
        }

        TrainingVariant variant = new TrainingVariant(seed, 1e-3);
        DtmSettings dtm = new DtmSettings(k, split.equals("kmeans") ? DtmSettings.Split.KMEANS : DtmSettings.Split.RANDOM,
                DemonstrationSplits.Field.RESPONSE, seed, variant, MergeSettings.of(MergeMethod.LINEAR),
                List.of(new TrainingVariant(seed + 1, 5e-4), new TrainingVariant(seed + 2, 1e-3),
                        new TrainingVariant(seed + 3, 2e-3)));
        System.out.printf("instruction tuning on %d examples x %d epochs: %d sub-models, single, soup of %d ...%n",
                instructions.size(), sftEpochs, k, dtm.soup().size());
        SftSubModelTrainer trainer = new SftSubModelTrainer(settings.withBatchSize(16), Losses.sft(), sftEpochs,
                DtmExperiment::tokenize, Optional.of(tokenizer));
        DtmRun run = DisperseThenMerge.run(base, demonstrations(instructions), dtm, trainer, out.resolve("work"));
        Map<String, Map<String, Double>> table = DisperseThenMerge.evaluate(run, model -> evaluate(model, test));
        DtmReport report = DtmReport.of(table, run.portionSizes(), (System.nanoTime() - started) / 1e9);
        writeResults(report);
        return report;
    }

    /** Exact-match accuracy and mean answer-token NLL per family, and the instruction-family means. */
    static Map<String, Double> evaluate(Path model, List<SyntheticTask> test) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (CheckpointScores scores = CheckpointScores.load(model, PAD, EOS)) {
            double accSum = 0;
            double nllSum = 0;
            for (String family : SyntheticTask.FAMILIES) {
                List<SyntheticTask> tasks = test.stream().filter(t -> t.family().equals(family)).toList();
                List<int[]> prompts = tasks.stream().map(t -> promptIds(t.prompt())).toList();
                List<int[]> answers = scores.greedy(prompts, 8);
                int correct = 0;
                for (int i = 0; i < tasks.size(); i++) {
                    correct += decode(answers.get(i)).equals(tasks.get(i).answer()) ? 1 : 0;
                }
                double acc = correct / (double) tasks.size();
                double nll = scores.meanTokenNll(prompts, tasks.stream().map(t -> responseIds(t.answer())).toList());
                metrics.put("acc/" + family, acc);
                metrics.put("nll/" + family, nll);
                if (INSTRUCTION_FAMILIES.contains(family)) {
                    accSum += acc;
                    nllSum += nll;
                }
            }
            metrics.put("acc/instructions", accSum / INSTRUCTION_FAMILIES.size());
            metrics.put("nll/instructions", nllSum / INSTRUCTION_FAMILIES.size());
        }
        return metrics;
    }

    private void writeResults(DtmReport report) {
        StringBuilder md = new StringBuilder();
        md.append("| model | acc add | acc rev | acc sort | acc instr. | NLL instr. | acc copy (held out) | NLL copy "
                + "(held out) | tax: Δ acc copy | tax: Δ NLL copy |\n|---|---|---|---|---|---|---|---|---|---|\n");
        ObjectNode json = Json.mapper().createObjectNode();
        DtmReport.Model base = report.model("base");
        for (DtmReport.Model m : report.models()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %+.3f | %+.3f |%n",
                    m.name(), m.accuracy("add"), m.accuracy("rev"), m.accuracy("sort"), m.accuracy("instructions"),
                    m.nll("instructions"), m.accuracy(HELD_OUT_FAMILY), m.nll(HELD_OUT_FAMILY),
                    m.accuracy(HELD_OUT_FAMILY) - base.accuracy(HELD_OUT_FAMILY), report.nllTax(m.name())));
            ObjectNode row = json.putObject(m.name());
            m.metrics().forEach(row::put);
        }
        md.append(String.format(Locale.ROOT, "%nportion sizes %s; wall time %.0f s%n", report.portionSizes(),
                report.wallSeconds()));
        AtomicFiles.writeString(out.resolve("results.md"), md.toString());
        json.put("wall_seconds", report.wallSeconds());
        try {
            AtomicFiles.writeString(out.resolve("results.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.print(md);
    }

    static List<Demonstration> demonstrations(List<SyntheticTask> tasks) {
        List<Demonstration> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            SyntheticTask t = tasks.get(i);
            out.add(Demonstration.of(Prompt.of(t.family() + "-" + i, t.prompt()), t.answer()));
        }
        return out;
    }

    static TokenizedDemonstration tokenize(Demonstration d) {
        return new TokenizedDemonstration(promptIds(d.prompt().text()), responseIds(d.response()));
    }

    /** BOS then one id per character, as {@link CharTokenizer} numbers them (specials first, then the alphabet). */
    static int[] promptIds(String text) {
        int[] ids = new int[text.length() + 1];
        ids[0] = BOS;
        for (int i = 0; i < text.length(); i++) {
            ids[i + 1] = symbol(text.charAt(i));
        }
        return ids;
    }

    static int[] responseIds(String text) {
        int[] ids = new int[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            ids[i] = symbol(text.charAt(i));
        }
        ids[text.length()] = EOS;
        return ids;
    }

    static String decode(int[] ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            int index = id - FIRST_SYMBOL;
            s.append(index >= 0 && index < SyntheticTask.ALPHABET.length() ? SyntheticTask.ALPHABET.charAt(index) : '?');
        }
        return s.toString();
    }

    private static int symbol(char c) {
        int index = SyntheticTask.ALPHABET.indexOf(c);
        if (index < 0) {
            throw new IllegalArgumentException("character '" + c + "' is outside the experiment's alphabet");
        }
        return FIRST_SYMBOL + index;
    }
}
