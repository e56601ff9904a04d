#!/usr/bin/env bash
# Corpus search: "which registered works does this file copy from?" against a fingerprint index of N documents
# (`custos dev bench-copy-index`: synthetic documents of 60 winnowed fingerprint hashes each, 2 per document drawn
# from 1,000 boilerplate hashes; queries half planted copies of an indexed document, half random), one thread.
#
#   bench/copy_index.sh [N...]                  (default 1000000)
#
# Environment: CUSTOS_BIN and BENCH_CPU as for marks_vs_rapidfuzz.sh; QUERIES (1000).
# There is no peer: copydetect and SIM compare files pairwise and keep no index, and datasketch's MinHashLSH answers
# a different question (near-duplicates of a whole document); see copy_lsh.sh for that comparison.
# Writes bench/out/copy_index.md and the raw JSON next to it; see BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000)
queries=${QUERIES:-1000}

ensure_taskset
ensure_custos

rows=()
for n in "${sizes[@]}"; do
    json="$out_dir/copy-index-custos-$n.json"
    log "== $n documents: custos dev bench-copy-index (CPU $bench_cpu)"
    taskset -c "$bench_cpu" "$custos" dev bench-copy-index --documents "$n" --queries "$queries" --json >"$json"
    rows+=("$(python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); l = r["latency"]
print("| " + " | ".join([
    f"{r['documents']:,}", f"{r['fingerprints']}", f"{r['buildSeconds']:.2f}", f"{r['indexBytes'] / 2**20:,.0f}",
    f"{r['bytesPerPosting']:.1f}", f"{r['peakMemoryMB']:,.0f}", f"{l['searches']:,}", f"{l['p50']:.3f}",
    f"{l['p99']:.3f}", f"{l['mean']:.3f}", f"{l['max']:.3f}", f"{r['candidatesPerQuery']:.1f}",
    f"{r['plantedFound']} / {r['planted']}"]) + " |")
PY
)")
done

{
    echo "# Corpus search: Custos FingerprintIndex"
    echo
    machine_description
    echo "- Data: \`custos dev bench-copy-index --documents N --queries $queries\` (seed 1), one thread"
    echo
    echo "| documents | fingerprints each | build s | index MiB | bytes/posting | peak RSS MB | searches timed" \
        "| p50 ms | p99 ms | mean ms | max ms | candidates/query | planted sources found |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
} >"$out_dir/copy_index.md"
cat "$out_dir/copy_index.md"
