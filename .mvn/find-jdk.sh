# Finds a JDK 21 or newer and exports JAVA_HOME. Sourced by ./mvnw, ./lethe and .ci/run,
# because the default `java` on many machines is still 17 and Maven only says
# "release version 21 not supported" when it runs on an older one.

LETHE_MIN_JAVA=21

lethe_java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)\(\.\([0-9][0-9]*\)\)\{0,1\}.*/\1 \3/p' | head -n 1 |
    awk '{ if ($1 == 1) print $2; else print $1 }'
}

lethe_find_jdk() {
  candidates=""
  path_java=""
  [ -n "${JAVA_HOME:-}" ] && candidates="$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    path_java=$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)
    candidates="$candidates ${path_java%/bin/java}"
  fi
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/javac" ] && candidates="$candidates $dir"
  done
  best=""
  best_major=0
  for home in $candidates; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(lethe_java_major "$home")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$LETHE_MIN_JAVA" ]; then
      # JAVA_HOME or the PATH's java wins when suitable; otherwise the newest found.
      if [ -z "$best" ] && { [ "$home" = "${JAVA_HOME:-}" ] || [ "$home" = "${path_java%/bin/java}" ]; }; then
        best="$home"; best_major=999; continue
      fi
      if [ "$major" -gt "$best_major" ]; then best="$home"; best_major="$major"; fi
    fi
  done
  if [ -z "$best" ]; then
    echo "Lethe needs a JDK $LETHE_MIN_JAVA or newer, and none was found" >&2
    echo "(looked at JAVA_HOME, the java on the PATH and /usr/lib/jvm)." >&2
    echo "Install one, e.g. Eclipse Temurin $LETHE_MIN_JAVA from https://adoptium.net or your package" >&2
    echo "manager (openjdk-$LETHE_MIN_JAVA-jdk), then set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
  # Maven's own libraries (Guice, Guava) still use sun.misc.Unsafe, which JDK 24+ warns about on
  # every run; the flag is unknown to older JDKs, so it is only added where it exists.
  if [ "$(lethe_java_major "$best")" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
    esac
  fi
}

lethe_find_jdk || exit 1
