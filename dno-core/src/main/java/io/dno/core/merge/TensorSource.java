package io.dno.core.merge;

import io.dno.core.checkpoint.SafetensorsStreamWriter;
import java.nio.file.Path;
import java.util.Map;

/** The float tensors of one merge input, read one at a time as float32 values. */
interface TensorSource extends AutoCloseable {

    /** The file or directory the tensors come from, for error messages. */
    Path origin();

    /** Every tensor's name, stored dtype and shape, sorted by name. */
    Map<String, SafetensorsStreamWriter.Entry> entries();

    /** The values of tensor {@code name}, row-major, widened to float32. */
    float[] read(String name);

    @Override
    void close();
}
