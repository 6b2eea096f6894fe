"""The reduce, index and fused kernels on a real GPU, without the Java side.

Each shipped PTX module is loaded with the driver API through ctypes (cuModuleLoadData, cuLaunchKernel), the memory
and the references come from PyTorch; launches are planned as autograd-cuda's ReduceKernels, IndexLayout and
FusedKernels plan them (ported below), and each reduction is also forced through every group kind and several
partitions. Then a few benchmarks against PyTorch's own kernels. Run on the GPU machine, from the project root:

    python3 cuda-kernels/src/test/gpu/check_kernels.py [--out FILE]

One JSON line per check group and per benchmark (to FILE as well), a summary line last; exit status 1 on any failure.
Needs a CUDA driver, PyTorch with CUDA; no JDK.
"""
import ctypes
import json
import math
import os
import sys
import time

KERNELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "resources", "dev",
                       "autograd4j", "cuda", "kernels")
MAX_DIMS = 10
OPS = ["sum", "max", "min", "argmax", "argmin", "any", "all"]  # the AG_REDUCE_* codes are the positions

# ---------------------------------------------------------------------------------------------------------------
# Ports of the Java planning (autograd-cuda: ReduceLayout, ReduceKernels.plan, IndexLayout, FusedKernels.rows)
# ---------------------------------------------------------------------------------------------------------------

THREADS = 256
WARP_MIN, BLOCK_MIN = 32, 4096
THREAD_CHUNK, THREAD_ITEMS = 256, 1 << 18
BLOCK_CHUNK, BLOCK_ITEMS = 16384, 1024
BLOCKS_PER_SM = 32


def ceil_div(a, b):
    return (a + b - 1) // b


def reduce_layout(out_shape, out_strides, in_shape, in_strides):
    """kept sizes, kept input strides, kept output strides, reduced sizes, reduced strides (ReduceLayout.of)."""
    ks, ki, ko, rs, ri = [], [], [], [], []
    for d, size in enumerate(in_shape):
        if size == 1:
            continue
        if out_shape[d] == 1:
            if rs and ri[-1] == size * in_strides[d]:
                rs[-1] *= size
                ri[-1] = in_strides[d]
            else:
                rs.append(size)
                ri.append(in_strides[d])
        elif ks and ki[-1] == size * in_strides[d] and ko[-1] == size * out_strides[d]:
            ks[-1] *= size
            ki[-1] = in_strides[d]
            ko[-1] = out_strides[d]
        else:
            ks.append(size)
            ki.append(in_strides[d])
            ko.append(out_strides[d])
    assert len(ks) <= MAX_DIMS and len(rs) <= MAX_DIMS
    return ks, ki, ko, rs, ri


def pad(v):
    return list(v) + [0] * (MAX_DIMS - len(v))


def pack_reduce(ks, ki, ko, rs, ri):
    return [math.prod(ks), math.prod(rs), len(ks)] + pad(ks) + pad(ki) + pad(ko) + [len(rs)] + pad(rs) + pad(ri)


