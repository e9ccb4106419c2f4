#!/usr/bin/env bash
# Kafka throughput: hello through fnbridge (the packaged application, Spring Cloud Stream) versus
# RawKafkaLoop (plain kafka-clients doing the same JSON work with the same producer settings), in
# one run, on a fresh broker, 1 partition (PARTITIONS=3: input topics of 3 partitions, which
# fnbridge reads on one consumer thread per core; the raw loop stays one thread). Each round preloads the records into fresh topics, starts
# the processor, waits for all outputs; rates come from the outputs' own timestamps (first to
# last), so JVM and Spring start-up are not counted. Prints each round and the median ratios.
#   stream-bindings/throughput-benchmark.sh [records] [rounds]     (needs kcat and a build)
# JAVA_OPTS adds JVM options to the application (e.g. a JFR recording); APP_ARGS adds arguments
# to it, e.g. to measure with the binder's per-record observations (off by default):
#   APP_ARGS=--spring.cloud.stream.kafka.binder.enable-observation=true stream-bindings/throughput-benchmark.sh
# MODE=exactly-once runs fnbridge with its exactly-once profile (outputs counted read_committed);
# BASELINE=fnbridge compares against fnbridge at-least-once (the same jar, no profile) instead of
# the raw loop: exactly-once against at-least-once in one run is
#   MODE=exactly-once BASELINE=fnbridge stream-bindings/throughput-benchmark.sh
# BASELINE=<path to another build's -exec.jar> compares this build against that one (at-least-once,
# the same arguments): a before/after ratio from one run, with no raw loop between them, e.g.
#   BASELINE=/tmp/old/functions-app/target/fnbridge-functions-app-0.1.0-SNAPSHOT-exec.jar ...
# Every round the two processors swap places (odd rounds fnbridge first), so neither always runs
# on the warmer broker.
set -uo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
rounds="${2:-3}"
# Each processor handles WARMUP + n records (WARMUP defaults to n). Two rates per processor: the
# first WARMUP outputs (from a cold start, JIT compilation included) and the last n (steady
# state). WARMUP=0 gives the cold-start rate of n records only.
warmup="${WARMUP:-$n}"
partitions="${PARTITIONS:-1}"
mode="${MODE:-at-least-once}"
baseline="${BASELINE:-raw}"
export KAFKA_NUM_PARTITIONS="$partitions"
total=$((n + warmup))
source stream-bindings/private-broker.sh
# The raw loop lives in the (not shipped) benchmarks module.
bench_jar=$(ls adapters/benchmarks/target/fnbridge-benchmarks-*.jar 2>/dev/null | grep -v original | head -n 1)
[ -n "$bench_jar" ] || { echo "build first: ./mvnw -B -DskipTests package"; exit 2; }
private_broker 19292
seq 1 "$total" | awk '{printf "k%d\t{\"name\":\"n%d\"}\n", $1 % 64, $1}' >"$work/records"

# read_committed: outputs of aborted transactions are not counted (the default for plain topics).
count() { kcat -C -b "$broker" -X isolation.level=read_committed -t "$1" -o beginning -e -q -f '.\n' 2>/dev/null | wc -l; }
rate() { # records/s over outputs from+1 .. from+k of a topic, from their timestamps (first to last)
  kcat -C -b "$broker" -X isolation.level=read_committed -t "$1" -o beginning -e -q -f '%T\n' 2>/dev/null | sort -n \
    | awk -v from="$2" -v k="$3" 'NR == from + 1 {first = $1} NR == from + k {last = $1} END {printf "%.0f", (last > first) ? k * 1000 / (last - first) : 0}'
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wait_outputs() {
  for _ in $(seq 1 600); do [ "$(count "$1")" -ge "$total" ] && return 0; sleep 1; done
  return 1
}

fnbridge() { # input topic, output topic, group, mode[, jar]: hello through the packaged application
  local profile=() app="${5:-$jar}"
  [ "$4" = exactly-once ] && profile=(--spring.profiles.active=exactly-once --fnbridge.kafka.instance-id="$3")
  SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java ${JAVA_OPTS:-} -jar "$app" --server.port=18094 --server.address=127.0.0.1 \
    --logging.level.root=WARN --spring.cloud.function.definition=hello \
    --spring.cloud.stream.bindings.helloIn.destination="$1" \
    --spring.cloud.stream.bindings.helloIn.group="$3" \
    --spring.cloud.stream.bindings.helloOut.destination="$2" \
    --spring.cloud.stream.kafka.binder.min-partition-count="$partitions" "${profile[@]}" ${APP_ARGS:-} >"$work/app.log" 2>&1 &
  pid=$!
  wait_outputs "$2" || { echo "fnbridge ($4) did not finish"; tail -20 "$work/app.log"; exit 1; }
  kill $pid; wait $pid 2>/dev/null; pid=""
}

case "$baseline" in
  raw) baseline_name="raw kafka-clients loop" ;;
  fnbridge) baseline_name="fnbridge at-least-once" ;;
  *) [ -f "$baseline" ] || { echo "BASELINE is raw, fnbridge or an -exec.jar; no file $baseline"; exit 2; }
     baseline_name="fnbridge at-least-once from $baseline" ;;
