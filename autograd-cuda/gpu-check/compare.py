"""Joins GpuBench's JSON lines with PyTorch's anchors (benchmarks/gpu/torch_anchors.py) on 'workload' and prints
one row per workload: both figures, autograd4j's speed relative to PyTorch's (above 1: faster), and the issue's
target where it sets one (sgemm within 5% of PyTorch, elementwise and reductions at 85% of its bandwidth at least,
the large MLP step at most 1.1x its time, a tiny op at most its latency).
Usage: python3 compare.py bench.jsonl torch.jsonl"""
import json
import sys

TARGETS = {"sgemm_1024": 0.95, "sgemm_4096": 0.95, "sgemm_8192": 0.95, "eltwise_mul_add_64M": 0.85,
           "tanh_64M": 0.85, "copy_64M": 0.85, "sum_64M": 0.85, "softmax_4096x32768": 0.85,
           "mlp_large_b4096": 1 / 1.1, "tiny_op_overhead": 1.0}
HIGHER_IS_BETTER = ("tflops", "gbps")
LOWER_IS_BETTER = ("us_per_op", "ms")


def read(path):
    lines = {}
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    d = json.loads(line)
                    if "workload" in d:
                        lines[d["workload"]] = d
    except (OSError, ValueError) as e:
        print(f"compare: cannot read {path}: {e}")
    return lines


def main(ours_path, torch_path):
    ours, theirs = read(ours_path), read(torch_path)
    print(f"{'workload':28} {'autograd4j':>20} {'PyTorch':>20} {'speed vs PyTorch':>17}  target")
    for name, o in ours.items():
        t = theirs.get(name, {})
        if "error" in o:
            print(f"{name:28} {'ERROR':>20}  {o['error']}")
            continue
        unit = next(u for u in HIGHER_IS_BETTER + LOWER_IS_BETTER if u in o)
        mine, ref = o[unit], t.get(unit)
        ratio = None if ref is None else (mine / ref if unit in HIGHER_IS_BETTER else ref / mine)
        target = TARGETS.get(name)
        verdict = "" if target is None or ratio is None else (
            f">= {target:.2f}: {'met' if ratio >= target else 'MISSED'}")
        theirs_text = "-" if ref is None else f"{ref:.4g} {unit}"
        print(f"{name:28} {f'{mine:.4g} {unit}':>20} {theirs_text:>20}"
              f" {'-' if ratio is None else f'{ratio:.3f}':>17}  {verdict}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
