package dev.autograd4j.spi;

import dev.autograd4j.Device;

/**
 * Found with {@link java.util.ServiceLoader}: one provider per device type. Creating a provider must be cheap and
 * side-effect free (no native code loaded, nothing printed); the work happens in {@link #availability()} and
 * {@link #backend(Device)}, on first use.
 */
public interface BackendProvider {

    Device.Type deviceType();

    /** Whether this provider can create backends here, and if not, why (for example, "no CUDA driver found"). */
    Availability availability();

    /** The backend for one device of this provider's type; called once per device and cached by the caller. */
    Backend backend(Device device);

    /** Whether a provider can run here, and why not. */
    record Availability(boolean available, String reason) {
        public static Availability yes() {
            return new Availability(true, "available");
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
