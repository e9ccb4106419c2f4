#!/usr/bin/env bash
# Hostile input against the Kafka transport: the packaged application as a real process against
# the broker of start-kafka, on topics of its own for this run, fed with kcat the records a
# careless or hostile producer sends (malformed, truncated and non-UTF-8 JSON, wrong shapes, JSON
# null, empty and tombstone values, numbers out of range, deep nesting, a ~900 KB value, forged
# fnbridge-*, kafka_* and spring_json_header_types headers, binary, empty and huge keys, 500
# headers).
# Each one is followed on its partition by a valid sentinel record. Checks, reading the topics
# with kcat: every sentinel's output arrives; each poison record is on the dead-letter topic
# exactly once, with one value of each fnbridge-* header and none of the forged ones; edge
# records a function accepts give their output, keyed as the binding decides; no output carries a
# forged header or goes to a topic a header names; the application logs no stack trace and no
# ERROR for these client mistakes.
#
#   stream-bindings/hostile-kafka.sh        (after a build; needs kcat and node)
#   HOSTILE_KEEP_LOG=/tmp/app.log stream-bindings/hostile-kafka.sh   # keeps the log of a failed run
#
# Reuses a running broker (KAFKA_PORT, KAFKA_HOME_DIR as for start-kafka) and leaves it running;
# a broker it had to start itself it stops again. Prints "N passed, M failed" and the figures;
# exits 1 on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v kcat >/dev/null || { echo "hostile-kafka: kcat is missing (apt-get install kcat)" >&2; exit 2; }
command -v node >/dev/null || { echo "hostile-kafka: node is missing (apt-get install nodejs)" >&2; exit 2; }
started=$(date +%s%N)
kafka_home="${KAFKA_HOME_DIR:-stream-bindings/target/kafka-${KAFKA_PORT:-9092}}"
own_broker=yes
[ -f "$kafka_home/kafka.pid" ] && kill -0 "$(cat "$kafka_home/kafka.pid")" 2>/dev/null && own_broker=no
broker=$(stream-bindings/start-kafka) || exit 1
port="${HOSTILE_HTTP_PORT:-18084}"
jar=$(ls functions-app/target/fnbridge-functions-app-*-exec.jar | head -n 1)
run=$(date +%s%N)
work=$(mktemp -d)
prefix="hostile.$run"
declare -A topic=(
  [hello]="$prefix.hello.requests" [telemetry]="$prefix.telemetry.readings"
  [greetings]="$prefix.hello.greetings" [alerts]="$prefix.telemetry.alerts"
)

cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  [ "$own_broker" = yes ] && stream-bindings/stop-kafka >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# The application on this run's topics and consumer groups, so that records of other runs (or of
# smoke-kafka) on the same broker neither reach it nor count.
bindings=()
for b in hello:helloIn:hello.requests hello:helloOut:hello.greetings telemetry:telemetryIn:telemetry.readings \
  telemetry:telemetryOut:telemetry.alerts summaries:summariesIn:telemetry.batches summaries:summariesOut:telemetry.summaries; do
  IFS=: read -r feature binding destination <<<"$b"
  bindings+=("--spring.cloud.stream.bindings.$binding.destination=$prefix.$destination")
  [[ $binding == *In ]] && bindings+=("--spring.cloud.stream.bindings.$binding.group=$prefix.$feature")
done
SPRING_KAFKA_BOOTSTRAP_SERVERS="$broker" java -Xmx512m -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
  --fnbridge.kafka.instance-id="$prefix" "${bindings[@]}" >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "hostile-kafka: application exited"; tail -n 30 "$work/app.log"; exit 1; }
  sleep 0.5
done
up=$(date +%s%N)

# Forged headers: only fnbridge writes fnbridge-*; a producer's must reach neither an output nor
# a dead letter.
forged=(-H fnbridge-error-category=transient-failure -H fnbridge-function=admin -H fnbridge-attempts=99
  -H fnbridge-cause-message=forged -H fnbridge-original-topic=elsewhere -H fnbridge_function=admin -H fnbridge-extra=forged)
