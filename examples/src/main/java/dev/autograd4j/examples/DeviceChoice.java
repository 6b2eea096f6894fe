package dev.autograd4j.examples;

import dev.autograd4j.Backends;
import dev.autograd4j.Device;

/** The {@code --device} option: {@code auto} is CUDA when a CUDA backend can run here, else the CPU. */
enum DeviceChoice {
    AUTO, CPU, CUDA;

    Device resolve() {
        return switch (this) {
            case CPU -> Device.cpu();
            case CUDA -> {
                if (!Backends.isAvailable(Device.Type.CUDA)) {
                    throw new IllegalArgumentException("--device cuda: " + Backends.availability(Device.Type.CUDA));
                }
                yield Device.cuda(0);
            }
            case AUTO -> Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : Device.cpu();
        };
    }
}
