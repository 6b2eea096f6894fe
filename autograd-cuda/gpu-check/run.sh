#!/usr/bin/env bash
# The GPU check, in one command of under 8 minutes, on a machine with an NVIDIA GPU, CUDA (compute-sanitizer) and
# python3 with PyTorch, but no JDK: pack.sh has put a Java runtime, the jars and the test classes in .gpu/.
#   OUT=<folder for the logs> autograd-cuda/gpu-check/run.sh [tests] [memcheck] [kernels] [bench]   (default: all)
# Steps, each stopped at its own time limit in seconds (environment variables), so one that hangs cannot starve
# the others:
#   tests     every test class tagged cuda, through the JUnit console, in two JVMs side by side: autograd-cuda's
#             device suites and SPI contracts (LIMIT_TESTS=270), and integration-tests, CUDA against the CPU (same)
#   memcheck  at the same time, under compute-sanitizer --tool memcheck (LIMIT_MEMCHECK=270): the three SPI contracts
#             and the op database's values suite, which reach every kernel, dtype and layout (the gradient suites
#             launch the same kernels many times more and would not fit)
#   kernels   at the same time, without Java: cuda-kernels/src/test/gpu/check_kernels.py loads the shipped PTX through
#             the driver and checks the reduce, index and fused kernels against PyTorch (LIMIT_KERNELS=180)
#   bench     then, alone on the GPU: GpuBench (LIMIT_BENCH=60), PyTorch's anchors (LIMIT_TORCH=60), and the ratios
# Writes 10 files to $OUT: summary.txt (what ran, what passed, the ratios), env.txt, tests-cuda.log, tests-it.log,
# memcheck.log, kernels.log, kernels.jsonl, bench.jsonl, torch.jsonl, bench.log (both benchmarks' stderr).
# Exits 0 only when every step passed;
# tests that were all skipped (CUDA not available, with the reason in the summary) do not pass.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/autograd-cuda/gpu-check
pack=$root/.gpu

fail() { echo "run.sh: $*" >&2; exit 2; }
[ -n "${OUT:-}" ] || fail "set OUT to the folder the logs go to"
[ -f "$pack/jre.tgz" ] && [ -d "$pack/tests" ] \
  || fail "no packed runtime in $pack: run autograd-cuda/gpu-check/pack.sh first, where a JDK and Maven are"
if ! command -v nvidia-smi >/dev/null 2>&1; then
  fail "no NVIDIA GPU here (nvidia-smi is not installed): this check runs on a GPU machine; see autograd-cuda/README.md"
fi
if ! gpus=$(nvidia-smi -L 2>&1) || ! grep -q '^GPU ' <<<"$gpus"; then
  fail "no NVIDIA GPU here (nvidia-smi -L: $(head -1 <<<"$gpus")): this check runs on a GPU machine"
fi
want() { [ $# -eq 0 ] || [[ " $* " == *" $step "* ]]; }
for s in "$@"; do
  case "$s" in tests | memcheck | bench) ;; *) fail "unknown step '$s' (tests, memcheck, bench)" ;; esac
done

export PYTHONUNBUFFERED=1
mkdir -p "$OUT"
summary=$OUT/summary.txt
: > "$summary"
say() { echo "$*" | tee -a "$summary"; }
status=0
marks=$(mktemp -d)  # how each step ended, and the unpacked runtime
trap 'rm -rf "$marks"' EXIT

# The Java runtime, unpacked outside .gpu/ (so .gpu/ stays small enough to travel), afresh for each run.
jre=$marks/jre
mkdir -p "$jre" && tar xzf "$pack/jre.tgz" -C "$jre" --strip-components=1 || fail "cannot unpack $pack/jre.tgz"
java=$jre/bin/java
cp=$(find "$pack/lib" -name '*.jar' | sort | paste -sd: -)
cp=$cp:$pack/tests/autograd-api:$pack/tests/autograd-cuda:$pack/tests/integration-tests
jvm=(-Xmx16g -Dlogback.configurationFile="$here/logback.xml")
console=("$java" "${jvm[@]}" -jar "$pack/junit/console.jar" execute --disable-banner --disable-ansi-colors
         --details=tree --details-theme=ascii --class-path "$cp")

{
  echo "== $(date -u +%FT%TZ) $(uname -srm)"
  nvidia-smi
  "$java" -version 2>&1
  command -v compute-sanitizer >/dev/null && compute-sanitizer --version | tail -1
  python3 -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda)' 2>&1
} > "$OUT/env.txt" 2>&1
say "GPU check on $(head -1 <<<"$gpus"); packed from $(cat "$pack/packed-from.txt")"

