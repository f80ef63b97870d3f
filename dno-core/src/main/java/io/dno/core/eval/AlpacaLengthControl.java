package io.dno.core.eval;

import static com.google.common.base.Preconditions.checkArgument;

import io.dno.core.data.Prompt;
import io.dno.core.data.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * AlpacaEval 2's length-controlled win rate (Dubois et al. 2024, arXiv:2404.04475; alpaca_eval's
 * {@code metrics/glm_winrate.py}, GLM {@code length_controlled_v1}):
 *
 * <pre>
 *   P(model wins on i) = σ( φ · tanh(Δᵢ / sd(Δ)) + ψ · difficultyᵢ + θ · 1 ),   Δᵢ = len(output_1ᵢ) − len(output_2ᵢ)
 * </pre>
 *
 * with lengths in characters (Python's {@code str.len}: code points), {@code sd} the sample standard deviation
 * (pandas, ddof 1), no intercept beyond the {@code not_gamed_baseline} column θ, soft targets
 * {@code preference − 1}, fitted with an L1 penalty whose strength C is chosen by 5-fold cross-validation on the log
 * loss over scikit-learn's default grid {@code logspace(−4, 4, 10)}, then refitted on every judged pair; the
 * length-controlled win rate is the mean over all instructions of the prediction at Δ = 0, σ(ψ·difficultyᵢ + θ).
 *
 * <p>What differs from AlpacaEval, and why: (1) AlpacaEval also trains on its precomputed annotations of two
 * "gamed" (verbose, concise) baseline variants, weighted λ/2 = 0.1 each, which pulls the fit toward the
 * baseline; that data ({@code df_gamed.csv}) is downloaded at run time there and is not shipped here, so this fit
 * has no such pull. (2) {@code instruction_difficulty} comes from the same download; here it is used when the
 * annotations carry it and is otherwise absent (ψ = 0). (3) The folds are assigned round-robin (pair i to fold
 * i mod 5); scikit-learn's GroupKFold balances fold sizes by its own order. (4) The solver runs to convergence
 * rather than liblinear's tolerance. With fewer than 5 judged pairs there is no cross-validation and C = 100
 * (AlpacaEval's value without folds).
 */
public final class AlpacaLengthControl {
    /** scikit-learn's default grid of C for LogisticRegressionCV. */
    static final double[] CS = logspace(-4, 4, 10);
    static final int FOLDS = 5;
    static final double C_WITHOUT_FOLDS = 100;

    private AlpacaLengthControl() {}

    /**
     * The fit and the two estimates side by side.
     *
     * @param winRate                     mean model win over judged pairs (draws 0.5), in [0, 1]
     * @param lengthControlledWinRate     AlpacaEval's estimate, in [0, 1]
     * @param dnoLengthControlledWinRate  {@link LengthControl}'s estimate over the same pairs (preferences rounded to
     *                                    win, draw or loss)
     * @param coefficients                the GLM's weights by AlpacaEval's column names
     * @param c                           the L1 strength chosen (inverse: larger is weaker)
     * @param notes                       the differences from AlpacaEval that apply to this fit
     */
    public record Result(int annotations, int judged, double winRate, double lengthControlledWinRate,
                         double dnoLengthControlledWinRate, Map<String, Double> coefficients, double c,
                         List<String> notes) {}

    public static Result estimate(List<AlpacaAnnotation> annotations) {
        checkArgument(!annotations.isEmpty(), "no annotations");
        long withDifficulty = annotations.stream().filter(a -> a.instructionDifficulty() != null).count();
        checkArgument(withDifficulty == 0 || withDifficulty == annotations.size(), "instruction_difficulty is given "
                + "for %s of %s annotations; give it for all or none", withDifficulty, annotations.size());
        boolean difficulty = withDifficulty > 0;
        int n = annotations.size();
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            AlpacaAnnotation a = annotations.get(i);
            delta[i] = a.output1().codePointCount(0, a.output1().length())
                    - a.output2().codePointCount(0, a.output2().length());
        }
        double sd = sampleSd(delta);
        double[][] all = new double[n][];
        for (int i = 0; i < n; i++) {
            double scaled = sd > 0 ? Math.tanh(delta[i] / sd) : 0;
            double d = difficulty ? annotations.get(i).instructionDifficulty() : 0;
            all[i] = new double[] {scaled, d, 1};
        }
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OptionalDouble y = annotations.get(i).modelWin();
            if (y.isPresent()) {
                xs.add(all[i]);
                ys.add(y.getAsDouble());
            }
        }
        checkArgument(!xs.isEmpty(), "no annotation has a preference: nothing was judged");
        double[][] x = xs.toArray(new double[0][]);
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        double c = x.length >= FOLDS ? crossValidatedC(x, y) : C_WITHOUT_FOLDS;
        double[] w = L1LogisticRegression.fit(x, y, c);
        double lc = 0;
        for (double[] row : all) {
            lc += L1LogisticRegression.sigmoid(w[1] * row[1] + w[2] * row[2]) / n;    // Δ = 0: tanh term 0
        }
        Map<String, Double> coefficients = new LinkedHashMap<>();
        coefficients.put("np.tanh(std_delta_len)", w[0]);
        coefficients.put("instruction_difficulty", w[1]);
        coefficients.put("not_gamed_baseline.astype(float)", w[2]);
        List<String> notes = new ArrayList<>();
        notes.add("no gamed-baseline annotations (AlpacaEval's df_gamed.csv, weight 0.1 each): the fit is not pulled "
                + "toward the baseline");
        if (!difficulty) {
            notes.add("no instruction_difficulty in the annotations: that term is absent");
        }
        if (x.length < FOLDS) {
            notes.add("fewer than " + FOLDS + " judged pairs: C = " + C_WITHOUT_FOLDS + " without cross-validation");
        }
        if (sd == 0) {
            notes.add("every pair has the same length difference: the length term is 0");
        }
        notes.add("dno's LengthControl estimate fits σ(θ + φ·tanh((len_model − len_baseline)/sd)) with a ridge of 0.01, "
                + "population sd and UTF-16 lengths, on outcomes rounded to win/draw/loss");
        return new Result(n, x.length, mean(y), lc, dnoEstimate(annotations), coefficients, c, List.copyOf(notes));
    }

    /** The C of {@link #CS} with the best mean held-out log loss over round-robin folds (ties: the smaller C). */
    static double crossValidatedC(double[][] x, double[] y) {
        double bestC = CS[0];
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double c : CS) {
            double loss = 0;
            for (int fold = 0; fold < FOLDS; fold++) {
                List<double[]> trainX = new ArrayList<>();
                List<Double> trainY = new ArrayList<>();
                List<double[]> testX = new ArrayList<>();
                List<Double> testY = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    (i % FOLDS == fold ? testX : trainX).add(x[i]);
                    (i % FOLDS == fold ? testY : trainY).add(y[i]);
                }
                double[] w = L1LogisticRegression.fit(trainX.toArray(new double[0][]),
                        trainY.stream().mapToDouble(Double::doubleValue).toArray(), c);
                loss += L1LogisticRegression.logLoss(testX.toArray(new double[0][]),
                        testY.stream().mapToDouble(Double::doubleValue).toArray(), w) / FOLDS;
            }
            if (loss < bestLoss - 1e-12) {
                bestLoss = loss;
                bestC = c;
            }
        }
        return bestC;
    }

    private static double dnoEstimate(List<AlpacaAnnotation> annotations) {
        List<JudgedAnswer> judged = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            AlpacaAnnotation a = annotations.get(i);
            if (a.modelWin().isEmpty()) {
                continue;
            }
            double y = a.modelWin().getAsDouble();
            double modelScore = y > 0.5 ? 1 : y < 0.5 ? 0 : 0.5;
            Prompt p = Prompt.of("a" + i, a.instruction());
            judged.add(JudgedAnswer.of(p, Response.student(p.id(), a.output2()), Response.teacher(p.id(), a.output1()),
                    modelScore, 0.5));
        }
        return LengthControl.winRate(judged);
    }

    private static double sampleSd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double d : v) {
            mean += d / v.length;
        }
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double[] logspace(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.pow(10, from + (to - from) * i / (count - 1));
        }
        return out;
    }
}
