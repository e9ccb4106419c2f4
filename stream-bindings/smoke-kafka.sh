#!/usr/bin/env bash
# End-to-end smoke test of the Kafka transport with kcat: the packaged application as a real
# process against the broker of start-kafka. Checks outputs, keys, a dead letter with its
# reason, the replay command, and an event published over HTTP carrying its trace. Usage: stream-bindings/smoke-kafka.sh (after a build).
set -uo pipefail
cd "$(dirname "$0")/.."
command -v kcat >/dev/null || { echo "smoke-kafka: kcat is missing (apt-get install kcat)" >&2; exit 2; }
broker=$(stream-bindings/start-kafka) || exit 1
port=18083
jar=$(ls functions-app/target/fnbridge-functions-app-*-exec.jar | head -n 1)
log=$(mktemp)
run=$(date +%s%N)
# Decimals of the readings' values that identify this run: ending in 1, so that the JSON number
# the alert carries prints as sent (a trailing 0 would be dropped and the match missed).
decimals="$((run % 1000))1"
passed=0
failed=0

SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java -jar "$jar" --server.port=$port --server.address=127.0.0.1 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "smoke-kafka: application exited"; tail -n 30 "$log"; exit 1; }
  sleep 0.5
done

# consume TOPIC PATTERN: the first record (key|value|headers) matching PATTERN, waiting up to 30 s.
consume() {
  local found=""
  for _ in $(seq 1 30); do
    found=$(kcat -C -b "$broker" -t "$1" -o beginning -e -q -f '%k|%s|%h\n' 2>/dev/null | grep -F -- "$2" | head -n 1)
    [ -n "$found" ] && break
    sleep 1
  done
  echo "$found"
}
check() { # NAME CONDITION-RESULT DETAIL
  if [ "$2" = ok ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

now=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
echo "{\"name\":\"Ada-$run\"}" | kcat -P -b "$broker" -t hello.requests -k "user-$run"
got=$(consume hello.greetings "Ada-$run")
[ "$got" = "user-$run|\"Hello, Ada-$run!\"|${got##*|}" ] && r=ok || r=no
check "hello: request topic to greeting topic, key kept" $r "got '$got'"

echo "{\"deviceId\":\"sensor-1\",\"type\":\"temperature\",\"value\":75.$decimals,\"unit\":\"C\",\"timestamp\":\"$now\"}" \
  | kcat -P -b "$broker" -t telemetry.readings
got=$(consume telemetry.alerts "\"value\":75.$decimals,")
[[ "$got" == sensor-1\|*'"condition":"above-max"'* ]] && r=ok || r=no
check "telemetry: reading to alert keyed by device" $r "got '$got'"

echo "{\"deviceId\":\"sensor-1\",\"type\":\"humidity\",\"value\":140,\"unit\":\"%\",\"timestamp\":\"$now\",\"run\":\"$run\"}" \
  | kcat -P -b "$broker" -t telemetry.readings -k sensor-1
got=$(consume telemetry.readings.dlq "\"run\":\"$run\"")
[[ "$got" == *fnbridge-error-category=invalid-input* && "$got" == *"fnbridge-cause-message=value: out of physical range"* ]] && r=ok || r=no
check "poison reading: on the DLQ with its reason" $r "got '$got'"

echo "{\"name\": \"broken-$run" | kcat -P -b "$broker" -t hello.requests
got=$(consume hello.requests.dlq "broken-$run")
[[ "$got" == *"fnbridge-cause-message=Malformed JSON"* ]] && r=ok || r=no
check "malformed JSON: on the DLQ, not a crash loop" $r "got '$got'"
echo "{\"name\":\"after-$run\"}" | kcat -P -b "$broker" -t hello.requests
got=$(consume hello.greetings "after-$run")
[ -n "$got" ] && r=ok || r=no
check "the stream goes on after a poison record" $r "no greeting for after-$run"

replayed=$(stream-bindings/replay-dead-letters hello.requests.dlq "replay.$run" 2>/dev/null | tail -n 1)
got=$(consume "replay.$run" "broken-$run")
[[ "$replayed" == replayed* && -n "$got" && "$got" != *fnbridge-* ]] && r=ok || r=no
check "replay-dead-letters re-publishes without dead-letter headers" $r "'$replayed' / '$got'"

trace=$(printf '%032x' "$run" | tail -c 32)
accepted=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/events/validateReading,enrichReading,detectAnomaly" \
  -H 'Content-Type: application/json' -H "traceparent: 00-$trace-00f067aa0ba902b7-01" \
  -d "{\"deviceId\":\"sensor-2\",\"type\":\"temperature\",\"value\":77.$decimals,\"unit\":\"C\",\"timestamp\":\"$now\"}")
got=$(consume telemetry.alerts "\"value\":77.$decimals,")
[[ "$accepted" == 202 && "$got" == sensor-2\|* && "$got" == *"traceparent=00-$trace-"* ]] && r=ok || r=no
check "POST /events: published, processed, the alert carries the caller's trace" $r "HTTP $accepted, got '$got'"

scrape=$(curl -s "http://127.0.0.1:$port/actuator/prometheus")
grep -q 'fnbridge_function_invocations_seconds_count{.*transport="kafka"' <<<"$scrape" && r=ok || r=no
check "invocation metrics tagged transport=kafka" $r "no such series"

echo "smoke-kafka: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
