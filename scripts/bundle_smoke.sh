#!/usr/bin/env bash
# Starts the bundle dist/StudioDesk/ (scripts/bundle.sh) as on a studio PC without Python, and
# proves it: an empty environment (env -i, a fresh HOME), the offscreen screen, the virtual
# environment, the source tree's app/, migrations/ and resources/ and every Python installation
# of the machine out of sight, under strace. It builds the demo studio, signs in through the
# login dialog as the demo manager, shows the main window and quits (`--demo --smoke-test`, see
# app/smoke.py). Fails unless it exits 0, said the window was shown, left the demo database in
# HOME, and the trace names no path of a Python installation, the venv or the source tree
# (scripts/check_bundle_trace.py; a failed attempt counts as much as an open). Then the bundle
# installs its desktop entry into a scratch XDG_DATA_HOME, which must start the bundle.
#
# Out of sight: as root, in a mount namespace of its own (unshare), an empty tmpfs is mounted
# over each of those folders for the bundle's run only (other programs still see them).
# Elsewhere a .venv inside the clone is renamed .venv.away for the run and put back on exit;
# the trace check is the same.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="${STUDIODESK_VENV:-$ROOT/.venv}"
BUNDLE="$ROOT/dist/StudioDesk"
source "$ROOT/scripts/apt.sh"
apt_install strace
[ -x "$BUNDLE/studiodesk" ] || { echo "no bundle in $BUNDLE: run scripts/bundle.sh first" >&2; exit 1; }
command -v strace >/dev/null || { echo "strace is needed (Debian: strace)" >&2; exit 1; }

PY="$(realpath "$VENV/bin/python")"
read -r PY_BASE PY_STDLIB < <("$PY" -c 'import sys, sysconfig; print(sys.base_prefix, sysconfig.get_path("stdlib"))')
VENV_DIR=$(cd "$VENV" && pwd -P)
FORBID=("$VENV_DIR" "$ROOT/app" "$ROOT/migrations" "$ROOT/resources" "$PY_STDLIB" "/usr/lib/python3*"
        "/usr/local/lib/python3*")
case "$PY_BASE" in /usr|/usr/local|/) ;; *) FORBID+=("$PY_BASE") ;; esac  # pyenv, a /opt Python...

TMP=$(mktemp -d)
cleanup() {
  [ -d "$ROOT/.venv.away" ] && mv "$ROOT/.venv.away" "$ROOT/.venv"
  rm -rf "$TMP"
}
trap cleanup EXIT
mkdir "$TMP/home"
# What the bundle runs with: nothing of this shell's environment.
RUN=(env -i HOME="$TMP/home" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
     strace -f -qq -s 256 -e trace=%file -o "$TMP/trace" "$BUNDLE/studiodesk" --demo --smoke-test)

# The folders to hide that exist (the prefixes expanded), deepest last so none hides another's mount point.
HIDE=()
for pattern in "${FORBID[@]}"; do
  for dir in $pattern; do [ -d "$dir" ] && HIDE+=("$dir"); done
done

started=$(date +%s)
set +e
if [ "$(id -u)" = 0 ] && unshare --mount --propagation private true 2>/dev/null; then
  echo "==> smoke run: ${#HIDE[@]} folders hidden (${HIDE[*]})"
  # shellcheck disable=SC2016
  (cd "$TMP" && timeout 300 unshare --mount --propagation private bash -c \
    'for d in "${@:2:$1}"; do mount -t tmpfs -o ro,size=1k none "$d" || exit 90; done; shift $(( $1 + 1 )); exec "$@"' \
    hide "${#HIDE[@]}" "${HIDE[@]}" "${RUN[@]}") > "$TMP/out" 2>&1
  rc=$?
else
  if [ "$VENV_DIR" = "$ROOT/.venv" ]; then mv "$ROOT/.venv" "$ROOT/.venv.away"; fi
  echo "==> smoke run (not root: the venv renamed away if it is the clone's; Python folders traced, not hidden)"
  (cd "$TMP" && timeout 300 "${RUN[@]}") > "$TMP/out" 2>&1
  rc=$?
  [ -d "$ROOT/.venv.away" ] && mv "$ROOT/.venv.away" "$ROOT/.venv"
fi
set -e
elapsed=$(( $(date +%s) - started ))
sed 's/^/    /' "$TMP/out" | grep -v "propagateSizeHints" || true

failed=0
[ "$rc" = 0 ] || { echo "FAIL: the bundle exited with $rc (90: a folder could not be hidden, 124: timed out)"; failed=1; }
grep -q "smoke test: main window shown" "$TMP/out" || { echo "FAIL: the main window was not shown"; failed=1; }
DEMO_DB="$TMP/home/.local/share/StudioDesk/demo/demo-studio.db"
[ -s "$DEMO_DB" ] && echo "==> demo database built: $DEMO_DB ($(du -h "$DEMO_DB" | cut -f1))" \
  || { echo "FAIL: no demo database in HOME"; failed=1; }
FORBID_ARGS=()
for pattern in "${FORBID[@]}"; do FORBID_ARGS+=(--forbid "$pattern"); done
echo "==> trace check (forbidden: ${FORBID[*]})"
"$PY" "$ROOT/scripts/check_bundle_trace.py" "$TMP/trace" --bundle "$BUNDLE" "${FORBID_ARGS[@]}" || failed=1
echo "==> smoke run took ${elapsed} s under strace"
echo "==> desktop entry from the bundle"
if env -i HOME="$TMP/home" XDG_DATA_HOME="$TMP/data" "$BUNDLE/studiodesk" --install-desktop-entry; then
  grep -qxF "Exec=$BUNDLE/studiodesk" "$TMP/data/applications/studiodesk.desktop" \
    || { echo "FAIL: the desktop entry does not start $BUNDLE/studiodesk"; failed=1; }
  [ -s "$TMP/data/icons/hicolor/256x256/apps/studiodesk.png" ] || { echo "FAIL: no icon installed"; failed=1; }
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$TMP/data/applications/studiodesk.desktop" || failed=1
  fi
else
  echo "FAIL: studiodesk --install-desktop-entry failed"; failed=1
fi
[ "$failed" = 0 ] && echo "==> bundle smoke test passed"
exit "$failed"
