#!/usr/bin/env bash
# Delivery guarantees with real processes: a fresh broker (start-kafka on its own port and
# directory), the packaged application as a separate process, kcat as producer and consumer.
# N numbered, keyed records go to hello.requests; the application is killed with kill -9 at two
# points mid-stream and restarted, then the broker is restarted mid-stream. At the end every
# greeting on hello.greetings is counted: lost = N - distinct, duplicates = total - distinct.
#
#   stream-bindings/reliability.sh [records] [mode]   mode: at-least-once (default) | exactly-once
# Needs kcat and a build. Prints one summary line; exits non-zero if any record was lost (or,
# in exactly-once mode, duplicated).
set -uo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
mode="${2:-at-least-once}"
source stream-bindings/private-broker.sh
private_broker 19192

extra=()
read_committed=()
if [ "$mode" = exactly-once ]; then
  extra=(--spring.profiles.active=exactly-once)
  read_committed=(-X isolation.level=read_committed)
fi
start_app() {
  SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java -Xmx512m -jar "$jar" --server.port=18093 --server.address=127.0.0.1 \
    --fnbridge.kafka.instance-id=reliability-1 --logging.level.root=WARN "${extra[@]}" >>"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18093/actuator/health >/dev/null 2>&1 && return; sleep 0.5; done
  echo "reliability: application did not start"; tail -n 40 "$work/app.log"; exit 1
}
outputs() { kcat -C -b "$broker" -t hello.greetings -o beginning -e -q "${read_committed[@]}" 2>/dev/null; }
processed() { outputs | wc -l; }
wait_for() { # wait until at least $1 outputs exist (or 180 s)
  for _ in $(seq 1 360); do [ "$(processed)" -ge "$1" ] && return; sleep 0.5; done
}

# Records go out in 100 chunks while the application runs; it is killed with kill -9 after
# chunks 25 and 50 (restarted at once, while production goes on) and the broker is restarted
# after chunk 70, so each fault hits a stream in flight.
start_app
seq 1 "$n" | awk '{printf "k%d\t{\"name\":\"%d\"}\n", $1 % 64, $1}' >"$work/records"
split -n l/100 -d -a 3 "$work/records" "$work/chunk."
started=$(date +%s)
chunk_no=0
for chunk in "$work"/chunk.*; do
  chunk_no=$((chunk_no + 1))
  kcat -P -b "$broker" -t hello.requests -K $'\t' -l "$chunk"
  case $chunk_no in
    25|50)
      kill -9 "$pid"; wait "$pid" 2>/dev/null
      echo "kill -9 after chunk $chunk_no ($(processed) outputs so far)"
      start_app ;;
    70)
      stream-bindings/stop-kafka >/dev/null
      echo "broker stopped after chunk $chunk_no"
      sleep 3
      broker=$(stream-bindings/start-kafka) || exit 1
      echo "broker restarted" ;;
  esac
  sleep 0.1
done

await_outputs "$n" "$mode"
elapsed=$(( $(date +%s) - started ))
outputs | tr -dc '0-9\n' | sort -n >"$work/names"
total=$(wc -l <"$work/names")
distinct=$(uniq "$work/names" | wc -l)
lost=$((n - distinct))
duplicates=$((total - distinct))
if [ "$lost" -gt 0 ]; then
  echo "missing (first 20): $(seq 1 "$n" | comm -23 <(sort) <(uniq "$work/names" | sort) | sort -n | head -20 | tr '\n' ' ')"
fi
cp "$work/app.log" "${APP_LOG_COPY:-/dev/null}" 2>/dev/null
echo "reliability[$mode]: records=$n outputs=$total distinct=$distinct lost=$lost duplicates=$duplicates elapsed=${elapsed}s (2x kill -9, 1 broker restart)"
[ "$lost" -eq 0 ] || exit 1
[ "$mode" != exactly-once ] || [ "$duplicates" -eq 0 ]
