#!/usr/bin/env bash
# Text near-duplicate detection: Custos's MinHash + MinHashLSH (`custos dev bench-copy-lsh`) against datasketch's
# MinHash + MinHashLSH on the same generated corpus with planted near-duplicates.
#
#   bench/copy_lsh.sh [DOCUMENTS]               (default 100000)
#
# Environment: CUSTOS_BIN and BENCH_CPU as for marks_vs_rapidfuzz.sh; THRESHOLD (0.5), PERMUTATIONS (128).
# Both run one after the other pinned to BENCH_CPU; both report wall-clock and CPU time, since on a shared machine
# the wall clock depends on the load. Then `custos copy near-duplicates --each` is timed end to end on the same
# corpus, one file per document (NEAR_DUPLICATES=0 skips it). Writes bench/out/copy_lsh.md and the raw JSON next
# to it; see BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

documents=${1:-100000}
threshold=${THRESHOLD:-0.5}
permutations=${PERMUTATIONS:-128}
scratch="$bench_dir/.scratch"
corpus="$scratch/copy-lsh-$documents.tsv"
planted="$scratch/copy-lsh-$documents.planted"

ensure_python() {
    python="$repo_root/.venv-peers/bin/python"
    if [ -x "$python" ] && "$python" -c 'import datasketch' 2>/dev/null; then return; fi
    local venv="$bench_dir/.venv"
    python="$venv/bin/python"
    [ -x "$python" ] || python3 -m venv "$venv" >&2 || { rm -rf "$venv"; apt_install python3-venv; python3 -m venv "$venv" >&2; }
    "$python" -c 'import datasketch' 2>/dev/null || "$python" -m pip install -q -r "$repo_root/scripts/peers/requirements.txt" >&2
}

command -v python3 >/dev/null 2>&1 || apt_install python3
ensure_taskset
ensure_python
ensure_custos
mkdir -p "$scratch"

if [ ! -f "$planted" ]; then
    log "== generating $documents documents into $corpus"
    python3 "$bench_dir/copy/make_text_corpus.py" "$corpus.tmp" "$planted.tmp" --documents "$documents"
    mv "$corpus.tmp" "$corpus" && mv "$planted.tmp" "$planted"
fi

custos_json="$out_dir/copy-lsh-custos-$documents.json"
peer_json="$out_dir/copy-lsh-datasketch-$documents.json"
log "== custos dev bench-copy-lsh (CPU $bench_cpu)"
taskset -c "$bench_cpu" "$custos" dev bench-copy-lsh --corpus "$corpus" --planted "$planted" \
    --permutations "$permutations" --threshold "$threshold" --json >"$custos_json"
