#!/usr/bin/env bash
# Scale-out under faults with real processes: 3 instances of the packaged application in one
# consumer group (hello.requests, 3 partitions; one consumer thread each, so each instance
# holds one partition), on one broker (BROKERS=1) or on a three-node
# KRaft cluster (BROKERS=3, the default: stream-bindings/kafka-cluster, replication factor 3,
# min.insync.replicas=2). N numbered records of 64 keys go out in 100 chunks while they run;
# instance 2 is killed with kill -9 after chunk 30 and restarted at once; after chunk 60 one
# broker (node 2 of the cluster, or the single broker) is stopped and started again 10 s later.
# Then every greeting on hello.greetings (read_committed in exactly-once mode) is counted:
#   lost        records without a greeting
#   duplicates  greetings beyond the first per record
#   order       per key, a record greeted (for the first time) after a later record of its key
#   pause       the longest a key went without output after the kill -9 (the instance's
#               restart and rebalance; the other instances' partitions go on meanwhile)
#
#   stream-bindings/scale-out.sh [records] [mode]   mode: at-least-once (default) | exactly-once
# Needs kcat and a build. Exits non-zero on a lost record or an order violation, and in
# exactly-once mode on a duplicate.
set -uo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
mode="${2:-at-least-once}"
brokers="${BROKERS:-3}"
instances=3
export KAFKA_NUM_PARTITIONS=3
source stream-bindings/private-broker.sh
work=$(mktemp -d)
jar=$(ls functions-app/target/fnbridge-functions-app-*-exec.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package"; exit 2; }
if [ "$brokers" = 3 ]; then
  export KAFKA_CLUSTER_DIR="$work/cluster" KAFKA_CLUSTER_PORT=19392
  broker=$(stream-bindings/kafka-cluster start) || exit 1
  stop_broker() { stream-bindings/kafka-cluster stop-node 2 >/dev/null; }
  start_broker() { stream-bindings/kafka-cluster start-node 2 >/dev/null; }
  stop_all() { stream-bindings/kafka-cluster stop >/dev/null; }
else
  export KAFKA_PORT=19492 KAFKA_HOME_DIR="$work/broker"
  broker=$(stream-bindings/start-kafka) || exit 1
  stop_broker() { stream-bindings/stop-kafka >/dev/null; }
  start_broker() { stream-bindings/start-kafka >/dev/null; }
  stop_all() { stream-bindings/stop-kafka >/dev/null; }
fi
trap 'for f in "$work"/pid-*; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done; stop_all; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
echo "scale-out[$mode]: $instances instances, $brokers broker(s) at $broker"

extra=()
read_committed=()
if [ "$mode" = exactly-once ]; then
  extra=(--spring.profiles.active=exactly-once)
  read_committed=(-X isolation.level=read_committed)
fi
start_app() { # instance number (1-based): starts it (its pid in $work/pid-<i>), waits until healthy
  local i=$1 port=$((18100 + $1))
  SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java -Xmx384m -jar "$jar" --server.port="$port" \
    --server.address=127.0.0.1 --fnbridge.kafka.instance-id="scale-$i" --fnbridge.kafka.concurrency=1 \
    --logging.level.root=WARN \
    "${extra[@]}" >>"$work/app-$i.log" 2>&1 &
  echo $! >"$work/pid-$i"
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "scale-out: instance $i did not start"; tail -n 40 "$work/app-$i.log"; exit 1
}
outputs() { kcat -C -b "$broker" -t hello.greetings -o beginning -e -q "${read_committed[@]}" "$@" 2>/dev/null; }
processed() { outputs | wc -l; }

# The input topic first, with its 3 partitions, so that all instances join one assignment.
kcat -P -b "$broker" -t hello.requests -K $'\t' <<<$'k0\t{"name":"0"}'
for i in $(seq 1 "$instances"); do start_app "$i"; done
seq 1 "$n" | awk '{printf "k%d\t{\"name\":\"%d\"}\n", $1 % 64, $1}' >"$work/records"
split -n l/100 -d -a 3 "$work/records" "$work/chunk."
started=$(date +%s)
killed_at=0
chunk_no=0
for chunk in "$work"/chunk.*; do
  chunk_no=$((chunk_no + 1))
  kcat -P -b "$broker" -t hello.requests -K $'\t' -l "$chunk"
  case $chunk_no in
    30)
      killed_at=$(date +%s%3N)
      kill -9 "$(cat "$work/pid-2")"
      echo "kill -9 instance 2 after chunk $chunk_no ($(processed) outputs so far)"
      # Restarted at once, in the background: production goes on meanwhile.
      start_app 2 &
      restart=$!
      ;;
    60)
      stop_broker
      echo "broker stopped after chunk $chunk_no"
      sleep 10
      start_broker
      echo "broker started again" ;;
  esac
  sleep 0.1
done

[ -z "${restart:-}" ] || wait "$restart" || exit 1
await_outputs "$n" "$mode"
elapsed=$(( $(date +%s) - started ))

# partition, timestamp, key, record number (from "Hello, <n>!"); record 0 only created the topic.
outputs -f '%p %T %k %s\n' | awk '{gsub(/[^0-9]/, "", $5); if ($5 != "" && $5 != 0) print $1, $2, $3, $5}' >"$work/out"
total=$(wc -l <"$work/out")
distinct=$(awk '{print $4}' "$work/out" | sort -u | wc -l)
lost=$((n - distinct))
duplicates=$((total - distinct))
# Per key, in output order (one key: one partition, so the topic's order): the first greeting
# of each record must come after the first greetings of the key's earlier records.
order=$(awk '!seen[$4]++ { if (($3 in last) && $4 < last[$3]) v++; if ($4 > last[$3]) last[$3] = $4 } END {print v + 0}' "$work/out")
# Per key (every chunk has records of all 64 keys): the first greeting after the kill; the keys
# of the killed instance's partition wait for its restart or a rebalance.
pause=$(sort -k2,2n "$work/out" | awk -v t="$killed_at" '
  $2 > t && !($3 in after) { after[$3] = $2 }
  END { m = 0; for (k in after) if (after[k] - t > m) m = after[k] - t; printf "%.1f", m / 1000 }')
echo "scale-out[$mode]: records=$n instances=$instances brokers=$brokers outputs=$total lost=$lost duplicates=$duplicates order-violations=$order pause-after-kill=${pause}s elapsed=${elapsed}s"
[ "$lost" -eq 0 ] && [ "$order" -eq 0 ] || exit 1
[ "$mode" != exactly-once ] || [ "$duplicates" -eq 0 ]
