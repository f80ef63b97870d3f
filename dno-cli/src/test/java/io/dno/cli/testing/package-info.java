/** Fixtures shared by dno-cli's tests: the input files of a tiny {@code dno run}. */
package io.dno.cli.testing;
