# Sourced by run.sh and test.sh: system libraries (when root), a virtual environment,
# and StudioDesk installed into it. Safe to run again: it only installs what is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="${STUDIODESK_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# Qt's offscreen and xcb platforms, Chinese fonts, sound for scan feedback (QtMultimedia),
# and python3-venv for a bare Debian.
QT_DEBS="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0
 libxcb-util1 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xinerama0 fonts-noto-cjk
 libpulse0 libasound2"

source "$ROOT/scripts/apt.sh"  # apt_install PKG...

# shellcheck disable=SC2086
apt_install $QT_DEBS
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
  apt_install python3-venv
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade "pip>=23.1"
echo "==> pip install -e .${STUDIODESK_EXTRAS:+[$STUDIODESK_EXTRAS]}"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT${STUDIODESK_EXTRAS:+[$STUDIODESK_EXTRAS]}"
# Compiled translations (.qm) are built here from the committed .ts sources.
for ts in "$ROOT"/resources/translations/*.ts; do
  [ -e "$ts" ] || continue
  "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
