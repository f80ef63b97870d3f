/** Runnable examples of the dno library. */
package io.dno.examples;