def split(group, count, outputs, min_chunk, items):
    parts = min(count // min_chunk, max(1, ceil_div(items, outputs)))
    if parts <= 1:
        return group, 1, count
    chunk = ceil_div(count, parts)
    return group, ceil_div(count, chunk), chunk


def reduce_plan(ks, ki, rs, ri):
    """(group, parts, chunk) as ReduceKernels.plan chooses them."""
    outputs, count = math.prod(ks), math.prod(rs)
    if count == 0:
        return "thread", 1, 0
    kept_contiguous = bool(ks) and ki[-1] == 1
    reduced_contiguous = bool(rs) and ri[-1] == 1
    if count < WARP_MIN or (kept_contiguous and not reduced_contiguous):
        return split("thread", count, outputs, THREAD_CHUNK, THREAD_ITEMS)
    if count < BLOCK_MIN:
        return "warp", 1, count
    return split("block", count, outputs, BLOCK_CHUNK, BLOCK_ITEMS)


def grid(groups, per_block, sms):
    return max(1, min(ceil_div(groups, per_block), sms * BLOCKS_PER_SM))


PER_BLOCK = {"thread": THREADS, "warp": THREADS // 32, "block": 1}


def index_layout(shape, *operand_strides):
    """The ABI Layout (IndexLayout.of): rank, sizes, strides[4][10] as a flat list."""
    sizes, strides = [], [[] for _ in operand_strides]
    for d, size in enumerate(shape):
        if size == 1:
            continue
        if sizes and all(strides[k][-1] == size * s[d] for k, s in enumerate(operand_strides)):
            sizes[-1] *= size
            for k, s in enumerate(operand_strides):
                strides[k][-1] = s[d]
        else:
            sizes.append(size)
            for k, s in enumerate(operand_strides):
                strides[k].append(s[d])
    assert len(sizes) <= MAX_DIMS
    flat = [len(sizes)] + pad(sizes)
    for k in range(4):
        flat += pad(strides[k]) if k < len(strides) else [0] * MAX_DIMS
    return flat


def rows_launch(rows, cols, sms):
    """(variant, threads, blocks) of a row kernel (FusedKernels.rows)."""
    if cols <= 1024:
        return "warp", 256, grid(rows, 8, sms)
    per_thread = ceil_div(cols, 32)
    block = min(1024, max(128, 1 << max(0, (per_thread - 1).bit_length())))
    return "block", block, grid(rows, 1, sms)


# ---------------------------------------------------------------------------------------------------------------
# The driver, through ctypes
# ---------------------------------------------------------------------------------------------------------------

class Int:
    def __init__(self, v):
        self.v = v

    def ctype(self):
        return ctypes.c_int(self.v)


class Long(Int):
    def ctype(self):
        return ctypes.c_longlong(self.v)


class Double(Int):
    def ctype(self):
        return ctypes.c_double(self.v)


class Ptr(Int):
    """A tensor's address (its first element, offset included), or null."""

    def ctype(self):
        return ctypes.c_uint64(0 if self.v is None else self.v.data_ptr())


class Struct(Int):
    """A struct of long longs, by value."""

    def ctype(self):
        return (ctypes.c_longlong * len(self.v))(*self.v)


class Driver:
    def __init__(self, torch):
        self.torch = torch
        torch.zeros(1, device="cuda")  # the runtime creates the device's primary context and makes it current
        lib = ctypes.CDLL("libcuda.so.1")
        lib.cuGetErrorString.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        lib.cuDeviceGet.argtypes = [ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        lib.cuDevicePrimaryCtxRetain.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int]
        lib.cuCtxSetCurrent.argtypes = [ctypes.c_void_p]
        lib.cuModuleLoadData.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p]
        lib.cuModuleGetFunction.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p, ctypes.c_char_p]
        lib.cuLaunchKernel.argtypes = [ctypes.c_void_p] + [ctypes.c_uint] * 7 + [ctypes.c_void_p] * 3
        self.lib = lib
        self.check(lib.cuInit(0), "cuInit")
        dev = ctypes.c_int()
        self.check(lib.cuDeviceGet(ctypes.byref(dev), torch.cuda.current_device()), "cuDeviceGet")
        ctx = ctypes.c_void_p()
        self.check(lib.cuDevicePrimaryCtxRetain(ctypes.byref(ctx), dev.value), "cuDevicePrimaryCtxRetain")
        self.check(lib.cuCtxSetCurrent(ctx), "cuCtxSetCurrent")
        self.modules, self.functions, self.jit_seconds = {}, {}, {}
        self.sms = torch.cuda.get_device_properties(0).multi_processor_count

    def check(self, r, what):
        if r != 0:
            s = ctypes.c_char_p()
            self.lib.cuGetErrorString(r, ctypes.byref(s))
            raise RuntimeError("%s: CUDA error %d (%s)" % (what, r, s.value.decode() if s.value else "?"))

    def module(self, name):
        if name not in self.modules:
            with open(os.path.join(KERNELS, name + ".ptx"), "rb") as f:
                image = f.read()
            m = ctypes.c_void_p()
            t0 = time.perf_counter()
            self.check(self.lib.cuModuleLoadData(ctypes.byref(m), image), "cuModuleLoadData " + name)
            self.jit_seconds[name] = round(time.perf_counter() - t0, 3)
            self.modules[name] = m
        return self.modules[name]

    def launch(self, module, kernel, blocks, threads, *args):
        key = (module, kernel)
        if key not in self.functions:
            f = ctypes.c_void_p()
            self.check(self.lib.cuModuleGetFunction(ctypes.byref(f), self.module(module), kernel.encode()),
                       "cuModuleGetFunction " + kernel)
            self.functions[key] = f
        values = [a.ctype() for a in args]
        params = (ctypes.c_void_p * len(values))(*[ctypes.addressof(v) for v in values])
        stream = self.torch.cuda.current_stream().cuda_stream
        self.check(self.lib.cuLaunchKernel(self.functions[key], blocks, 1, 1, threads, 1, 1, 0, stream,
                                           ctypes.addressof(params), None), "cuLaunchKernel " + kernel)

    def launch_elements(self, module, kernel, n, *args):
        if n > 0:
            self.launch(module, kernel, max(1, min(ceil_div(n, 256), self.sms * 32)), 256, *args)


