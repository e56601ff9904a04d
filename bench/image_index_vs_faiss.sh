#!/usr/bin/env bash
# Image index: Custos's HammingIndex (multi-index hashing over PDQ hashes) against faiss-cpu's IndexBinaryFlat on
# the same hashes and queries, radius search within MAX_DISTANCE bits, with a check that both return the same ids.
#
#   bench/image_index_vs_faiss.sh [N...]        (default: 1000000 10000000; 10M takes about two minutes, 2.5 GB)
#
# Environment: CUSTOS_BIN and BENCH_CPU as for marks_vs_rapidfuzz.sh; QUERIES (1000), MAX_DISTANCE (31),
# FAISS_MAX_QUERIES (single-query faiss calls timed per mode; default all).
# Custos runs pinned to BENCH_CPU on one thread. The faiss peer is not pinned, so that its default-threads figures
# can use every core; its single-thread figures set faiss.omp_set_num_threads(1).
# Writes bench/out/image_index.md and the raw JSON and id lists next to it; see BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
queries=${QUERIES:-1000}
max_distance=${MAX_DISTANCE:-31}
requirements="$repo_root/scripts/peers/requirements.txt"

# The peers' venv from scripts/setup.sh when it has faiss, else bench/.venv with the same pinned versions.
ensure_python() {
    python="$repo_root/.venv-peers/bin/python"
    if [ -x "$python" ] && "$python" -c 'import faiss, numpy' 2>/dev/null; then return; fi
    local venv="$bench_dir/.venv"
    python="$venv/bin/python"
    if [ ! -x "$python" ]; then
        if ! python3 -m venv "$venv" >&2; then
            rm -rf "$venv"
            apt_install python3-venv
            python3 -m venv "$venv" >&2
        fi
    fi
    if ! "$python" -c 'import faiss, numpy' 2>/dev/null; then
        # shellcheck disable=SC2046
        "$python" -m pip install -q $(grep -E '^(faiss-cpu|numpy)==' "$requirements") >&2
    fi
}

command -v python3 >/dev/null 2>&1 || apt_install python3
ensure_taskset
ensure_python
ensure_custos

rows=()
checks=()
for n in "${sizes[@]}"; do
    hashes="$out_dir/image-index-$n.hashes"
    query_file="$out_dir/image-index-$n.queries"
    custos_ids="$out_dir/image-index-custos-$n.ids"
    faiss_ids="$out_dir/image-index-faiss-$n.ids"
    custos_json="$out_dir/image-index-custos-$n.json"
    faiss_json="$out_dir/image-index-faiss-$n.json"
    log "== $n hashes: custos dev bench-image-index (CPU $bench_cpu)"
    taskset -c "$bench_cpu" "$custos" dev bench-image-index --count "$n" --queries "$queries" \
        --max-distance "$max_distance" --write-hashes "$hashes" --write-queries "$query_file" \
        --write-results "$custos_ids" --json >"$custos_json"
    log "== $n hashes: faiss IndexBinaryFlat peer"
    "$python" "$bench_dir/faiss_peer.py" --hashes "$hashes" --queries "$query_file" --max-distance "$max_distance" \
        --results "$faiss_ids" ${FAISS_MAX_QUERIES:+--max-queries "$FAISS_MAX_QUERIES"} >"$faiss_json"
    rm -f "$hashes" "$query_file"
    row=$("$python" - "$custos_json" "$faiss_json" "$custos_ids" "$faiss_ids" 2>"$out_dir/image-index-check-$n.txt" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1])); f = json.load(open(sys.argv[2]))
