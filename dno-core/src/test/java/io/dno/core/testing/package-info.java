/**
 * Test fixtures shared through dno-core's test-jar: a tiny rule world in which every strategy runs end to end in
 * seconds, a judge that counts its calls, the default losses of core's own tests, and one NDManager per test class.
 */
package io.dno.core.testing;
