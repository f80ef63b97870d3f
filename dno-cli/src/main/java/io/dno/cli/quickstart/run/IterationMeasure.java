package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What one iterate of one method scored on the held-out evaluation prompts, for one seed.
 *
 * @param iteration  0 for the initialiser; epochs for SFT on positives and offline DPO; 4 for Lookahead
 * @param accuracy   share of greedy answers the oracle marks correct (the truth, which the judge only estimates)
 * @param winRate    win rate against the teacher by the judge, ties half
 * @param lcWinRate  length-controlled win rate
 * @param score      mean judge score of the answers (0–6)
 * @param length     mean answer length in characters
 * @param newPairs   new pairs of the iteration by kind (T>S, S>T, S>S), empty when the method builds none
 * @param table2     the Table 2 statistics of the samples that fed this iteration, empty without annotation
 */
public record IterationMeasure(@JsonProperty("iteration") int iteration,
                               @JsonProperty("accuracy") double accuracy,
                               @JsonProperty("win_rate") double winRate,
                               @JsonProperty("lc_win_rate") double lcWinRate,
                               @JsonProperty("score") double score,
                               @JsonProperty("length") double length,
                               @JsonProperty("new_pairs") Map<String, Integer> newPairs,
                               @JsonProperty("table2") Map<String, Double> table2) {}
