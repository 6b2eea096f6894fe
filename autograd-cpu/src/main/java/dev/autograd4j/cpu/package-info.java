/**
 * The CPU backend, the pure-Java reference implementation of the backend SPI: strided elementwise and reduction
 * kernels generated for every dtype from one template, a blocked multi-threaded GEMM, the fused kernels, and a
 * thread pool sized by {@link dev.autograd4j.Backends#setNumThreads}.
 *
 * <p>Put this module on the class path (at run time is enough) and {@code Device.cpu()} works; the library finds
 * {@link dev.autograd4j.cpu.CpuBackendProvider} through {@link java.util.ServiceLoader}. Nothing here is called
 * directly: the provider is public only for the service loader, and every other class is internal.
 */
package dev.autograd4j.cpu;
