#!/usr/bin/env bash
# Builds the one-folder bundle dist/StudioDesk/ (PyInstaller, packaging/studiodesk.spec): a
# `studiodesk` program that starts on a machine without Python. Sets up .venv with the bundle
# extra (PyInstaller, the PostgreSQL driver) and the compiled translations first, like run.sh.
# `bash scripts/bundle_smoke.sh` then starts it without Python in sight.
set -euo pipefail
STUDIODESK_EXTRAS=bundle
source "$(dirname "$0")/setup.sh"
cd "$ROOT"
started=$(date +%s)
echo "==> pyinstaller packaging/studiodesk.spec"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/studiodesk.spec
[ -x dist/StudioDesk/studiodesk ] || { echo "dist/StudioDesk/studiodesk was not built" >&2; exit 1; }
bash scripts/bundle_rpath.sh "$VENV/bin/python" dist/StudioDesk
echo "==> dist/StudioDesk/: $(du -sh dist/StudioDesk | cut -f1), $(find dist/StudioDesk -type f | wc -l) files," \
     "built in $(( $(date +%s) - started )) s"
