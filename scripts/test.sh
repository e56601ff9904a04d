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
# Request logs of the servers under test only at warning and above, so that a failure is not buried.
export LOG_LEVEL="${LOG_LEVEL:-warning}"
log=.build/test-output.log
set +e
swift test --skip-build --parallel 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    # The summary last, where a truncated CI log still shows it.
    echo "== failed tests (full output in $log)" >&2
    grep -E "✘|error:|Fatal error|Crash" "$log" | grep -v "^✘ Test run with" | head -200 >&2
    grep -E "^✘ Test run with" "$log" >&2
fi
exit "$status"
