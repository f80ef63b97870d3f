/**
 * {@code dno eval}: measuring a policy the way the field does, one file a subcommand: lm-evaluation-harness multiple
 * choice, TRL's preference-pair accuracy, AlpacaEval's model outputs and length-controlled win rate.
 */
package io.dno.cli.eval;
