#!/usr/bin/env bash
# bundle_rpath.sh PYTHON BUNDLE_DIR (run by bundle.sh): a Python built with a library search path
# of its own (pyenv, a /opt build) leaves it in libpython and its modules, and PyInstaller copies
# them as they are: the bundle would then look for libraries in that Python's folder on every
# start (scripts/bundle_smoke.sh's trace shows it). Those entries are taken out with patchelf
# (Debian: patchelf); the bundle finds its libraries in _internal/ without them.
set -euo pipefail
source "$(dirname "$0")/apt.sh"
PYTHON=$1
BUNDLE=$2
PY_BASE=$("$PYTHON" -c 'import sys; print(sys.base_prefix)')
case "$PY_BASE" in /usr|/usr/local|/) exit 0 ;; esac  # a system Python sets no search path of its own
apt_install patchelf
if ! command -v patchelf >/dev/null; then
  echo "patchelf is missing: the bundle keeps $PY_BASE in its library search paths" >&2
  exit 0
fi
changed=0
while IFS= read -r -d '' file; do
  rpath=$(patchelf --print-rpath "$file" 2>/dev/null) || continue
  [ -n "$rpath" ] || continue
  kept=()
  IFS=: read -r -a entries <<< "$rpath"
  for entry in "${entries[@]}"; do
    case "$entry" in "$PY_BASE"|"$PY_BASE"/*) ;; *) kept+=("$entry") ;; esac
  done
  [ "${#kept[@]}" -eq "${#entries[@]}" ] && continue
  if [ "${#kept[@]}" -eq 0 ]; then
    patchelf --remove-rpath "$file"
  else
    patchelf --set-rpath "$(IFS=:; echo "${kept[*]}")" "$file"
  fi
  changed=$((changed + 1))
done < <(find "$BUNDLE" -type f \( -name "*.so" -o -name "*.so.*" -o -name studiodesk \) -print0)
echo "==> $changed libraries no longer search $PY_BASE"
