#!/bin/sh
# scripts/make-gpu-bundle.sh: builds, on this (JDK) machine, what the GPU machine needs to run the
# CUDA checks, into the ignored folder .gpu-bundle/:
#   cs336.jar   the runnable jar (JCuda and its driver JNI library inside, the PTX kernels inside)
#   jre/        a Java runtime made with jlink: java.base + jdk.incubator.vector + what the checks
#               need, stripped and compressed; the GPU machine has no JDK
#   fixtures/   the conformance fixtures (../shared does not travel to the GPU machine)
# then checks it: size (the bundle and the working tree together must stay under the 64 MiB the
# device tool carries), `jre/bin/java --version`, and cuda-check with the bundled runtime, which on a
# machine without a GPU must say so in one line (any other failure stops the script).
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
# java.management is `./cs336 info`'s; java.net.http is `./cs336 download`'s, and picocli loads
# every subcommand's classes when the CLI starts, so without it no command runs at all.
modules=java.base,java.logging,java.management,java.net.http,jdk.incubator.vector
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
# The device tool carries the working tree (tracked files and untracked ones git does not ignore)
# together with the bundle: 64 MiB in all.
tree_bytes=$(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | du -cb --files0-from=- 2>/dev/null | tail -n 1 | cut -f1)
tree_kib=$(( ${tree_bytes:-0} / 1024 ))
printf 'make-gpu-bundle: working tree %s KiB + bundle %s KiB = %s KiB of the 65536 KiB the device tool carries\n' \
  "$tree_kib" "$kib" "$((tree_kib + kib))"
if [ $((tree_kib + kib)) -gt $((64 * 1024)) ]; then
  echo "make-gpu-bundle: the working tree and the bundle are over 64 MiB together; the device tool carries at most 64 MiB" >&2
  exit 1
fi

"$out/jre/bin/java" --version
# The bundled runtime runs the jar; without a GPU, cuda-check reports it in one line and exits 0
# (with a GPU it runs the correctness checks). Anything else, e.g. a module the runtime lacks, fails here.
log=$(mktemp)
status=0
"$out/jre/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar "$out/cs336.jar" \
  cuda-check --skip-bench --out "$out/local-check.json" --fixtures "$out/fixtures" >"$log" 2>&1 || status=$?
grep -v '^WARNING: Using incubator modules' "$log" || true
rm -f "$log"
if [ "$status" -ne 0 ] || [ ! -f "$out/local-check.json" ]; then
  echo "make-gpu-bundle: the bundled runtime could not run cuda-check (exit $status); see above" >&2
  exit 1
fi
