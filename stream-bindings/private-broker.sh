# Shared by the Kafka measurement scripts (sourced, not run), from the repository root.
# Sourcing only defines functions.
# private_broker PORT: starts a broker of its own (port and data directory) so a measurement never
# touches the development broker, and sets $broker, $jar (the packaged application), $work (a
# scratch directory) and $pid (the script's application process, empty for none). On exit the
# application is killed, the broker stopped and both directories removed.
private_broker() {
  export KAFKA_PORT="$1"
  export KAFKA_HOME_DIR
  KAFKA_HOME_DIR=$(mktemp -d)
  work=$(mktemp -d)
  jar=$(ls functions-app/target/fnbridge-functions-app-*-exec.jar | head -n 1)
  pid=""
  trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; stream-bindings/stop-kafka >/dev/null; rm -rf "$KAFKA_HOME_DIR" "$work"' EXIT
  broker=$(stream-bindings/start-kafka) || exit 1
}

# await_outputs RECORDS MODE: after a fault run, waits until processed (the caller's count of
# outputs) stops growing for 15 s, counted every 3 s; in exactly-once mode until all RECORDS are
# there or for 90 s without growth: longer than the transaction time-out (60 s), after which the
# broker aborts a transaction a killed instance left open, which until then holds read_committed
# consumers before its records.
await_outputs() {
  local last=-1 stable=0 patience=5 now
  [ "$2" = exactly-once ] && patience=30
  while [ "$stable" -lt "$patience" ]; do
    now=$(processed)
    if [ "$now" = "$last" ]; then stable=$((stable + 1)); else stable=0; last=$now; fi
    [ "$now" -ge "$1" ] && [ "$2" = exactly-once ] && break
    sleep 3
  done
}
