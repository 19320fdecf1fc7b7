#!/bin/sh
# bench/compare-torch.sh: one full training step (forward, cross-entropy, backward, AdamW) of the
# handout's TinyStories model (vocab 10,000, context 256, d_model 512, 4 layers, 16 heads, d_ff 1344)
# in PyTorch and in Java, at the same batch sizes and thread count, in the same run (this machine is
# shared and noisy, so the two sides are only comparable when measured together).
#
#   bench/compare-torch.sh [--batch "8 32"] [--threads 2] [--steps 5] [--warmup 2]
#
# Prints one JSON line per implementation and batch size ({"impl": ..., "batch": ...,
# "tokens_per_s": ..., "peak_rss_mb": ...}), then a table with the Java/PyTorch ratio.
#
# Needs Debian's PyTorch: apt-get install -y python3-torch libopenblas0-pthread. It runs with
# /usr/bin/python3 and OPENBLAS_CORETYPE=SkylakeX, because Debian's OpenBLAS 0.3.21 does not
# recognise this CPU and would otherwise fall back to its SSE3 kernels.
#
# Status: the Java side does not exist yet (the nn issue adds the model and its step benchmark).
# It is one command at the place marked "JAVA SIDE" below; until then the script prints the PyTorch
# numbers and says that the Java side is missing.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
batches="8 32"
threads=2
steps=5
warmup=2
while [ $# -gt 0 ]; do
  case $1 in
    --batch) batches=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-torch.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "compare-torch.sh: /usr/bin/python3 has no torch; install it with: apt-get install -y python3-torch libopenblas0-pthread" >&2
  exit 1
fi

results=$(mktemp "${TMPDIR:-/tmp}/compare-torch.XXXXXX")
trap 'rm -f "$results"' EXIT

echo "# machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# ---- PyTorch side ----
for b in $batches; do
  OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 "$root/bench/torch_baseline.py" \
    --batch "$b" --threads "$threads" --steps "$steps" --warmup "$warmup" | tee -a "$results"
done

# ---- JAVA SIDE (add here) ----
# One command that prints the same JSON line per batch size with "impl": "java", appended to
# "$results" like the PyTorch side, e.g.
#   "$root/cs336" bench-step --batch "$b" --threads "$threads" --steps "$steps" --warmup "$warmup" | tee -a "$results"
# inside a `for b in $batches` loop. Until it exists, the table below shows "-" for Java.

# ---- table: tokens/s of both sides and the ratio ----
/usr/bin/python3 - "$results" "$batches" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
by = {(r["impl"], r["batch"]): r for r in rows}
print()
print(f"{'batch':>5}  {'pytorch tok/s':>13}  {'java tok/s':>10}  {'java/pytorch':>12}  {'pytorch RSS MB':>14}  {'java RSS MB':>11}")
for b in map(int, sys.argv[2].split()):
    t, j = by.get(("pytorch", b)), by.get(("java", b))
    ratio = f"{j['tokens_per_s'] / t['tokens_per_s']:.2f}x" if t and j else "-"
    fmt = lambda r, k: f"{r[k]:.0f}" if r else "-"
    print(f"{b:>5}  {fmt(t, 'tokens_per_s'):>13}  {fmt(j, 'tokens_per_s'):>10}  {ratio:>12}  {fmt(t, 'peak_rss_mb'):>14}  {fmt(j, 'peak_rss_mb'):>11}")
if not any(r["impl"] == "java" for r in rows):
    print("\n(java side not wired yet: see the JAVA SIDE marker in bench/compare-torch.sh)")
EOF
