package io.dno.cli.nash;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./dno nash --json} prints. {@code tv_to_nash} and {@code beats_previous} at the top are DNO's on the
 * intransitive game (the headline); {@code games} has both games and both methods in full.
 *
 * @param command       the command that reproduces this result
 * @param settings      the knobs (shared by both methods)
 * @param tvToNash      DNO on rock-paper-scissors: total-variation distance of the uniform mixture of π_0..π_t from
 *                      the minimax winner, t = 0..T (mean over the game's prompts)
 * @param beatsPrevious DNO on rock-paper-scissors: whether P(π_t ≻ π_{t−1}) > ½, t = 1..T
 * @param games         per game ({@code rps}, {@code transitive}) the minimax winner, the exact soft-policy-iteration
 *                      reference and each method's iterations
 */
record NashResult(
        @JsonProperty("command") String command,
        @JsonProperty("settings") NashSettings settings,
        @JsonProperty("tv_to_nash") List<Double> tvToNash,
        @JsonProperty("beats_previous") List<Boolean> beatsPrevious,
        @JsonProperty("games") Map<String, GameResult> games) {

    /**
     * @param minimaxWinner       the minimax winner over the moves
     * @param softPolicyIteration the exact iteration π_{t+1} ∝ π_t·exp(r_t/η) (Eq. 9, the target Eq. 8 regresses on)
     *                            from the measured π_0 with the same η: its mixture's distance from the winner, t = 0..T
     * @param methods             {@code dno} and {@code dpo}
     */
    record GameResult(
            @JsonProperty("minimax_winner") Map<String, Double> minimaxWinner,
            @JsonProperty("soft_policy_iteration_tv_to_nash") List<Double> softPolicyIteration,
            @JsonProperty("methods") Map<String, MethodResult> methods) {}

    /**
     * @param title         what the method is
     * @param tvToNash      distance of the uniform mixture of π_0..π_t from the minimax winner, t = 0..T
     * @param tvLast        distance of the last iterate π_t itself, t = 0..T
     * @param beatsPrevious P(π_t ≻ π_{t−1}) > ½, t = 1..T
     * @param iterations    everything measured per iteration, t = 0..T
     */
    record MethodResult(
            @JsonProperty("title") String title,
            @JsonProperty("tv_to_nash") List<Double> tvToNash,
            @JsonProperty("tv_last") List<Double> tvLast,
            @JsonProperty("beats_previous") List<Boolean> beatsPrevious,
            @JsonProperty("iterations") List<IterationResult> iterations) {}

    /**
     * One iterate, every number a mean over the game's prompts.
     *
     * @param iteration             t
     * @param policy                π_t over the moves and {@code invalid} (anything else)
     * @param tvMixture             TV(unif(π_0..π_t), minimax winner)
     * @param tvLast                TV(π_t, minimax winner)
     * @param exploitabilityMixture max_y P(y ≻ mixture) − ½: how much a best response beats the mixture (0 at a winner)
     * @param exploitabilityLast    the same for π_t
     * @param winRateVsPrevious     P(π_t ≻ π_{t−1}) under the game's preference (absent at t = 0)
     * @param pairs                 pairs trained on in iteration t (absent at t = 0)
     * @param tvToTarget            DNO only: TV(π_t, π*_t) with π*_t ∝ π_{t−1}·exp(r_{t−1}/η) the exact
     *                              soft-policy-iteration target of the step (Theorem 1's quantity; absent at t = 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IterationResult(
            @JsonProperty("iteration") int iteration,
            @JsonProperty("policy") Map<String, Double> policy,
            @JsonProperty("tv_mixture") double tvMixture,
            @JsonProperty("tv_last") double tvLast,
            @JsonProperty("exploitability_mixture") double exploitabilityMixture,
            @JsonProperty("exploitability_last") double exploitabilityLast,
            @JsonProperty("win_rate_vs_previous") Double winRateVsPrevious,
            @JsonProperty("pairs") Integer pairs,
            @JsonProperty("tv_to_target") Double tvToTarget) {}
}
