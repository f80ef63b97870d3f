package io.dno.core.merge.dtm;

import java.nio.file.Path;
import java.util.List;

/**
 * The checkpoints of a Disperse-Then-Merge comparison.
 *
 * @param base         the common starting model
 * @param subModels    one per portion
 * @param portionSizes demonstrations per portion
 * @param dtm          the merged sub-models
 * @param single       one model trained on all the data ("Vanilla" in the paper's Table 1)
 * @param soupMembers  full-data models of different variants
 * @param soup         their uniform average ("Uniform Soup")
 */
public record DtmRun(Path base, List<Path> subModels, List<Integer> portionSizes, Path dtm, Path single,
                     List<Path> soupMembers, Path soup) {
    public DtmRun {
        subModels = List.copyOf(subModels);
        portionSizes = List.copyOf(portionSizes);
        soupMembers = List.copyOf(soupMembers);
    }
}
