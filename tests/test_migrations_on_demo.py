"""Every alembic revision walked down and up on a demo studio (the short version of
``scripts/migrations_on_demo.py``, which runs the same on ten years)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .test_database import sqlite_only

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "migrations_on_demo.py"


@sqlite_only
def test_every_revision_upgrades_a_one_year_demo_without_losing_a_row_and_the_newest_downgrades(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--years", "1", "--json", str(tmp_path / "walk.json")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    ups = [line for line in lines if line.startswith("up ")]
    assert ups and all(line.endswith(", ok") for line in ups), done.stdout
    assert lines[-1].endswith("every row kept"), done.stdout
