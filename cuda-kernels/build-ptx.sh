#!/usr/bin/env bash
# Compiles every src/main/cuda/*.cu to PTX under src/main/resources/dev/autograd4j/cuda/kernels/<name>.ptx.
#
#   build-ptx.sh [--out DIR] [--src DIR]
#
# Needs nvcc and ptxas on the PATH (or NVCC / PTXAS set). nvcc 13 writes `.version 9.0`, which CUDA 12 drivers
# reject, so each file's `.version` line is rewritten to the lowest PTX ISA version ptxas still accepts for it
# (searched from 6.3, the first that knows sm_75, up to 8.0, which every CUDA 12 driver loads); a file that needs
# more than 8.0 is an error. A comment line records the nvcc that produced the file and the version it declared.
# The output depends only on the sources and the nvcc release, so a test can regenerate it and compare bytes.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src/main/cuda"
out="$here/src/main/resources/dev/autograd4j/cuda/kernels"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --src) src="$2"; shift 2 ;;
        *) echo "usage: build-ptx.sh [--out DIR] [--src DIR]" >&2; exit 2 ;;
    esac
done

nvcc="${NVCC:-nvcc}"
ptxas="${PTXAS:-ptxas}"
for tool in "$nvcc" "$ptxas"; do
    if ! command -v "$tool" > /dev/null; then
        echo "build-ptx.sh: $tool is not on the PATH (install the CUDA toolkit, or set NVCC and PTXAS)" >&2
        exit 1
    fi
done

# "release 13.0, V13.0.88": the line every nvcc --version prints, and the PTX header repeats.
nvcc_release="$("$nvcc" --version | sed -n 's/^Cuda compilation tools, //p')"
if [ -z "$nvcc_release" ]; then
    echo "build-ptx.sh: cannot read the release from '$nvcc --version'" >&2
    exit 1
fi

# The PTX ISA versions ptxas knows, lowest first: 6.3 is the first with sm_75, 8.0 is CUDA 12.0's.
versions=(6.3 6.4 6.5 7.0 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 8.0)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Whether $1 (a PTX file) assembles for sm_75 once its header declares .version $2. Without optimisation: which
# versions ptxas accepts does not depend on it, and it takes a third of the time (the tests assemble at -O3).
assembles() {
    sed "s/^\.version .*/.version $2/" "$1" > "$work/try.ptx"
    "$ptxas" -O0 -arch=sm_75 -o "$work/try.cubin" "$work/try.ptx" > /dev/null 2>&1
}

mkdir -p "$out"
shopt -s nullglob
sources=("$src"/*.cu)
if [ ${#sources[@]} -eq 0 ]; then
    echo "build-ptx.sh: no .cu files in $src"
fi

# A .ptx whose source is gone would otherwise ship forever.
for ptx in "$out"/*.ptx; do
    name="$(basename "$ptx" .ptx)"
    if [ ! -f "$src/$name.cu" ]; then
        echo "removing $ptx (no $name.cu)"
        rm -f "$ptx"
    fi
done

for cu in "${sources[@]}"; do
    name="$(basename "$cu" .cu)"
    raw="$work/$name.ptx"
    # Compile from inside the source folder with a relative name, so no path of this machine reaches the PTX;
    # ag_common.cuh is found beside the sources or in this module's (for sources elsewhere: test fixtures).
    (cd "$(dirname "$cu")" && "$nvcc" -ptx -arch=compute_75 -std=c++17 -O3 -I . -I "$here/src/main/cuda" \
        -o "$raw" "$name.cu")
    declared="$(sed -n 's/^\.version //p' "$raw")"
    if [ -z "$declared" ]; then
        echo "build-ptx.sh: $name.ptx has no .version line" >&2
        exit 1
    fi

    # The lowest version that assembles: a binary search, as a version that works keeps working above it.
    last=$((${#versions[@]} - 1))
    if ! assembles "$raw" "${versions[$last]}"; then
        echo "build-ptx.sh: $name.cu needs PTX ISA newer than ${versions[$last]}, which CUDA 12.0 drivers reject:" >&2
        "$ptxas" -arch=sm_75 -o "$work/try.cubin" "$work/try.ptx" >&2 || true
        exit 1
    fi
    lo=0
    hi=$last
    while [ $lo -lt $hi ]; do
        mid=$(((lo + hi) / 2))
        if assembles "$raw" "${versions[$mid]}"; then
            hi=$mid
        else
            lo=$((mid + 1))
        fi
    done
    version="${versions[$lo]}"

    note="// autograd4j: build-ptx.sh compiled $name.cu with nvcc $nvcc_release; .version $declared lowered to $version, the lowest ptxas accepts"
    awk -v note="$note" -v version="$version" '
        /^\.version / && !done { print note; print ""; print ".version " version; done = 1; next }
        { print }
    ' "$raw" > "$out/$name.ptx"
    echo "$name.ptx: .version $version (nvcc wrote $declared)"
done
