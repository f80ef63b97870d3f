/**
 * The {@code dno} command-line tool: one picocli subcommand class per command, registered in
 * {@link io.dno.cli.DnoCommand}. Commands print results to standard output, diagnostics to
 * standard error, and exit non-zero with one clear message on bad input.
 */
package io.dno.cli;
