#!/usr/bin/env bash
# End-to-end smoke test of the HTTP transport: starts the built application as a real
# process, exercises every function and every error case with curl, stops it by PID.
# Usage: functions-app/scripts/smoke-http.sh [port]   (build first: ./mvnw -B verify)
set -uo pipefail
cd "$(dirname "$0")/../.."

port="${1:-18080}"
base="http://127.0.0.1:${port}"
jar=$(ls functions-app/target/fnbridge-functions-app-*-exec.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "smoke: no executable jar; run ./mvnw -B verify first" >&2; exit 2; }
log=$(mktemp)
passed=0
failed=0

java -jar "$jar" --server.port="$port" --server.address=127.0.0.1 >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log" "$body" "$headers"; }
body=$(mktemp)
headers=$(mktemp)
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "smoke: application exited during startup"; cat "$log"; exit 1; }
  sleep 0.5
done

# check NAME EXPECTED_STATUS EXPECTED_CONTENT_TYPE BODY_PATTERN -- curl args...
check() {
  local name=$1 status=$2 type=$3 pattern=$4
  shift 5
  local got_status got_type
  got_status=$(curl -s -o "$body" -D "$headers" -w '%{http_code}' "$@" 2>/dev/null)
  got_type=$(grep -i '^content-type:' "$headers" | head -n 1 | cut -d' ' -f2- | tr -d '\r')
  local problems=()
  [ "$got_status" = "$status" ] || problems+=("status $got_status, expected $status")
  [ -z "$type" ] || [ "$got_type" = "$type" ] || problems+=("content type '$got_type', expected '$type'")
  [ -z "$pattern" ] || grep -qE -- "$pattern" "$body" || problems+=("body does not match /$pattern/")
  if [ "$got_status" -ge 400 ] && grep -qE 'Exception|	at [a-z]+\.|"trace"' "$body"; then problems+=("body leaks internals"); fi
  if grep -qi '^x-secret:' "$headers"; then problems+=("request header echoed"); fi
  if [ ${#problems[@]} -eq 0 ]; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: ${problems[*]}"; echo "     body: $(head -c 300 "$body")"
  fi
}

json=(-H 'Content-Type: application/json' -H 'X-Secret: s3cr3t')
now=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
hot="{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":75,\"unit\":\"C\",\"timestamp\":\"$now\"}"
mild="{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":21,\"unit\":\"C\",\"timestamp\":\"$now\"}"
pipeline="$base/validateReading,enrichReading,detectAnomaly"
big=$(mktemp); head -c 1100000 /dev/zero | tr '\0' ' ' >"$big"

check "hello greets by name"            200 application/json '^"Hello, Ada!"$' -- "${json[@]}" -d '{"name":"Ada"}' "$base/hello"
check "hello defaults to World"         200 application/json '^"Hello, World!"$' -- "${json[@]}" -d '{}' "$base/hello"
check "GET /hello/{name}"               200 application/json '^"Hello, Ada!"$' -- "$base/hello/Ada"
check "pipeline alerts above threshold" 200 application/json '"condition":"above-max"' -- "${json[@]}" -d "$hot" "$pipeline"
check "pipeline is silent when normal"  204 '' '' -- "${json[@]}" -d "$mild" "$pipeline"
check "summarizeReadings"               200 application/json '"count":2' -- "${json[@]}" -d "[$hot,$mild]" "$base/summarizeReadings"
check "function listing"                200 application/json '"name":"summarizeReadings"' -- "$base/functions"
check "malformed JSON is 400"           400 application/problem+json '"type":"urn:fnbridge:problem:invalid-input"' -- "${json[@]}" -d '{"name":' "$base/hello"
check "array for an object is 400"      400 application/problem+json 'must be a JSON object' -- "${json[@]}" -d '[1,2]' "$base/hello"
check "empty body is 400"               400 application/problem+json 'payload is required' -- "${json[@]}" -X POST "$base/hello"
check "wrong field type is 400"         400 application/problem+json '"field":"value"' -- "${json[@]}" -d '{"deviceId":"sensor-1","type":"co2","value":"lots","unit":"ppm","timestamp":"2026-01-01T00:00:00Z"}' "$base/validateReading"
check "validation errors are 400"       400 application/problem+json '"field":"unit"' -- "${json[@]}" -d '{"deviceId":"sensor-1","type":"humidity","value":40,"unit":"C","timestamp":"2026-01-01T00:00:00Z"}' "$pipeline"
check "unknown device is 400"           400 application/problem+json "unknown device" -- "${json[@]}" -d '{"deviceId":"nobody","type":"co2","value":400,"unit":"ppm","timestamp":"2026-01-01T00:00:00Z"}' "$pipeline"
check "unsupported media type is 415"   415 application/problem+json 'unsupported-media-type' -- -H 'X-Secret: s3cr3t' -d 'name=Ada' "$base/hello"
check "oversized body is 413"           413 application/problem+json 'payload-too-large' -- "${json[@]}" --data-binary "@$big" "$base/hello"
check "unknown function is 404"         404 application/problem+json 'function-not-found' -- "${json[@]}" -d '{}' "$base/nope"
check "unknown composition element 404" 404 application/problem+json "No function named 'nope' in" -- "${json[@]}" -d '{}' "$base/validateReading,nope"
check "actuator env is not exposed"     404 '' '' -- "$base/actuator/env"
check "prometheus has function tags"    200 '' 'fnbridge_function_invocations_seconds_count\{[^}]*function="hello"' -- "$base/actuator/prometheus"
rm -f "$big"

# Stop by PID with SIGTERM, as a platform would, and require a clean exit.
kill -TERM "$pid"
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then
  failed=$((failed + 1)); echo "FAIL application did not stop within 30 s of SIGTERM"
elif grep -q "Graceful shutdown complete" "$log"; then
  passed=$((passed + 1)); echo "ok   stops gracefully on SIGTERM"
else
  failed=$((failed + 1)); echo "FAIL no graceful shutdown on SIGTERM"
fi

echo "smoke-http: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
