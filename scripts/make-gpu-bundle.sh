#!/bin/sh
# scripts/make-gpu-bundle.sh: builds, on this (JDK) machine, what the GPU machine needs to run the
# CUDA checks, into the ignored folder .gpu-bundle/:
#   cs336.jar   the runnable jar (JCuda and its driver JNI library inside, the PTX kernels inside)
#   jre/        a Java runtime made with jlink: java.base + jdk.incubator.vector + what the checks
#               need, stripped and compressed; the GPU machine has no JDK
#   fixtures/   the conformance fixtures (../shared does not travel to the GPU machine)
# then checks it: total size (must stay under 60 MiB: the device tool carries at most 64 MiB with
# the working tree), `jre/bin/java --version`, and cuda-check with the bundled runtime, which on a
# machine without a GPU must say so in one line.
#
#   scripts/make-gpu-bundle.sh
#
# Then run the checks on a GPU machine with the device tool (from the repository root), e.g.
#   run(command="bash scripts/gpu-check.sh", carry=[".gpu-bundle"], timeout_s=540)
# See scripts/gpu-check.sh and the README's "CUDA" section.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
. "$root/scripts/jdk.sh"
cs336_find_jdk || exit 1
out=$root/.gpu-bundle
fixtures=${CS336_FIXTURES:-$root/../shared/conformance/fixtures}

echo "make-gpu-bundle: building the jar..." >&2
(cd "$root" && ./mvnw -q -B -DskipTests -pl experiments -am package)
rm -rf "$out"
mkdir -p "$out"
cp "$root/experiments/target/cs336.jar" "$out/cs336.jar"

# The runtime's modules: what the CUDA checks load. jdeps on the jar also lists java.desktop and
# java.sql, for XChart (only `./cs336 plot` draws) and Jackson's optional java.sql support; leaving
# them out halves the runtime, and the smoke run below proves cuda-check does without them.
# jdk.incubator.vector is loaded by name (jdeps cannot see it); java.logging is JCuda's logger;
# java.management is `./cs336 info`'s.
modules=java.base,java.logging,java.management,jdk.incubator.vector
echo "make-gpu-bundle: jlink $modules" >&2
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-9 \
  --output "$out/jre"
# libjvm.so ships with its symbol table (5 MB); the runtime does not need it.
if command -v strip >/dev/null 2>&1; then strip --strip-unneeded "$out/jre/lib/server/libjvm.so"; fi

if [ -d "$fixtures" ]; then
  cp -r "$fixtures" "$out/fixtures"
else
  echo "make-gpu-bundle: no fixtures at $fixtures (set CS336_FIXTURES); the conformance part will be skipped" >&2
fi

kib=$(du -sk "$out" | cut -f1)
printf 'make-gpu-bundle: %s: jar %s KiB, jre %s KiB, fixtures %s KiB, total %s KiB\n' "$out" \
  "$(du -sk "$out/cs336.jar" | cut -f1)" "$(du -sk "$out/jre" | cut -f1)" \
  "$( (du -sk "$out/fixtures" 2>/dev/null || echo 0) | cut -f1)" "$kib"
if [ "$kib" -gt $((60 * 1024)) ]; then
  echo "make-gpu-bundle: the bundle is over 60 MiB; the device tool carries at most 64 MiB" >&2
  exit 1
fi

"$out/jre/bin/java" --version
# The bundled runtime runs the jar; without a GPU, cuda-check reports it in one line and exits 0.
"$out/jre/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar "$out/cs336.jar" \
  cuda-check --out "$out/local-check.json" 2>&1 | grep -v '^WARNING: Using incubator modules'
