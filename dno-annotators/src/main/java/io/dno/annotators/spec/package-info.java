/**
 * Jackson-bindable specs of annotators and teachers for YAML run configurations: sealed families selected by
 * {@code type}, strict about unknown keys and impossible values, each with a {@code build(runDirectory)}.
 */
package io.dno.annotators.spec;
