#!/usr/bin/env bash
# HTTP server: requests/s and latency of the mark-search API over a register of 100,000 marks, side by side in
# one run with the same server's minimal route (/healthz: the same middleware, no work), measured by wrk from
# Debian on loopback. Goal: search ≥ 50% of the minimal route's rate; search p99 ≤ 20 ms at 64 connections.
#
#   bench/server.sh [MARKS] [SECONDS] [ROUNDS]     (defaults: 100000 marks, 20 s per run, 5 rounds)
#
# At 64 connections the two routes are measured in ROUNDS alternating pairs (minimal, then search), and the ratio
# is taken per pair: a shared machine's speed drifts by ±20 % within a minute, so one pair can land on a slow
# or a fast stretch; the median of the pairs' ratios is the figure reported. 16 connections: one pair.
#
# Environment: CUSTOS_BIN as for marks_vs_rapidfuzz.sh; BENCH_SCRATCH (default: bench/.scratch);
# BENCH_PORT (default 18080). The server and wrk share the machine's cores (nothing is pinned), as they would
# on one host. Writes bench/out/server.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

marks=${1:-100000}
seconds=${2:-20}
rounds=${3:-5}
port=${BENCH_PORT:-18080}
scratch=${BENCH_SCRATCH:-$bench_dir/.scratch}/server
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl
ensure_custos

rm -rf "$scratch"
mkdir -p "$scratch"
data="$scratch/data"
log "== register of $marks marks"
"$custos" dev generate-register --count "$marks" -o "$scratch/register.csv"
"$custos" import rights "$scratch/register.csv" --data "$data" --json >/dev/null
CUSTOS_PASSWORD='bench password 1' "$custos" user add bench@custos.local --role owner --data "$data" \
    --password-cost 10 --json >/dev/null
token=$("$custos" token create bench@custos.local --data "$data" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')

log "== custos serve on 127.0.0.1:$port"
"$custos" serve --data "$data" --port "$port" --set log_level=error 2>"$scratch/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
base="http://127.0.0.1:$port"
log "== warming the mark index (first search builds it)"
start=$(date +%s.%N)
curl -fs -H "Authorization: Bearer $token" "$base/api/v1/marks/search?q=warmup" >/dev/null
index_seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")

# Queries rotate over misspellings, homoglyphs, pinyin and Chinese, one per request. Both routes go through a
# script whose request() hands wrk a request formatted once in advance, so the client does the same work per
# request on either route and the ratio compares the server's routes, not the client's string building.
cat >"$scratch/search.lua" <<LUA
local queries = {"NAIKE", "N1KE", "ADIBAS", "SAMSING", "康帅傅", "kangshuaifu", "PUMMA", "G00GLE", "APPLEE",
    "HUAWEl", "LENOVA", "SONNY", "NIKEE", "ADDIDAS", "XIAOMl", "CHANNEL"}
local prepared = {}
for i, q in ipairs(queries) do
    local escaped = q:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
    prepared[i] = wrk.format("GET", "/api/v1/marks/search?q=" .. escaped .. "&class=25&top=10",
        {["Authorization"] = "Bearer $token"})
end
local n = 0
request = function()
    n = n + 1
    return prepared[(n % #prepared) + 1]
end
LUA
cat >"$scratch/hello.lua" <<'LUA'
local prepared = wrk.format("GET", "/healthz")
request = function() return prepared end
LUA

run_wrk() { # name, connections[-round], extra args...
    local name=$1 run=$2
    shift 2
    log "== wrk $name, ${run%%-*} connections (run $run), ${seconds}s"
    wrk -t2 -c"${run%%-*}" -d"${seconds}s" --latency "$@" >"$scratch/wrk-$name-$run.txt"
}
for round in $(seq 1 "$rounds"); do
    run_wrk hello "64-$round" -s "$scratch/hello.lua" "$base/"
    run_wrk search "64-$round" -s "$scratch/search.lua" "$base/"
done
run_wrk hello 16 -s "$scratch/hello.lua" "$base/"
run_wrk search 16 -s "$scratch/search.lua" "$base/"
errors=$(grep -c '"level":"error"' "$scratch/server.log" || true)

machine=$(machine_description | sed 's/; pinned to CPU .* with taskset/; not pinned (server and wrk share the cores)/')
python3 - "$scratch" "$marks" "$seconds" "$index_seconds" "$errors" "$machine" "$rounds" >"$out_dir/server.md" <<'PY'
import re, statistics, sys
scratch, marks, seconds, index_seconds, errors, machine, rounds = sys.argv[1:]
rounds = int(rounds)

def parse(path):
    text = open(path).read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def ms(label):
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", text)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(r"Socket errors:.*", text)
    return {"rate": rate, "p50": ms("50%"), "p99": ms("99%"), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket": socket.group(0) if socket else ""}

print("# HTTP server: mark search vs the minimal route\n")
print(machine + "\n")
print(f"Register: {int(marks):,} synthetic marks (`custos dev generate-register`); first search built the index "
      f"in {index_seconds} s. wrk from Debian, 2 threads, {seconds} s per run, loopback; search requests carry a "
      "bearer token (its principal is read from the store, then reused for up to a second) and rotate over 16 queries with class 25, top 10; both routes are requested through a wrk script that hands out requests formatted in advance.\n")
print("| connections | run | route | requests/s | p50 | p99 | non-2xx | search ÷ minimal |")
print("|---:|---:|---|---:|---:|---:|---:|---:|")
ratios, p99s = [], []
runs = [("64", f"64-{round}", str(round)) for round in range(1, rounds + 1)] + [("16", "16", "1")]
for connections, run, number in runs:
    hello = parse(f"{scratch}/wrk-hello-{run}.txt")
    search = parse(f"{scratch}/wrk-search-{run}.txt")
    ratio = search["rate"] / hello["rate"]
    if connections == "64":
        ratios.append(ratio)
        p99s.append(search["p99"])
    for label, r, shown in (("`GET /healthz` (minimal)", hello, ""), ("`GET /api/v1/marks/search`", search, f"{ratio:.2f}")):
        print(f"| {connections} | {number} | {label} | {r['rate']:,.0f} | {r['p50']:.2f} ms | {r['p99']:.2f} ms "
              f"| {r['non2xx']} | {shown} |")
ratio = statistics.median(ratios)
p99 = max(p99s)
print()
print(f"- search ÷ minimal route at 64 connections, median of {rounds} alternating pairs: **{ratio:.2f}** "
      f"(pairs: {', '.join(f'{r:.2f}' for r in ratios)}; goal ≥ 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")
print(f"- search p99 at 64 connections, worst of the {rounds} runs: **{p99:.2f} ms** "
      f"(goal ≤ 20 ms: {'met' if p99 <= 20 else 'NOT met'})")
print(f"- server errors logged during the runs: {errors}")
PY
cat "$out_dir/server.md"
