package io.dno.cli.nash;

import io.dno.annotators.Annotators;
import io.dno.annotators.judge.Scale;
import io.dno.cli.nash.NashResult.GameResult;
import io.dno.cli.nash.NashResult.MethodResult;
import io.dno.core.annotate.Annotator;
import io.dno.core.data.PreferencePair;
import io.dno.core.data.Prompt;
import io.dno.core.io.AtomicFiles;
import io.dno.core.model.TransformerPolicy;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Nash check (Rosset et al. 2024 §3, SEEDS-SPEC D-17): on a toy prompt set whose answers are single move tokens,
 * with an intransitive preference (rock-paper-scissors) and a transitive control, DNO with soft targets and
 * reference π_t should produce iterates that each beat the previous one and whose uniform mixture approaches the
 * minimax winner, while a Bradley-Terry-reward method (offline DPO on the same data) cannot represent the cycle.
 *
 * <p>One SFT-initialised tiny policy is trained twice from the same weights: by {@link DnoIterations} and by
 * {@link OfflineDpo}. Both games share the policy (the prompt names the game). Deterministic for a seed.
 */
final class NashExperiment {
    private NashExperiment() {}

    static NashResult run(NashSettings s, String command) {
        Engine.getEngine("PyTorch");                                   // loads the native library
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return runOneThread(s, command);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * The run, with PyTorch's intra-op pool at one thread: every tensor here is tiny, and handing its few hundred
     * multiply-adds to a second thread costs more than it saves (measured with {@code --iterations 7 --prompts 4} on the
     * 2-core machine under load: 7 s of CPU and 23 s of wall time on one thread, 52 s and 146 s on two). One thread
     * also fixes the order of the float reductions.
     */
    private static NashResult runOneThread(NashSettings s, String command) {
        Path work;
        try {
            work = Files.createTempDirectory("dno-nash");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for the Nash check: " + e.getMessage(), e);
        }
        try {
            return run(s, command, work);
        } finally {
            try {
                AtomicFiles.deleteTree(work);
            } catch (IOException e) {
                // a temporary directory left behind is harmless; the result is already computed
            }
        }
    }

    private static NashResult run(NashSettings s, String command, Path work) {
        Path tokenizer = NashPolicy.writeTokenizer(work.resolve("tokenizer"));
        List<Prompt> prompts = NashPrompts.of(s.promptsPerGame());
        Annotator annotator = Annotators.winRate("game", new GamePreference(), false, new Scale(0, 1));
        Path initial = work.resolve("initial");
        try (TransformerPolicy policy = NashPolicy.random(s, tokenizer)) {
            NashPolicy.initialise(policy, prompts, s);
            policy.save(initial);
        }
        DnoIterations.Outcome dno;
        try (TransformerPolicy policy = NashPolicy.load(initial, tokenizer)) {
            dno = DnoIterations.run(policy, prompts, annotator, s);
        }
        List<PreferencePair> dpoPairs = OfflineDpo.pairs(prompts, dno.firstSamples(), annotator);
        List<double[][]> dpo;
        try (TransformerPolicy policy = NashPolicy.load(initial, tokenizer)) {
            dpo = OfflineDpo.run(policy, prompts, dpoPairs, s);
        }
        Map<String, GameResult> games = new LinkedHashMap<>();
        for (int g = 0; g < Game.ALL.size(); g++) {
            Game game = Game.ALL.get(g);
            int from = g * s.promptsPerGame();
            int to = from + s.promptsPerGame();
            Trajectory dnoGame = Trajectory.of(game, dno.policies(), from, to);
            Trajectory dpoGame = Trajectory.of(game, dpo, from, to);
            List<Integer> dpoCounts = java.util.Collections.nCopies(s.iterations(), (int) dpoPairs.stream()
                    .filter(p -> NashPrompts.gameOf(p.prompt()) == game).count());
            Map<String, MethodResult> methods = new LinkedHashMap<>();
            methods.put("dno", dnoGame.summarise("DNO, Eq. 8: soft targets, reference pi_t, fresh samples of pi_t",
                    dno.pairs(from, to), s.eta()));
            methods.put("dpo", dpoGame.summarise("offline DPO: head-to-head labels on pi_0's samples, reference pi_0",
                    dpoCounts, null));
            games.put(game.key(), new GameResult(dnoGame.named(padInvalid(game.winner())),
                    dnoGame.softPolicyIterationReference(s.eta()), methods));
        }
        MethodResult headline = games.get(Game.CYCLIC.key()).methods().get("dno");
        return new NashResult(command, s, headline.tvToNash(), headline.beatsPrevious(), games);
    }

    private static double[] padInvalid(double[] moves) {
        return java.util.Arrays.copyOf(moves, moves.length + 1);
    }
}
