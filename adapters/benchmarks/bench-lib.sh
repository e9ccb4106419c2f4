# Shared by the HTTP benchmark scripts (sourced, not run).
# Needs: $connections, $seconds.

# run URL [wrk-script] -> "requests/s p99-ms"; fails on any non-2xx answer.
run() {
  local out rps p99 errors
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency ${2:+-s "$2"} "$1")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  [ -z "$errors" ] || { echo "bench: $errors non-2xx responses from $1" >&2; exit 1; }
  echo "$rps $p99"
}

# post_script DIR -> writes DIR/post.lua, a wrk script POSTing {"name":"Ada"} as JSON.
post_script() {
  cat >"$1/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"Ada"}'
wrk.headers["Content-Type"] = "application/json"
LUA
}

# wait_up BASE-URL: waits until the application's health endpoint answers.
wait_up() {
  for _ in $(seq 1 120); do curl -sf "$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "bench: $1 did not come up" >&2; exit 1
}

# median FILE: the median of the numbers in FILE, one per line.
median() {
  sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
