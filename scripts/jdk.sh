# shellcheck shell=sh
# Finds a JDK 25 (or newer) for ./cs336, ./mvnw and .ci/run, in this order:
#   1. $JAVA_HOME, when it is a JDK 25+;
#   2. /usr/lib/jvm/*25* (e.g. temurin-25-jdk-amd64), then any other JDK 25+ under /usr/lib/jvm
#      (CS336_JVM_DIR replaces /usr/lib/jvm, for tests);
#   3. the `java` on PATH, when it is 25+.
# Sourced, not run: on success it exports JAVA_HOME and puts its bin first on PATH; on failure
# it prints one line to stderr and returns 1.

cs336_java_major() {
  # $1: a JDK home. Prints its major version (25), or nothing when it is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}

cs336_is_jdk25() {
  _v=$(cs336_java_major "$1")
  [ -n "$_v" ] && [ "$_v" -ge 25 ]
}

cs336_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && cs336_is_jdk25 "$JAVA_HOME"; then
    _found=$JAVA_HOME
  else
    _found=
    _jvms=${CS336_JVM_DIR:-/usr/lib/jvm}
    for _d in "$_jvms"/*25* "$_jvms"/*; do
      if [ -d "$_d" ] && cs336_is_jdk25 "$_d"; then _found=$_d; break; fi
    done
    if [ -z "$_found" ] && command -v java >/dev/null 2>&1; then
      _home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
      if [ -n "$_home" ] && cs336_is_jdk25 "$_home"; then _found=$_home; fi
    fi
  fi
  if [ -z "$_found" ]; then
    echo "cs336: no JDK 25 found (checked JAVA_HOME, ${CS336_JVM_DIR:-/usr/lib/jvm}, the java on PATH); install one, e.g. Temurin 25 from https://adoptium.net, and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$_found
  export JAVA_HOME
  PATH=$JAVA_HOME/bin:$PATH
  export PATH
}
