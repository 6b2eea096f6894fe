package dev.autograd4j.spi;

import dev.autograd4j.Device;

/**
 * Found with {@link java.util.ServiceLoader}: one provider per device type. Creating a provider must be cheap and
 * side-effect free (no native code loaded, nothing printed); the work happens in {@link #availability()} and
 * {@link #backend(Device)}, on first use.
 */
public interface BackendProvider {

    /**
     * The kind of device this provider serves; the library asks the provider of a device's type for its backend.
     *
     * @return the device type, constant
     */
    Device.Type deviceType();

    /**
     * Whether this provider can create backends here, and if not, why (for example, "no CUDA driver found").
     *
     * @return whether backends can be created here, with the reason when not
     */
    Availability availability();

    /**
     * The backend for one device of this provider's type; called once per device and cached by the caller.
     *
     * @param device a device of {@link #deviceType()}
     * @return the backend computing on {@code device}
     */
    Backend backend(Device device);

    /** Whether a provider can run here, and why not. */
    record Availability(boolean available, String reason) {
        /**
         * The answer of a provider that can run here.
         *
         * @return an available result with the reason "available"
         */
        public static Availability yes() {
            return new Availability(true, "available");
        }

        /**
         * The answer of a provider that cannot run here.
         *
         * @param reason why, in words a user can act on (for example, "no CUDA driver found")
         * @return an unavailable result
         */
        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
