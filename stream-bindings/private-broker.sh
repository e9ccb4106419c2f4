# Shared by the Kafka measurement scripts (sourced, not run), from the repository root.
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