# timed NAME LIMIT LOG COMMAND...: runs COMMAND stopped after LIMIT seconds, its output appended to LOG, and
# leaves a line saying how it ended (and its exit status) in $marks/NAME.
timed() {
  local name=$1 limit=$2 log=$3 start rc
  shift 3
  start=$(date +%s)
  timeout -k 10 "$limit" "$@" >> "$log" 2>&1
  rc=$?
  local took=$(( $(date +%s) - start ))
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "$rc $name: STOPPED at its limit of ${limit}s (log: $(basename "$log"))" > "$marks/$name"
  else
    echo "$rc $name: exit $rc after ${took}s (log: $(basename "$log"))" > "$marks/$name"
  fi
  return $rc
}

# report NAME: the line timed left; fails unless the command exited 0.
report() {
  local rc line
  read -r rc line < "$marks/$1"
  say "$line"
  [ "$rc" -eq 0 ]
}

# junit LOG: the JUnit console's counts; fails where CUDA was not available (every test skipped is no pass).
junit() {
  grep -E '^\[ +[0-9]+ tests (found|skipped|aborted|successful|failed) +\]' "$1" | sed 's/^/    /' | tee -a "$summary"
  if grep -qF '[X]' "$1"; then
    say "    what failed (the first 20, one line each; the whole report is in $(basename "$1")):"
    grep -F '[X]' "$1" | head -20 | sed -E "s/^[| +'-]+/      /" | cut -c1-400 | tee -a "$summary"
  fi
  if grep -q 'CUDA is not available' "$1"; then
    say "    CUDA WAS NOT AVAILABLE: $(grep -o 'CUDA is not available: .*' "$1" | head -1)"
    return 1
  fi
}

# Correctness first, all at once: the two test JVMs, the sanitizer and the kernel check share the GPU.
for step in tests memcheck kernels; do
  want "$@" || continue
  case "$step" in
    tests)
      timed tests-cuda "${LIMIT_TESTS:-270}" "$OUT/tests-cuda.log" "${console[@]}" --fail-if-no-tests \
        --scan-class-path "$pack/tests/autograd-cuda" --include-tag cuda &
      timed tests-it "${LIMIT_TESTS:-270}" "$OUT/tests-it.log" "${console[@]}" --fail-if-no-tests \
        --scan-class-path "$pack/tests/integration-tests" --include-tag cuda &
      ;;
    memcheck)
      if command -v compute-sanitizer >/dev/null 2>&1; then
        timed memcheck "${LIMIT_MEMCHECK:-270}" "$OUT/memcheck.log" \
          compute-sanitizer --tool memcheck --error-exitcode 86 --print-limit 100 "${console[@]}" \
          --select-class dev.autograd4j.cuda.CudaBackendContractTest \
          --select-class dev.autograd4j.cuda.CudaScalarOperandContractTest \
          --select-class dev.autograd4j.cuda.CudaFusedKernelContractTest \
          --select-class dev.autograd4j.cuda.CudaOpValuesTest &
      fi
      ;;
    kernels)
      timed kernels "${LIMIT_KERNELS:-180}" "$OUT/kernels.log" \
        python3 "$root/cuda-kernels/src/test/gpu/check_kernels.py" --out "$OUT/kernels.jsonl" &
      ;;
  esac
done
wait
for step in tests memcheck kernels; do
  want "$@" || continue
  case "$step" in
    tests)
      for t in tests-cuda tests-it; do
        report "$t" || status=1
        junit "$OUT/$t.log" || status=1
      done
      ;;
    memcheck)
      if ! command -v compute-sanitizer >/dev/null 2>&1; then
        say "memcheck: NOT RUN (no compute-sanitizer here)"
        status=1
        continue
      fi
      report memcheck || status=1
      junit "$OUT/memcheck.log" || status=1
      if grep -q 'Device not supported' "$OUT/memcheck.log"; then
        say "    compute-sanitizer cannot instrument this machine's GPU (Device not supported): memcheck did not run"
        status=1
      fi
      errors=$(grep -E '^========= ERROR SUMMARY' "$OUT/memcheck.log" | tail -1)
      say "    ${errors:-no ERROR SUMMARY from compute-sanitizer}"
      ;;
    kernels)
      report kernels || status=1
      tail -1 "$OUT/kernels.log" | cut -c1-400 | sed 's/^/    /' | tee -a "$summary"
      ;;
  esac
done

step=bench
if want "$@"; then
  timed GpuBench "${LIMIT_BENCH:-60}" "$OUT/bench.log" \
    "$java" "${jvm[@]}" -cp "$cp" dev.autograd4j.bench.GpuBench --out "$OUT/bench.jsonl"
  report GpuBench || status=1
  timed "PyTorch anchors" "${LIMIT_TORCH:-60}" "$OUT/bench.log" \
    sh -c 'python3 "$1" > "$2"' sh "$root/benchmarks/gpu/torch_anchors.py" "$OUT/torch.jsonl"
  report "PyTorch anchors" || status=1
  python3 "$here/compare.py" "$OUT/bench.jsonl" "$OUT/torch.jsonl" 2>&1 | tee -a "$summary"
fi
say "GPU check: $([ $status -eq 0 ] && echo PASSED || echo FAILED)"
exit $status