# datasketch's stored figures are reused when they were measured on the same corpus with the same settings (SHA-256
# over corpus and planted pairs), unless DATASKETCH_RERUN=1: at 100,000 documents it needs minutes of CPU.
digest=$(cat "$corpus" "$planted" | sha256sum | cut -d' ' -f1)
stored=$(python3 -c 'import json,sys
try:
    d = json.load(open(sys.argv[1])); print(d.get("corpusSHA256"), d.get("perm"), d.get("threshold"))
except Exception:
    print("none")' "$peer_json" 2>/dev/null)
if [ "${DATASKETCH_RERUN:-0}" != 1 ] && [ "$stored" = "$digest $permutations $threshold" ]; then
    log "== datasketch figures reused from $peer_json (same corpus SHA-256 and settings)"
else
    log "== datasketch MinHash + MinHashLSH (CPU $bench_cpu)"
    taskset -c "$bench_cpu" "$python" "$bench_dir/copy/datasketch_lsh.py" "$corpus" "$planted" \
        --perm "$permutations" --threshold "$threshold" >"$peer_json.tmp"
    python3 - "$peer_json.tmp" "$digest" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
        >"$peer_json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
data.update(corpusSHA256=sys.argv[2], ranAt=sys.argv[3], loadAtEnd=sys.argv[4])
print(json.dumps(data))
PY
    rm -f "$peer_json.tmp"
fi

python3 - "$custos_json" "$peer_json" >"$out_dir/copy_lsh.table.md" <<'PY'
import json, sys
c, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("| tool | documents | wall s | CPU s | documents/s (wall) | documents/s (CPU) | candidate pairs | planted found | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, r in (("Custos", c), ("datasketch", d)):
    r = {k: int(v) if k in ("documents", "candidatePairs", "planted", "plantedFound") else v for k, v in r.items()}
    print(f"| {name} | {r['documents']:,} | {r['seconds']:.1f} | {r['cpuSeconds']:.1f} | {r['documents'] / r['seconds']:,.0f} |"
          f" {r['documents'] / r['cpuSeconds']:,.0f} | {r['candidatePairs']:,} | {r['plantedFound']:,} / {r['planted']:,} |"
          f" {r['peakMemoryMB']:,.0f} |")
print()
print(f"datasketch run {d.get('ranAt', 'in this run')}, load at its end {d.get('loadAtEnd', '?')}.")
print()
print(f"Speed-up Custos / datasketch: **{d['seconds'] / c['seconds']:,.1f}×** wall clock, "
      f"**{d['cpuSeconds'] / c['cpuSeconds']:,.1f}×** CPU time.")
PY

{
    echo "# Text near-duplicates: Custos MinHash-LSH vs datasketch"
    echo
    machine_description
    echo "- Peer: datasketch $("$python" -c 'import importlib.metadata as m; print(m.version("datasketch"))')" \
        "(\`MinHash(num_perm=$permutations)\` over word 3-shingles, \`update_batch\`;" \
        "\`MinHashLSH(threshold=$threshold, num_perm=$permutations)\`; query then insert per document)"
    echo "- Data: \`bench/copy/make_text_corpus.py\` (seed 5): $documents documents of 90–110 words, 2 % planted" \
        "near-duplicates of an earlier document (5 % of words replaced, 1–3 deleted and inserted)"
    echo
    cat "$out_dir/copy_lsh.table.md"
} >"$out_dir/copy_lsh.md"
rm -f "$out_dir/copy_lsh.table.md"

# ---------------------------------------------------------------------------------------------------------------------
# Extra measurement: `custos copy near-duplicates --each` end to end on the same corpus (NEAR_DUPLICATES=0 skips it).
# The corpus is written once as one file per document; the command is then timed as a user runs it: listing and
# reading 100,000 files, tokenizing, shingling (3 words, as above), signing, LSH, exact verification of every
# candidate and union-find clusters. datasketch's figures above start from a corpus already in memory and verify
# nothing, so this comparison is the harder one for Custos. Appends a section to bench/out/copy_lsh.md.
# ---------------------------------------------------------------------------------------------------------------------
if [ "${NEAR_DUPLICATES:-1}" = 1 ]; then
    files="$scratch/copy-lsh-$documents-files"
    if [ ! -f "$files.complete" ]; then
        log "== writing $documents documents as files into $files"
        rm -rf "$files" && mkdir -p "$files"
        python3 - "$corpus" "$files" <<'PY'
import os, sys
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        key, text = line.rstrip("\n").split("\t", 1)
        with open(os.path.join(sys.argv[2], key + ".txt"), "w", encoding="utf-8") as out:
            out.write(text + "\n")
PY
        touch "$files.complete"
    fi
    log "== custos copy near-duplicates --each (CPU $bench_cpu)"
    python3 - "$out_dir/copy-lsh-near-duplicates-$documents.json" "$planted" "$peer_json" \
        taskset -c "$bench_cpu" "$custos" copy near-duplicates --each "$files" --threshold "$threshold" \
        --shingle 3 --permutations "$permutations" --json >>"$out_dir/copy_lsh.md" <<'PY'
import json, os, resource, subprocess, sys, time
result_path, planted_path, peer_path, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.perf_counter()
output = subprocess.run(command, check=True, stdout=subprocess.PIPE).stdout
wall = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
report = json.loads(output)
key = lambda path: os.path.basename(path)[: -len(".txt")]
pairs = {frozenset((key(p["a"]), key(p["b"]))) for p in report["pairs"]}
planted = {frozenset(line.split()) for line in open(planted_path, encoding="utf-8") if line.strip()}
settings = report["settings"]
result = {
    "documents": settings["documents"], "seconds": wall, "cpuSeconds": cpu, "candidatePairs": settings["candidate_pairs"],
    "pairs": len(report["pairs"]), "clusters": len(report["clusters"]), "problems": len(report["problems"]),
    "planted": len(planted), "plantedFound": len(pairs & planted), "bands": settings["bands"], "rows": settings["rows"],
    "peakMemoryMB": after.ru_maxrss / 1024,
}
json.dump(result, open(result_path, "w"))
peer = json.load(open(peer_path))
r, d = result, peer
print()
print("## End to end: `custos copy near-duplicates --each` (one file per document)")
print()
print(f"Threshold {settings['threshold']}, 3-word shingles, {settings['permutations']} permutations, LSH {r['bands']} bands"
      f" × {r['rows']} rows (weighted against misses), every candidate verified on the exact shingle sets.")
print()
print("| run | documents | wall s | CPU s | documents/s (CPU) | pairs reported | planted found | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
print(f"| Custos `copy near-duplicates --each` (reads the files; verified pairs) | {r['documents']:,} | {r['seconds']:.1f} |"
      f" {r['cpuSeconds']:.1f} | {r['documents'] / r['cpuSeconds']:,.0f} | {r['pairs']:,} | {r['plantedFound']:,} / {r['planted']:,} |"
      f" {r['peakMemoryMB']:,.0f} |")
print(f"| datasketch (corpus in memory; unverified candidates) | {d['documents']:,} | {d['seconds']:.1f} | {d['cpuSeconds']:.1f} |"
      f" {d['documents'] / d['cpuSeconds']:,.0f} | {d['candidatePairs']:,} | {d['plantedFound']:,} / {d['planted']:,} |"
      f" {d['peakMemoryMB']:,.0f} |")
print()
speedup = (r["documents"] / r["cpuSeconds"]) / (d["documents"] / d["cpuSeconds"])
print(f"Speed-up end to end, Custos / datasketch: **{speedup:,.1f}×** documents per CPU second.")
PY
fi
cat "$out_dir/copy_lsh.md"
