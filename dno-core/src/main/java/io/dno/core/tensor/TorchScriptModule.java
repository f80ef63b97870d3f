package io.dno.core.tensor;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written TorchScript archive shipped as a class-path resource ({@code src/main/python/make_torchscript_modules.py}
 * writes them without torch), loaded once per device and kept for the life of the process: DJL frees a module when
 * its {@link Model} is released, which must not happen under a caller. This is how dno reaches PyTorch ops that
 * DJL has no binding for (fused attention, differentiable bf16 casts, the fused AdamW kernel; DJL-NOTES.md §10).
 *
 * <p>Two ways to call: {@link #forward(NDList)} records autograd (training graphs flow through it), and
 * {@link #call(IValue...)} runs in inference mode with typed inputs (lists of tensors, floats), for updates that
 * must not be recorded.
 */
public final class TorchScriptModule {
    private static final Map<String, TorchScriptModule> LOADED = new ConcurrentHashMap<>();

    private final Model model;   // keeps the native module alive
    private final PtSymbolBlock block;

    private TorchScriptModule(Model model) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
    }

    /**
     * The module in resource {@code resource} (e.g. {@code /io/dno/core/model/sdpa_causal.pt}) on {@code device},
     * loaded on first use.
     */
    public static TorchScriptModule of(String resource, Device device) {
        return LOADED.computeIfAbsent(resource + "@" + device, key -> load(resource, device));
    }

    /**
     * Runs {@code forward} with autograd recording (inside a GradientCollector the result is differentiable with
     * respect to the inputs). Each input is passed as one tensor: DJL reads an array's name as a container key
     * ({@code a.b} a dictionary entry, {@code x[]} a list element), so named arrays (parameters carry their HF
     * names) go in unnamed for the call and get their names back after it. The result lives in the manager of the
     * first input.
     */
    public NDArray forward(NDList inputs) {
        NDManager m = inputs.get(0).getManager();
        String[] names = new String[inputs.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = inputs.get(i).getName();
            if (names[i] != null) {
                inputs.get(i).setName(null);
            }
        }
        try {
            NDArray out = block.forward(new ParameterStore(m, false), inputs, true).singletonOrThrow();
            out.attach(m);
            return out;
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null) {
                    inputs.get(i).setName(names[i]);
                }
            }
        }
    }

    /** Runs {@code forward} without recording gradients (inference mode) on typed inputs; the caller closes the result. */
    public IValue call(IValue... inputs) {
        return IValueUtils.forward(block, inputs);
    }

    /** A TorchScript {@code List[Tensor]} of {@code arrays} (all PyTorch arrays); the caller closes it. */
    public static IValue tensorList(List<NDArray> arrays) {
        PtNDArray[] pt = new PtNDArray[arrays.size()];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = (PtNDArray) arrays.get(i);
        }
        return IValue.listFrom(pt);
    }

    /** The tensor an {@link IValue} holds, in {@code manager}. */
    public static NDArray tensor(IValue value, NDManager manager) {
        return value.toTensor((PtNDManager) manager);
    }

    private static TorchScriptModule load(String resource, Device device) {
        String name = resource.substring(resource.lastIndexOf('/') + 1).replace(".pt", "");
        try {
            Path dir = Files.createTempDirectory("dno-" + name);
            try (InputStream in = TorchScriptModule.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + resource + " is missing from dno-core's jar");
                }
                Files.write(dir.resolve(name + ".pt"), in.readAllBytes());
            }
            Model model = Model.newInstance(name, device, "PyTorch");
            model.load(dir, name);
            Files.deleteIfExists(dir.resolve(name + ".pt"));
            Files.deleteIfExists(dir);
            return new TorchScriptModule(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the TorchScript module " + resource + ": " + e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("the TorchScript module " + resource + " does not load: " + e.getMessage(),
                    e);
        }
    }
}
