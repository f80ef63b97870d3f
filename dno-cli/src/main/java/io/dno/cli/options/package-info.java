/** picocli mixins for the options that several {@code dno} commands share, so each is declared and read once. */
package io.dno.cli.options;
