package io.dno.core.merge.dtm;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Demonstration;
import io.dno.core.merge.MergeMethod;
import io.dno.core.merge.MergeSettings;
import io.dno.core.merge.Merges;
import io.dno.core.model.CheckpointDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disperse-Then-Merge against its two baselines (Fu et al. 2024, §3 and Table 1), as checkpoint directories
 * under a work directory:
 *
 * <pre>
 * WORK/sub-1 .. sub-K   sub-models, one per disjoint portion, all from BASE with the same variant
 * WORK/dtm              their merge (uniform average by default)
 * WORK/single           one model on all the data ("Vanilla")
 * WORK/soup-1 .. soup-M full-data models of different variants; WORK/soup their uniform average
 * </pre>
 *
 * A model whose directory already holds {@code config.json} is complete and is not trained again, so an
 * interrupted run resumes.
 */
public final class DisperseThenMerge {
    private static final Logger LOG = LoggerFactory.getLogger(DisperseThenMerge.class);

    private DisperseThenMerge() {}

    /** Trains and merges every model of the comparison. */
    public static DtmRun run(Path base, List<Demonstration> data, DtmSettings settings, SubModelTrainer trainer,
                             Path work) {
        checkArgument(data.size() >= settings.k(), "%s demonstrations cannot fill k = %s portions", data.size(),
                settings.k());
        List<List<Demonstration>> portions = switch (settings.split()) {
            case RANDOM -> DemonstrationSplits.random(data, settings.k(), settings.seed());
            case KMEANS -> DemonstrationSplits.kMeans(data, settings.k(), settings.seed(), settings.field());
        };
        List<Path> subs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < portions.size(); i++) {
            Path out = work.resolve("sub-" + (i + 1));
            sizes.add(portions.get(i).size());
            train(trainer, base, portions.get(i), settings.variant(), out);
            subs.add(out);
        }
        Path dtm = merge(subs, base, settings.merge(), work.resolve("dtm"));
        Path single = work.resolve("single");
        train(trainer, base, data, settings.variant(), single);
        List<Path> members = new ArrayList<>();
        for (int i = 0; i < settings.soup().size(); i++) {
            Path out = work.resolve("soup-" + (i + 1));
            train(trainer, base, data, settings.soup().get(i), out);
            members.add(out);
        }
        Path soup = merge(members, base, MergeSettings.of(MergeMethod.LINEAR), work.resolve("soup"));
        return new DtmRun(base, subs, sizes, dtm, single, members, soup);
    }

    /**
     * Evaluates the base, the single model, the soup, DTM and each sub-model with {@code evaluate}
     * (a checkpoint directory to named metrics), in that order.
     */
    public static Map<String, Map<String, Double>> evaluate(DtmRun run, Function<Path, Map<String, Double>> evaluate) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        out.put("base", evaluate.apply(run.base()));
        out.put("single", evaluate.apply(run.single()));
        out.put("uniform-soup", evaluate.apply(run.soup()));
        out.put("dtm", evaluate.apply(run.dtm()));
        for (int i = 0; i < run.subModels().size(); i++) {
            out.put("sub-" + (i + 1), evaluate.apply(run.subModels().get(i)));
        }
        return out;
    }

    private static void train(SubModelTrainer trainer, Path base, List<Demonstration> data, TrainingVariant variant,
                              Path out) {
        if (Files.isRegularFile(out.resolve(CheckpointDir.CONFIG))) {
            LOG.info("{} exists; not training it again", out);
            return;
        }
        LOG.info("training {} on {} demonstrations ({})", out.getFileName(), data.size(), variant);
        trainer.train(base, data, variant, out);
    }

    private static Path merge(List<Path> models, Path base, MergeSettings settings, Path out) {
        if (!Files.isRegularFile(out.resolve(CheckpointDir.CONFIG))) {
            Merges.checkpoints(models, settings.method().needsBase() ? Optional.of(base) : Optional.empty(), settings, out);
        }
        return out;
    }
}
