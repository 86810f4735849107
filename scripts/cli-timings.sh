#!/usr/bin/env bash
# Measures the wall time of the metadata commands, as docs/benchmarks.md "CLI timings" reports them:
#   scripts/cli-timings.sh [RUNS]     (needs hyperfine; DATABASE_URL defaults to the local PostgreSQL test database)
# For each command: "before" = plain `java -jar` with the XML logging config the CLI used to ship (no class-data
# sharing, default JIT), "after" = ./sluice as users run it (per-command AppCDS archive, client JIT, code logging setup).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/scripts/find-jdk.sh"
sluice_find_jdk
runs=${1:-10}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
jar=$(ls "$here"/tools/cli/target/sluice-cli-*-cli.jar | head -n1)
old_xml=$(mktemp --suffix=.xml)
trap 'rm -f "$old_xml"' EXIT
cat >"$old_xml" <<'XML'
<configuration>
  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="ERR"/></root>
</configuration>
XML
"$here/sluice" migrate >/dev/null # the built-in schema, so info and validate have history to read
for c in check info validate health stats; do
  "$here/sluice" "$c" >/dev/null || true # warm-up: writes the command's archive
  hyperfine -N --style basic --warmup 1 --runs "$runs" --export-markdown "/tmp/sluice-timings-$c.md" \
    -n "before: java -jar $c" "$JAVA_HOME/bin/java -Dlogback.configurationFile=$old_xml -jar $jar $c" \
    -n "after: ./sluice $c" "$here/sluice $c" | grep -E "^(Benchmark|  Time|  Range)" || true
done
cat /tmp/sluice-timings-*.md | grep -v -E '^\| (Command|:--)' | sed 's/^/    /'
