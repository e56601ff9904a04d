#!/usr/bin/env bash
# Evidence ledger: durable deposits/s (group commit), ingest vs raw SHA-256 of the same bytes, inclusion proofs at
# 10M leaves, bundle export and verification, and the exhaustive proof tamper sweep. Uses both cores (group
# commit and pipelined ingest run on threads), so nothing is pinned.
#
#   bench/evidence.sh [PROOF_LEAVES]     (default: 10000000)
#
# Environment: CUSTOS_BIN as for marks_vs_rapidfuzz.sh; BENCH_SCRATCH (default: bench/.scratch, needs ~3 GB).
# Writes bench/out/evidence.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

leaves=${1:-10000000}
scratch=${BENCH_SCRATCH:-$bench_dir/.scratch}
command -v python3 >/dev/null 2>&1 || apt_install python3
ensure_custos

json="$out_dir/custos-evidence.json"
log "== evidence ledger (proof log of $leaves leaves; scratch $scratch)"
"$custos" dev bench-evidence --proof-leaves "$leaves" --scratch "$scratch" --json >"$json"
log "== exhaustive proof tamper sweep (every bit of every proof up to 128 leaves)"
sweep="$out_dir/custos-sweep-proofs.json"
"$custos" dev sweep-proofs --max 128 --json >"$sweep"
machine=$(machine_description | sed 's/; pinned to CPU .* with taskset/; not pinned (both cores)/')
python3 - "$json" "$sweep" "$machine" >"$out_dir/evidence.md" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
print("# Evidence ledger\n")
print(sys.argv[3] + "\n")
print("| measure | value | goal |")
print("|---|---:|---|")
print(f"| durable deposits, 1 KiB entries, 256 concurrent depositors | {r['entriesPerSecond']:,.0f}/s ({r['entryCommits']:,} group commits) | ≥ 20,000/s |")
print(f"| durable deposits, 1 KiB files (blob fsync + entry) | {r['filesPerSecond']:,.0f}/s | — |")
print(f"| ingest of a large file into the blob store | {r['ingestMiBPerSecond']:,.0f} MiB/s | — |")
print(f"| swift-crypto SHA-256 of the same bytes, same reads | {r['rawSHA256MiBPerSecond']:,.0f} MiB/s | — |")
print(f"| ingest ÷ raw SHA-256 | {r['ingestRatio']:.2f} | ≥ 0.8 |")
print(f"| inclusion proof at {r['proofLeaves']:,} leaves, p50 / p99 / mean | {r['proofMicrosecondsP50']:.1f} / {r['proofMicrosecondsP99']:.1f} / {r['proofMicrosecondsMean']:.1f} µs | ≤ 50 µs |")
print(f"| building that log ({r['proofLeaves']:,} appends in batches of 100,000) | {r['proofBuildSeconds']:.1f} s | — |")
print(f"| bundle of {r['bundleItems']:,} items ({r['bundleBytes']/1e6:.1f} MB): export / verify | {r['bundleExportSeconds']:.2f} s / {r['bundleVerifySeconds']:.2f} s | — |")
print(f"| tamper sweep: altered proofs checked, accepted | {int(s['checked']):,}, {s['accepted']} ({s['seconds']}) | 0 accepted |")
EOF
cat "$out_dir/evidence.md"
