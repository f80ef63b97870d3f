package io.dno.cli.nash;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * A symmetric preference game over single-token answers: the bandit on which DNO's theory can be checked exactly
 * (Rosset et al. 2024 §3; SEEDS-SPEC D-17). Outcomes are the moves plus one "invalid" outcome for any other answer,
 * which loses to every move and ties with itself. P(y ≻ y') is given by {@code prefer}; the minimax (von Neumann)
 * winner is the policy no other policy beats: MW = argmax_π min_π' P(π ≻ π').
 *
 * <p>Distributions here are over the outcomes in order: the moves, then invalid.
 *
 * @param key    the game's name in prompts and results
 * @param moves  the answer tokens
 * @param prefer {@code prefer[i][j]} = P(move i ≻ move j), with prefer[i][j] + prefer[j][i] = 1
 * @param winner the minimax winner over the moves (its invalid mass is 0)
 */
record Game(String key, List<String> moves, double[][] prefer, double[] winner) {

    /** The answer tokens of both games. */
    static final List<String> MOVES = List.of("R", "P", "S");

    /** Rock, paper, scissors: P beats R, S beats P, R beats S. Intransitive; its minimax winner is uniform. */
    static final Game CYCLIC = new Game("rps", MOVES,
            new double[][] {{0.5, 0, 1}, {1, 0.5, 0}, {0, 1, 0.5}}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});

    /** The transitive control: S beats P beats R (and S beats R). Its minimax winner is S, the Condorcet winner. */
    static final Game TRANSITIVE = new Game("transitive", MOVES,
            new double[][] {{0.5, 0, 0}, {1, 0.5, 0}, {1, 1, 0.5}}, new double[] {0, 0, 1});

    static final List<Game> ALL = List.of(CYCLIC, TRANSITIVE);

    Game {
        int n = moves.size();
        checkArgument(prefer.length == n && winner.length == n, "a game of %s moves needs %s x %s preferences", n, n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                checkArgument(Math.abs(prefer[i][j] + prefer[j][i] - 1) < 1e-12, "P(i > j) + P(j > i) must be 1");
            }
        }
    }

    /** Outcomes: the moves and the invalid answer. */
    int outcomes() {
        return moves.size() + 1;
    }

    /** The outcome index of an answer text: its move, or the invalid outcome. */
    int outcome(String answer) {
        int i = moves.indexOf(answer);
        return i >= 0 ? i : moves.size();
    }

    /** P(outcome a ≻ outcome b): the game among moves; any move beats an invalid answer; invalid ties invalid. */
    double prefer(int a, int b) {
        int invalid = moves.size();
        if (a == invalid || b == invalid) {
            return a == b ? 0.5 : a == invalid ? 0 : 1;
        }
        return prefer[a][b];
    }

    /** P(π ≻ π') = Σ π(a) π'(b) P(a ≻ b), over outcome distributions. */
    double winRate(double[] p, double[] q) {
        double w = 0;
        for (int a = 0; a < outcomes(); a++) {
            for (int b = 0; b < outcomes(); b++) {
                w += p[a] * q[b] * prefer(a, b);
            }
        }
        return w;
    }

    /** r(y) = P(y ≻ π) for every outcome y: Algorithm 1 line 3's reward against π. */
    double[] rewards(double[] p) {
        double[] r = new double[outcomes()];
        for (int a = 0; a < outcomes(); a++) {
            for (int b = 0; b < outcomes(); b++) {
                r[a] += p[b] * prefer(a, b);
            }
        }
        return r;
    }

    /** The total-variation distance of an outcome distribution from the minimax winner. */
    double distanceToWinner(double[] p) {
        double d = p[moves.size()];                             // the winner puts nothing on invalid answers
        for (int i = 0; i < moves.size(); i++) {
            d += Math.abs(p[i] - winner[i]);
        }
        return d / 2;
    }

    /** How much the best response beats π: max_y P(y ≻ π) − ½; 0 exactly at a minimax winner. */
    double exploitability(double[] p) {
        double best = 0;
        for (double r : rewards(p)) {
            best = Math.max(best, r);
        }
        return best - 0.5;
    }

    /** The soft-policy-iteration target of Eq. 9, π* ∝ π·exp(r_π / η): what DNO's Eq. 8 regresses onto. */
    double[] softPolicyIteration(double[] p, double eta) {
        double[] r = rewards(p);
        double[] next = new double[outcomes()];
        double sum = 0;
        for (int a = 0; a < outcomes(); a++) {
            next[a] = p[a] * Math.exp(r[a] / eta);
            sum += next[a];
        }
        for (int a = 0; a < outcomes(); a++) {
            next[a] /= sum;
        }
        return next;
    }
}
