#!/usr/bin/env bash
# Adds StudioDesk with its icon to this user's applications menu (Linux): the bundle
# dist/StudioDesk/ when it has been built (scripts/bundle.sh), else the .venv set up as run.sh
# does. Same as `studiodesk --install-desktop-entry`; XDG_DATA_HOME chooses where (by default
# ~/.local/share). The entry is checked with desktop-file-validate when it is installed
# (Debian: desktop-file-utils).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -x "$ROOT/dist/StudioDesk/studiodesk" ]; then
  PROGRAM="$ROOT/dist/StudioDesk/studiodesk"
else
  source "$ROOT/scripts/setup.sh"
  PROGRAM="$VENV/bin/studiodesk"
fi
mapfile -t written < <("$PROGRAM" --install-desktop-entry)
printf '==> %s\n' "${written[@]}"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "${written[0]}"
fi
