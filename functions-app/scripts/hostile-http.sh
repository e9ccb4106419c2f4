#!/usr/bin/env bash
# Hostile-input suite of the HTTP transport against the packaged application as a real
# process: a corpus of client mistakes written byte for byte (bad JSON, bytes that are not
# UTF-8, numbers out of range, bad compositions and paths, the connector's own rejections,
# Expect: 100-continue over the limit, an error-amplifying body), 500 random compositions
# against the metric series, and probes while 250 clients send bodies slowly and while 100
# never read their responses (50 request threads). The checks and figures are in HostileHttp.java (run by JDK 17+'s
# single-file launcher, nothing to build). Usage: functions-app/scripts/hostile-http.sh [port]
set -uo pipefail
cd "$(dirname "$0")/../.."
port="${1:-18090}"
jar=$(ls functions-app/target/fnbridge-functions-app-*-exec.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "hostile-http: no executable jar; run ./mvnw -B verify first" >&2; exit 2; }
log=$(mktemp)
# 50 request threads (Tomcat's default is 200), so the slow clients outnumber them without
# the hundreds of megabytes a match for 200 would send.
java -jar "$jar" --server.port="$port" --server.address=127.0.0.1 --fnbridge.kafka.enabled=false \
  --server.tomcat.threads.max=50 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "hostile-http: application exited during startup"; cat "$log"; exit 1; }
  sleep 0.5
done
java functions-app/scripts/HostileHttp.java "$port"
status=$?
# A client mistake is not the server's error: it logs no stack trace for any of them.
traces=$(grep -c '^\s*at ' "$log")
echo "application log: $(grep -c ' ERROR ' "$log") ERROR lines, $traces stack-trace lines"
[ "$status" -eq 0 ] && [ "$traces" -eq 0 ]
