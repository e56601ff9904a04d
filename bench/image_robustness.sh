#!/usr/bin/env bash
# Image matching robustness: recall at distance <= 31 per transform (plain and best of 8 orientations, with and
# without border trimming) on the natural PDQ fixture photos, and false matches against unrelated images.
#
#   bench/image_robustness.sh [UNRELATED]        (default: 100000 unrelated images)
#
# Every hash comes from `custos image hash --json --dihedral` (and `--reference`); bench/image_robustness.py makes
# the transformed copies and the unrelated images with Pillow and numpy and counts distances.
# Environment: CUSTOS_BIN (use this custos binary instead of building one).
# Needs the peers venv (scripts/setup.sh installs pillow and numpy into .venv-peers).
# Writes bench/out/image_robustness.csv (one row per original and transform), image_robustness.json (false-match
# figures) and image_robustness.md (the table for BENCHMARKS.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

unrelated=${1:-100000}
python="$repo_root/.venv-peers/bin/python"
"$python" -c 'import PIL, numpy' 2>/dev/null || {
    log "the peers venv lacks pillow or numpy: run scripts/setup.sh"
    exit 1
}
ensure_custos

started=$(date +%s)
"$python" "$bench_dir/image_robustness.py" --custos "$custos" --fixtures "$repo_root/Tests/CustosImageTests/Fixtures/pdq" \
    --out "$out_dir" --unrelated "$unrelated" >"$out_dir/image_robustness.table.md"
{
    echo "# Image matching robustness"
    echo
    machine_description | grep -v 'pinned to CPU'
    echo "- Run time: $(($(date +%s) - started)) s (making images included)"
    echo
    cat "$out_dir/image_robustness.table.md"
} >"$out_dir/image_robustness.md.tmp"
mv "$out_dir/image_robustness.md.tmp" "$out_dir/image_robustness.md"
rm -f "$out_dir/image_robustness.table.md"
cat "$out_dir/image_robustness.md"
