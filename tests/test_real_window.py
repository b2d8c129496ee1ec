"""The real program in a real X session (Xvfb), driven by synthetic key presses (xdotool):
what a scan gun does at a station with no window manager. The offscreen tests cannot see
focus handling of a real display; this one found a scan that ended up typed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from app.models.db import sqlite_url
from app.services import database
from app.services.demo import build_demo

pytestmark = pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xdotool")) or bool(os.environ.get("STUDIODESK_TEST_DB_URL")),
    reason="needs xvfb-run and xdotool (installed by scripts/test.sh as root); runs once, on SQLite",
)


def test_badge_login_and_a_scan_gun_in_the_real_window(tmp_path):
    db = tmp_path / "studio.db"
    engine, _ = database.open_database(sqlite_url(db))
    build_demo(engine, years=0.1, seed=4, orders_per_month=30)
    with engine.connect() as conn:
        code = conn.exec_driver_sql("SELECT code FROM items ORDER BY id DESC LIMIT 1").scalar()
        badge = conn.exec_driver_sql("SELECT badge_code FROM staff WHERE name = '李前台'").scalar()
    engine.dispose()
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    script = textwrap.dedent(f"""
        {sys.executable} -m app.main --db {db} --lang en --scanner wedge --station X1 &
        APP=$!
        xdotool search --sync --onlyvisible --name "log in" >/dev/null
        sleep 0.5
        xdotool type --delay 12 {badge}; xdotool key Return      # the counter's badge, at scan-gun speed
        sleep 0.3
        xdotool type --delay 180 2222; xdotool key Return       # PIN, typed by a person
        xdotool search --sync --onlyvisible --name "Demo Studio" >/dev/null  # the main window (not "StudioDesk — log in")
        sleep 1
        xdotool type --delay 12 {code}; xdotool key Return      # a label, scanned
        sleep 2
        kill $APP; wait $APP
    """)
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", script], env=env,
                          capture_output=True, text=True, timeout=120, cwd=os.getcwd())
    log = (tmp_path / "state" / "StudioDesk" / "log" / "studiodesk.log")
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    assert f"scan {code} at X1: accepted" in text, (done.stdout, done.stderr, text)
