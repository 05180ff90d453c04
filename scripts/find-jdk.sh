#!/usr/bin/env bash
# Sourced by ./modelgate and ./scripts/test: sets JAVA_HOME to a JDK >= 21, looking at JAVA_HOME, then the java
# on PATH, then the JDKs under /usr/lib/jvm (newest first). Fails with a clear message when there is none.

modelgate_jdk_version() { # prints the feature version of the JDK at $1, or nothing
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  # The JDK's release file says it without starting a JVM (each start costs a launch 50-200 ms); "1.8.0" reads as 1.
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n1)
    if [ -n "$v" ]; then
      echo "$v"
      return 0
    fi
  fi
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

modelgate_find_jdk() {
  local candidates=() home v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r home; do candidates+=("$home"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
  fi
  for home in "${candidates[@]}"; do
    v=$(modelgate_jdk_version "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      export JAVA_HOME="$home"
      export MODELGATE_JDK_VERSION="$v"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "modelgate: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one or set JAVA_HOME" >&2
  return 1
}
