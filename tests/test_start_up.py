"""A quick start: the window loads what its first screen needs; dialogs, migrations and
phone tables load when first used (each of these cost the start 30-100 ms)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.models.db import sqlite_url
from app.services import database

ROOT = Path(__file__).resolve().parents[1]
LOADED_LATER = ["alembic", "phonenumbers", "openpyxl", "app.ui.booking_dialog", "app.ui.order_dialog",
                "app.ui.customer_dialog", "app.ui.complaints_dialogs", "app.devices.labels"]


def test_building_the_main_window_loads_no_dialog_migration_or_phone_table(tmp_path):
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.models.db import sqlite_url\n"
        "from app.services import database\n"
        "from app.ui.context import AppContext\n"
        "from app.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"url = sqlite_url({str(tmp_path / 'start.db')!r})\n"
        "engine, _ = database.open_database(url)\n"
        "window = MainWindow(AppContext(engine, url, station='t', studio_name='t'))\n"
        "window.show(); app.processEvents()\n"
        f"print(sorted(m for m in {LOADED_LATER!r} if m in sys.modules))\n"
        "window.close(); engine.dispose()\n")
    database.open_database(sqlite_url(tmp_path / "start.db"))[0].dispose()  # created (with alembic) here
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
