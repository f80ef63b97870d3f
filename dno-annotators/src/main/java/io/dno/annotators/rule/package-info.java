/**
 * Annotators that need no model: a score function per candidate, regex and predicate rules, and a
 * reference-answer match (verifiable rewards).
 */
package io.dno.annotators.rule;
