#!/usr/bin/env bash
# Quick start, second command (and CI): install what is missing, lint formatting, build with warnings as
# errors, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

echo "== swift format lint" >&2
swift format lint --strict --recursive Package.swift Sources Tests

echo "== build (warnings are errors)" >&2
swift build --build-tests -Xswiftc -warnings-as-errors

echo "== tests" >&2
swift test --skip-build --parallel
