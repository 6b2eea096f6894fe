#!/usr/bin/env bash
# Builds the project and runs the CPU benchmark in a plain JVM (so each workload can run in a fresh one):
#   benchmarks/run.sh --threads 2 --torch /usr/bin/python3 [--workloads matmul,mlp] [--rounds 3] [--out results.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl benchmarks -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime >&2
exec java ${BENCH_JAVA_OPTS:--Xmx8g} -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)" \
    dev.autograd4j.bench.CpuBench "$@"