ours = [set(map(int, line.split())) for line in open(sys.argv[3])]
theirs = [set(map(int, line.split())) for line in open(sys.argv[4])]
assert len(ours) == len(theirs), "different numbers of queries"
found = sum(len(a & b) for a, b in zip(ours, theirs))
expected = sum(len(b) for b in theirs)
extra = sum(len(a - b) for a, b in zip(ours, theirs))
same = sum(1 for a, b in zip(ours, theirs) if a == b)
cl, fs, ft = c["latency"], f["singleThread"], f["defaultThreadsLatency"]
recall = found / expected if expected else 1.0
print(" | ".join([
    f"{c['count']:,}", f"{c['buildSeconds']:.2f}", f"{c['bytesPerHash']:.1f}", f"{c['peakMemoryMB']:,.0f}",
    f"{cl['p50']:.4f}", f"{cl['p99']:.4f}", f"{cl['mean']:.4f}", f"{c['scanLatency']['mean']:.2f}",
    f"{fs['p50']:.2f}", f"{fs['p99']:.2f}", f"{fs['mean']:.2f}",
    f"{ft['mean']:.2f} ({f['defaultThreads']})",
    f"{f['batchSingleThreadMsPerQuery']:.2f} / {f['batchDefaultThreadsMsPerQuery']:.2f}",
    f"{f['bytesPerHash']:.0f}", f"{f['peakMemoryMB']:,.0f}",
    f"{same}/{len(theirs)} ({recall:.3f}, {extra} extra)",
    f"**{fs['mean'] / cl['mean']:,.0f}×** / {fs['p50'] / cl['p50']:,.0f}×",
    f"{f['batchDefaultThreadsMsPerQuery'] / cl['mean']:,.0f}×",
]))
print(f"{c['totalMatches']} {c['queriesWithMatches']} {c['plantedFound']} {c['planted']} {c['scanAgrees']} "
      f"{f['modesAgree']} {f['faissVersion']} {f['python']} {f['queriesTimed']} {same == len(theirs) and extra == 0}",
      file=sys.stderr)
EOF
    )
    rows+=("| $row |")
    read -r matches matched planted_found planted scan_agrees modes_agree faiss_version python_version timed all_same \
        <"$out_dir/image-index-check-$n.txt"
    checks+=("- $n hashes: $matches matches over $matched of $queries queries; $planted_found of $planted planted\
 near-duplicates found; Custos index = Custos linear scan: $scan_agrees; faiss modes agree: $modes_agree;\
 faiss timed $timed single-query calls per mode; Custos ids = faiss ids for every query: $all_same")
    rm -f "$out_dir/image-index-check-$n.txt"
    # The id lists are kept only when they differ, to look into.
    if [ "$all_same" = True ]; then
        rm -f "$custos_ids" "$faiss_ids"
    else
        log "WARNING: $n hashes: Custos and faiss returned different ids (see $custos_ids, $faiss_ids)"
    fi
done

{
    echo "# Image index: Custos HammingIndex vs faiss-cpu IndexBinaryFlat"
    echo
    machine_description
    echo "- Peer: faiss-cpu $faiss_version on Python $python_version, \`IndexBinaryFlat(256)\`," \
        "\`range_search(query, $((max_distance + 1)))\` (faiss keeps distances < radius, i.e. ≤ $max_distance); not pinned"
    echo "- Data: \`custos dev bench-image-index --count N --queries $queries --max-distance $max_distance\` (seed 1):" \
        "90 % random hashes, 10 % near-duplicates of earlier ones (1–40 bits); queries alternate planted" \
        "near-duplicates (0–31 bits from an indexed hash) and random hashes"
    echo
    echo "| hashes | Custos build s | Custos bytes/hash | Custos peak RSS MB | Custos p50 ms | Custos p99 ms" \
        "| Custos mean ms | Custos linear scan mean ms | faiss 1-thread p50 ms | faiss 1-thread p99 ms" \
        "| faiss 1-thread mean ms | faiss default-threads mean ms (threads) | faiss batch ms/query (1 thread / default)" \
        "| faiss bytes/hash | faiss peak RSS MB | same ids (recall vs faiss, extra) | speed-up vs faiss 1-thread (mean / p50)" \
        "| speed-up vs faiss batch, default threads |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
    printf '%s\n' "${checks[@]}"
    echo
    echo "Custos times every query 5 times after a warm-up pass, one search per timing, on one thread; its" \
        "linear scan (\`Strategy.linearScan\`, the same index's hashes checked one by one) is timed on the first 100" \
        "queries. faiss times each query once per mode after 3 warm-up calls; its batch figures are one" \
        "\`range_search\` over all queries divided by their number. Bytes per hash: Custos's index holds the hashes" \
        "(32 bytes), 16 lists of 4-byte ids (64 bytes) and 4 MiB of list offsets; faiss's flat index holds the" \
        "32-byte codes only. Peak RSS includes generating (Custos) or loading (faiss) the hashes."
} >"$out_dir/image_index.md"

cat "$out_dir/image_index.md"
