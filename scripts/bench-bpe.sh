#!/bin/sh
# scripts/bench-bpe.sh [--jmh]: the byte-level BPE numbers of issue 3, each printed beside its target.
#   1. train-bpe on ../shared/data/web_en_20M.txt, vocab 10,000 + <|endoftext|>: time per phase, peak RSS
#      (target: about 1.5 s in all, 10x a multi-process Python trainer; peak RSS < 1 GB)
#   2. the same on 200 MB (web_en_20M ten times, in a temporary folder outside the repository)
#      (target: counting > 150 MB/s on 2 cores; merges for 10,000 < 2 s)
#   3. tokenize with GPT-2's vocabulary on 1 and 2 threads (target: 2 threads close to 2x one)
#   4. with --jmh: bench/jmh EncodeBench, ours vs jtokkit on one thread in the same run (target >= 2x)
# Set CS336_SHARED to the shared folder if it is not ../shared beside the repository.
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
shared=${CS336_SHARED:-$root/../shared}
web=$shared/data/web_en_20M.txt
[ -f "$web" ] || { echo "bench-bpe: $web not found (set CS336_SHARED)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cs336-bench-bpe.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$root"

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
./cs336 info >/dev/null # build the jar first, outside the timings

timed() {
  # Runs the command; prints its wall time and peak RSS (from /usr/bin/time -v when available).
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" 2>"$tmp/time.txt" || { cat "$tmp/time.txt" >&2; return 1; }
    # CPU seconds and the share of the CPUs the process got tell how busy the shared machine was.
    grep -E 'Elapsed \(wall clock\)|Maximum resident set size|User time|System time|Percent of CPU' "$tmp/time.txt" \
      | sed 's/^\s*/  /' | tr '\n' ';' | sed 's/;$/\n/; s/;/;  /g'
  else
    start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
    echo "  wall $(echo "$end - $start" | bc) s (no /usr/bin/time: peak RSS from the JVM's own summary above)"
  fi
}

echo
echo "== 1. train-bpe on web_en_20M.txt (20 MB), vocab 10,000 + <|endoftext|>, 2 threads"
echo "   targets: about 1.5 s wall (10x the ~15-20 s of a multi-process Python trainer), peak RSS < 1 GB"
timed ./cs336 train-bpe --input "$web" --vocab-size 10000 --special-token '<|endoftext|>' --out "$tmp/web20" \
  --threads 2 --no-progress | grep -vE '^wrote'

echo
echo "== 2. train-bpe on 200 MB (web_en_20M.txt ten times), vocab 10,000, 2 threads"
echo "   targets: pre-tokenize+count > 150 MB/s on 2 cores; merge < 2 s; peak RSS < 1 GB"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$web"; done >"$tmp/web200.txt"
timed ./cs336 train-bpe --input "$tmp/web200.txt" --vocab-size 10000 --special-token '<|endoftext|>' \
  --out "$tmp/web200" --threads 2 --no-progress | grep -E 'input|pre-tokenize|merge|peak|total|Elapsed'

gpt2="--vocab $shared/cs336-fixtures/gpt2_vocab.json --merges $shared/cs336-fixtures/gpt2_merges.txt --special-token <|endoftext|>"
echo
echo "== 3. tokenize 200 MB with GPT-2's vocabulary on 1 and 2 threads (target: 2 threads close to 2x one)"
echo "   three pairs, 1 then 2 threads, each pair's ratio printed: 2 threads swing with the other tenants"
echo "   of a shared machine far more than 1 thread does, so compare within a pair and look at all three"
mbps() {
  # Runs tokenize on $1 threads and prints its MB/s (the number in its 'throughput' line).
  # shellcheck disable=SC2086
  ./cs336 tokenize $gpt2 --input "$tmp/web200.txt" --out "$tmp/web200.npy" --threads "$1" --no-progress \
    | sed -n 's/^throughput \([0-9.]*\) MB\/s.*/\1/p'
}
for pair in 1 2 3; do
  one=$(mbps 1)
  two=$(mbps 2)
  echo "  pair $pair: 1 thread $one MB/s, 2 threads $two MB/s, ratio $(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.2f", a / b }')x"
done

if [ "${1:-}" = "--jmh" ]; then
  echo
  echo "== 4. JMH: GPT-2 encoding on one thread, ours vs jtokkit (R50K_BASE) in the same run (target: >= 2x)"
  bench/jmh EncodeBench -jvmArgs "-Dcs336.shared=$shared" 2>&1 | grep -E '^(Benchmark|EncodeBench)'
fi
