#!/usr/bin/env bash
# The full versions of the reliability tests (docs/reliability.md): 100,000 fuzzed scan
# strings through each scan entry point, 25 SIGKILLs of a station scanning 1,000 codes and,
# on PostgreSQL (STUDIODESK_TEST_DB_URL), five kinds of station writing the same 24 orders at
# once. The normal test run holds their short versions. Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
export QT_QPA_PLATFORM=offscreen STUDIODESK_RELIABILITY=full
exec "$PYTHON" -m pytest -q tests/test_fuzz_scans.py tests/test_crash_safety.py tests/test_stations_four.py "$@"