esac
echo "fnbridge: $mode; baseline: $baseline_name"
run_baseline() { # round
  case "$baseline" in
    raw)
      java -cp "$bench_jar" -Dloader.main=dev.fnbridge.benchmark.kafka.RawKafkaLoop \
        -Dlogback.configurationFile=stream-bindings/broker/logback-quiet.xml \
        org.springframework.boot.loader.launch.PropertiesLauncher "$broker" "bench.raw.in.$1" "bench.raw.out.$1" "$total"
      wait_outputs "bench.raw.out.$1" || { echo "raw loop did not finish"; exit 1; } ;;
    fnbridge) fnbridge "bench.raw.in.$1" "bench.raw.out.$1" "bench-base-$1" at-least-once ;;
    *) fnbridge "bench.raw.in.$1" "bench.raw.out.$1" "bench-base-$1" at-least-once "$baseline" ;;
  esac
}
: >"$work/ratios"; : >"$work/cold-ratios"
printf '%-6s %-7s %14s %14s %8s\n' round part fnbridge_rps baseline_rps ratio
for round in $(seq 1 "$rounds"); do
  kcat -P -b "$broker" -t "bench.fn.in.$round" -K $'\t' -l "$work/records"
  kcat -P -b "$broker" -t "bench.raw.in.$round" -K $'\t' -l "$work/records"

  if [ $((round % 2)) -eq 1 ]; then
    fnbridge "bench.fn.in.$round" "bench.fn.out.$round" "bench-$round" "$mode"
    run_baseline "$round"
  else
    run_baseline "$round"
    fnbridge "bench.fn.in.$round" "bench.fn.out.$round" "bench-$round" "$mode"
  fi

  if [ "$warmup" -gt 0 ]; then
    fn=$(rate "bench.fn.out.$round" 0 "$warmup"); raw=$(rate "bench.raw.out.$round" 0 "$warmup")
    ratio=$(awk -v f="$fn" -v r="$raw" 'BEGIN {printf "%.3f", f / r}')
    echo "$ratio" >>"$work/cold-ratios"
    printf '%-6s %-7s %14s %14s %8s\n' "$round" cold "$fn" "$raw" "$ratio"
  fi
  fn=$(rate "bench.fn.out.$round" "$warmup" "$n"); raw=$(rate "bench.raw.out.$round" "$warmup" "$n")
  ratio=$(awk -v f="$fn" -v r="$raw" 'BEGIN {printf "%.3f", f / r}')
  echo "$ratio" >>"$work/ratios"
  printf '%-6s %-7s %14s %14s %8s\n' "$round" "$([ "$warmup" -gt 0 ] && echo steady || echo cold)" "$fn" "$raw" "$ratio"
done
if [ "$warmup" -gt 0 ]; then
  echo "median ratio fnbridge/baseline from a cold start (first $warmup records): $(median "$work/cold-ratios")"
  echo "median ratio fnbridge/baseline in steady state (the next $n records): $(median "$work/ratios")"
else
  echo "median ratio fnbridge/baseline over $rounds rounds of $n records from a cold start: $(median "$work/ratios")"
fi
