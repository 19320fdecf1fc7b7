#!/bin/bash
# scripts/gpu-check.sh: the CUDA device's checks, run ON THE GPU MACHINE (one H100/H200, CUDA 13
# driver 580, 16 cores, no JDK, no network) in under 8 minutes, from the repository root:
#   1. ./cs336 cuda-check with the bundled jlink runtime: every kernel against the CPU engine, the
#      PyTorch conformance fixtures computed on the GPU by the nn module's adapters (as
#      `./cs336 adapter --device cuda`), GEMM / attention throughput and the nn module's training step
#      of the TinyStories model (batch 32 x context 256) in FP32 and BF16, and the first 500 steps'
#      loss curves in both precisions;
#   2. bench/torch_baseline.py on the same GPU in the same run, FP32 and BF16 (PyTorch is there);
#   3. one JSON summary: $OUT/summary.json (the Java results, then "pytorch" and the tokens/s ratios).
# Other files in $OUT: cuda-check.log, torch.jsonl, nvidia-smi.txt.
#
# Prepare on a machine with a JDK (the bundle is git-ignored and travels as `carry`):
#   scripts/make-gpu-bundle.sh
# then, with the device tool (one call, about 5 minutes of device time; give the machine back after):
#   run(command="bash scripts/gpu-check.sh", carry=[".gpu-bundle"], timeout_s=540)
# Shorter (correctness only, about a minute):
#   run(command="SKIP_BENCH=1 bash scripts/gpu-check.sh", carry=[".gpu-bundle"], timeout_s=300)
# Environment: CURVE_STEPS (default 500), STEPS (timed steps, default 20), SKIP_BENCH=1, OUT (default
# ./gpu-check-out when the device tool does not set it).
set -u

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
bundle=$root/.gpu-bundle
out=${OUT:-$root/gpu-check-out}
mkdir -p "$out"
start=$(date +%s)

if [ ! -x "$bundle/jre/bin/java" ] || [ ! -f "$bundle/cs336.jar" ]; then
  echo "gpu-check: no bundle at $bundle; run scripts/make-gpu-bundle.sh on the build machine and pass carry=[\".gpu-bundle\"]" >&2
  exit 1
fi

{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1; nproc; } | tee "$out/nvidia-smi.txt"

# ---- 1. Java: correctness, then speed ----
bench_flags=""
[ -n "${SKIP_BENCH:-}" ] && bench_flags="--skip-bench"
set -o pipefail
timeout 400 "$bundle/jre/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx24g \
  -jar "$bundle/cs336.jar" cuda-check --require-gpu --out "$out/summary.json" --fixtures "$bundle/fixtures" \
  --curve-steps "${CURVE_STEPS:-500}" --steps "${STEPS:-20}" $bench_flags 2>&1 \
  | grep --line-buffered -v '^WARNING: Using incubator modules' | tee "$out/cuda-check.log"
java_rc=$?
set +o pipefail
echo "gpu-check: cuda-check exit $java_rc after $(( $(date +%s) - start )) s"

# ---- 2. PyTorch in the same run ----
if [ -z "${SKIP_BENCH:-}" ]; then
  : > "$out/torch.jsonl"
  for dtype in fp32 bf16; do
    PYTHONUNBUFFERED=1 timeout 150 python3 "$root/bench/torch_baseline.py" --device cuda --dtype "$dtype" \
      --batch 32 --steps "${STEPS:-20}" --warmup 3 | tee -a "$out/torch.jsonl"
  done
fi

# ---- 3. one summary ----
python3 - "$out/summary.json" "$out/torch.jsonl" <<'PY'
import json, os, sys
path, torch_path = sys.argv[1], sys.argv[2]
summary = json.load(open(path)) if os.path.exists(path) else {"error": "cuda-check wrote no summary"}
rows = [json.loads(l) for l in open(torch_path)] if os.path.exists(torch_path) else []
rows = [r for r in rows if isinstance(r, dict)]
summary["pytorch"] = rows
java = summary.get("benchmark", {}).get("training_step", {})
ratios = {}
for r in rows:
    j = java.get(r.get("dtype"))
    if j and r.get("tokens_per_s"):
        ratios[r["dtype"]] = round(j["tokens_per_s"] / r["tokens_per_s"], 3)
summary["java_over_pytorch_tokens_per_s"] = ratios
json.dump(summary, open(path, "w"), indent=2)
print("gpu-check: java/pytorch tokens/s:", ratios or "n/a")
PY
echo "gpu-check: done in $(( $(date +%s) - start )) s; summary: $out/summary.json"
exit $java_rc
