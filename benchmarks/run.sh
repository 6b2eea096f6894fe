#!/usr/bin/env bash
# Builds the project and runs the CPU benchmark in a plain JVM (so each workload can run in a fresh one):
#   benchmarks/run.sh --threads 2 --torch /usr/bin/python3 [--workloads matmul,mlp] [--rounds 3] [--out results.jsonl]
#
# Prints first a "machine" line: the CPU model (/proc/cpuinfo) and its float32 FMA peak on the same thread count,
# measured by src/main/c/peak.c (built here with cc -O2 -fopenmp; "not measured" where no C compiler or OpenMP is
# available), then one JSON line per case, each naming the JDK it ran on.
#
# Environment:
#   BENCH_JAVA       the java to run the benchmark with (default: JAVA_HOME's, else the one on PATH; the build
#                    uses JAVA_HOME), e.g. a JDK 17 and then a JDK 25 for the two tables
#   BENCH_VECTOR=off run without --add-modules jdk.incubator.vector (the plain-Java GEMM and kernels)
#   BENCH_JAVA_OPTS  JVM options (default: a fixed, pre-touched 8 GB heap, -Xmx8g -Xms8g -XX:+AlwaysPreTouch,
#                    plus -XX:+UseTransparentHugePages on Linux; see README's Requirements for why: on JDK 25 a
#                    growing heap made every new tensor's first writes page-fault, 0.9 instead of 8-9 GB/s). The
#                    machine line prints the options; BENCH_JAVA_OPTS=-Xmx8g measures without them.
# For figures to compare, run on a quiet machine and alternate: the script already interleaves our JVM and the
# PyTorch processes round by round; run it twice (JDK 17, JDK 25) rather than comparing with an earlier day's run.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=2
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ ${args[i]} == --threads && $((i + 1)) -lt ${#args[@]} ]]; then
        threads=${args[i + 1]}
    fi
done
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime >&2

cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' || true)
family=$(grep -m1 '^cpu family' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' || true)
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
cpu="${cpu:-unknown CPU}${family:+, family $family}, $(nproc 2>/dev/null || echo '?') CPUs"
[[ $flags == *avx512f* ]] && cpu="$cpu, AVX-512" || cpu="$cpu, no AVX-512"
peak="not measured (no C compiler with OpenMP)"
probe=benchmarks/target/peak
if command -v cc >/dev/null 2>&1 && cc -O2 -fopenmp -o "$probe" benchmarks/src/main/c/peak.c 2>/dev/null; then
    peak=$("$probe" "$threads" 2>/dev/null || echo "not measured (the probe failed)")
fi
echo "CPU: $cpu; float32 FMA peak on $threads threads: $peak" >&2

java="${BENCH_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
vector=(--add-modules jdk.incubator.vector)
[[ ${BENCH_VECTOR:-on} == off ]] && vector=()
default_opts="-Xmx8g -Xms8g -XX:+AlwaysPreTouch"
[[ $(uname -s) == Linux ]] && default_opts="$default_opts -XX:+UseTransparentHugePages" # a Linux-only flag
opts=${BENCH_JAVA_OPTS-$default_opts}
exec "$java" $opts "${vector[@]}" "-Dbench.cpu=$cpu" "-Dbench.peak=$peak" \
    -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)" dev.autograd4j.bench.CpuBench "$@"
