#!/usr/bin/env bash
# Copy detection quality: Custos (`custos copy compare`) vs copydetect (PyPI) vs SIM (Debian similarity-tester) on
# the labelled set bench/copy/make_corpus.py generates (28 original programs in Java, C, Python, JavaScript and Go,
# 8 transformations each, independent solutions of the same task and other tasks as negatives).
#
#   bench/copy_eval.sh
#
# Environment: CUSTOS_BIN as for marks_vs_rapidfuzz.sh. Takes about two minutes (copydetect is the slow part).
# Writes bench/out/copy_eval.md (committed) and bench/out/copy_eval.json (every pair's scores); see BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

requirements="$repo_root/scripts/peers/requirements.txt"
corpus="$bench_dir/.scratch/copy-eval-corpus"

# The peers' venv from scripts/setup.sh when it has copydetect, else bench/.venv with the same pinned versions.
ensure_python() {
    python="$repo_root/.venv-peers/bin/python"
    if [ -x "$python" ] && "$python" -c 'import copydetect' 2>/dev/null; then return; fi
    local venv="$bench_dir/.venv"
    python="$venv/bin/python"
    if [ ! -x "$python" ]; then
        if ! python3 -m venv "$venv" >&2; then
            rm -rf "$venv"
            apt_install python3-venv
            python3 -m venv "$venv" >&2
        fi
    fi
    if ! "$python" -c 'import copydetect' 2>/dev/null; then
        "$python" -m pip install -q -r "$requirements" >&2
    fi
}

command -v python3 >/dev/null 2>&1 || apt_install python3
command -v sim_c >/dev/null 2>&1 || apt_install similarity-tester
ensure_python
ensure_custos

log "== generating the labelled set into $corpus"
rm -rf "$corpus"; mkdir -p "$corpus"
python3 "$bench_dir/copy/make_corpus.py" eval "$corpus"

log "== scoring every labelled pair with Custos, copydetect and SIM"
"$python" "$bench_dir/copy/evaluate.py" --corpus "$corpus" --custos "$custos" \
    --json "$out_dir/copy_eval.json" --markdown "$out_dir/copy_eval.table.md" >/dev/null

copydetect_version=$("$python" -c 'import importlib.metadata as m; print(m.version("copydetect"))')
sim_version=$(dpkg-query -W -f='${Version}' similarity-tester 2>/dev/null || echo unknown)
{
    echo "# Copy detection quality: Custos vs copydetect vs SIM"
    echo
    machine_description
    echo "- Peers: copydetect $copydetect_version (defaults: noise threshold 25, guarantee threshold 25;" \
        "pure-Python winnowing as pip installs it), SIM $sim_version (Debian similarity-tester;" \
        "\`sim_c\`/\`sim_java\` for C and Java, \`sim_text\` for Python, JavaScript and Go, which SIM has no front end for)"
    echo "- Data: \`bench/copy/make_corpus.py eval\` (seed 7): $(wc -l <"$corpus/labels.jsonl") labelled pairs"
    echo
    cat "$out_dir/copy_eval.table.md"
    echo
    echo "Custos scores a pair by its symmetric \`similarity\` (the \"max directional\" row uses max(a_in_b, b_in_a));" \
        "copydetect and SIM by the larger of their two directional percentages. Custos and SIM are not pinned" \
        "here: the figures are quality, not speed; the time column is wall clock for the whole set."
} >"$out_dir/copy_eval.md"
rm -f "$out_dir/copy_eval.table.md"
cat "$out_dir/copy_eval.md"
