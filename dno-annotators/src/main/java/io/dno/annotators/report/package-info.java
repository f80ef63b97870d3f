/**
 * Counters every annotator keeps for the run report, and the judge-bias figures (position-swap agreement,
 * score-length correlation) derived from them per annotation stage.
 */
package io.dno.annotators.report;
