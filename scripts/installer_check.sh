#!/usr/bin/env bash
# Compiles the Windows installer script packaging/studiodesk.nsi with Debian's NSIS (makensis),
# as CI does: a syntax and path check only. A Windows bundle cannot be built on Linux, so the
# script is compiled against a stand-in folder holding an empty studiodesk.exe and _internal/;
# the installer it writes is thrown away. Building and running it on Windows is NOT tested.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/apt.sh"
apt_install nsis
command -v makensis >/dev/null || { echo "makensis is needed (Debian: nsis)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/StudioDesk/_internal"
: > "$TMP/StudioDesk/studiodesk.exe"
echo "stand-in for the Windows bundle" > "$TMP/StudioDesk/_internal/README.txt"
makensis -V2 -DBUNDLE_DIR="$TMP/StudioDesk" -DOUTFILE="$TMP/StudioDesk-setup.exe" "$ROOT/packaging/studiodesk.nsi"
[ -s "$TMP/StudioDesk-setup.exe" ]
echo "==> packaging/studiodesk.nsi compiles ($(du -h "$TMP/StudioDesk-setup.exe" | cut -f1) against the stand-in;" \
     "untested on Windows)"
