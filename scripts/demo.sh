#!/usr/bin/env bash
# Quick start, first command: install what is missing, build in release mode, run `custos demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product custos
exec .build/release/custos demo "$@"
