#!/usr/bin/env bash
# All-pairs copy detection over a folder of N files: `custos copy compare --each DIR --json` against copydetect's
# CopyDetector on the same generated files (bench/copy/make_corpus.py perf, seed 11: transformed, partly cut
# variants of the 28 programs of bench/copy/programs in five languages).
#
#   bench/copy_allpairs.sh                      (Custos at 1,000 and 10,000 files; copydetect at 1,000 and 2,000)
#
# Environment: CUSTOS_BIN and BENCH_CPU as for marks_vs_rapidfuzz.sh; SIZES (Custos, "1000 10000"),
# COPYDETECT_SIZES ("1000 2000"; copydetect compares every pair in Python, about 120 µs of CPU per pair here, so
# 10,000 files would take hours: its time at 10,000 is extrapolated from a fit c·n² + b·n through its measured
# sizes, and the table says so). copydetect's figures for a size are reused from bench/out when the stored run was
# made on byte-identical files (same SHA-256 over the corpus) unless COPYDETECT_RERUN=1; the table says which.
# Both tools run one after the other pinned to BENCH_CPU. On a shared machine wall-clock time depends on the load,
# so CPU time (user + system, from getrusage) is reported next to it and the speed-up is given for both.
# Writes bench/out/copy_allpairs.md and the raw JSON next to it; see BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

read -r -a sizes <<<"${SIZES:-1000 10000}"
read -r -a copydetect_sizes <<<"${COPYDETECT_SIZES:-1000 2000}"
scratch="$bench_dir/.scratch"
largest=0
for n in "${sizes[@]}" "${copydetect_sizes[@]}"; do [ "$n" -gt "$largest" ] && largest=$n; done

ensure_python() {
    python="$repo_root/.venv-peers/bin/python"
    if [ -x "$python" ] && "$python" -c 'import copydetect' 2>/dev/null; then return; fi
    local venv="$bench_dir/.venv"
    python="$venv/bin/python"
    [ -x "$python" ] || python3 -m venv "$venv" >&2 || { rm -rf "$venv"; apt_install python3-venv; python3 -m venv "$venv" >&2; }
    "$python" -c 'import copydetect' 2>/dev/null || "$python" -m pip install -q -r "$repo_root/scripts/peers/requirements.txt" >&2
}

command -v python3 >/dev/null 2>&1 || apt_install python3
ensure_taskset
ensure_python
ensure_custos

# One corpus of the largest size; a size n uses its first n files (the generator draws file by file, so the first
# n files of a bigger run are the files of a run of n).
all="$scratch/copy-allpairs-all-$largest"
if [ ! -f "$all.complete" ]; then
    log "== generating $largest files into $all"
    rm -rf "$all"
    python3 "$bench_dir/copy/make_corpus.py" perf "$all" "$largest"
    touch "$all.complete"
