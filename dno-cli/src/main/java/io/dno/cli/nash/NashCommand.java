package io.dno.cli.nash;

import io.dno.core.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dno nash}: DNO's iterates on an intransitive preference, against offline DPO. */
@Command(name = "nash", mixinStandardHelpOptions = true,
        description = "Check DNO's game theory on a toy bandit: single-token answers with a rock-paper-scissors "
                + "preference (and a transitive control). DNO (Eq. 8, soft targets, reference pi_t) should make each "
                + "iterate beat the previous one and its mixture of iterates approach the minimax winner; offline DPO "
                + "(a Bradley-Terry reward) on the same data is the contrast. Deterministic for a seed.")
public final class NashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--iterations", paramLabel = "T", description = "DNO iterations (default: 24)")
    Integer iterations;

    @Option(names = "--prompts", paramLabel = "N", description = "prompts per game (default: 16)")
    Integer prompts;

    @Option(names = "--samples", paramLabel = "K", description = "samples of pi_t per prompt (default: 16)")
    Integer samples;

    @Option(names = "--eta", paramLabel = "ETA", description = "eta of Eq. 8 and DPO's beta (default: 1.0)")
    Double eta;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "learning rate of both methods (default: 0.003)")
    Double learningRate;

    @Option(names = "--epochs", paramLabel = "E", description = "epochs per iteration of both methods (default: 16)")
    Integer epochs;

    @Option(names = "--plot", paramLabel = "PNG", description = "also write the four-panel plot to this PNG file")
    Path plot;

    @Option(names = "--json", description = "print one JSON object (tv_to_nash, beats_previous, games) instead of tables")
    boolean json;

    @Override
    public Integer call() throws Exception {
        NashSettings s = settings();
        NashResult result = NashExperiment.run(s, command());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(result));
        } else {
            NashTables.print(result, out);
        }
        out.flush();                               // the numbers first: a plot that cannot be written loses nothing
        if (plot != null) {
            NashPlot.write(result, plot.toAbsolutePath());
        }
        return 0;
    }

    NashSettings settings() {
        NashSettings s = NashSettings.defaults(seed);
        if (prompts != null) {
            s = s.withPromptsPerGame(prompts);
        }
        if (samples != null) {
            s = s.withSamples(samples);
        }
        if (iterations != null) {
            s = s.withIterations(iterations);
        }
        if (eta != null) {
            s = s.withEta(eta);
        }
        if (learningRate != null) {
            s = s.withLearningRate(learningRate);
        }
        if (epochs != null) {
            s = s.withEpochs(epochs);
        }
        return s;
    }

    private String command() {
        List<String> args = new ArrayList<>(List.of("./dno", "nash", "--seed", Long.toString(seed)));
        addIf(args, "--iterations", iterations);
        addIf(args, "--prompts", prompts);
        addIf(args, "--samples", samples);
        addIf(args, "--eta", eta);
        addIf(args, "--learning-rate", learningRate);
        addIf(args, "--epochs", epochs);
        return String.join(" ", args);
    }

    private static void addIf(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(String.format(Locale.ROOT, "%s", value));
        }
    }
}
