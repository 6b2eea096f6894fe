#!/usr/bin/env bash
# Packs what run.sh needs on a GPU machine that has an NVIDIA GPU, CUDA and Python but no JDK and no Maven, into
# .gpu/ at the repository root (git-ignored): a Java runtime (one archive), every jar the CUDA tests and GpuBench
# need, the test classes of autograd-api (the device suites), autograd-cuda and integration-tests, and the JUnit
# console launcher. Run here, where the JDK and Maven are, after every change the GPU check should see:
#   autograd-cuda/gpu-check/pack.sh
# then send the working tree with .gpu/ to the GPU machine and run autograd-cuda/gpu-check/run.sh there.
# JAVA_HOME picks the JDK whose runtime is packed (default: the java on PATH). About 35 MB, a minute or two.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=$root/.gpu
rm -rf "$out"
mkdir -p "$out/lib" "$out/tests" "$out/junit"
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

echo "pack: building (tests compiled, not run)" >&2
mvn -q -B -ntp -DskipTests -pl autograd-cuda,integration-tests,benchmarks -am package \
    dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$out/lib" >&2

# The test classes, one folder per module; their jars would be duplicates of these folders.
for m in autograd-api autograd-cuda integration-tests; do
  cp -r "$m/target/test-classes" "$out/tests/$m"
done
rm -f "$out"/lib/*-tests.jar
# GpuBench's own jar: no module depends on benchmarks, so copy-dependencies did not copy it.
cp benchmarks/target/benchmarks-*.jar "$out/lib/"

# The JUnit console launcher of the platform version the build resolved; it brings JUnit itself, so the separate
# JUnit jars go (two copies of JUnit on one class path would clash).
plat=$(ls "$out/lib" | sed -n 's/^junit-platform-commons-\(.*\)\.jar$/\1/p' | head -1)
[ -n "$plat" ] || { echo "pack: no junit-platform-commons jar among the dependencies" >&2; exit 1; }
mvn -q -B -ntp dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$plat" \
    -DoutputDirectory="$out/junit" >&2
mv "$out"/junit/junit-platform-console-standalone-*.jar "$out/junit/console.jar"
rm -f "$out"/lib/junit-jupiter-*.jar "$out"/lib/junit-platform-*.jar "$out"/lib/opentest4j-*.jar \
    "$out"/lib/apiguardian-*.jar

# A Java runtime with just the modules the tests, logback and JCuda use; uncompressed modules load faster, and one
# archive travels faster than thousands of files.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.xml,java.management,java.naming,java.sql,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --output "$tmp/jre" >&2
tar czf "$out/jre.tgz" -C "$tmp" jre

# What was packed, for run.sh's summary: a GPU result must say which code it tested.
changed=$(git status --porcelain 2>/dev/null | wc -l)
edits=$([ "$changed" -gt 0 ] && echo " + $changed changed or new files" || true)
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$edits, $(date -u +%FT%TZ)," \
    "$("$tmp/jre/bin/java" -version 2>&1 | head -1)" > "$out/packed-from.txt"
echo "pack: $(du -sh "$out" | cut -f1) in .gpu/: $(ls "$out/lib" | wc -l) jars, test classes of" \
    "$(ls "$out/tests" | paste -sd, -); $(cat "$out/packed-from.txt")" >&2
