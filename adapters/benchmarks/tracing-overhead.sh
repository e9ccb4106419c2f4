#!/usr/bin/env bash
# Instrumentation overhead on warm invocations: POST /hello with a W3C traceparent on every
# request, served by two processes of the same jar, one with observations and tracing on (the
# default: http.server.requests timer, a sampled span per request, continued from the header)
# and one with every observation off; measured in alternating rounds with wrk. fnbridge's own
# invocation timer stays on in both. Prints requests/s and p99 per round and the median ratio.
# Usage: adapters/benchmarks/tracing-overhead.sh [rounds] [seconds-per-run] [connections]
# Needs: wrk (apt-get install wrk) and a build (./mvnw -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds="${1:-3}"
seconds="${2:-10}"
connections="${3:-16}"
on="http://127.0.0.1:18091"
off="http://127.0.0.1:18092"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
jar=$(ls adapters/benchmarks/target/fnbridge-benchmarks-*.jar | grep -v original | head -n 1)
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

source adapters/benchmarks/bench-lib.sh
post_script "$work"
echo 'wrk.headers["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"' >>"$work/post.lua"

# ON_ARGS: extra arguments for the instrumented process, to measure one part alone.
java -jar "$jar" --server.port=18091 --server.address=127.0.0.1 --logging.level.root=WARN ${ON_ARGS:-} >"$work/on.log" 2>&1 &
pids+=($!)
java -jar "$jar" --server.port=18092 --server.address=127.0.0.1 --logging.level.root=WARN \
  --management.observations.enable.all=false >"$work/off.log" 2>&1 &
pids+=($!)
wait_up "$on"
wait_up "$off"

# The switch must really differ: only the instrumented process records http.server.requests.
curl -s -H 'Content-Type: application/json' -d '{"name":"Ada"}' "$on/hello" "$off/hello" >/dev/null
curl -s "$on/actuator/prometheus" | grep -q '^http_server_requests_seconds_count' \
  || { echo "bench: the instrumented process records no http.server.requests" >&2; exit 1; }
if curl -s "$off/actuator/prometheus" | grep -q '^http_server_requests_seconds_count{.*uri="/hello"'; then
  echo "bench: the uninstrumented process still observes requests" >&2; exit 1
fi

echo "warming up (${seconds}s per process)..."
for base in "$on" "$off"; do run "$base/hello" "$work/post.lua" >/dev/null; done

printf '%-5s %12s %10s %12s %10s %8s\n' round on_rps p99_ms off_rps p99_ms ratio
: >"$work/ratios"
for round in $(seq 1 "$rounds"); do
  read -r a_rps a_p99 < <(run "$on/hello" "$work/post.lua")
  read -r b_rps b_p99 < <(run "$off/hello" "$work/post.lua")
  ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN {printf "%.3f", a/b}')
  echo "$ratio" >>"$work/ratios"
  printf '%-5s %12s %10s %12s %10s %8s\n' "$round" "$a_rps" "$a_p99" "$b_rps" "$b_p99" "$ratio"
done
echo "median throughput ratio instrumented/uninstrumented: $(median "$work/ratios")"
