#!/usr/bin/env bash
# Sets up StudioDesk (system libraries when root, .venv, the package) and starts it.
# Arguments go to the app: `bash scripts/run.sh --demo` opens the demo studio.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
exec "$VENV/bin/studiodesk" "$@"
