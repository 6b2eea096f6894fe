"""PyTorch's side of CpuBench: the same workloads, timed the same way, one JSON line per case.

Run by CpuBench in a child process (OMP/OpenBLAS thread counts set in its environment before torch loads):
    python3 torch_reference.py --workload matmul --threads 2
"""
import argparse
import json
import math
import random
import statistics
import time

p = argparse.ArgumentParser()
p.add_argument("--workload", required=True)
p.add_argument("--threads", type=int, required=True)
args = p.parse_args()

import torch  # noqa: E402  (after the environment is set by the parent)

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)


def emit(case, timed):
    samples, warmup = timed if isinstance(timed, tuple) else (timed, None)
    line = {"case": case, "min_s": min(samples), "median_s": statistics.median(samples), "max_s": max(samples)}
    if warmup is not None:
        line["warmup_s"] = warmup
    line.update({"torch": torch.__version__, "threads": torch.get_num_threads()})
    print(json.dumps(line), flush=True)


# Each case warms up for at least WARMUP_SECONDS (and at least its warm-up calls), then for as long as a window of
# WINDOW_SECONDS runs more than IMPROVING faster than the last, up to MAX_WARMUP_SECONDS: as CpuBench.time does
# (Note [Warming up until the speed settles] there).
WARMUP_SECONDS, WINDOW_SECONDS, IMPROVING, MAX_WARMUP_SECONDS = 1.5, 0.5, 0.03, 10


def timeit(fn, warmup, repeats, min_sample):
    start = time.perf_counter()
    calls, previous = 0, math.inf
    while True:
        w0, n = time.perf_counter(), 0
        while n < 3 or time.perf_counter() - w0 < WINDOW_SECONDS:
            fn()
            n += 1
        calls += n
        mean, elapsed = (time.perf_counter() - w0) / n, time.perf_counter() - start
        improving = mean < previous * (1 - IMPROVING)
        previous = mean
        if calls >= warmup and elapsed >= WARMUP_SECONDS and (not improving or elapsed >= MAX_WARMUP_SECONDS):
            break
    warmed = time.perf_counter() - start
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    inner = max(1, math.ceil(min_sample / max(one, 1e-9)))
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t0) / inner)
    return samples, warmed


def matmul():
    g = torch.Generator().manual_seed(0)
    for n in (256, 512, 1024, 2048):
        a, b = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
        c = torch.empty(n, n)
        emit(f"matmul n={n}", timeit(lambda: torch.mm(a, b, out=c), 3, 9, 0.1))


def elementwise():
    n = 16 * 1024 * 1024
    g = torch.Generator().manual_seed(0)
    a, b, c, x = (torch.randn(n, generator=g) for _ in range(4))
    emit("z=a*b+c (new output)", timeit(lambda: a * b + c, 3, 11, 0.05))
    emit("tanh (new output)", timeit(lambda: torch.tanh(x), 3, 11, 0.05))
    emit("exp (new output)", timeit(lambda: torch.exp(x), 3, 11, 0.05))
    emit("sigmoid (new output)", timeit(lambda: torch.sigmoid(x), 3, 11, 0.05))
    emit("relu (new output)", timeit(lambda: torch.relu(x), 3, 11, 0.05))
    emit("sum", timeit(lambda: x.sum(), 3, 11, 0.05))
    small = torch.randn(1024 * 1024, generator=g)  # 4 MB: in L2 or L3, so the loop shows, not memory
    emit("sum 1M (in cache)", timeit(lambda: small.sum(), 3, 11, 0.05))
    emit("clone", timeit(lambda: x.clone(), 3, 11, 0.05))
    rows = x.reshape(4096, 4096)
    emit("cumsum dim 1 [4096, 4096]", timeit(lambda: torch.cumsum(rows, 1), 3, 11, 0.05))


def scalar():
    n_ops, n_leaves = 10_000, 100
    rng = random.Random(0)
    leaf_vals = [rng.uniform(-1, 1) for _ in range(n_leaves)]
    picks = [rng.random() for _ in range(n_ops)]

    def build(leaves):
        pool = list(leaves)
        x = leaves[0]
        for i in range(n_ops):
            k = i % 3
            if k == 0:
                x = x + pool[int(picks[i] * len(pool))]
            elif k == 1:
                x = x * pool[int(picks[i] * len(pool))]
            else:
                x = x.tanh()
                pool.append(x)
        return x

    fw, tot = [], []
    for r in range(2 + 15):
        leaves = [torch.tensor(v, requires_grad=True) for v in leaf_vals]
        t0 = time.perf_counter()
        loss = build(leaves)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        if r >= 2:
            fw.append(t1 - t0)
            tot.append(t2 - t0)
    emit("scalar graph fwd+bwd", tot)
    emit("scalar graph forward", fw)


def mlp():
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(256, 784)
    y = torch.randint(0, 10, (256,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    emit("mlp step 784-1024-1024-10 b256", timeit(step, 5, 40, 0))


def chain():
    n = 1024
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, n, generator=g)
    w1 = (torch.randn(n, n, generator=g) / n ** 0.5).requires_grad_()
    w2 = (torch.randn(n, n, generator=g) / n ** 0.5).requires_grad_()

    def it():
        w1.grad = None
        w2.grad = None
        o = x @ w1 @ w2
        (o * o).sum().backward()

    emit("matmul chain n=1024 fwd+bwd", timeit(it, 3, 15, 0))


{"matmul": matmul, "elementwise": elementwise, "scalar": scalar, "mlp": mlp, "chain": chain}[args.workload]()
