package dev.autograd4j;

import dev.autograd4j.spi.Backend;
import dev.autograd4j.spi.BackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the backend for a device. Providers are discovered with {@link ServiceLoader} on first use (a backend is on
 * the class path when its jar is: {@code autograd-cpu} for the CPU), and each says whether it can run here and why
 * not.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static volatile Map<Device.Type, BackendProvider> providers;
    private static final Map<Device, Backend> BACKENDS = new ConcurrentHashMap<>();
    private static volatile Backend cpu;

    private Backends() {
    }

    /**
     * The backend for {@code device}; a clear error if none is on the class path or it cannot run here.
     *
     * @param device the device
     * @return the backend, created on first use and cached
     * @throws IllegalStateException if no provider for the device's type is on the class path, or it cannot run here
     *     (the message gives its reason)
     */
    public static Backend of(Device device) {
        if (device == Device.cpu()) {
            Backend b = cpu;
            if (b != null) {
                return b;
            }
        }
        Backend backend = BACKENDS.get(device);
        if (backend == null) {
            backend = create(device);
        }
        return backend;
    }

    private static synchronized Backend create(Device device) {
        Backend existing = BACKENDS.get(device);
        if (existing != null) {
            return existing;
        }
        BackendProvider provider = providers().get(device.type());
        if (provider == null) {
            throw new IllegalStateException("[backend] no backend for device " + device + " is on the class path"
                    + (device.isCpu() ? " (add the autograd-cpu module)" : " (add the autograd-cuda module)"));
        }
        BackendProvider.Availability availability = provider.availability();
        if (!availability.available()) {
            LOG.debug("device {} is not available: {}", device, availability.reason());
            throw new IllegalStateException("[backend] device " + device + " is not available: " + availability.reason());
        }
        Backend backend = provider.backend(device);
        LOG.info("using {} for device {}", backend, device);
        BACKENDS.put(device, backend);
        if (device == Device.cpu()) {
            cpu = backend;
        }
        return backend;
    }

    /**
     * Whether tensors can be created on devices of this type here.
     *
     * <pre>{@code
     * Device device = Backends.isAvailable(Device.Type.CUDA) ? Device.cuda(0) : Device.cpu();
     * }</pre>
     *
     * @param type the kind of device
     * @return true when a provider for {@code type} is on the class path and can run here
     */
    public static boolean isAvailable(Device.Type type) {
        BackendProvider provider = providers().get(type);
        return provider != null && provider.availability().available();
    }

    /**
     * Why devices of this type cannot be used here ("available" when they can).
     *
     * @param type the kind of device
     * @return the provider's reason, or that none is on the class path
     */
    public static String availability(Device.Type type) {
        BackendProvider provider = providers().get(type);
        return provider == null ? "no " + type.name().toLowerCase() + " backend is on the class path"
                : provider.availability().reason();
    }

    /**
     * The number of threads CPU kernels use, like {@code torch.get_num_threads()}.
     *
     * @return the CPU backend's thread count
     */
    public static int numThreads() {
        return of(Device.cpu()).numThreads();
    }

    /**
     * Sets the number of threads CPU kernels use, like {@code torch.set_num_threads(n)}.
     *
     * @param threads the number of threads, at least 1
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static void setNumThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("[set_num_threads] the thread count must be at least 1 but got " + threads);
        }
        of(Device.cpu()).setNumThreads(threads);
        LOG.debug("CPU kernels now use {} threads", threads);
    }

    private static Map<Device.Type, BackendProvider> providers() {
        Map<Device.Type, BackendProvider> p = providers;
        if (p == null) {
            synchronized (Backends.class) {
                p = providers;
                if (p == null) {
                    p = new EnumMap<>(Device.Type.class);
                    for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
                        if (p.putIfAbsent(provider.deviceType(), provider) != null) {
                            LOG.warn("two providers for {} devices are on the class path; using {}, ignoring {}",
                                    provider.deviceType(), p.get(provider.deviceType()).getClass().getName(),
                                    provider.getClass().getName());
                        } else {
                            LOG.debug("found the {} provider {}", provider.deviceType(), provider.getClass().getName());
                        }
                    }
                    providers = p;
                }
            }
        }
        return p;
    }
}
