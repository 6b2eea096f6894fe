package dev.autograd4j.cuda;

import dev.autograd4j.DType;
import dev.autograd4j.Device;
import dev.autograd4j.spi.Storage;
import dev.autograd4j.spi.View;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

/**
 * The state of one CUDA device: its primary context and its one stream, the PTX modules loaded from cuda-kernels,
 * the caching allocator, cuBLAS, and the index-error buffer.
 *
 * <p>Note [One stream]: every kernel, copy and cuBLAS call of a device is queued on one non-blocking stream, in call
 * order. So the host never waits except where it reads results ({@link #toArray}, a {@link #transfer} to the CPU,
 * {@link #synchronize}), and the caching allocator may hand a freed block to the next owner at once: whatever the
 * old owner queued runs first. Nothing goes through the legacy default stream, which does not order against a
 * non-blocking one (host-to-device copies are queued on the stream from pinned staging memory, see
 * {@link #upload}; device-to-host copies run after the stream is drained).
 *
 * <p>Note [Current context]: the driver API acts on the calling thread's current context. Every method that calls
 * the driver first makes the device's primary context current on the calling thread ({@link #enter}), remembering
 * per thread which context it made current, so a user thread or another device's thread costs one
 * {@code cuCtxSetCurrent} the first time only. Freeing a storage's block (from any thread, the Cleaner's included)
 * is bookkeeping in the allocator and calls no driver function; the allocator reaches the driver only from an
 * allocating thread or {@code emptyCache}, which enter first.
 *
 * <p>Note [Index errors]: kernels that read indices record the first bad one in a device {@code long long[2]}
 * (see the kernel ABI) and skip it; {@link #checksIndices} notes the first op that may have set it since the last
 * check. At a synchronising call, after the stream is drained, the buffer is read (16 bytes, only if such an op
 * ran), cleared, and reported as an {@link IndexOutOfBoundsException} naming that op, like PyTorch's device-side
 * asserts, but leaving the context usable. The buffer is 16 bytes of its own, outside the caching allocator.
 */
