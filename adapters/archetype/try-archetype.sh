#!/usr/bin/env bash
# A new user's first hour, run for real: generates an application from the fnbridge archetype in
# a folder outside this repository, builds and tests it (./mvnw verify: unit tests, the contract
# tests over HTTP, Kafka and the Lambda zip), then replaces its function with a user's own (an
# orders app: Function<Order, Invoice> priceOrder and Consumer<Invoice> recordInvoice, with Bean
# Validation constraints) and checks, with no other change: ./mvnw verify, HTTP against the
# packaged jar, Kafka against the broker process of stream-bindings/start-kafka (kcat), the
# Lambda zip through fnbridge:invoke (API Gateway v2 and SQS events), and the offline
# Terraform checks of its infra/ folder.
#
#   adapters/archetype/try-archetype.sh        needs: ./mvnw -B -DskipTests install, kcat, node
# Prints "N passed, M failed"; exits 1 on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
version=$(sed -n 's|^\t<version>\(.*\)</version>|\1|p' adapters/archetype/pom.xml | head -n 1)
[ -n "$version" ] || version=0.1.0-SNAPSHOT
[ -f "$HOME/.m2/repository/dev/fnbridge/fnbridge-archetype/$version/fnbridge-archetype-$version.jar" ] \
  || { echo "try-archetype: install fnbridge first: ./mvnw -B -DskipTests install"; exit 2; }
work=$(mktemp -d /tmp/fnbridge-user-XXXXXX)
passed=0; failed=0
check() { # name, command...
  local name=$1; shift
  if "$@" >"$work/step.log" 2>&1; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; tail -40 "$work/step.log" | sed 's/^/     /'; fi
}
# The first record of a topic, polled until one is there (a topic can be created after kcat asks).
first_record() { # broker, topic, format
  local out
  for _ in $(seq 1 60); do
    out=$(kcat -C -b "$1" -t "$2" -o beginning -c 1 -e -q -f "$3" 2>/dev/null)
    [ -n "$out" ] && { printf '%s' "$out"; return 0; }
    sleep 1
  done
  return 1
}
contains() { grep -qF -- "$2" <<<"$1" || { echo "expected: $2"; echo "got: $1"; return 1; }; }

generate() {
  (cd "$work" && "$root/mvnw" -B -q archetype:generate -DinteractiveMode=false \
    -DarchetypeGroupId=dev.fnbridge -DarchetypeArtifactId=fnbridge-archetype -DarchetypeVersion="$version" \
    -DgroupId=com.example -DartifactId=orders -Dpackage=com.example.orders \
    -DfnbridgeModuleSource="$root/infra-terraform/modules/function")
  [ -x "$work/orders/mvnw" ] && [ -f "$work/orders/README.md" ] && [ -f "$work/orders/infra/main.tf" ]
}
app_verify() { (cd "$work/orders" && ./mvnw -B verify) && ls "$work/orders/target/orders-lambda.zip" "$work/orders/target/fnbridge-functions.json"; }
# With terraform and the local provider mirror here, HashiCorp's validate must have run on the
# app's infra/ too, not been skipped.
terraform_check() {
  local out
  out=$(infra-terraform/checks/fnbridge-terraform-check "$work/orders/infra" --functions "$work/orders/target/fnbridge-functions.json" 2>&1) \
    || { printf '%s\n' "$out"; return 1; }
  printf '%s\n' "$out"
  if command -v terraform >/dev/null && [ -d "${TF_PLUGIN_DIR:-/opt/tf-plugins}" ]; then
    grep -qE '\): [1-9][0-9]* configuration\(s\) valid, 0 failure' <<<"$out"
  fi
}

replace_function() {
  local app="$work/orders" fixture="$root/adapters/archetype/src/it/orders"
  rm -rf "$app/src/main/java/com/example/orders/hello" "$app/src/test/java/com/example/orders/hello" \
    "$app/src/test/resources/contracts/"*.json
  cp -r "$fixture/src" "$app/"
  sed "s|\${fnbridge_module}|$root/infra-terraform/modules/function|" "$fixture/infra-main.tf" >"$app/infra/main.tf"
  cp "$fixture/infra-outputs.tf" "$app/infra/outputs.tf"
}

