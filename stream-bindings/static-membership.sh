#!/usr/bin/env bash
# What static group membership buys after a crash: the application is killed with kill -9 and
# restarted at once; measured is the time from the restart to the first greeting produced for a
# record sent after the crash, with static membership (group.instance.id, the default) and
# without it (dynamic membership waits for the dead member's session time-out, 45 s).
#   stream-bindings/static-membership.sh      (needs kcat and a build)
set -uo pipefail
cd "$(dirname "$0")/.."
source stream-bindings/private-broker.sh
private_broker 19392

start_app() { # $1: instance id or "" for dynamic membership
  local membership=(--fnbridge.kafka.instance-id="$1")
  [ -n "$1" ] || membership=(--fnbridge.kafka.static-membership=false)
  SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java -jar "$jar" --server.port=18095 --server.address=127.0.0.1 \
    --logging.level.root=WARN --spring.cloud.function.definition=hello "${membership[@]}" >>"$work/app.log" 2>&1 &
  pid=$!
}
greeted() { kcat -C -b "$broker" -t hello.greetings -o beginning -e -q 2>/dev/null | grep -c "$1"; }
wait_greeting() { for _ in $(seq 1 1200); do [ "$(greeted "$1")" -ge 1 ] && return 0; sleep 0.1; done; return 1; }

for mode in static dynamic; do
  id=""; [ "$mode" = static ] && id="membership-test"
  start_app "$id"
  echo "{\"name\":\"warmup-$mode\"}" | kcat -P -b "$broker" -t hello.requests
  wait_greeting "warmup-$mode" || { echo "no warm-up greeting"; tail -20 "$work/app.log"; exit 1; }
  kill -9 $pid; wait $pid 2>/dev/null
  restarted=$(date +%s%N)
  start_app "$id"
  echo "{\"name\":\"after-crash-$mode\"}" | kcat -P -b "$broker" -t hello.requests
  wait_greeting "after-crash-$mode" || { echo "no greeting after the crash ($mode)"; exit 1; }
  echo "$mode membership: first greeting $(( ($(date +%s%N) - restarted) / 1000000 )) ms after the restart (kill -9 before it)"
  kill $pid; wait $pid 2>/dev/null; pid=""
done
