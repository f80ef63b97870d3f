/**
 * Toy tasks small enough to align a randomly initialised tiny model in seconds, with a known ideal answer and a rule
 * that scores answers: what dno's examples and the end-to-end tests of every module run on.
 */
package io.dno.core.toy;
