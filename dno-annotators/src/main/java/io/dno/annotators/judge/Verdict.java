package io.dno.annotators.judge;

/** A judge's score of one candidate and its reason (empty when it gave none). */
public record Verdict(double score, String justification) {}
