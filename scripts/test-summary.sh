#!/bin/sh
# Prints Surefire's counts for each module and their total, read from */target/surefire-reports.
# (`./mvnw -q verify` is quiet on success; this is the summary CI ends with.)
cd "$(dirname "$0")/.." || exit 1
total_t=0 total_f=0 total_e=0 total_s=0
for dir in */target/surefire-reports; do
  [ -d "$dir" ] || continue
  module=${dir%%/*}
  set -- $(cat "$dir"/TEST-*.xml 2>/dev/null | sed -n 's/.*<testsuite [^>]*/&/p' | awk '
    /<testsuite / {
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^tests=/)    { gsub(/[^0-9]/, "", $i); t += $i }
        if ($i ~ /^failures=/) { gsub(/[^0-9]/, "", $i); f += $i }
        if ($i ~ /^errors=/)   { gsub(/[^0-9]/, "", $i); e += $i }
        if ($i ~ /^skipped=/)  { gsub(/[^0-9]/, "", $i); s += $i }
      }
    }
    END { print t + 0, f + 0, e + 0, s + 0 }')
  printf '[%s] Tests run: %d, Failures: %d, Errors: %d, Skipped: %d\n' "$module" "$1" "$2" "$3" "$4"
  total_t=$((total_t + $1)) total_f=$((total_f + $2)) total_e=$((total_e + $3)) total_s=$((total_s + $4))
done
echo "Results:"
echo "Tests run: $total_t, Failures: $total_f, Errors: $total_e, Skipped: $total_s"
