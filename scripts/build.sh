# shellcheck shell=sh
# Sourced by ./cs336 and bench/jmh: cs336_ensure_jar ROOT MODULE JAR builds JAR with the Maven
# wrapper (quietly, tests skipped) when it is missing or any pom.xml or main source is newer.
cs336_ensure_jar() {
  _root=$1 _module=$2 _jar=$3
  if [ -f "$_jar" ] && [ -z "$(find "$_root" -path "$_root/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$_jar" -print 2>/dev/null | sed -n 1p)" ]; then
    return 0
  fi
  echo "cs336: building $(basename "$_jar") (once after each change; up to a minute)..." >&2
  _log=$(mktemp "${TMPDIR:-/tmp}/cs336-build.XXXXXX")
  if ! (cd "$_root" && ./mvnw -q -B -DskipTests -pl "$_module" -am package) >"$_log" 2>&1; then
    cat "$_log" >&2
    rm -f "$_log"
    echo "cs336: the build failed (output above)." >&2
    return 1
  fi
  rm -f "$_log"
}
