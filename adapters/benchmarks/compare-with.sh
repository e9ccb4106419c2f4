#!/usr/bin/env bash
# Same-day comparison of this checkout against another commit, with each commit's own benchmark
# scripts (found by name, wherever that commit keeps them): the Lambda zip's size, the cold-start
# benchmark (fnbridge/floor and fnbridge/Boot ratios, warm p50), the HTTP benchmark
# (fnbridge/MVC ratios) and the Kafka throughput benchmark (fnbridge/raw-client ratios), the two
# commits back to back per benchmark so both see the same machine. "No worse than before" is
# read from the ratios of one such run, never from figures of another day.
#
#   adapters/benchmarks/compare-with.sh <git-ref> [cold|http|kafka]...   (default: all three)
#
# Builds <git-ref> in a worktree under /tmp (offline, -DskipTests) and this checkout; needs
# wrk and kcat. Minutes: cold ~4, http ~8, kafka ~10 on the project's 2-core machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ref=${1:?usage: compare-with.sh <git-ref> [cold|http|kafka]...}
shift
benchmarks=("$@")
[ ${#benchmarks[@]} -gt 0 ] || benchmarks=(cold http kafka)
short=$(git -C "$root" rev-parse --short "$ref")
old=/tmp/fnbridge-compare-$short
if [ ! -d "$old" ]; then
  git -C "$root" worktree add --detach "$old" "$ref" >/dev/null
fi
echo "== building $short in $old and this checkout ($(git -C "$root" rev-parse --short HEAD))"
for tree in "$old" "$root"; do
  (cd "$tree" && ./mvnw -B -q -o -DskipTests package >"$tree/target-compare-build.log" 2>&1) \
    || { tail -n 40 "$tree/target-compare-build.log"; echo "build of $tree failed" >&2; exit 1; }
  rm -f "$tree/target-compare-build.log"
done

script() { # tree, name: the tracked script of that name in that tree
  # A here-string, not a pipe: grep -m1 closing the pipe early made git ls-files fail (SIGPIPE)
  # under pipefail, at random, as if the script were missing.
  (cd "$1" && grep -m1 -E "(^|/)$2\$" <<<"$(git ls-files)") || { echo "no $2 in $1" >&2; return 1; }
}
for tree in "$old" "$root"; do
  zip=$(cd "$tree" && ls -1 functions-app/target/*lambda*.zip adapters/aws-lambda/target/*lambda*.zip 2>/dev/null | head -n 1 || true)
  echo "== $(git -C "$tree" rev-parse --short HEAD): Lambda zip $zip: $(stat -c %s "$tree/$zip") bytes"
done
for bench in "${benchmarks[@]}"; do
  case "$bench" in
    cold) name=cold-start-benchmark; args=(5 200 --jvm-option -XX:TieredStopAtLevel=1) ;;
    http) name=run-benchmark.sh; args=(3 10 16) ;;
    kafka) name=throughput-benchmark.sh; args=(100000 3) ;;
    *) echo "unknown benchmark $bench (cold, http, kafka)" >&2; exit 2 ;;
  esac
  for tree in "$old" "$root"; do
    path=$(script "$tree" "$name")
    echo "== $(git -C "$tree" rev-parse --short HEAD): $path ${args[*]}"
    (cd "$tree" && bash "$path" "${args[@]}" 2>&1) | tail -n 24
  done
done
