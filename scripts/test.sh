#!/usr/bin/env bash
# Sets up everything the tests need (system libraries, .venv with the test extra, and a
# local PostgreSQL server when run as root) and runs the whole suite on SQLite, then
# again on PostgreSQL. Extra arguments go to pytest.
set -euo pipefail
STUDIODESK_EXTRAS=test
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
# Tools the tests read printed paper with (zbar decodes barcodes, poppler reads PDFs), and a
# real X server with synthetic key presses for the one test of the real window, and headless
# LibreOffice to recalculate the month-end workbooks (openpyxl cannot evaluate formulas), and
# Chromium with its driver for the phone pages' browser test (fonts-noto-cjk: Chinese in it), and
# desktop-file-validate for the Linux desktop entry.
apt_install libzbar0 poppler-utils xvfb xauth xdotool libreoffice-calc-nogui chromium chromium-driver fonts-noto-cjk \
  desktop-file-utils
export QT_QPA_PLATFORM=offscreen

start_postgres() {  # sets STUDIODESK_TEST_DB_URL to a fresh local database, when possible
  [ -n "${STUDIODESK_TEST_DB_URL:-}" ] && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  apt_install postgresql
  local ver
  ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
  [ -n "$ver" ] || return 1
  pg_ctlcluster "$ver" main status >/dev/null 2>&1 || pg_ctlcluster "$ver" main start
  for _ in $(seq 30); do runuser -u postgres -- pg_isready -q && break; sleep 1; done
  runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "SELECT 1 FROM pg_roles WHERE rolname='studiodesk'" | grep -q 1 \
    || runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qc "CREATE ROLE studiodesk LOGIN PASSWORD 'studiodesk'"
  # A database of this run's own, dropped at the end: two runs on one machine never meet.
  PG_TEST_DB="studiodesk_test_$$"
  runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $PG_TEST_DB OWNER studiodesk"
  trap 'runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $PG_TEST_DB" >/dev/null 2>&1 || true' EXIT
  export STUDIODESK_TEST_DB_URL="postgresql+psycopg://studiodesk:studiodesk@127.0.0.1:5432/$PG_TEST_DB"
}

echo "==> ruff (unused and undefined names)"
"$VENV/bin/ruff" check app tests benchmarks scripts migrations
echo "==> mypy (all of app)"
"$VENV/bin/mypy" app

# Branch coverage of app/services and app/devices over both runs together (some branches are
# PostgreSQL's or SQLite's only); a whole run (no arguments) fails below pyproject's fail_under.
COVERAGE=(--cov --cov-report= --cov-fail-under=0)
rm -f .coverage

echo "==> tests on SQLite"
(unset STUDIODESK_TEST_DB_URL; "$VENV/bin/python" -m pytest "${COVERAGE[@]}" "$@")

if start_postgres; then
  echo "==> tests on PostgreSQL"
  "$VENV/bin/python" -m pytest "${COVERAGE[@]}" --cov-append "$@"
elif [ "${CI:-}" = true ]; then
  echo "PostgreSQL could not be set up; CI needs it." >&2
  exit 1
else
  echo "==> PostgreSQL tests skipped: run as root on Debian/Ubuntu, or set STUDIODESK_TEST_DB_URL."
fi

echo "==> branch coverage of app/services and app/devices (both runs)"
if [ "$#" -eq 0 ]; then
  "$VENV/bin/coverage" report
else
  "$VENV/bin/coverage" report --fail-under=0 | tail -1  # a part of the suite: shown, not judged
fi