fi
corpus_for() {
    local n=$1 dir="$scratch/copy-allpairs-$1"
    if [ ! -f "$dir.complete" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        find "$all" -maxdepth 1 -name 'f*' | sort | head -n "$n" | xargs cp -t "$dir"
        touch "$dir.complete"
    fi
    echo "$dir"
}

# Runs a command pinned to the bench CPU and prints "wall_s cpu_s peak_rss_mb" on fd 3 (GNU time's format).
timed() {
    /usr/bin/time -f '%e %U %S %M' -o "$out_dir/.copy-time" taskset -c "$bench_cpu" "$@"
    read -r wall user sys rss <"$out_dir/.copy-time"
    rm -f "$out_dir/.copy-time"
    echo "$wall $(echo "$user + $sys" | bc) $((rss / 1024))" >&3
}
command -v /usr/bin/time >/dev/null 2>&1 || apt_install time
command -v bc >/dev/null 2>&1 || apt_install bc

for n in "${sizes[@]}"; do
    dir=$(corpus_for "$n")
    log "== $n files: custos copy compare --each (CPU $bench_cpu)"
    timed "$custos" copy compare --each "$dir" --json >"$out_dir/copy-allpairs-custos-$n.json" 3>"$out_dir/copy-allpairs-custos-$n.time"
    log "   $(cat "$out_dir/copy-allpairs-custos-$n.time") (wall s, CPU s, peak RSS MB)"
done

for n in "${copydetect_sizes[@]}"; do
    dir=$(corpus_for "$n")
    digest=$(python3 "$bench_dir/copy/corpus_digest.py" "$dir")
    stored="$out_dir/copy-allpairs-copydetect-$n.json"
    if [ "${COPYDETECT_RERUN:-0}" != 1 ] && [ -f "$stored" ] && \
        [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("corpusSHA256"))' "$stored")" = "$digest" ]; then
        log "== $n files: copydetect figures reused from $stored (same corpus SHA-256)"
        continue
    fi
    log "== $n files: copydetect CopyDetector (CPU $bench_cpu; this takes a while)"
    taskset -c "$bench_cpu" "$python" "$bench_dir/copy/copydetect_allpairs.py" "$dir" >"$stored.tmp"
    python3 - "$stored.tmp" "$digest" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$stored" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
data.update(corpusSHA256=sys.argv[2], ranAt=sys.argv[3], loadAtEnd=sys.argv[4])
print(json.dumps(data))
PY
    rm -f "$stored.tmp"
done

python3 - "$out_dir" "${sizes[*]}" "${copydetect_sizes[*]}" >"$out_dir/copy_allpairs.table.md" <<'PY'
import json, mmap, re, sys
out, sizes, cd_sizes = sys.argv[1], [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
custos, copydetect = {}, {}
for n in sizes:
    wall, cpu, rss = open(f"{out}/copy-allpairs-custos-{n}.time").read().split()
    # The report can be gigabytes at 10,000 files: scan it instead of parsing it. Keys are sorted, so a pair reads
    # {"a":…,"a_in_b":X,"b":…,"b_in_a":Y,"matches":…}; "problems" holds objects with "path" keys.
    with open(f"{out}/copy-allpairs-custos-{n}.json", "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pairs = flagged = 0
        for m in re.finditer(rb'"a_in_b":([-0-9.e]+),"b":"(?:[^"\\]|\\.)*","b_in_a":([-0-9.e]+),', data):
            pairs += 1
            flagged += max(float(m.group(1)), float(m.group(2))) >= 0.33
        at = data.rfind(b'"problems":')
        problems = data[at:].count(b'"path":') if at >= 0 else 0
    custos[n] = dict(wall=float(wall), cpu=float(cpu), rss=int(rss), pairs=pairs, flagged=flagged, problems=problems)
for n in cd_sizes:
    copydetect[n] = json.load(open(f"{out}/copy-allpairs-copydetect-{n}.json"))

def fit(key):
    """Least squares c·n² + b·n through the measured (n, seconds) points (exact through two points)."""
    pts = [(n, copydetect[n][key]) for n in cd_sizes]
    if len(pts) == 1:  # one measured size: a pure quadratic through it
        (n1, t1), = pts
        return lambda n: t1 * n * n / (n1 * n1)
    s4 = sum(n ** 4 for n, _ in pts); s3 = sum(n ** 3 for n, _ in pts); s2 = sum(n ** 2 for n, _ in pts)
    t2 = sum(n * n * t for n, t in pts); t1 = sum(n * t for n, t in pts)
    det = s4 * s2 - s3 * s3
    c = (t2 * s2 - s3 * t1) / det
    b = (s4 * t1 - s3 * t2) / det
    return lambda n: c * n * n + b * n

fit_wall, fit_cpu = fit("totalSeconds"), fit("totalCPUSeconds")
print("| files | pairs | Custos wall s | Custos CPU s | Custos peak RSS MB | Custos pairs reported (≥ 0.33 directional)"
      " | copydetect wall s | copydetect CPU s | copydetect peak RSS MB | copydetect pairs ≥ 0.33"
      " | speed-up wall | speed-up CPU |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sorted(set(sizes) | set(cd_sizes)):
    c = custos.get(n); d = copydetect.get(n)
    row = [f"{n:,}", f"{n * (n - 1) // 2:,}"]
    row += [f"{c['wall']:.1f}", f"{c['cpu']:.1f}", f"{c['rss']:,}", f"{c['pairs']:,} ({c['flagged']:,})"] if c else ["–"] * 4
    if d:
        row += [f"{d['totalSeconds']:.0f}", f"{d['totalCPUSeconds']:.0f}", f"{d['peakMemoryMB']:.0f}", f"{d['pairsAtDisplayThreshold']:,}"]
        wall_d, cpu_d, mark = d["totalSeconds"], d["totalCPUSeconds"], ""
    else:
        wall_d, cpu_d, mark = fit_wall(n), fit_cpu(n), "*"
        row += [f"*{wall_d:,.0f}* (extrapolated)", f"*{cpu_d:,.0f}* (extrapolated)", "–", "–"]
    row += [f"{mark}{wall_d / c['wall']:,.0f}×{mark}", f"{mark}{cpu_d / c['cpu']:,.0f}×{mark}"] if c else ["–", "–"]
    print("| " + " | ".join(row) + " |")
print()
for n in cd_sizes:
    d = copydetect[n]
    print(f"- copydetect at {n:,} files: fingerprinting {d['fingerprintSeconds']:.0f} s wall / {d['fingerprintCPUSeconds']:.0f} s CPU,"
          f" comparison loop {d['compareSeconds']:.0f} s wall / {d['compareCPUSeconds']:.0f} s CPU; run {d.get('ranAt', '?')},"
          f" load at its end {d.get('loadAtEnd', '?')}; corpus SHA-256 {d.get('corpusSHA256', '?')[:16]}…")
for n in sizes:
    print(f"- Custos at {n:,} files: {custos[n]['problems']} problems reported")
PY

{
    echo "# All-pairs copy detection: Custos vs copydetect"
    echo
    machine_description
    echo "- Peer: copydetect $("$python" -c 'import importlib.metadata as m; print(m.version("copydetect"))')" \
        "(\`CopyDetector(test_dirs=[DIR], ref_dirs=[DIR])\`, defaults, pure-Python winnowing as pip installs it)"
    echo "- Data: \`bench/copy/make_corpus.py perf DIR N\` (seed 11): N files drawn from the 28 programs of" \
        "bench/copy/programs, each transformed (one of the 8 transformations, own seed) with a random fifth to" \
        "third of its lines cut"
    echo
    cat "$out_dir/copy_allpairs.table.md"
    echo
    echo "Italic figures marked * are extrapolations of copydetect's measured times, not measurements."
} >"$out_dir/copy_allpairs.md"
rm -f "$out_dir/copy_allpairs.table.md"
cat "$out_dir/copy_allpairs.md"