http_smoke() {
  local port=18197 jar pid out
  jar=$(ls "$work/orders/target/"orders-*-exec.jar)
  java -jar "$jar" --server.port=$port --server.address=127.0.0.1 --fnbridge.kafka.enabled=false >"$work/http.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -sf "localhost:$port/actuator/health" >/dev/null && break; sleep 1; done
  out=$(curl -s "localhost:$port/priceOrder" -H 'content-type: application/json' \
    -d '{"orderId":"o-5","customer":"Ada","lines":[{"sku":"a","quantity":2,"unitPriceCents":21}]}')
  local bad; bad=$(curl -s -w ' %{http_code} %{content_type}' "localhost:$port/priceOrder" -H 'content-type: application/json' \
    -d '{"orderId":"o-6","customer":"Ada","lines":[{"sku":"","quantity":0,"unitPriceCents":1}]}')
  local consumed; consumed=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/recordInvoice" -H 'content-type: application/json' \
    -d '{"orderId":"o-5","customer":"Ada","totalCents":42}')
  local prometheus; prometheus=$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/actuator/prometheus")
  kill $pid; wait $pid 2>/dev/null
  contains "$out" '"totalCents":42' && contains "$bad" '400 application/problem+json' && contains "$bad" 'lines[0].sku' \
    && [ "$consumed" = 202 ] && [ "$prometheus" = 200 ]
}

kafka_smoke() {
  local broker jar pid out run=$RANDOM
  broker=$(stream-bindings/start-kafka) || return 1
  jar=$(ls "$work/orders/target/"orders-*-exec.jar)
  SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java -jar "$jar" --server.port=18198 --server.address=127.0.0.1 \
    --spring.cloud.stream.bindings.priceOrder-in-0.destination="orders.placed.$run" \
    --spring.cloud.stream.bindings.priceOrder-out-0.destination="orders.invoices.$run" \
    --spring.cloud.stream.bindings.recordInvoice-in-0.destination="orders.invoices.$run" >"$work/kafka.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 90); do grep -q 'partitions assigned' "$work/kafka.log" && break; sleep 1; done
  echo "{\"orderId\":\"o-$run\",\"customer\":\"Ada\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"unitPriceCents\":7}]}" \
    | kcat -P -b "$broker" -t "orders.placed.$run" -k "o-$run"
  echo '{"orderId":"","customer":"Ada","lines":[]}' | kcat -P -b "$broker" -t "orders.placed.$run" -k poison
  out=$(first_record "$broker" "orders.invoices.$run" 'key=%k value=%s\n')
  local dead; dead=$(first_record "$broker" "orders.placed.$run.dlq" '%h\n')
  kill $pid; wait $pid 2>/dev/null
  contains "$out" "key=o-$run" && contains "$out" '"totalCents":7' && contains "$dead" 'fnbridge-error-category=invalid-input'
}

lambda_invoke() {
  local out
  out=$(cd "$work/orders" && ./mvnw -B -q fnbridge:invoke -Dfnbridge.event=src/test/resources/events/apigw-v2-price-order.json 2>/dev/null)
  contains "$out" '"statusCode":200' && contains "$out" 'totalCents' || return 1
  out=$(cd "$work/orders" && ./mvnw -B -q fnbridge:invoke -Dfnbridge.event=src/test/resources/events/sqs-orders.json \
    -Dfnbridge.env=SPRING_CLOUD_FUNCTION_DEFINITION=priceOrder 2>/dev/null)
  contains "$out" '{"batchItemFailures":[{"itemIdentifier":"9a1f36b4-87a3-44ab-83d2-661975830a02"}]}'
}

check "archetype generates an application" generate
check "generated app: ./mvnw verify" app_verify
check "generated app: Terraform checks" terraform_check
replace_function
check "orders app: ./mvnw verify (unit, contract tests on HTTP, Kafka, Lambda)" app_verify
check "orders app: HTTP against the packaged jar" http_smoke
check "orders app: Kafka with kcat against the broker process" kafka_smoke
check "orders app: Lambda zip through fnbridge:invoke (API Gateway v2, SQS)" lambda_invoke
check "orders app: Terraform checks" terraform_check
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && rm -rf "$work"
[ "$failed" -eq 0 ]
