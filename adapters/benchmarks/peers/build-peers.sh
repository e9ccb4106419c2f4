#!/usr/bin/env bash
# Builds the cold-start benchmark's peers (each its own Maven project, not a module of the
# reactor, never shipped) and lays each out as Lambda's managed Java runtime unpacks a zip into
# /var/task: the classes at the root, the jars in lib/. Results, one directory per peer:
#   adapters/benchmarks/target/peers/<name>/task/             the task root
#   adapters/benchmarks/target/peers/<name>/peer.properties   label, handler string, environment
# which cold-start-benchmark then starts beside fnbridge (--peers DIR).
#   adapters/benchmarks/peers/build-peers.sh [name...] [-- maven options]   (default: all peers)
# The first build needs Maven Central; after that `-- -o` builds offline.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out="$(cd "$here/.." && pwd)/target/peers"
names=(); maven=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; maven=("$@"); break; fi
  names+=("$1"); shift
done
[ ${#names[@]} -gt 0 ] || names=(scf-adapter quarkus micronaut)

for name in "${names[@]}"; do
  project="$here/$name"
  [ -f "$project/pom.xml" ] || { echo "build-peers: no peer $name under $here" >&2; exit 2; }
  echo "== $name" >&2
  (cd "$root" && ./mvnw -B -q ${maven[@]+"${maven[@]}"} -f "$project/pom.xml" clean package -DskipTests >&2)
  task="$out/$name/task"
  rm -rf "$out/$name"
  mkdir -p "$task"
  case "$name" in
    quarkus)
      # What quarkus-amazon-lambda hands the managed runtime: target/function.zip, the runner
      # jar's content at the root and the dependencies in lib/.
      (cd "$task" && unzip -q "$project/target/function.zip") ;;
    *)
      cp -r "$project/target/classes/." "$task/"
      cp -r "$project/target/lambda/lib" "$task/lib" ;;
  esac
  cp "$project/peer.properties" "$out/$name/peer.properties"
  echo "$name: $(find "$task/lib" -name '*.jar' | wc -l) jars, $(du -sh "$task" | cut -f1) -> $task" >&2
done
