/**
 * Run configuration files ({@code run.yaml}): records that map one to one onto
 * {@link io.dno.core.Alignment#builder()}, strict about unknown keys and impossible values, and the code that
 * turns a configuration into a runnable alignment. Used by {@code dno run} and {@code dno resume}.
 */
package io.dno.cli.run;
