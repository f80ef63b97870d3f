package io.dno.spark;

/** One line of a reference part: a pair's reference log-probs, by its position in the stage's pair list. */
record PairScores(int index, double chosen, double rejected) {}
