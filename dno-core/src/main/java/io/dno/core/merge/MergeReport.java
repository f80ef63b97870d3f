package io.dno.core.merge;

import java.nio.file.Path;

/**
 * What a merge wrote.
 *
 * @param out      the output directory
 * @param tensors  tensors merged
 * @param elements scalar weights merged
 */
public record MergeReport(Path out, int tensors, long elements) {}
