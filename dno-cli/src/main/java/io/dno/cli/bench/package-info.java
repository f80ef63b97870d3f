/** Benchmarks and long-running checks of the library, run as mains (never as timed unit tests). */
package io.dno.cli.bench;
