#!/usr/bin/env bash
# Listing screening throughput: `custos dev bench-screening` on one core.
#
#   bench/screening.sh [REGISTER [LISTINGS]]     (default: 100000 50000)
#
# Environment: CUSTOS_BIN, BENCH_CPU as for marks_vs_rapidfuzz.sh. Writes bench/out/screening.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

register=${1:-100000}
listings=${2:-50000}

command -v python3 >/dev/null 2>&1 || apt_install python3
ensure_taskset
ensure_custos

json="$out_dir/custos-screening-$register-$listings.json"
log "== screening $listings listings against the portfolio + $register synthetic marks (CPU $bench_cpu)"
taskset -c "$bench_cpu" "$custos" dev bench-screening --register "$register" --listings "$listings" --json >"$json"
row=$(python3 - "$json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"| {r['marks']:,} | {r['listings']:,} | {r['seconds']:.2f} | {r['listingsPerSecond']:,.0f} | {r['clues']:,} |")
EOF
)
{
    echo "# Listing screening throughput"
    echo
    machine_description
    echo
    echo "| marks | listings | seconds | listings/s (one core) | clues raised |"
    echo "|---:|---:|---:|---:|---:|"
    echo "$row"
    echo
    echo "Marks are the enforceable (registered) rights among the bundled portfolio and $register synthetic marks." \
        "Listings come from the deterministic generator (seed 1) mentioning the bundled portfolio's marks;" \
        "the time covers \`ListingScreener.assess\` only, not building the index or generating the listings."
} >"$out_dir/screening.md"

cat "$out_dir/screening.md"
