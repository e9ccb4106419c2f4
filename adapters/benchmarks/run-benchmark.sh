#!/usr/bin/env bash
# HTTP benchmark: `hello` through fnbridge versus a plain Spring MVC @RestController doing the
# same work, both served by one process, measured in alternating pairs with wrk on loopback.
# Prints requests/s and p99 per pair, and the median ratio fnbridge/MVC for POST and GET.
# Usage: adapters/benchmarks/run-benchmark.sh [rounds] [seconds-per-run] [connections]
# Needs: wrk (apt-get install wrk) and a build (./mvnw -B -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds="${1:-3}"
seconds="${2:-10}"
connections="${3:-16}"
port=18090
base="http://127.0.0.1:${port}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 2; }
jar=$(ls adapters/benchmarks/target/fnbridge-benchmarks-*.jar | grep -v original | head -n 1)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

source adapters/benchmarks/bench-lib.sh
post_script "$work"

java -jar "$jar" --server.port="$port" --server.address=127.0.0.1 --logging.level.root=WARN >"$work/app.log" 2>&1 &
pid=$!
wait_up "$base"

# The two routes must answer the same bytes, or the comparison means nothing.
for pair in "/hello /mvc/hello"; do
  a=$(curl -s -H 'Content-Type: application/json' -d '{"name":"Ada"}' "$base/hello")
  b=$(curl -s -H 'Content-Type: application/json' -d '{"name":"Ada"}' "$base/mvc/hello")
  [ "$a" = "$b" ] || { echo "bench: responses differ: $a vs $b" >&2; exit 1; }
done
[ "$(curl -s "$base/hello/Ada")" = "$(curl -s "$base/mvc/hello/Ada")" ] || { echo "bench: GET responses differ" >&2; exit 1; }


echo "warming up (${seconds}s per route)..."
for url in "$base/hello" "$base/mvc/hello"; do run "$url" "$work/post.lua" >/dev/null; done
for url in "$base/hello/Ada" "$base/mvc/hello/Ada"; do run "$url" >/dev/null; done

printf '%-6s %-5s %12s %10s %12s %10s %8s\n' method round fnbridge_rps p99_ms mvc_rps p99_ms ratio
for method in POST GET; do
  : >"$work/ratios.$method"
  for round in $(seq 1 "$rounds"); do
    if [ "$method" = POST ]; then
      read -r f_rps f_p99 < <(run "$base/hello" "$work/post.lua")
      read -r m_rps m_p99 < <(run "$base/mvc/hello" "$work/post.lua")
    else
      read -r m_rps m_p99 < <(run "$base/mvc/hello/Ada")
      read -r f_rps f_p99 < <(run "$base/hello/Ada")
    fi
    ratio=$(awk -v f="$f_rps" -v m="$m_rps" 'BEGIN {printf "%.3f", f/m}')
    echo "$ratio" >>"$work/ratios.$method"
    printf '%-6s %-5s %12s %10s %12s %10s %8s\n' "$method" "$round" "$f_rps" "$f_p99" "$m_rps" "$m_p99" "$ratio"
  done
  median=$(median "$work/ratios.$method")
  echo "$method median ratio fnbridge/MVC: $median"
done
