"""An installed StudioDesk carries its schema migrations inside the app package, and only there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.services import database

ROOT = Path(__file__).resolve().parents[1]


def test_a_source_tree_runs_the_migrations_in_its_migrations_folder():
    assert Path(database.SCRIPT_LOCATION) == ROOT / "migrations"
    assert database.head_revision()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a clean copy: a build/ folder left in the tree by an earlier build would leak in.
    src = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("app", "migrations"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "absent from the `packages` configuration" not in done.stderr  # a package under app/ not listed
    (found,) = out.glob("studiodesk-*.whl")
    return found


def test_the_wheel_has_no_top_level_migrations_package_but_every_revision_inside_app(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in names if n.split("/")[0] == "migrations"]
    revisions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert revisions
    inside = {"app/migrations/env.py", "app/migrations/script.py.mako"} | {
        f"app/migrations/versions/{r}" for r in revisions}
    assert inside <= names
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "app").rglob("__init__.py")}
    assert {f"{p}/__init__.py" for p in packages} <= names  # no package under app/ was left out


def test_an_installed_studiodesk_finds_and_runs_its_migrations(wheel, tmp_path):
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    script = ("import sys; from app.services import database; from app.models.db import make_engine, sqlite_url; "
              "e = make_engine(sqlite_url(sys.argv[1])); r = database.upgrade(e); e.dispose(); "
              "print(database.SCRIPT_LOCATION); print(r.to_revision)")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path / "new.db")], cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(site)}, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    location, revision = run.stdout.split()
    assert Path(location) == site / "app" / "migrations"
    assert revision == database.head_revision()
