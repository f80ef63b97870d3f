package io.dno.core.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Parses and checks the device a model lives on ({@code cpu}, {@code gpu} = {@code gpu:0}, {@code gpu:N}).
 * Every array of a model is created in its manager, so the device chosen here is the device of every
 * forward pass, KV cache, optimiser moment and training step of that model.
 *
 * <p>Maven Central holds no CUDA native of PyTorch 2.7.1 for DJL 0.35.1, so a GPU is usable only when DJL
 * loads a CUDA libtorch: {@code PYTORCH_LIBRARY_PATH=<torch/lib of a pip torch 2.7.1+cu128>},
 * {@code PYTORCH_VERSION=2.7.1}, {@code PYTORCH_FLAVOR=cu128} (or an online run without
 * {@code -Dai.djl.offline=true}, which lets DJL download it). README.md "Running on a GPU" has the commands.
 */
public final class Devices {
    /** How to make a GPU usable, quoted by the error when none is. */
    public static final String CUDA_HINT = "set PYTORCH_LIBRARY_PATH to the torch/lib folder of a CUDA build of"
            + " PyTorch 2.7.1 (pip torch==2.7.1+cu128), PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128"
            + " (README.md, 'Running on a GPU'), or use --device cpu";

    private Devices() {}

    /**
     * {@code cpu}, {@code gpu}, {@code gpu:N} (also {@code cuda}, {@code cuda:N}) to a DJL device.
     *
     * @throws IllegalArgumentException naming the accepted forms for anything else
     */
    public static Device parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        String index = null;
        for (String prefix : new String[] {"gpu", "cuda"}) {
            if (s.equals(prefix)) {
                index = "0";
            } else if (s.startsWith(prefix + ":")) {
                index = s.substring(prefix.length() + 1);
            }
        }
        if (index != null && index.matches("\\d{1,3}")) {
            return Device.gpu(Integer.parseInt(index));
        }
        throw new IllegalArgumentException("device '" + name + "' is not cpu, gpu or gpu:N (N = 0, 1, ...)");
    }

    /**
     * Fails with a message saying how many GPUs DJL sees and how to get one when {@code device} is a GPU the
     * loaded PyTorch native cannot use (the CPU native sees none). CPU always passes.
     *
     * @return {@code device}
     */
    public static Device requireUsable(Device device) {
        if (!device.isGpu()) {
            return device;
        }
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        if (device.getDeviceId() >= gpus) {
            String why = gpus == 0
                    ? "PyTorch " + engine.getVersion() + " as loaded by DJL sees no usable GPU (the CPU native from"
                            + " Maven Central has no CUDA)"
                    : "only " + gpus + " GPU(s) are usable (gpu:0 .. gpu:" + (gpus - 1) + ")";
            throw new IllegalArgumentException("device " + name(device) + " was asked for but " + why + "; "
                    + CUDA_HINT);
        }
        return device;
    }

    /** {@code cpu} or {@code gpu:N}, the form {@link #parse} reads. */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
