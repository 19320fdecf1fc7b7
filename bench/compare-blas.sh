#!/bin/sh
# bench/compare-blas.sh [SHAPE ...]: our GEMM (JMH GemmBench) next to numpy's matmul (its bundled
# OpenBLAS) on the same shapes at 1 and 2 threads, one shape at a time so both see the same machine
# load, then a table: shape, threads, ours GFLOP/s, numpy GFLOP/s, ratio (ours / numpy).
#   bench/compare-blas.sh                          all shapes of the GEMM target (several minutes)
#   bench/compare-blas.sh 512x512x512 512x8192x1344:TN
# SHAPE is MxKxN (C [M,N] = A [M,K] B [K,N]), optionally :TN / :NT / :TT for operands stored
# transposed. Without python3 + numpy it prints ours only. Knobs (environment): GEMM_WARMUP and
# GEMM_ITERS (JMH iterations of 2 s, default 3 and 5), GEMM_THREADS (default "1 2").
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
shapes=${*:-"512x512x512 1024x1024x1024 2048x2048x2048 8192x512x1344 8192x512x10000 8192x10000x512 512x8192x1344:TN 8192x512x1344:NT 8192x512x10000:NT"}
warmup=${GEMM_WARMUP:-3}
iters=${GEMM_ITERS:-5}
threads=${GEMM_THREADS:-"1 2"}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/compare-blas.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

if command -v python3 >/dev/null 2>&1 && python3 -c 'import numpy' >/dev/null 2>&1; then
  numpy=yes
  blas=$(python3 -c 'import numpy as np; c = np.show_config(mode="dicts")["Build Dependencies"]["blas"]; print(c.get("name", "?"), c.get("version", "?"))' 2>/dev/null || echo "?")
  echo "numpy $(python3 -c 'import numpy; print(numpy.__version__)'), BLAS: $blas"
else
  numpy=no
  echo "python3 with numpy not found: printing our GEMM only."
fi
echo "load before: $(uptime)"

# numpy's matmul on one shape: warms up for 1 s, then reports the mean rate over about
# 2 * GEMM_ITERS seconds (JMH's measurement window). The thread count is fixed by the environment.
numpy_rate() {
  python3 - "$1" "$iters" <<'PY'
import sys, time
import numpy as np
spec, iters = sys.argv[1], int(sys.argv[2])
dims, _, layout = spec.partition(":")
m, k, n = (int(x) for x in dims.split("x"))
layout = layout or "NN"
rng = np.random.default_rng(0)
a = rng.random((k, m), dtype=np.float32).T if layout[0] == "T" else rng.random((m, k), dtype=np.float32)
b = rng.random((n, k), dtype=np.float32).T if layout[1] == "T" else rng.random((k, n), dtype=np.float32)
c = np.empty((m, n), dtype=np.float32)
def run_for(seconds):
    calls, t0 = 0, time.perf_counter()
    while True:
        np.matmul(a, b, out=c)
        calls += 1
        t = time.perf_counter() - t0
        if t >= seconds:
            return calls, t
run_for(1.0)
calls, t = run_for(2.0 * iters)
print(f"{2.0 * m * n * k * calls / t / 1e9:.1f}")
PY
}

for shape in $shapes; do
  jmh_threads=$(echo "$threads" | tr ' ' ',')
  # JMH refuses to start while another JMH run holds /tmp/jmh.lock (the machine is shared): wait.
  tries=0
  until "$root/bench/jmh" GemmBench -p "shape=$shape" -p "threads=$jmh_threads" \
      -wi "$warmup" -i "$iters" -rf csv -rff "$tmp/jmh.csv" >"$tmp/jmh.log" 2>&1; do
    if grep -q "Unable to acquire the JMH lock" "$tmp/jmh.log" && [ "$tries" -lt 180 ]; then
      tries=$((tries + 1))
      echo "  another JMH run holds the lock; waiting (try $tries)..." >&2
      sleep 10
    else
      cat "$tmp/jmh.log" >&2
      echo "compare-blas: the JMH run for $shape failed (log above)." >&2
      exit 1
    fi
  done
  # Rows of the gflops counter: ...:gflops, mode, threads, samples, score, error, unit, shape, threads
  awk -F, '$1 ~ /:gflops"$/ { gsub(/["\r]/, ""); printf "%s %s %.1f\n", $8, $9, $5 }' \
    "$tmp/jmh.csv" >>"$tmp/ours.txt"
  for t in $threads; do
    if [ "$numpy" = yes ]; then
      rate=$(OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t numpy_rate "$shape")
      echo "$shape $t $rate" >>"$tmp/numpy.txt"
    fi
  done
  echo "  measured $shape" >&2
done
echo "load after:  $(uptime)"
echo

touch "$tmp/numpy.txt"
awk -v numpy="$numpy" '
  FNR == NR { np[$1 " " $2] = $3; next }
  FNR == 1 {
    if (numpy == "yes") printf "%-20s %7s %14s %15s %7s\n", "shape", "threads", "ours GFLOP/s", "numpy GFLOP/s", "ratio"
    else printf "%-20s %7s %14s\n", "shape", "threads", "ours GFLOP/s"
  }
  {
    key = $1 " " $2
    if (numpy == "yes" && (key in np) && np[key] > 0)
      printf "%-20s %7s %14.1f %15.1f %7.2f\n", $1, $2, $3, np[key], $3 / np[key]
    else if (numpy == "yes") printf "%-20s %7s %14.1f %15s %7s\n", $1, $2, $3, "-", "-"
    else printf "%-20s %7s %14.1f\n", $1, $2, $3
  }' "$tmp/numpy.txt" "$tmp/ours.txt"
