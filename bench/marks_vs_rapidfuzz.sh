#!/usr/bin/env bash
# Mark search: Custos's MarkIndex against rapidfuzz's process.extract (WRatio) on the same register and queries.
#
#   bench/marks_vs_rapidfuzz.sh [N...]        (default: 100000 1000000)
#
# Environment: CUSTOS_BIN (use this custos binary instead of building one), BENCH_CPU (core to pin to, 0),
# RAPIDFUZZ_MAX_QUERIES (queries rapidfuzz times; default all for N <= 200000, else 100 spread over every category).
# Writes bench/out/marks_vs_rapidfuzz.md and the raw JSON next to it; see bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)

venv="$bench_dir/.venv"
python="$venv/bin/python"
queries="$repo_root/Sources/CustosSamples/Resources/evaluation.jsonl"

ensure_venv() {
    if [ ! -x "$python" ]; then
        if ! python3 -m venv "$venv" >&2; then
            rm -rf "$venv"
            apt_install python3-venv
            python3 -m venv "$venv" >&2
        fi
    fi
    "$python" -c 'import rapidfuzz' 2>/dev/null || "$python" -m pip install -q rapidfuzz >&2
}

command -v python3 >/dev/null 2>&1 || apt_install python3
ensure_taskset
ensure_venv
ensure_custos

rows=()
notes=()
for n in "${sizes[@]}"; do
    names="$out_dir/register-$n.tsv"
    log "== $n synthetic marks: custos dev bench-marks (CPU $bench_cpu)"
    taskset -c "$bench_cpu" "$custos" dev bench-marks --register "$n" --export-names "$names" --json \
        >"$out_dir/custos-marks-$n.json"
    limit=${RAPIDFUZZ_MAX_QUERIES:-}
    if [ -z "$limit" ] && [ "$n" -gt 200000 ]; then limit=100; fi
    log "== $n synthetic marks: rapidfuzz peer (CPU $bench_cpu${limit:+, $limit queries})"
    taskset -c "$bench_cpu" "$python" "$bench_dir/rapidfuzz_peer.py" --names "$names" --queries "$queries" \
        ${limit:+--max-queries "$limit"} >"$out_dir/rapidfuzz-marks-$n.json"
    row=$("$python" - "$out_dir/custos-marks-$n.json" "$out_dir/rapidfuzz-marks-$n.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
cl, rl = c["latency"], r["latency"]
print(" | ".join([
    f"{c['marks']:,}", f"{c['buildSeconds']:.1f}", f"{c['peakMemoryMB']:.0f}",
    f"{cl['p50']:.3f}", f"{cl['p99']:.3f}", f"{cl['mean']:.3f}",
    f"{c['recallAt10']:.3f} / {c['recallAt10Unthresholded']:.3f}",
    f"{rl['p50']:.1f}", f"{rl['p99']:.1f}", f"{rl['mean']:.1f}", f"{r['recallAt10']:.3f}",
    f"{r['queriesTimed']}/{r['queriesAvailable']} ({r['positives']} pos, {r['negatives']} neg)",
    f"{r['peakMemoryMB']:.0f}",
    f"{rl['mean'] / cl['mean']:.0f}x", f"{rl['p50'] / cl['p50']:.0f}x",
    f"{r['negativesTopAtOrAbove90']:.2f} / {r['negativesTopAtOrAbove80']:.2f}",
]))
EOF
    )
    rows+=("| $row |")
    note=$("$python" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["rapidfuzzVersion"], r["python"])' \
        "$out_dir/rapidfuzz-marks-$n.json")
    notes+=("$note")
done

read -r rapidfuzz_version python_version <<<"${notes[0]}"
{
    echo "# Mark search: Custos vs rapidfuzz"
    echo
    machine_description
    echo "- Peer: rapidfuzz $rapidfuzz_version on Python $python_version:" \
        "\`process.extract(default_process(query), names, scorer=fuzz.WRatio, limit=10)\`," \
        "register names passed through \`utils.default_process\` once up front (same matches as \`processor=utils.default_process\`)"
    echo "- Queries: the $(wc -l <"$queries" | tr -d ' ') labelled queries of evaluation.jsonl" \
        "(302 positives, 64 negatives); register = bundled portfolio (186 rights) + N synthetic marks, seed 1"
    echo
    echo "| marks | Custos build s | Custos peak RSS MB | Custos p50 ms | Custos p99 ms | Custos mean ms" \
        "| Custos recall@10 (≥0.75 / any) | rapidfuzz p50 ms | rapidfuzz p99 ms | rapidfuzz mean ms" \
        "| rapidfuzz recall@10 | rapidfuzz queries timed | rapidfuzz peak RSS MB | mean ratio (rapidfuzz/Custos)" \
        "| p50 ratio | negatives with top WRatio ≥90 / ≥80 |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Custos times each of the 366 queries 5 times after a warm-up pass (its nice classes included); recall@10 is" \
        "the share of positives whose expected right is among the 10 hits, at the 0.75 threshold and without one." \
        "rapidfuzz times each query once after 3 warm-up searches and ignores classes; its recall@10 is over the" \
        "positives among the queries it timed (when fewer than 366, every k-th query, so every category is covered)." \
        "rapidfuzz always returns 10 names, so a 'no match' rate does not exist for it: the last column gives the share" \
        "of the negative (unrelated-name) queries it timed whose best WRatio is at least 90 / 80, i.e. that would pass" \
        "a typical cut-off." \
        "Custos peak RSS includes building the index; rapidfuzz peak RSS includes the Python interpreter and the name list."
} >"$out_dir/marks_vs_rapidfuzz.md"

cat "$out_dir/marks_vs_rapidfuzz.md"
