package dev.autograd4j.cuda;

/**
 * A CUDA device had no memory for a new storage, even after the caching allocator returned its cached blocks to the
 * driver and the storages the garbage collector found unreachable were freed. The message says how much was asked
 * for, how much live storages hold, how much the allocator reserved, and how much the device has free, like
 * PyTorch's {@code torch.OutOfMemoryError}.
 */
public class CudaOutOfMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An out-of-memory error with its one-line message.
     *
     * @param message what was asked for and what the device holds
     */
    public CudaOutOfMemoryException(String message) {
        super(message);
    }
}
