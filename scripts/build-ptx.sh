#!/bin/sh
# scripts/build-ptx.sh: compiles the CUDA C kernels (cuda/src/main/cuda/*.cu) to PTX for sm_90
# (H100/H200) and writes them, with the SHA-256 of every source they came from, to
#   cuda/src/main/resources/cs336/engine/cuda/ptx/
# The PTX is committed, so running the project needs no nvcc: the driver compiles it when the CUDA
# device opens. Run this after changing a .cu or .cuh file (PtxResourcesTest fails until you do).
#
#   scripts/build-ptx.sh            # uses $NVCC, else nvcc on PATH, else /usr/local/bin/nvcc
#   scripts/build-ptx.sh --check    # compile to a temporary folder and also print registers/spills
#
# The PTX must be compiled by a CUDA no newer than the target machines' driver (CUDA 13.0, driver
# 580): a driver JIT-compiles only PTX ISA versions it knows.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
src=$root/cuda/src/main/cuda
out=$root/cuda/src/main/resources/cs336/engine/cuda/ptx
nvcc=${NVCC:-$(command -v nvcc || echo /usr/local/bin/nvcc)}
if [ ! -x "$nvcc" ]; then
  echo "build-ptx.sh: no nvcc (set NVCC=/path/to/nvcc)" >&2
  exit 1
fi
flags="-arch=sm_90 -O3 -std=c++17"

if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for f in "$src"/*.cu; do
    "$nvcc" $flags -cubin -Xptxas -v -o "$tmp/x.cubin" "$f" 2>&1 | grep -E 'Compiling entry|Used|spill' || true
  done
  exit 0
fi

mkdir -p "$out"
rm -f "$out"/*.ptx
for f in "$src"/*.cu; do
  name=$(basename "$f" .cu)
  "$nvcc" $flags -ptx -o "$out/$name.ptx" "$f"
done
(cd "$src" && sha256sum $(ls *.cu *.cuh | LC_ALL=C sort)) >"$out/sources.sha256"
ls -l "$out"
du -ch "$out"/*.ptx | tail -1
