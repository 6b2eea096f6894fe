# Provenance: the project's PyTorch GPU anchor script, as first run on an H100 on 2026-11-24 (its figures are in
# autograd-cuda/README.md); copied with only this header and the docstring's run line changed. GpuBench mirrors it
# workload by workload, and autograd-cuda/gpu-check/run.sh runs both in the same call.
"""GPU anchors: what PyTorch eager does on the GPU for the workloads the project must match.
Run on a GPU machine: python3 benchmarks/gpu/torch_anchors.py  (prints one JSON line per workload)."""
import json, time, torch

dev = torch.device("cuda")
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False

def bench(fn, reps=20, warm=5):
    for _ in range(warm): fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); torch.cuda.synchronize(); ts.append(time.perf_counter() - t0)
    ts.sort(); return ts[len(ts)//2], ts[0], ts[-1]

def out(name, **kw): print(json.dumps({"workload": name, **kw}), flush=True)

# 1. SGEMM (pure fp32, then tf32)
for tf32 in (False, True):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    for n in (1024, 4096, 8192):
        a = torch.randn(n, n, device=dev); b = torch.randn(n, n, device=dev)
        med, lo, hi = bench(lambda: a @ b, reps=20)
        out(f"sgemm{'_tf32' if tf32 else ''}_{n}", tflops=round(2*n**3/med/1e12, 1), ms=round(med*1e3, 3))
torch.backends.cuda.matmul.allow_tf32 = False

# 2. elementwise bandwidth
N = 64 * 1024 * 1024
a, b, c = (torch.randn(N, device=dev) for _ in range(3))
med, *_ = bench(lambda: a * b + c)          # two kernels in eager: mul then add
out("eltwise_mul_add_64M", gbps=round(5*4*N/med/1e9), ms=round(med*1e3, 3), note="eager: 2 kernels, 5 tensor passes")
med, *_ = bench(lambda: torch.addcmul(c, a, b))
out("eltwise_fused_fma_64M", gbps=round(4*4*N/med/1e9), ms=round(med*1e3, 3))
med, *_ = bench(lambda: torch.tanh(a))
out("tanh_64M", gbps=round(2*4*N/med/1e9), ms=round(med*1e3, 3))
med, *_ = bench(lambda: a.clone())
out("copy_64M", gbps=round(2*4*N/med/1e9), ms=round(med*1e3, 3))
med, *_ = bench(lambda: a.sum())
out("sum_64M", gbps=round(4*N/med/1e9), ms=round(med*1e3, 3))
x = torch.randn(4096, 32768, device=dev)
med, *_ = bench(lambda: torch.softmax(x, dim=1))
out("softmax_4096x32768", gbps=round(2*4*x.numel()/med/1e9), ms=round(med*1e3, 3))

# 3. per-op overhead: tiny tensors, eager
s = torch.randn(16, device=dev)
def chain():
    y = s
    for _ in range(1000): y = y * 1.0001 + 0.0001
    return y
med, *_ = bench(chain, reps=10)
out("tiny_op_overhead", us_per_op=round(med/2000*1e6, 2))
w = torch.randn(16, device=dev, requires_grad=True)
def chain_bw():
    y = w
    for _ in range(1000): y = torch.tanh(y * 1.0001 + 0.0001)
    y.sum().backward()
med, *_ = bench(chain_bw, reps=10)
out("tiny_graph_fwd_bwd_3000ops", ms=round(med*1e3, 2), us_per_op=round(med/3000*1e6, 2))

# 4. MLP training steps
def mlp_step(sizes, batch):
    torch.manual_seed(0)
    layers = []
    for i in range(len(sizes)-1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i+1]))
        if i < len(sizes)-2: layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    X = torch.randn(batch, sizes[0], device=dev); Y = torch.randint(0, sizes[-1], (batch,), device=dev)
    lossf = torch.nn.CrossEntropyLoss()
    def step():
        opt.zero_grad(set_to_none=False)
        loss = lossf(model(X), Y); loss.backward(); opt.step()
    return step
for sizes, batch, name in (((784, 1024, 1024, 10), 256, "mlp_small_b256"), ((1024, 4096, 4096, 4096, 1024), 4096, "mlp_large_b4096")):
    med, lo, hi = bench(mlp_step(sizes, batch), reps=30)
    flops = 6 * batch * sum(sizes[i]*sizes[i+1] for i in range(len(sizes)-1))
    out(name, ms=round(med*1e3, 3), min_ms=round(lo*1e3, 3), max_ms=round(hi*1e3, 3), tflops=round(flops/med/1e12, 1))

# 5. matmul chain backward
n = 4096
X = torch.randn(n, n, device=dev); W1 = torch.randn(n, n, device=dev, requires_grad=True); W2 = torch.randn(n, n, device=dev, requires_grad=True)
def mm_bw():
    W1.grad = None; W2.grad = None
    ((X @ W1 @ W2) ** 2).sum().backward()
med, *_ = bench(mm_bw)
out("matmul_chain_bwd_4096", ms=round(med*1e3, 3), tflops=round(6*2*n**3/med/1e12, 1))
print(json.dumps({"torch": torch.__version__, "gpu": torch.cuda.get_device_name()}))