# ---------------------------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------------------------

class Report:
    def __init__(self, out):
        self.out, self.failures, self.checks = out, 0, 0

    def line(self, **kw):
        text = json.dumps(kw)
        print(text, flush=True)
        if self.out:
            self.out.write(text + "\n")
            self.out.flush()

    def check(self, ok, what):
        self.checks += 1
        if not ok:
            self.failures += 1
            if self.failures <= 60:
                self.line(fail=what)
        return ok


def main():
    import torch

    out_file = None
    if "--out" in sys.argv:
        out_file = open(sys.argv[sys.argv.index("--out") + 1], "w")
    report = Report(out_file)
    drv = Driver(torch)
    cuda = torch.device("cuda")
    types = {"f32": torch.float32, "f64": torch.float64, "i32": torch.int32, "i64": torch.int64, "b8": torch.bool}
    floating = {"f32", "f64"}

    for name in ("reduce", "index", "fused"):
        drv.module(name)
    report.line(check="module load (JIT)", seconds=drv.jit_seconds, device=torch.cuda.get_device_name(0))

    def values(t, n, seed, specials=True):
        g = torch.Generator().manual_seed(seed)
        if t == "b8":
            return torch.randint(0, 3, (n,), generator=g) == 0
        if t in floating:
            x = (torch.randint(0, 9, (n,), generator=g) - 4).double()
            wide = torch.randint(0, 4, (n,), generator=g) == 0
            x = torch.where(wide, torch.randn(n, generator=g, dtype=torch.float64) * 1e3, x)
            if specials:
                s = torch.randint(0, 97, (n,), generator=g)
                x = torch.where(s == 0, float("nan"), torch.where(s == 1, float("inf"), torch.where(
                    s == 2, float("-inf"), x)))
            return x.to(types[t])
        return (torch.randint(-3, 4, (n,), generator=g)
                + (torch.randint(0, 5, (n,), generator=g) == 0) * 100000).to(types[t])

    def same(a, b):
        """Equal, NaN matching NaN."""
        if a.shape != b.shape:
            return False
        if a.dtype.is_floating_point:
            return bool(((a == b) | (a.isnan() & b.isnan())).all())
        return bool((a == b).all())

    # -- reductions ---------------------------------------------------------------------------------------------

    def out_type(op, t):
        if op == "sum":
            return "i64" if t in ("b8", "i32") else t
        if op in ("max", "min"):
            return t
        return "i64" if op in ("argmax", "argmin") else "b8"

    def reduce_reference(op, t, x, dims):
        if not dims:
            if op == "sum":
                return x.double() if t in floating else x.long()
            if op in ("argmax", "argmin"):
                return torch.zeros(x.shape, dtype=torch.int64)
            if op in ("any", "all"):
                return x != 0
            return x.clone()
        dims = sorted(dims)
        if op == "sum":
            return x.double().sum(dims, keepdim=True) if t in floating else x.long().sum(dims, keepdim=True)
        if op in ("max", "min"):
            y = x.long() if t == "b8" else x
            r = y.amax(dims, keepdim=True) if op == "max" else y.amin(dims, keepdim=True)
            return r.bool() if t == "b8" else r
        if op == "any":
            return (x != 0).long().sum(dims, keepdim=True) > 0
        if op == "all":
            return (x == 0).long().sum(dims, keepdim=True) == 0
        kept = [d for d in range(x.dim()) if d not in dims]
        shape = [x.shape[d] for d in kept]
        y = x.permute(kept + dims).reshape(shape + [-1])
        if t in floating:
            nan = y.isnan()
            fill = float("-inf") if op == "argmax" else float("inf")
            z = torch.where(nan, torch.full_like(y, fill), y).double()
            idx = z.argmax(-1) if op == "argmax" else z.argmin(-1)
            idx = torch.where(nan.any(-1), nan.to(torch.uint8).argmax(-1), idx)
        else:
            idx = y.long().argmax(-1) if op == "argmax" else y.long().argmin(-1)
        keep = [1 if d in dims else x.shape[d] for d in range(x.dim())]
        return idx.reshape(keep)

    def run_reduce(op, t, out, x, ks, ki, ko, rs, ri, group, parts, chunk):
        layout = Struct(pack_reduce(ks, ki, ko, rs, ri))
        outputs = math.prod(ks)
        code = OPS.index(op)
        blocks = grid(outputs * parts, PER_BLOCK[group], drv.sms)
        if parts == 1:
            drv.launch("reduce", "reduce_%s_%s" % (group, t), blocks, THREADS, Int(code), layout, Long(1),
                       Long(chunk), Ptr(out), Ptr(x), Ptr(None), Ptr(None))
            return
        partials = torch.empty(outputs * parts, dtype=torch.int64, device=cuda)
        positions = torch.empty(outputs * parts, dtype=torch.int64, device=cuda)
        drv.launch("reduce", "reduce_%s_%s" % (group, t), blocks, THREADS, Int(code), layout, Long(parts),
                   Long(chunk), Ptr(out), Ptr(x), Ptr(partials), Ptr(positions))
        drv.launch("reduce", "reduce_combine_" + t, grid(outputs, 8, drv.sms), THREADS, Int(code), layout,
                   Long(parts), Ptr(out), Ptr(partials), Ptr(positions))

    reduce_cases = [  # name, shape, strides (None: contiguous), elements of the base, reduced dims
        ("rows", [37, 53], None, 37 * 53, [1]),
        ("columns", [37, 53], None, 37 * 53, [0]),
        ("column sum in parts", [5000, 7], None, 35000, [0]),
        ("long rows in parts", [3, 40000], None, 120000, [1]),
        ("everything", [300000], None, 300000, [0]),
        ("two reduced dims", [4, 5, 6], None, 120, [0, 2]),
        ("transposed", [37, 53], [1, 37], 37 * 53, [1]),
        ("broadcast", [1000, 7], [0, 1], 7, [0]),
        ("zero-d", [], [], 1, []),
        ("over zero elements", [0, 3], None, 1, [0]),
    ]
    seed = 1
    for name, shape, strides, base_n, dims in reduce_cases:
        if strides is None:
            strides = [math.prod(shape[d + 1:]) for d in range(len(shape))]
        for t in types:
            seed += 1
            base = values(t, base_n, seed)
            x_cpu = base.as_strided(shape, strides)
            x = base.to(cuda).as_strided(shape, strides)
            out_shape = [1 if d in dims else s for d, s in enumerate(shape)]
            out_strides = [math.prod(out_shape[d + 1:]) for d in range(len(out_shape))]
            ks, ki, ko, rs, ri = reduce_layout(out_shape, out_strides, shape, strides)
            count = math.prod(rs)
            plans = [reduce_plan(ks, ki, rs, ri)]
            for group in ("thread", "warp", "block"):
                for parts in (1, 3):
                    if count >= parts:
                        chunk = ceil_div(count, parts) if count else 0
                        plans.append((group, ceil_div(count, chunk) if count else 1, chunk))
            failed = 0
            for op in OPS:
                if count == 0 and op not in ("sum", "any", "all"):
                    continue
                ref = reduce_reference(op, t, x_cpu, dims)
                for group, parts, chunk in plans:
                    out = torch.empty(out_shape, dtype=types[out_type(op, t)], device=cuda)
                    run_reduce(op, t, out, x, ks, ki, ko, rs, ri, group, parts, chunk)
                    got = out.cpu()
                    if op == "sum" and t in floating:
                        magnitude = reduce_reference("sum", t, x_cpu.abs(), dims) if dims else x_cpu.abs().double()
                        u = 2.0 ** -24 if t == "f32" else 2.0 ** -53
                        bound = max(count, 1) * 2.0 ** -53 * magnitude + ref.abs() * u
                        g = got.double()
                        ok = bool((((g - ref).abs() <= bound) | (g == ref) | (g.isnan() & ref.isnan())).all())
                    else:
                        ok = same(got, ref.to(got.dtype))
                    if not report.check(ok, "reduce %s %s %s: %s parts %d" % (name, t, op, group, parts)):
                        failed += 1
            report.line(check="reduce", case=name, dtype=t, plan=list(plans[0]), failed=failed)

    # -- gather and scatter-add ---------------------------------------------------------------------------------

    for t in types:
        seed += 1
        base = values(t, 12, seed, specials=False)
        x = base.reshape(3, 4)
        index = torch.randint(0, 4, (5, 3), generator=torch.Generator().manual_seed(seed)).t()  # transposed
        ref = torch.gather(x, 1, index)
        out = torch.empty(3, 5, dtype=types[t], device=cuda)
        err = torch.zeros(2, dtype=torch.int64, device=cuda)
        xg, ig = x.to(cuda), index.to(cuda).t().contiguous().t()
        layout = index_layout([3, 5], list(out.stride()), list(ig.stride()), [xg.stride(0), 0])
        drv.launch_elements("index", "gather_strided_" + t, 15, Struct(layout), Long(15), Ptr(out), Ptr(ig), Ptr(xg),
                            Long(4), Long(xg.stride(1)), Ptr(err))
        ok = report.check(same(out.cpu(), ref) and err.cpu().tolist() == [0, 0], "gather " + t)
        bad = ig.clone()
        bad[1, 2] = 7
        out.fill_(0)
        drv.launch_elements("index", "gather_strided_" + t, 15, Struct(layout), Long(15), Ptr(out), Ptr(bad), Ptr(xg),
                            Long(4), Long(xg.stride(1)), Ptr(err))
        ok = report.check(err.cpu().tolist() == [1, 7], "gather %s records index 7: %s" % (t, err.cpu().tolist())) and ok
        # scatter-add along dim 0: [6, 3] into [4, 3], repeated indices.
        src = values(t, 18, seed + 1, specials=False).reshape(6, 3)
        rows = torch.randint(0, 4, (6, 3), generator=torch.Generator().manual_seed(seed + 2))
        acc = values(t, 12, seed + 3, specials=False).reshape(4, 3)
        if t == "b8":
            ref = acc | (torch.zeros(4, 3, dtype=torch.long).scatter_add(0, rows, src.long()) > 0)
        else:
            ref = acc.scatter_add(0, rows, src)
        o = acc.to(cuda)
        err.zero_()
        layout = index_layout([6, 3], [0, 1], [3, 1], [3, 1])
        drv.launch_elements("index", "scatter_add_strided_" + t, 18, Struct(layout), Long(18), Ptr(o),
                            Ptr(rows.to(cuda)), Ptr(src.to(cuda)), Long(4), Long(3), Ptr(err))
        got = o.cpu()
        if t in floating:
            good = bool(torch.allclose(got.double(), ref.double(), rtol=1e-6, atol=1e-6))
        else:
            good = same(got, ref)
        ok = report.check(good and err.cpu().tolist() == [0, 0], "scatter_add " + t) and ok
        report.line(check="index", dtype=t, ok=ok)

    # Many contributions to few places, concurrently: the atomics.
    for t in ("f32", "f64", "i32", "i64"):
        n = 1 << 20
        src = values(t, n, 99, specials=False)
        idx = torch.randint(0, 7, (n,), generator=torch.Generator().manual_seed(5))
        o = torch.zeros(7, dtype=types[t], device=cuda)
        err = torch.zeros(2, dtype=torch.int64, device=cuda)
        drv.launch_elements("index", "scatter_add_strided_" + t, n, Struct(index_layout([n], [0], [1], [1])), Long(n),
                            Ptr(o), Ptr(idx.to(cuda)), Ptr(src.to(cuda)), Long(7), Long(1), Ptr(err))
        ref = torch.zeros(7, dtype=torch.float64 if t in floating else torch.int64).scatter_add(
            0, idx, src.double() if t in floating else src.long())
        got = o.cpu()
        if t in floating:
            good = bool(((got.double() - ref).abs() <= n * (2.0 ** -24 if t == "f32" else 2.0 ** -53)
                         * torch.zeros(7, dtype=torch.float64).scatter_add(0, idx, src.double().abs()) + 1e-9).all())
        else:
            good = same(got.long(), ref.to(torch.int64) if t == "i64" else ref.to(torch.int32).long())
        report.line(check="scatter_add atomics", dtype=t, ok=report.check(good, "scatter_add atomics " + t))

    # -- fused --------------------------------------------------------------------------------------------------

    def softmax_reference(x, log):
        x = x.double()
        m = x.amax(1, keepdim=True)
        m = torch.where(m.isinf(), torch.zeros_like(m), m)
        e = torch.exp(x - m)
        s = e.sum(1, keepdim=True)
        return x - m - torch.log(s) if log else e / s

    def close(got, ref, t):
        got, ref = got.double(), ref.double()
        rtol = 4e-6 if t == "f32" else 1e-12
        both_nan = got.isnan() & ref.isnan()
        return bool((both_nan | (got == ref) | ((got - ref).abs() <= rtol * ref.abs() + rtol * 1e-3)).all())

    inf, nan = float("inf"), float("nan")
    special_rows = torch.tensor([[0.5, -1.25, 2.0, 0.0, 3.5], [1000, 1001, 999, 1000.5, 998],
                                 [1.0, -inf, 2.0, -inf, 0.0], [-inf] * 5, [1.0, nan, 2.0, 0.0, 0.0],
                                 [1.0, inf, 2.0, 0.0, 0.0]], dtype=torch.float64)
    for t in ("f32", "f64"):
        for rows, cols in ((6, 5), (300, 37), (64, 1000), (16, 5000), (3, 70000)):
            if cols == 5:
                x_cpu = special_rows.to(types[t])
            else:
                x_cpu = (torch.randn(rows, cols, generator=torch.Generator().manual_seed(cols), dtype=torch.float64)
                         * 8).to(types[t])
            x = x_cpu.to(cuda)
            variant, threads, blocks = rows_launch(rows, cols, drv.sms)
            ok = True
            for log in (0, 1):
                y = torch.empty_like(x)
                drv.launch("fused", "softmax_%s_%s" % (variant, t), blocks, threads, Long(rows), Long(cols), Ptr(y),
                           Ptr(x), Int(log))
                ok = report.check(close(y.cpu(), softmax_reference(x_cpu, log), t),
                                  "softmax %s %dx%d log %d" % (t, rows, cols, log)) and ok
                g_cpu = (torch.randn(rows, cols, generator=torch.Generator().manual_seed(7), dtype=torch.float64)
                         ).to(types[t])
                gi = torch.empty_like(x)
                drv.launch("fused", "softmax_backward_%s_%s" % (variant, t), blocks, threads, Long(rows), Long(cols),
                           Ptr(gi), Ptr(g_cpu.to(cuda)), Ptr(y), Int(log))
                yd, gd = y.cpu().double(), g_cpu.double()
                ref = gd - torch.exp(yd) * gd.sum(1, keepdim=True) if log else yd * (gd - (gd * yd).sum(1, keepdim=True))
                ok = report.check(close(gi.cpu(), ref, t) or bool(torch.allclose(gi.cpu().double(), ref, rtol=1e-5,
                                                                                 atol=1e-6, equal_nan=True)),
                                  "softmax backward %s %dx%d log %d" % (t, rows, cols, log)) and ok
            report.line(check="softmax", dtype=t, rows=rows, cols=cols, variant=variant, threads=threads, ok=ok)

        for rows, cols in ((3, 4), (100, 768), (8, 3000)):
            gen = torch.Generator().manual_seed(rows)
            x_cpu = torch.randn(rows, cols, generator=gen, dtype=torch.float64).to(types[t])
            w_cpu = torch.randn(cols, generator=gen, dtype=torch.float64).to(types[t])
            b_cpu = torch.randn(cols, generator=gen, dtype=torch.float64).to(types[t])
            g_cpu = torch.randn(rows, cols, generator=gen, dtype=torch.float64).to(types[t])
            x, w, b, g = (v.to(cuda) for v in (x_cpu, w_cpu, b_cpu, g_cpu))
            variant, threads, blocks = rows_launch(rows, cols, drv.sms)
            y, mean, rstd = torch.empty_like(x), torch.empty(rows, dtype=types[t], device=cuda), torch.empty(
                rows, dtype=types[t], device=cuda)
            drv.launch("fused", "layer_norm_%s_%s" % (variant, t), blocks, threads, Long(rows), Long(cols), Ptr(y),
                       Ptr(mean), Long(1), Ptr(rstd), Long(1), Ptr(x), Ptr(w), Long(1), Ptr(b), Long(1), Double(1e-5))
            xd = x_cpu.double()
            md = xd.mean(1, keepdim=True)
            rd = 1 / torch.sqrt(((xd - md) ** 2).mean(1, keepdim=True) + 1e-5)
            ok = report.check(close(mean.cpu(), md.squeeze(1), t) and close(rstd.cpu(), rd.squeeze(1), t)
                              and bool(torch.allclose(y.cpu().double(), (xd - md) * rd * w_cpu.double() + b_cpu.double(),
                                                      rtol=1e-5, atol=1e-5)), "layer_norm %s %dx%d" % (t, rows, cols))
            # The backward from the stored statistics; the parameter gradients in one part and in several.
            m2, r2 = mean.cpu().double().unsqueeze(1), rstd.cpu().double().unsqueeze(1)
            xh = (xd - m2) * r2
            gh = g_cpu.double() * w_cpu.double()
            gx_ref = r2 * (gh - gh.mean(1, keepdim=True) - xh * (gh * xh).mean(1, keepdim=True))
            gi = torch.empty_like(x)
            drv.launch("fused", "layer_norm_backward_%s_%s" % (variant, t), blocks, threads, Long(rows), Long(cols),
                       Ptr(gi), Ptr(g), Ptr(x), Ptr(mean), Long(1), Ptr(rstd), Long(1), Ptr(w), Long(1))
            ok = report.check(bool(torch.allclose(gi.cpu().double(), gx_ref, rtol=1e-4, atol=1e-5)),
                              "layer_norm backward %s %dx%d" % (t, rows, cols)) and ok
            for rows_per_part in (rows, 32, 7):
                parts = ceil_div(rows, rows_per_part)
                n = parts * cols
                gw, gb = torch.empty(cols, dtype=types[t], device=cuda), torch.empty(cols, dtype=types[t], device=cuda)
                pw = torch.empty(n, dtype=torch.float64, device=cuda) if parts > 1 else None
                pb = torch.empty(n, dtype=torch.float64, device=cuda) if parts > 1 else None
                drv.launch_elements("fused", "layer_norm_params_" + t, n, Long(n), Long(cols), Long(rows),
                                    Long(rows_per_part), Ptr(gw), Long(1), Ptr(gb), Long(1), Ptr(g), Ptr(x), Ptr(mean),
                                    Long(1), Ptr(rstd), Long(1), Ptr(pw), Ptr(pb))
                if parts > 1:
                    drv.launch_elements("fused", "layer_norm_params_combine_" + t, cols, Long(cols), Long(parts),
                                        Ptr(gw), Long(1), Ptr(gb), Long(1), Ptr(pw), Ptr(pb))
                ok = report.check(bool(torch.allclose(gw.cpu().double(), (g_cpu.double() * xh).sum(0), rtol=1e-4,
                                                      atol=1e-4))
                                  and bool(torch.allclose(gb.cpu().double(), g_cpu.double().sum(0), rtol=1e-5,
                                                          atol=1e-5)),
                                  "layer_norm params %s %dx%d parts %d" % (t, rows, cols, parts)) and ok
            report.line(check="layer_norm", dtype=t, rows=rows, cols=cols, variant=variant, ok=ok)

        for rows, cols in ((6, 5), (256, 2000)):
            gen = torch.Generator().manual_seed(cols)
            logits_cpu = (special_rows.clone() if cols == 5 else torch.randn(rows, cols, generator=gen,
                                                                           dtype=torch.float64) * 4).to(types[t])
            if cols == 5:
                logits_cpu[5, 1] = 0.25  # finite
            target = torch.randint(0, cols, (rows,), generator=gen)
            target[3] = -100
            cw_cpu = torch.rand(cols, generator=gen, dtype=torch.float64).to(types[t])
            variant, threads, blocks = rows_launch(rows, cols, drv.sms)
            lp, losses, weights = (torch.empty(rows, cols, dtype=types[t], device=cuda),
                                   torch.empty(rows, dtype=types[t], device=cuda),
                                   torch.empty(rows, dtype=types[t], device=cuda))
            err = torch.zeros(2, dtype=torch.int64, device=cuda)
            tg = target.to(cuda)
            drv.launch("fused", "cross_entropy_%s_%s" % (variant, t), blocks, threads, Long(rows), Long(cols), Ptr(lp),
                       Ptr(losses), Long(1), Ptr(weights), Long(1), Ptr(logits_cpu.to(cuda)), Ptr(tg), Long(1),
                       Ptr(cw_cpu.to(cuda)), Long(1), Long(-100), Ptr(err))
            lp_ref = softmax_reference(logits_cpu, True)
            valid = target != -100
            safe = torch.where(valid, target, torch.zeros_like(target))
            w_ref = torch.where(valid, cw_cpu.double()[safe], torch.zeros(rows, dtype=torch.float64))
            lp_got = lp.cpu()
            loss_ref = torch.where(valid, -w_ref * lp_got.double().gather(1, safe.unsqueeze(1)).squeeze(1),
                                   torch.zeros(rows, dtype=torch.float64))
            ok = report.check(close(lp_got, lp_ref, t) and same(weights.cpu(), w_ref.to(types[t]))
                              and close(losses.cpu(), loss_ref, t) and err.cpu().tolist() == [0, 0],
                              "cross_entropy %s %dx%d" % (t, rows, cols))
            bad = tg.clone()
            bad[1] = cols + 2
            drv.launch("fused", "cross_entropy_%s_%s" % (variant, t), blocks, threads, Long(rows), Long(cols), Ptr(lp),
                       Ptr(losses), Long(1), Ptr(weights), Long(1), Ptr(logits_cpu.to(cuda)), Ptr(bad), Long(1),
                       Ptr(None), Long(0), Long(-100), Ptr(err))
            ok = report.check(err.cpu().tolist() == [1, cols + 2], "cross_entropy bad target") and ok
            gl = torch.tensor([0.25], dtype=types[t], device=cuda)
            gi = torch.full((rows, cols), 3, dtype=types[t], device=cuda)
            err.zero_()
            n = rows * cols
            drv.launch_elements("fused", "nll_loss_backward_contig_" + t, n, Long(n), Long(cols), Ptr(gi), Ptr(gl),
                                Long(0), Ptr(tg), Long(1), Ptr(cw_cpu.to(cuda)), Long(1), Long(-100), Ptr(err))
            ref = torch.zeros(rows, cols, dtype=torch.float64)
            ref[valid.nonzero().squeeze(1), target[valid]] = -0.25 * cw_cpu.double()[target[valid]]
            ok = report.check(same(gi.cpu(), ref.to(types[t])) and err.cpu().tolist() == [0, 0],
                              "nll_loss_backward %s" % t) and ok
            report.line(check="cross_entropy", dtype=t, rows=rows, cols=cols, variant=variant, ok=ok)

    # -- benchmarks ---------------------------------------------------------------------------------------------

    def bench(fn, reps=20, warm=3):
        for _ in range(warm):
            fn()
        torch.cuda.synchronize()
        times = []
        for _ in range(reps):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            fn()
            end.record()
            end.synchronize()
            times.append(start.elapsed_time(end) / 1e3)
        times.sort()
        return times[len(times) // 2]

    def reduce_launcher(x, dims, op="sum"):
        shape, strides = list(x.shape), list(x.stride())
        out_shape = [1 if d in dims else s for d, s in enumerate(shape)]
        out = torch.empty(out_shape, dtype=x.dtype, device=cuda)
        ks, ki, ko, rs, ri = reduce_layout(out_shape, [math.prod(out_shape[d + 1:]) for d in range(len(shape))], shape,
                                           strides)
        group, parts, chunk = reduce_plan(ks, ki, rs, ri)
        return (lambda: run_reduce(op, "f32", out, x, ks, ki, ko, rs, ri, group, parts, chunk)), (group, parts, chunk)

    n = 64 * 1024 * 1024
    a = torch.randn(n, device=cuda)
    fn, plan = reduce_launcher(a, [0])
    ours, theirs = bench(fn), bench(lambda: a.sum())
    report.line(bench="sum_64M", plan=list(plan), gbps=round(4 * n / ours / 1e9), torch_gbps=round(4 * n / theirs / 1e9),
                ratio=round(theirs / ours, 3))
    m = torch.randn(8192, 8192, device=cuda)
    for dims, label in (([1], "row_sums_8192x8192"), ([0], "column_sums_8192x8192")):
        fn, plan = reduce_launcher(m, dims)
        ours, theirs = bench(fn), bench(lambda: m.sum(dims[0], keepdim=True))
        report.line(bench=label, plan=list(plan), gbps=round(4 * m.numel() / ours / 1e9),
                    torch_gbps=round(4 * m.numel() / theirs / 1e9), ratio=round(theirs / ours, 3))
    s = torch.randn(4096, 32768, device=cuda)
    y = torch.empty_like(s)
    variant, threads, blocks = rows_launch(4096, 32768, drv.sms)
    ours = bench(lambda: drv.launch("fused", "softmax_%s_f32" % variant, blocks, threads, Long(4096), Long(32768),
                                    Ptr(y), Ptr(s), Int(0)))
    theirs = bench(lambda: torch.softmax(s, dim=1))
    report.line(bench="softmax_4096x32768", launch=[variant, threads, blocks], gbps=round(8 * s.numel() / ours / 1e9),
                torch_gbps=round(8 * s.numel() / theirs / 1e9), ratio=round(theirs / ours, 3))
    x = torch.randn(8192, 1024, device=cuda)
    w, b = torch.randn(1024, device=cuda), torch.randn(1024, device=cuda)
    y, mean, rstd = torch.empty_like(x), torch.empty(8192, device=cuda), torch.empty(8192, device=cuda)
    variant, threads, blocks = rows_launch(8192, 1024, drv.sms)
    ours = bench(lambda: drv.launch("fused", "layer_norm_%s_f32" % variant, blocks, threads, Long(8192), Long(1024),
                                    Ptr(y), Ptr(mean), Long(1), Ptr(rstd), Long(1), Ptr(x), Ptr(w), Long(1), Ptr(b),
                                    Long(1), Double(1e-5)))
    theirs = bench(lambda: torch.nn.functional.layer_norm(x, (1024,), w, b))
    report.line(bench="layer_norm_8192x1024", launch=[variant, threads, blocks], gbps=round(8 * x.numel() / ours / 1e9),
                torch_gbps=round(8 * x.numel() / theirs / 1e9), ratio=round(theirs / ours, 3))

    report.line(summary=True, checks=report.checks, failures=report.failures)
    if out_file:
        out_file.close()
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
