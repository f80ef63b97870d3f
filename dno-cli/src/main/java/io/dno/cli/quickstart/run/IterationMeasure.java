package io.dno.cli.quickstart.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What one iterate of one method scored, for one seed: the truth on the evaluation prompts (overall, on the
 * teacher's blind class and elsewhere), the judge's view, the validation win rate that selects the final iterate,
 * and what built it (new pairs, Table 2, the end of its training).
 *
 * @param iteration          0 for the initialiser; epochs for the offline baselines; T + 1 for Lookahead
 * @param accuracy           share of greedy evaluation answers the oracle marks correct
 * @param blindAccuracy      the same on the evaluation prompts of the teacher's blind class
 * @param otherAccuracy      the same on the other evaluation prompts
 * @param winRate            win rate against the teacher by the judge, ties half
 * @param lcWinRate          length-controlled win rate
 * @param score              mean judge score of the answers (0-6)
 * @param teacherScore       mean judge score of the teacher's answers in the same calls
 * @param length             mean answer length in characters
 * @param validationWinRate  win rate against the teacher on the validation prompts (what selection reads)
 * @param newPairs           new pairs of the iteration by kind (T>S, S>T, S>S), empty when the method builds none
 * @param stShare            S>T share of the new pairs (NaN without pairs)
 * @param stReal             S>T pairs whose teacher answer is wrong: the student beat a mistake
 * @param stFormat           S>T pairs whose teacher answer is right: the student only wrote it in a better form
 * @param table2             the Table 2 statistics of the samples that fed this iteration, empty without annotation
 * @param training           how its preference training ended, or null when it had none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IterationMeasure(@JsonProperty("iteration") int iteration,
                               @JsonProperty("accuracy") double accuracy,
                               @JsonProperty("blind_accuracy") double blindAccuracy,
                               @JsonProperty("other_accuracy") double otherAccuracy,
                               @JsonProperty("win_rate") double winRate,
                               @JsonProperty("lc_win_rate") double lcWinRate,
                               @JsonProperty("score") double score,
                               @JsonProperty("teacher_score") double teacherScore,
                               @JsonProperty("length") double length,
                               @JsonProperty("validation_win_rate") double validationWinRate,
                               @JsonProperty("new_pairs") Map<String, Integer> newPairs,
                               @JsonProperty("st_share") double stShare,
                               @JsonProperty("st_real") int stReal,
                               @JsonProperty("st_format") int stFormat,
                               @JsonProperty("table2") Map<String, Double> table2,
                               @JsonProperty("training") TrainingEnd training) {}
