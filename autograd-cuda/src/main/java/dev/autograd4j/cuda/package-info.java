/**
 * The CUDA backend: JCuda, cuBLAS through JCublas2, the kernels of the {@code cuda-kernels} module, a caching
 * allocator and one stream per device. Put this module on the class path and {@code Device.cuda(0)} works where an
 * NVIDIA driver and GPU (compute capability 7.5 or newer) are present; where they are not,
 * {@link dev.autograd4j.cuda.Cuda#availability()} says why, and the CPU keeps working.
 *
 * <p>Public API: {@link dev.autograd4j.cuda.Cuda} (availability, memory statistics, the cache, TF32),
 * {@link dev.autograd4j.cuda.MemoryStats} and {@link dev.autograd4j.cuda.CudaOutOfMemoryException}.
 * {@link dev.autograd4j.cuda.CudaBackendProvider} is public only for {@link java.util.ServiceLoader}; every other
 * class is internal.
 *
 * <pre>{@code
 * Device device = Cuda.isAvailable() ? Device.cuda(0) : Device.cpu();
 * model.to(device);
 * System.out.println(Cuda.availability());
 * }</pre>
 */
package dev.autograd4j.cuda;