final class DeviceContext implements KernelLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceContext.class);
    /** Threads per block of an elementwise launch. */
    static final int BLOCK = 256;
    /** An elementwise grid has at most this many blocks per multiprocessor; the kernels loop grid-stride past it. */
    static final int BLOCKS_PER_SM = 32;
    /** The largest Java array {@link #toArray} makes (a few header words short of 2^31 - 1, as the CPU's). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The context this library last made current, per thread (see Note [Current context]). */
    private static final ThreadLocal<CUcontext> CURRENT = new ThreadLocal<>();

    private final Device device;
    private final CUcontext context;
    private final CUstream stream;
    private final String name;
    private final int multiprocessors;
    private final CachingAllocator allocator;
    private final DevicePointer indexErrors;
    /** The first op since the last synchronisation that may have recorded an index error, and the bound it checks. */
    private final AtomicReference<String[]> indexOp = new AtomicReference<>();
    private final ConcurrentHashMap<String, Module> modules = new ConcurrentHashMap<>();
    private final Staging staging = new Staging();
    private volatile Blas blas;

    private DeviceContext(Device device, CUcontext context, CUstream stream, String name, int multiprocessors,
                          DevicePointer indexErrors) {
        this.device = device;
        this.context = context;
        this.stream = stream;
        this.name = name;
        this.multiprocessors = multiprocessors;
        this.indexErrors = indexErrors;
        this.allocator = new CachingAllocator(device.toString(), new DriverMemory());
    }

    /** Opens {@code device}: retains its primary context, creates its stream and the index-error buffer. */
    static DeviceContext open(Device device) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            CUdevice dev = new CUdevice();
            JCudaDriver.cuDeviceGet(dev, device.index());
            int cc = computeCapability(device.index());
            if (cc < CudaAvailability.MIN_COMPUTE_CAPABILITY) {
                throw new IllegalStateException("[cuda] " + device + " has compute capability " + cc / 10 + "."
                        + cc % 10 + ", but the kernels are built for 7.5 (sm_75) or newer");
            }
            CUcontext ctx = new CUcontext();
            // The primary context is the one the CUDA runtime, and so cuBLAS, uses on this device.
            JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev);
            cuCtxSetCurrent(ctx);
            CURRENT.set(ctx);
            CUstream stream = new CUstream();
            JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
            int[] sms = new int[1];
            JCudaDriver.cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev);
            byte[] nameBytes = new byte[256];
            JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, dev);
            String name = new String(nameBytes, StandardCharsets.US_ASCII).trim().replace("\0", "");
            DevicePointer errors = new DevicePointer();
            JCudaDriver.cuMemAlloc(errors, 16);
            cuMemsetD8Async(errors, (byte) 0, 16, stream);
            DeviceContext c = new DeviceContext(device, ctx, stream, name, sms[0], errors);
            LOG.info("opened {}: {}, {} multiprocessors", device, name, sms[0]);
            return c;
        } catch (CudaException e) {
            throw CudaErrors.of("cuda", "opening " + device, e);
        }
    }

    /** The compute capability of device {@code ordinal}, times ten (90 for an H100). */
    static int computeCapability(int ordinal) {
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, ordinal);
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        return major[0] * 10 + minor[0];
    }

    @Override
    public Device device() {
        return device;
    }

    String describe() {
        return device + ", " + name;
    }

    CachingAllocator allocator() {
        return allocator;
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    /** Makes this device's context current on the calling thread (see Note [Current context]). */
    void enter() {
        if (CURRENT.get() != context) {
            try {
                cuCtxSetCurrent(context);
            } catch (CudaException e) {
                throw CudaErrors.of("cuda", "making the context of " + device + " current", e);
            }
            CURRENT.set(context);
        }
    }

    CUstream stream() {
        return stream;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Memory
    // ------------------------------------------------------------------------------------------------------------

    Storage allocate(DType dtype, long numel) {
        return CudaStorage.allocate(allocator, device, dtype, numel);
    }

    Storage fromArray(Object array) {
        DType dtype = dtypeOf("fromArray", array);
        int length = java.lang.reflect.Array.getLength(array);
        CudaStorage s = CudaStorage.allocate(allocator, device, dtype, length);
        upload("fromArray", s.address, array, 0, length, dtype);
        return s;
    }

    Object toArray(View src) {
        if (src.numel() > MAX_ARRAY) {
            throw new IllegalArgumentException("[toArray] " + src.numel() + " elements do not fit in a Java array");
        }
        if (src.isContiguous()) {
            return download("toArray", src);
        }
        CudaStorage tmp = CudaStorage.allocate(allocator, device, src.dtype(), src.numel());
        try {
            View c = View.contiguous(tmp, src.shape);
            ElementwiseKernels.copy(this, c, src);
            return download("toArray", c);
        } finally {
            tmp.freeNow();
        }
    }

    /** CPU to this device or this device to the CPU, both contiguous; false for another device. */
    boolean transfer(View dst, View src) {
        Object hostSrc = src.storage.hostArray();
        Object hostDst = dst.storage.hostArray();
        if (hostSrc != null && isHere(dst)) {
            upload("to", address(dst).address(), hostSrc, src.offset, src.numel(), src.dtype());
            return true;
        }
        if (hostDst != null && isHere(src)) {
            copyToHost("to", address(src), hostDst, dst.offset, dst.numel(), dst.dtype());
            return true;
        }
        return false;
    }

    private boolean isHere(View v) {
        return v.storage instanceof CudaStorage && v.device() == device;
    }

    /** Waits for the stream, then reports an index error a kernel recorded (see Note [Index errors]). */
    void synchronize() {
        synchronize("synchronize");
    }

    private void synchronize(String op) {
        enter();
        try {
            cuStreamSynchronize(stream);
        } catch (CudaException e) {
            throw CudaErrors.of(op, "waiting for " + device, e);
        }
        String[] checked = indexOp.getAndSet(null);
        if (checked != null) {
            long[] error = new long[2];
            try {
                cuMemcpyDtoH(Pointer.to(error), indexErrors, 16);
                if (error[0] != 0) {
                    cuMemsetD8Async(indexErrors, (byte) 0, 16, stream);
                }
            } catch (CudaException e) {
                throw CudaErrors.of(op, "reading the index-error buffer of " + device, e);
            }
            if (error[0] != 0) {
                throw new IndexOutOfBoundsException("[" + checked[0] + "] index " + error[1] + " is out of bounds"
                        + (checked[1] == null ? "" : " " + checked[1]));
            }
        }
    }

    /** The elements of the contiguous view {@code src} in a new Java array; synchronises. */
    private Object download(String op, View src) {
        int n = (int) src.numel();
        Object array = switch (src.dtype()) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case BOOL -> new boolean[n];
        };
        copyToHost(op, address(src), array, 0, n, src.dtype());
        return array;
    }

    /**
     * Copies {@code count} elements from the device to {@code array} at {@code offset}, after the stream is drained
     * (so the synchronous copy sees everything queued before). Pageable memory: the copy has completed when the
     * call returns, while JCuda still holds the array.
     */
    private void copyToHost(String op, DevicePointer src, Object array, long offset, long count, DType dtype) {
        synchronize(op);
        if (count == 0) {
            return;
        }
        long bytes = count * dtype.byteSize();
        try {
            if (array instanceof boolean[] bools) {
                byte[] b = new byte[(int) count];
                cuMemcpyDtoH(Pointer.to(b), src, bytes);
                for (int i = 0; i < b.length; i++) {
                    bools[(int) offset + i] = b[i] != 0;
                }
            } else {
                cuMemcpyDtoH(hostPointer(array).withByteOffset(offset * dtype.byteSize()), src, bytes);
            }
        } catch (CudaException e) {
            throw CudaErrors.of(op, "copying " + bytes + " bytes from " + device, e);
        }
    }

    /** Queues a copy of {@code count} elements of {@code array} from {@code offset} to the device address. */
    private void upload(String op, long dst, Object array, long offset, long count, DType dtype) {
        if (count == 0) {
            return;
        }
        enter();
        try {
            staging.upload(dst, array, offset, count, dtype);
        } catch (CudaException e) {
            throw CudaErrors.of(op, "copying " + count * dtype.byteSize() + " bytes to " + device, e);
        }
    }

    private static Pointer hostPointer(Object array) {
        if (array instanceof float[] a) {
            return Pointer.to(a);
        } else if (array instanceof double[] a) {
            return Pointer.to(a);
        } else if (array instanceof long[] a) {
            return Pointer.to(a);
        } else if (array instanceof int[] a) {
            return Pointer.to(a);
        }
        throw new IllegalArgumentException("[cuda] no host pointer for " + array.getClass().getSimpleName());
    }

    private static DType dtypeOf(String op, Object array) {
        if (array instanceof float[]) {
            return DType.FLOAT32;
        } else if (array instanceof double[]) {
            return DType.FLOAT64;
        } else if (array instanceof long[]) {
            return DType.INT64;
        } else if (array instanceof int[]) {
            return DType.INT32;
        } else if (array instanceof boolean[]) {
            return DType.BOOL;
        }
        throw new IllegalArgumentException("[" + op + "] expected float[], double[], long[], int[] or boolean[] but"
                + " got " + (array == null ? "null" : array.getClass().getSimpleName()));
    }

    /**
     * Pinned host memory that Java arrays are copied through on their way to the device. A copy from pageable
     * memory would either run on the legacy stream (unordered against ours, see Note [One stream]) or, queued on our
     * stream, leave it to the driver whether it reads the array before JCuda lets the garbage collector move it
     * again. So the array is copied into this buffer, and the buffer to the device on the stream; the next use of
     * the buffer waits for that copy (an event), never the whole stream. Up to {@link #CHUNK} bytes at a time.
     */
    private final class Staging {
        static final int CHUNK = 16 << 20;
        private Pointer host;
        private ByteBuffer buffer;
        private int capacity;
        private CUevent copied;

        synchronized void upload(long dst, Object array, long offset, long count, DType dtype) {
            int size = dtype.byteSize();
            long bytes = count * size;
            reserve((int) Math.min(bytes, CHUNK));
            long perChunk = capacity / size;
            for (long done = 0; done < count; ) {
                long n = Math.min(count - done, perChunk);
                JCudaDriver.cuEventSynchronize(copied); // the previous copy out of the buffer is done
                fill(array, offset + done, (int) n);
                JCudaDriver.cuMemcpyHtoDAsync(new DevicePointer(dst + done * size), host, n * size, stream);
                JCudaDriver.cuEventRecord(copied, stream);
                done += n;
            }
        }

        private void reserve(int bytes) {
            if (host != null && capacity >= bytes) {
                return;
            }
            if (copied == null) {
                copied = new CUevent();
                JCudaDriver.cuEventCreate(copied, CUevent_flags.CU_EVENT_DISABLE_TIMING);
                JCudaDriver.cuEventRecord(copied, stream);
            }
            if (host != null) {
                JCudaDriver.cuEventSynchronize(copied);
                JCudaDriver.cuMemFreeHost(host);
                host = null;
            }
            int grown = Math.max(bytes, Math.min(CHUNK, 2 * capacity));
            Pointer p = new Pointer();
            JCudaDriver.cuMemAllocHost(p, grown);
            host = p;
            buffer = p.getByteBuffer(0, grown).order(ByteOrder.nativeOrder());
            capacity = grown;
        }

        private void fill(Object array, long from, int n) {
            int at = (int) from;
            buffer.clear();
            if (array instanceof float[] a) {
                buffer.asFloatBuffer().put(a, at, n);
            } else if (array instanceof double[] a) {
                buffer.asDoubleBuffer().put(a, at, n);
            } else if (array instanceof long[] a) {
                buffer.asLongBuffer().put(a, at, n);
            } else if (array instanceof int[] a) {
                buffer.asIntBuffer().put(a, at, n);
            } else if (array instanceof boolean[] a) {
                for (int i = 0; i < n; i++) {
                    buffer.put(i, a[at + i] ? (byte) 1 : (byte) 0);
                }
            } else {
                throw new IllegalArgumentException("[cuda] cannot copy a " + array.getClass().getSimpleName());
            }
        }
    }

    Blas blas() {
        Blas b = blas;
        if (b == null) {
            synchronized (this) {
                b = blas;
                if (b == null) {
                    b = new Blas(this);
                    blas = b;
                }
            }
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------------------------
    // KernelLauncher
    // ------------------------------------------------------------------------------------------------------------

    @Override
    public DevicePointer address(View v) {
        if (!isHere(v)) {
            throw new IllegalArgumentException("[cuda] a view on " + v.device() + " was given to a kernel of "
                    + device);
        }
        return new DevicePointer(((CudaStorage) v.storage).address + v.offset * v.dtype().byteSize());
    }

    @Override
    public void launchElements(String op, String module, String kernel, long n, Object... args) {
        if (n > 0) {
            launch(op, module, kernel, gridFor(n, multiprocessors), 1, BLOCK, 0, args);
        }
    }

    /** Blocks of {@link #BLOCK} threads, one thread per element up to {@link #BLOCKS_PER_SM} blocks per SM. */
    static int gridFor(long n, int multiprocessors) {
        long blocks = (n + BLOCK - 1) / BLOCK;
        return (int) Math.max(1, Math.min(blocks, (long) multiprocessors * BLOCKS_PER_SM));
    }

    @Override
    public void launch(String op, String module, String kernel, int gridX, int gridY, int blockX, int sharedBytes,
                       Object... args) {
        Module m = module(op, module);
        Kernel k = m.kernel(op, kernel);
        PtxModule.check(op, kernel, k.params, args);
        Pointer params = KernelArgs.kernelParams(args);
        enter();
        try {
            JCudaDriver.cuLaunchKernel(k.function, gridX, gridY, 1, blockX, 1, 1, sharedBytes, stream, params, null);
        } catch (CudaException e) {
            throw CudaErrors.of(op, "launching " + kernel + " (grid " + gridX + "x" + gridY + ", block " + blockX
                    + ", " + sharedBytes + " bytes shared)", e);
        }
    }

    @Override
    public DevicePointer indexErrors() {
        return indexErrors;
    }

    @Override
    public void checksIndices(String op) {
        checksIndices(op, null);
    }

    @Override
    public void checksIndices(String op, String bound) {
        indexOp.compareAndSet(null, new String[] {op, bound}); // the first op since the last check is reported
    }

    @Override
    public Scratch scratch(long bytes) {
        CachingAllocator.Block block = allocator.allocate(bytes);
        DevicePointer address = new DevicePointer(block.address());
        AtomicBoolean closed = new AtomicBoolean();
        return new Scratch() {
            @Override
            public DevicePointer address() {
                return address;
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    allocator.free(block); // kernels queued before still see it: one stream
                }
            }
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Modules
    // ------------------------------------------------------------------------------------------------------------

    private record Kernel(CUfunction function, List<PtxModule.Param> params) {
    }

    /** A loaded PTX module and the kernels looked up in it so far. */
    private final class Module {
        final PtxModule ptx;
        final CUmodule handle;
        final ConcurrentHashMap<String, Kernel> kernels = new ConcurrentHashMap<>();

        Module(PtxModule ptx, CUmodule handle) {
            this.ptx = ptx;
            this.handle = handle;
        }

        Kernel kernel(String op, String kernel) {
            Kernel k = kernels.get(kernel);
            if (k == null) {
                List<PtxModule.Param> params = ptx.signature(op, kernel);
                CUfunction f = new CUfunction();
                enter();
                try {
                    JCudaDriver.cuModuleGetFunction(f, handle, kernel);
                } catch (CudaException e) {
                    throw CudaErrors.of(op, "looking up " + kernel + " in " + ptx.name, e);
                }
                k = new Kernel(f, params);
                kernels.put(kernel, k);
            }
            return k;
        }
    }

    private Module module(String op, String module) {
        Module m = modules.get(module);
        if (m == null) {
            synchronized (modules) {
                m = modules.get(module);
                if (m == null) {
                    m = load(op, module);
                    modules.put(module, m);
                }
            }
        }
        return m;
    }

    private Module load(String op, String module) {
        String text = PtxModule.read(module);
        PtxModule ptx = PtxModule.parse(module, text);
        byte[] image = (text + "\0").getBytes(StandardCharsets.UTF_8); // the driver reads PTX as a C string
        CUmodule handle = new CUmodule();
        enter();
        try {
            JCudaDriver.cuModuleLoadData(handle, image);
        } catch (CudaException e) {
            String call = "loading the PTX module " + module + " (.version " + ptx.isa / 10 + "." + ptx.isa % 10 + ")";
            throw CudaErrors.of(op, call, e);
        }
        LOG.debug("loaded the PTX module {} on {}: {} kernels", module, device, ptx.kernels().size());
        return new Module(ptx, handle);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The allocator's view of the driver. */
    private final class DriverMemory implements DeviceMemory {
        @Override
        public long malloc(long bytes) {
            enter();
            DevicePointer p = new DevicePointer();
            try {
                JCudaDriver.cuMemAlloc(p, bytes);
            } catch (CudaException e) {
                if (CudaErrors.isOutOfMemory(e)) {
                    return 0;
                }
                throw CudaErrors.of("allocate", "cuMemAlloc of " + bytes + " bytes on " + device, e);
            }
            LOG.debug("cuMemAlloc of {} on {}", CachingAllocator.bytes(bytes), device);
            return p.address();
        }

        @Override
        public void free(long address) {
            enter();
            try {
                JCudaDriver.cuMemFree(new DevicePointer(address));
            } catch (CudaException e) {
                throw CudaErrors.of("empty_cache", "cuMemFree on " + device, e);
            }
        }

        @Override
        public long freeBytes() {
            enter();
            long[] free = new long[1];
            long[] total = new long[1];
            JCudaDriver.cuMemGetInfo(free, total);
            return free[0];
        }

        @Override
        public void synchronize() {
            enter();
            try {
                cuStreamSynchronize(stream);
            } catch (CudaException e) {
                throw CudaErrors.of("empty_cache", "waiting for " + device, e);
            }
        }
    }
}
