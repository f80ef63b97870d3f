package io.dno.core.loop;

import io.dno.core.Plan;
import io.dno.core.data.Prompt;
import io.dno.core.policy.TrainablePolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * What every stage of one run shares: the plan, the run directory and which iterate the live policy holds, so
 * weights are loaded from a checkpoint only when a stage that runs needs them.
 */
public final class RunContext {
    private final Plan plan;
    private Path loaded;

    public RunContext(Plan plan) {
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }

    public RunDirectory directory() {
        return plan.directory();
    }

    public TrainablePolicy policy() {
        return plan.policy();
    }

    public StageEngine engine() {
        return plan.engine();
    }

    /** Makes the live policy hold the iterate saved at {@code checkpoint} (no-op when it already does). */
    public void useWeights(Path checkpoint) {
        if (!checkpoint.equals(loaded)) {
            plan.policy().loadIterate(checkpoint);
            loaded = checkpoint;
        }
    }

    /** Records that the live policy now holds the iterate saved at {@code checkpoint}. */
    public void weightsAre(Path checkpoint) {
        loaded = checkpoint;
    }

    /** Records that the live weights match no saved iterate (training changed them). */
    public void weightsChanged() {
        loaded = null;
    }

    /** Iteration t's disjoint prompt partition (Rosset et al. 2024 §5.1: one third of UltraFeedback each). */
    public List<Prompt> partition(int t) {
        return PromptPartitions.split(plan.data().prompts(), plan.strategy().iterations(), plan.seed()).get(t - 1);
    }
}
