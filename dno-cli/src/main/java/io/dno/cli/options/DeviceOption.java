package io.dno.cli.options;

import ai.djl.Device;
import io.dno.core.model.Devices;
import picocli.CommandLine.Option;

/** {@code --device cpu|gpu|gpu:N}, the device a command loads its model on. */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    /** The device as named, not yet checked against the machine. */
    public Device parsed() {
        return Devices.parse(device);
    }

    /** The device as named, failing with a clear message when this machine cannot use it. */
    public Device usable() {
        return Devices.requireUsable(parsed());
    }
}
