/**
 * The policy being trained and the teacher, as seen by the alignment loop: tensor-free interfaces over
 * prompts and responses. The DJL transformer implementation lives in {@code io.dno.core.model}.
 */
package io.dno.core.policy;
