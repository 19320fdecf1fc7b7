#!/bin/sh
# bench/train-step.sh [--batch B] [--threads N] [--steps S] [--warmup W]: times full training steps
# (forward, cross-entropy, backward, AdamW) of the handout's TinyStories model in Java and prints one
# JSON line per run in bench/torch_baseline.py's format (impl, batch, tokens_per_s, peak_rss_mb, ...).
# Each call is its own JVM, so peak_rss_mb is this batch size's own. The heap is capped at 3 GiB
# (CS336_BENCH_XMX to change) and collected by the parallel collector: on 2 cores G1's concurrent
# marking, triggered by the many large activation arrays, takes CPU from the kernels (a step at
# batch 32 took about twice as long under G1 in our measurements).
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
. "$root/scripts/jdk.sh"
cs336_find_jdk || exit 1
. "$root/scripts/build.sh"
jar=$root/bench/target/benchmarks.jar
cs336_ensure_jar "$root" bench "$jar" || exit 1
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -XX:+UseParallelGC -Xmx"${CS336_BENCH_XMX:-3g}" -cp "$jar" cs336.bench.nn.TrainStepMain "$@"