# A type hint for Spring's header mapper naming a class that is not what the headers hold.
date_hint=(-H 'spring_json_header_types={"contentType":"java.util.Date","x-when":"java.util.Date"}' -H x-when=yesterday)
flood=()
for i in $(seq 1 500); do flood+=(-H "x-flood-$i=value-$i"); done
huge_key=$(head -c 100000 /dev/zero | tr '\0' k)
now=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
# reading [FIELD=JSON...]: a valid reading (an alert: 75.5 C is above the maximum) with some
# fields replaced, e.g. reading value=1e400.
reading() {
  local -A f=([deviceId]='"sensor-1"' [type]='"temperature"' [value]=75.5 [unit]='"C"' [timestamp]="\"$now\"")
  local field
  for field in "$@"; do f[${field%%=*}]=${field#*=}; done
  printf '{"deviceId":%s,"type":%s,"value":%s,"unit":%s,"timestamp":%s}' \
    "${f[deviceId]}" "${f[type]}" "${f[value]}" "${f[unit]}" "${f[timestamp]}"
}
nested() { # DEPTH OPEN INNER CLOSE
  printf "%${1}s" '' | sed "s/ /$2/g"
  printf '%s' "$3"
  printf "%${1}s" '' | sed "s/ /$4/g"
}

manifest="$work/manifest"
: >"$manifest"
n=0
sent=0
# sentinel KIND PARTITION [kcat options]: a valid record whose output must arrive.
sentinel() {
  local kind=$1 part=$2
  shift 2
  n=$((n + 1))
  local id="s-$run-$n"
  if [ "$kind" = hello ]; then
    echo "{\"name\":\"$id\"}" | kcat -P -b "$broker" -t "${topic[$kind]}" -p "$part" -k "$id" -H "hostile-id=$id" "$@"
    printf '%s\t%s\tout\tsentinel\t-\t-\t"Hello, %s!"\n' "$id" "$kind" "$id" >>"$manifest"
  else
    reading | kcat -P -b "$broker" -t "${topic[$kind]}" -p "$part" -H "hostile-id=$id" "$@"
    printf '%s\t%s\tout\tsentinel\t-\t-\t"condition":"above-max"\n' "$id" "$kind" >>"$manifest"
  fi
}
# send KIND EXPECT NAME VALUE KEY [kcat options]: one record, then a sentinel on its partition.
# EXPECT: dlq (dead-lettered as invalid input) or out=TEXT (accepted; its output contains TEXT).
# VALUE: printf %b text, or @FILE; KEY: printf %b text, or - for none.
send() {
  local kind=$1 expect=$2 name=$3 value=$4 key=$5
  shift 5
  n=$((n + 1))
  local id="p-$run-$n" part=$((n % 3)) keyopt=() keyfile=- text=
  if [[ $value == @* ]]; then cp "${value#@}" "$work/value.$n"; else printf '%b' "$value" >"$work/value.$n"; fi
  if [ "$key" != - ]; then
    keyfile="$work/key.$n"
    printf '%b' "$key" >"$keyfile"
    keyopt=(-k "$(cat "$keyfile")")
  fi
  [[ $expect == out=* ]] && text=${expect#out=} && expect=out
  if [ -s "$work/value.$n" ]; then
    kcat -P -b "$broker" -t "${topic[$kind]}" -p "$part" "${keyopt[@]}" -H "hostile-id=$id" "$@" "$work/value.$n"
  else
    # kcat skips an empty file; from stdin "KEY<US>" is an empty value (with -Z a null one).
    printf '%s\x1f' "$(cat "$keyfile")" | kcat -P -b "$broker" -t "${topic[$kind]}" -p "$part" -K $'\x1f' \
      -H "hostile-id=$id" "$@"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$kind" "$expect" "$name" "$work/value.$n" "$keyfile" "$text" >>"$manifest"
  sent=$((sent + 1))
  # Every fourth sentinel carries the forged headers too.
  if [ $((n % 4)) -eq 0 ]; then sentinel "$kind" "$part" "${forged[@]}"; else sentinel "$kind" "$part"; fi
}

head -c 900000 /dev/zero | tr '\0' A | sed 's/^/{"name":"/; s/$/"}/' >"$work/big-name"
head -c 900000 /dev/zero | tr '\0' A | sed 's/^/{"deviceId":"/; s/$/","type":"co2","value":1,"unit":"ppm","timestamp":"2026-01-01T00:00:00Z"}/' >"$work/big-device"
head -c 900000 /dev/urandom >"$work/big-noise"
nested 5000 '[' '' ']' | sed 's/^/{"name":"deep","n":/; s/$/}/' >"$work/deep-array"
nested 5000 '{"a":' 1 '}' >"$work/deep-object"
nested 2000 '[' 1 ']' | sed 's/^/{"deviceId":"sensor-1","value":/; s/$/}/' >"$work/deep-reading"
for digits in 999 2000; do printf '{"name":%s}' "$(head -c $digits /dev/zero | tr '\0' 9)" >"$work/number-$digits"; done

# --- hello (HelloRequest(String name)) -----------------------------------------------------
send hello dlq "malformed JSON" '{"name": "broken' -
send hello dlq "truncated JSON" '{"name":' -
send hello dlq "a lone brace" '{' -
send hello dlq "not JSON at all" 'hello there' -
send hello dlq "wrong shape: an array" '[{"name":"array"}]' -
send hello dlq "wrong shape: an object as the name" '{"name":{"first":"Ada"}}' -
send hello dlq "JSON null" 'null' -
send hello dlq "empty value" '' empty
send hello dlq "tombstone (null value)" '' tombstone -Z
send hello dlq "non-UTF-8 bytes" '{"name":"\xff\xfe\xfd"}' -
send hello dlq "overlong UTF-8 (C0 AF)" '{"name":"\xc0\xaf"}' -
send hello dlq "a raw control character in a string" '{"name":"a\x01b"}' -
send hello dlq "a number into a String field" '{"name":123456789}' -
send hello dlq "a boolean into a String field" '{"name":true}' -
send hello dlq "a 999-digit number into a String field" "@$work/number-999" -
send hello dlq "a 2000-digit number into a String field" "@$work/number-2000" -
send hello dlq "5000 nested arrays" "@$work/deep-array" -
send hello dlq "5000 nested objects" "@$work/deep-object" -
send hello 'out="Hello, AAAAAAAAAA' "a ~900 KB name" "@$work/big-name" big
send hello dlq "~900 KB of random bytes" "@$work/big-noise" -
send hello dlq "malformed, with forged fnbridge-* headers" '{"name": ' - "${forged[@]}"
send hello 'out="Hello, forged!"' "valid, with forged fnbridge-* headers" '{"name":"forged"}' forged "${forged[@]}"
send hello 'out="Hello, dated!"' "valid, spring_json_header_types naming java.util.Date" '{"name":"dated"}' dated "${date_hint[@]}"
send hello dlq "malformed, spring_json_header_types naming java.util.Date" '{"name":' - "${date_hint[@]}"
send hello 'out="Hello, binary!"' "valid, a binary key" '{"name":"binary"}' '\x01\xff\xfe\x80key'
send hello 'out="Hello, empty-key!"' "valid, an empty key" '{"name":"empty-key"}' ''
send hello 'out="Hello, huge-key!"' "valid, a 100 KB key" '{"name":"huge-key"}' "$huge_key"
send hello dlq "malformed, a binary key" '{"name"' '\x02\xc0\xaf'
send hello 'out="Hello, flood!"' "valid, 500 headers" '{"name":"flood"}' flood "${flood[@]}"
send hello dlq "malformed, 500 headers" '{"name":"flood' - "${flood[@]}"
send hello 'out="Hello, last!"' "duplicate members (the last wins)" '{"name":"first","name":"last"}' dup
send hello 'out="Hello, keyless!"' "valid, no key, a forged kafka_messageKey" '{"name":"keyless"}' - \
  -H kafka_messageKey=forged-key
send hello 'out="Hello, routed!"' "valid, headers naming another output topic" '{"name":"routed"}' routed \
  -H "spring.cloud.stream.sendto.destination=$prefix.stolen" -H "kafka_topic=$prefix.stolen"
send hello 'out="Hello, partition!"' "valid, a forged kafka_partitionId of no partition" '{"name":"partition"}' partition \
  -H kafka_partitionId=99
send hello 'out="Hello, timestamp!"' "valid, a forged kafka_timestamp" '{"name":"timestamp"}' timestamp -H kafka_timestamp=yesterday
send telemetry 'out="condition":"above-max"' "valid, forged kafka_* headers" "$(reading)" - -H kafka_messageKey=forged-key \
  -H kafka_receivedMessageKey=forged-key -H kafka_partitionId=99
send hello 'out="Hello, traced!"' "valid, a malformed traceparent and 50 KB of baggage" '{"name":"traced"}' traced \
  -H traceparent=00-not-a-trace-01 -H "baggage=$(head -c 50000 /dev/zero | tr '\0' b)"
send hello 'out="Hello, bytes!"' "valid, a header of non-UTF-8 bytes" '{"name":"bytes"}' bytes -H $'x-bytes=\xff\xfe\xc0\xaf'
send hello 'out="Hello, xml!"' "valid, contentType: application/xml" '{"name":"xml"}' xml -H contentType=application/xml
send hello dlq "malformed, forged kafka_dlt-* headers" '{"name":' - -H kafka_dlt-original-topic=elsewhere \
  -H kafka_dlt-exception-message=forged -H kafka_dlt-original-offset=forged
send hello 'out=Hello, \uD800!' "a lone surrogate escape" '{"name":"\\ud800"}' surrogate
send hello 'out="Hello, text!"' "contentType: text/plain on JSON" '{"name":"text"}' text -H contentType=text/plain

# --- telemetry (validateReading|enrichReading|detectAnomaly on Reading) ----------------------
send telemetry dlq "malformed JSON" '{"deviceId":"sensor-1",' -
send telemetry dlq "wrong shape: no reading fields" '{"foo":1}' -
send telemetry dlq "wrong shape: an array" "[$(reading)]" -
send telemetry dlq "JSON null" 'null' -
send telemetry dlq "empty value" '' sensor-1
send telemetry dlq "tombstone (null value)" '' sensor-1 -Z
send telemetry dlq "non-UTF-8 bytes" "$(reading 'unit="\xff\xfe"')" -
send telemetry dlq "overlong UTF-8 (C0 AF)" "$(reading 'deviceId="sensor-\xc0\xaf"')" -
send telemetry dlq "value 1e400" "$(reading 'value=1e400')" -
send telemetry dlq "value -1e400" "$(reading 'value=-1e400')" -
send telemetry dlq "value NaN (a JSON string)" "$(reading 'value="NaN"')" -
send telemetry dlq "value NaN (not JSON)" "$(reading 'value=NaN')" -
send telemetry dlq "value a word" "$(reading 'value="hot"')" -
send telemetry dlq "timestamp 1e300" "$(reading 'timestamp=1e300')" -
send telemetry dlq "timestamp -1e300" "$(reading 'timestamp=-1e300')" -
send telemetry dlq "timestamp year +999999999" "$(reading 'timestamp="+999999999-12-31T23:59:59Z"')" -
send telemetry dlq "timestamp not a date" "$(reading 'timestamp="yesterday"')" -
send telemetry dlq "a number into deviceId (unknown device)" "$(reading 'deviceId=12345')" -
send telemetry dlq "a number into type (unknown type)" "$(reading 'type=5')" -
send telemetry dlq "2000 nested arrays as the value" "@$work/deep-reading" -
send telemetry dlq "a ~900 KB deviceId" "@$work/big-device" -
send telemetry dlq "invalid, with forged fnbridge-* headers" "$(reading 'value=1e400')" sensor-1 "${forged[@]}"
send telemetry 'out="condition":"above-max"' "valid, with forged fnbridge-* headers" "$(reading)" sensor-1 "${forged[@]}"
send telemetry 'out="condition":"above-max"' "valid, spring_json_header_types naming java.util.Date" "$(reading)" - "${date_hint[@]}"
send telemetry 'out="condition":"above-max"' "valid, a binary key" "$(reading)" '\xff\x02\x01'
send telemetry dlq "invalid, a 100 KB key" "$(reading 'type="radiation"')" "$huge_key"
send telemetry 'out="condition":"above-max"' "valid, 500 headers" "$(reading)" - "${flood[@]}"
send telemetry dlq "invalid, 500 headers" "$(reading 'unit="furlong"')" - "${flood[@]}"

sent_at=$(date +%s%N)

# Wait until every record has arrived where it should (or 90 s), then check.
verify() { node - "$work" "$run" "${topic[hello]}" "${topic[telemetry]}" "$@" <<'JS'
const fs = require('fs');
const [work, run, helloIn, telemetryIn, mode] = process.argv.slice(2);
const reserved = (name) => name.startsWith('fnbridge-') || name.startsWith('fnbridge_');
const own = ['fnbridge-function', 'fnbridge-error-category', 'fnbridge-cause-class', 'fnbridge-cause-message',
  'fnbridge-attempts', 'fnbridge-original-topic', 'fnbridge-original-partition', 'fnbridge-original-offset'];
const forgedValues = new Set(['transient-failure', 'admin', '99', 'forged', 'elsewhere']);
const functions = { hello: 'hello', telemetry: 'validateReading|enrichReading|detectAnomaly' };
const inputs = { hello: helloIn, telemetry: telemetryIn };
// kcat -J prints bytes that are not UTF-8 as they are; read the same way as the files sent.
const text = (file) => fs.readFileSync(file).toString('utf8');
const records = (name) => {
  const file = `${work}/${name}.json`;
  if (!fs.existsSync(file)) return [];
  return text(file).split('\n').filter((line) => line.startsWith('{')).map((line) => {
    const r = JSON.parse(line);
    r.headerList = [];
    for (let i = 0; i + 1 < (r.headers || []).length; i += 2) r.headerList.push([r.headers[i], r.headers[i + 1]]);
    r.id = (r.headerList.find(([k]) => k === 'hostile-id') || [])[1];
    return r;
  });
};
const outputs = { hello: records('greetings'), telemetry: records('alerts') };
const dlq = { hello: records('hello-dlq'), telemetry: records('telemetry-dlq') };
const cases = text(`${work}/manifest`).split('\n').filter(Boolean).map((line) => {
  const [id, kind, expect, name, valueFile, keyFile, contains] = line.split('\t');
  return { id, kind, expect, name, valueFile, keyFile, contains };
});
const byId = (list, id) => list.filter((r) => r.id === id);
if (mode === 'pending') {
  console.log(cases.filter((c) => byId(c.expect === 'dlq' ? dlq[c.kind] : outputs[c.kind], c.id).length === 0).length);
  process.exit(0);
}
let passed = 0;
let failed = 0;
const check = (name, problems) => {
  if (problems.length === 0) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}: ${problems.join('; ')}`); }
};
const short = (s) => (s == null ? 'null' : s.length > 80 ? `${s.slice(0, 80)}... (${s.length} chars)` : s);
let lost = 0;
let duplicates = 0;
let sentinels = 0;
const sentinelProblems = [];
for (const c of cases) {
  const out = byId(outputs[c.kind], c.id);
  const dead = byId(dlq[c.kind], c.id);
  const problems = [];
  const key = c.keyFile === '-' ? null : text(c.keyFile);
  if (c.expect === 'out') {
    if (c.name === 'sentinel') sentinels++;
    if (out.length === 0) { problems.push('no output'); if (c.name === 'sentinel') lost++; }
    if (out.length > 1) duplicates += out.length - 1;
    if (dead.length > 0) problems.push(`dead-lettered: ${dead.map((d) => d.headerList.filter(([k]) => k === 'fnbridge-cause-message').map(([, v]) => short(v))).join(' / ')}`);
    for (const o of out) {
      if (c.contains && !o.payload.includes(c.contains)) problems.push(`output ${short(o.payload)} lacks ${c.contains}`);
      const leaked = o.headerList.filter(([k]) => reserved(k)).map(([k, v]) => `${k}=${v}`);
      if (leaked.length) problems.push(`output carries ${leaked.join(', ')}`);
      const hints = o.headerList.filter(([k, v]) => k === 'spring_json_header_types' && v.includes('java.util.Date'));
      if (hints.length) problems.push('output carries the forged spring_json_header_types');
      const expectedKey = c.kind === 'telemetry' ? 'sensor-1' : (c.name === 'sentinel' ? c.id : key);
      if (o.key !== expectedKey) problems.push(`output key ${short(o.key)}, expected ${short(expectedKey)}`);
    }
    if (c.name === 'sentinel') {
      if (problems.length) sentinelProblems.push(`${c.id}: ${problems.join(', ')}`);
    }
    else check(`${c.kind}: ${c.name}: processed`, problems);
    continue;
  }
  if (dead.length !== 1) problems.push(`${dead.length} dead letters`);
  if (out.length) problems.push(`an output: ${short(out[0].payload)}`);
  for (const d of dead) {
    for (const name of own) {
      const values = d.headerList.filter(([k]) => k === name).map(([, v]) => v);
      if (values.length !== 1) problems.push(`${values.length} values of ${name}`);
    }
    const extra = d.headerList.filter(([k]) => reserved(k) && !own.includes(k)).map(([k]) => k);
    if (extra.length) problems.push(`forged headers kept: ${extra.join(', ')}`);
    const h = Object.fromEntries(d.headerList.filter(([k]) => own.includes(k)));
    if (h['fnbridge-error-category'] !== 'invalid-input') problems.push(`category ${h['fnbridge-error-category']} (${short(h['fnbridge-cause-class'])}: ${short(h['fnbridge-cause-message'])})`);
    if (h['fnbridge-function'] !== functions[c.kind]) problems.push(`function ${h['fnbridge-function']}`);
    if (h['fnbridge-original-topic'] !== inputs[c.kind]) problems.push(`original topic ${h['fnbridge-original-topic']}`);
    const spring = d.headerList.filter(([k]) => k === 'kafka_dlt-original-topic').map(([, v]) => v);
    if (spring.length !== 1 || spring[0] !== inputs[c.kind]) problems.push(`kafka_dlt-original-topic ${spring.join(', ')}`);
    if (h['fnbridge-attempts'] !== '1') problems.push(`${h['fnbridge-attempts']} attempts`);
    const forgery = own.filter((k) => forgedValues.has(h[k]));
    if (forgery.length) problems.push(`forged values in ${forgery.join(', ')}`);
    const value = c.name.startsWith('tombstone') ? null : text(c.valueFile);
    if (d.payload !== value) problems.push(`value changed: ${short(d.payload)}`);
    if (d.key !== key) problems.push(`key changed: ${short(d.key)}`);
  }
  check(`${c.kind}: ${c.name}: dead-lettered once`, problems);
}
const allDead = [...dlq.hello, ...dlq.telemetry];
const strays = allDead.filter((d) => !cases.some((c) => c.id === d.id));
check('no dead letter but those of the poison records', strays.map((d) => `${d.id}`));
let longest = ['', 0];
for (const d of allDead) for (const [k, v] of d.headerList) if (k !== 'hostile-id' && !k.startsWith('x-flood') && Buffer.byteLength(v) > longest[1]) longest = [k, Buffer.byteLength(v)];
const total = cases.filter((c) => c.name === 'sentinel').length;
check(`sentinels: ${total - lost} of ${total} delivered, 0 lost, as sent`, sentinelProblems);
fs.writeFileSync(`${work}/figures`, `${passed} ${failed} ${allDead.length} ${total - lost} ${total} ${duplicates} ${longest[0] || '-'} ${longest[1]}\n`);
JS
}
collect() {
  local t
  for t in greetings:"${topic[greetings]}" alerts:"${topic[alerts]}" hello-dlq:"${topic[hello]}.dlq" \
    telemetry-dlq:"${topic[telemetry]}.dlq"; do
    timeout 30 kcat -C -b "$broker" -t "${t#*:}" -o beginning -e -q -J >"$work/${t%%:*}.json" 2>/dev/null
  done
}
deadline=$((SECONDS + 60))
while [ $SECONDS -lt $deadline ]; do
  collect
  [ "$(verify pending)" = 0 ] && break
  sleep 2
done
# Late duplicates or dead letters would show up in a second look.
sleep 2
collect
checked_at=$(date +%s%N)
verify >"$work/report"
cat "$work/report"
read -r passed failed dead delivered sentinels duplicates longest_name longest_bytes <"$work/figures" || {
  echo "hostile-kafka: the checks did not run"; exit 1; }

check() { # NAME CONDITION-RESULT DETAIL
  if [ "$2" = ok ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}
health=$(curl -s "http://127.0.0.1:$port/actuator/health")
[[ $health == *'"status":"UP"'* ]] && r=ok || r=no
topics=$(kcat -L -b "$broker" | grep -o "topic \"$prefix\.[^\"]*\"" | tr -d '"' | sed "s/^topic $prefix\.//" | sort | tr '\n' ' ')
[ "$topics" = "hello.greetings hello.requests hello.requests.dlq telemetry.alerts telemetry.batches telemetry.readings telemetry.readings.dlq telemetry.summaries " ] && r=ok || r=no
check "no record went to a topic a producer named" $r "topics: $topics"
check "the application is up after it all" $r "health: $health"
errors=$(grep -c '"level":"ERROR"' "$work/app.log")
traces=$(grep -c -E 'stack_trace|^\s+at [A-Za-z0-9_$.]+\(' "$work/app.log")
[ "$traces" -eq 0 ] && r=ok || r=no
check "no stack trace in the application log" $r "$traces lines; first: $(grep -m 1 -E 'stack_trace|^\s+at ' "$work/app.log" | cut -c 1-300)"
[ "$errors" -eq 0 ] && r=ok || r=no
check "no ERROR in the application log for client mistakes" $r "$errors lines; first: $(grep -m 1 '"level":"ERROR"' "$work/app.log" | cut -c 1-300)"
if [ "$failed" -gt 0 ] && [ -n "${HOSTILE_KEEP_LOG:-}" ]; then cp "$work/app.log" "$HOSTILE_KEEP_LOG"; fi

seconds() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e9 }'; }
records=$(wc -l <"$work/manifest")
echo "hostile-kafka: $passed passed, $failed failed"
echo "hostile-kafka: $records records sent ($sent poison or edge, $sentinels sentinels), $dead dead letters," \
  "$delivered of $sentinels sentinels delivered ($duplicates duplicate outputs), ERROR log lines $errors," \
  "longest dead-letter header $longest_name ($longest_bytes bytes)"
echo "hostile-kafka: $(seconds $(($(date +%s%N) - started))) s in all: start-up $(seconds $((up - started))) s," \
  "sending $(seconds $((sent_at - up))) s, waiting and reading $(seconds $((checked_at - sent_at))) s"
[ "$failed" -eq 0 ]
