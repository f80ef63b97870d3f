package io.dno.cli;

import io.dno.core.data.Demonstration;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.datasets.BeaverTails;
import io.dno.core.datasets.ChatPreference;
import io.dno.core.datasets.DatasetRead;
import io.dno.core.datasets.HhRlhf;
import io.dno.core.datasets.SafeRlhf;
import io.dno.core.datasets.TrlPreferences;
import io.dno.core.datasets.UltraFeedbackBinarized;
import io.dno.core.io.Jsonl;
import io.dno.core.model.PaperPromptFormats;
import io.dno.core.tokenize.ChatMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno dataset convert}: a public preference data set file → dno pairs or demonstrations (JSONL). */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Convert public preference data sets to dno's pair or demonstration JSONL.",
        subcommands = DatasetCommand.Convert.class)
final class DatasetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Format { hh_rlhf, safe_rlhf_helpful, safe_rlhf_harmless, beavertails, ultrafeedback, trl }

    enum Template { vicuna, mistral }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {"Read a data set file and write dno preference pairs (kind offline), or demonstrations of the"
                    + " chosen answers with --demonstrations.",
                "Formats: hh_rlhf (Anthropic HH-RLHF), safe_rlhf_helpful / safe_rlhf_harmless (PKU-SafeRLHF / BeaverTails,"
                    + " Thakkar et al.'s splits), beavertails (the classification files: safe-over-unsafe pairs, or every"
                    + " safe answer with --demonstrations), ultrafeedback (ultrafeedback_binarized), trl (TRL preference"
                    + " JSONL)."})
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", required = true, description = "${COMPLETION-CANDIDATES}")
        Format format;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "the data set's JSONL file")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSONL file to write")
        Path out;

        @Option(names = "--template", defaultValue = "vicuna",
                description = "prompt template of Thakkar et al.: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        Template template;

        @Option(names = "--min-margin", defaultValue = "0", description = "ultrafeedback: keep pairs whose score gap is"
                + " at least this (default: ${DEFAULT-VALUE})")
        double minMargin;

        @Option(names = "--demonstrations", description = "write the chosen answers as SFT demonstrations instead")
        boolean demonstrations;

        @Override
        public Integer call() {
            Function<List<ChatMessage>, String> render = template == Template.vicuna
                    ? PaperPromptFormats::vicuna : PaperPromptFormats::mistral;
            if (format == Format.beavertails) {
                return beaverTails(render);
            }
            DatasetRead<ChatPreference> read = switch (format) {
                case hh_rlhf -> HhRlhf.read(in);
                case safe_rlhf_helpful -> SafeRlhf.read(in, SafeRlhf.Split.HELPFUL);
                case safe_rlhf_harmless -> SafeRlhf.read(in, SafeRlhf.Split.HARMLESS);
                case ultrafeedback -> UltraFeedbackBinarized.read(in, minMargin);
                case trl -> TrlPreferences.read(in);
                case beavertails -> throw new IllegalStateException("handled above");
            };
            if (demonstrations) {
                List<Demonstration> demos = read.records().stream().map(p -> p.toDemonstration(render)).toList();
                Jsonl.write(out, demos);
            } else {
                List<PreferencePair> pairs = read.records().stream().map(p -> p.toPair(render)).toList();
                Jsonl.write(out, pairs);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %d %s to %s; skipped %d%s%n", read.records().size(),
                    demonstrations ? "demonstrations" : "pairs", out, read.skippedCount(),
                    read.skipped().isEmpty() ? "" : " " + read.skipped());
            w.flush();
            return 0;
        }

        private Integer beaverTails(Function<List<ChatMessage>, String> render) {
            List<BeaverTails.Labelled> labelled = BeaverTails.read(in).records();
            int written;
            if (demonstrations) {
                List<Demonstration> demos = labelled.stream().filter(BeaverTails.Labelled::safe)
                        .map(l -> Demonstration.of(Prompt.of(l.id(), render.apply(List.of(ChatMessage.user(l.prompt())))),
                                l.response()))
                        .toList();
                Jsonl.write(out, demos);
                written = demos.size();
            } else {
                List<PreferencePair> pairs = BeaverTails.safetyPairs(labelled).stream().map(p -> p.toPair(render))
                        .toList();
                Jsonl.write(out, pairs);
                written = pairs.size();
            }
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %d %s from %d labelled answers to %s%n", written,
                    demonstrations ? "safe demonstrations" : "safe-over-unsafe pairs", labelled.size(), out);
            w.flush();
            return 0;
        }
    }
}
