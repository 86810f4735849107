#!/usr/bin/env bash
# Sourced by ./mvnw, ./sluice and .ci/run: sets JAVA_HOME to a JDK 21 or newer.
# Order: an existing JAVA_HOME that is new enough, the `java` on PATH, then the JDKs under /usr/lib/jvm
# and /opt (newest first). Fails with a message that says where to get one.

sluice_java_major() { # prints the feature version of the java binary given, or nothing
  # the JDK's release file says it without starting a JVM (about 0.1 s saved on every ./sluice call), read with the
  # shell's builtins (no sed or dirname processes: each costs a few ms, on every ./sluice call)
  local release line v=
  release=${1%/*}
  release="${release%/*}/release"
  if [ -r "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in JAVA_VERSION=\"*) v=${line#JAVA_VERSION=\"}; break ;; esac
    done < "$release"
    v=${v#1.}
    v=${v%%[!0-9]*}
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | sed 's/^1\.//'
}

sluice_find_jdk() {
  local cand major
  local candidates=()
  # the usual case, a JAVA_HOME new enough, is settled without listing the other JDKs
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(sluice_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME
      return 0
    fi
  fi
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for cand in $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -V -r); do candidates+=("$cand"); done
  for cand in "${candidates[@]}"; do
    [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(sluice_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$cand"
      return 0
    fi
  done
  echo "error: Sluice needs a JDK 21 or newer and none was found (checked JAVA_HOME, java on PATH, /usr/lib/jvm, /opt)." >&2
  echo "       Install one (e.g. apt-get install openjdk-21-jdk, or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
