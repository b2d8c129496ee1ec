"""Files the program writes are written beside their final name, checked and renamed into place;
a fault at any moment leaves the old state or the new one, and one line says what happened."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from app import admin
from app.models import db as dbmod
from app.models.db import make_engine, sqlite_url
from app.services import database
from app.services.errors import BadInput, DatabaseTooNew, MigrationFailed

from .conftest import PG_URL
from .helpers import new_order

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite file handling")
ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = admin.main(list(argv))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _studio(session, studio, clock, engine) -> Path:
    new_order(session, studio, clock)
    session.close()
    engine.dispose()
    return Path(engine.url.database)


def _rows(path: Path, sql: str = "SELECT count(*) FROM customers") -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _crashed_copy(source: Path, folder: Path, name: str = "live.db") -> Path:
    """A copy of ``source`` as a killed program leaves it: the newest commit (a customer named
    'in the wal') only in the -wal beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "work.db"
    shutil.copyfile(source, work)
    conn = sqlite3.connect(work)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO customers (name, channel, created_at) VALUES ('in the wal', 'natural', "
                 "'2026-01-01 00:00:00')")
    conn.commit()
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        if Path(str(work) + suffix).exists():
            shutil.copyfile(str(work) + suffix, str(target) + suffix)
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    assert Path(str(target) + "-wal").stat().st_size > 0
    return target


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.suffix in {".partial", ".restoring", ".replaced", ".building"}
                  or ".partial" in p.name or ".restoring" in p.name or ".replaced" in p.name)


# --- restore -------------------------------------------------------------------------------


class _FailAt:
    """os.replace failing at its n-th call with a full disk."""

    def __init__(self, n: int) -> None:
        self.n, self.calls, self.real = n, 0, os.replace

    def __call__(self, src, dst):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls == self.n:
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return self.real(src, dst)


@pytest.mark.parametrize("step", ["copy", "check", 1, 2, 3, 4, 5])
def test_a_restore_failing_at_any_step_leaves_the_database_and_its_wal_as_they_were(
        session, studio, clock, engine, tmp_path, monkeypatch, step):
    source = _studio(session, studio, clock, engine)
    backup = database.backup_sqlite(sqlite_url(source), tmp_path / "backup.db")
    live = _crashed_copy(source, tmp_path / "live")
    if step == "copy":
        def copy(_src, dst):  # type: ignore[no-untyped-def]
            Path(dst).write_bytes(b"SQLite format 3\x00 half")
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        monkeypatch.setattr(dbmod, "copy_sqlite_file", copy)
    elif step == "check":
        monkeypatch.setattr(database, "verify_backup_file",
                            lambda p: None if p == backup or p.suffix == ".db" else "integrity check: page 3")
    else:
        monkeypatch.setattr(os, "replace", _FailAt(step))
    with pytest.raises((BadInput, MigrationFailed)) as err:
        database.restore_sqlite(sqlite_url(live), backup)
    assert "\n" not in err.value.message
    monkeypatch.undo()
    assert _leftovers(tmp_path / "live") == []
    assert _rows(live, "SELECT name FROM customers WHERE name = 'in the wal'") == [("in the wal",)]


def test_a_restore_moves_the_old_wal_aside_with_its_file(session, studio, clock, engine, tmp_path):
    source = _studio(session, studio, clock, engine)
    backup = database.backup_sqlite(sqlite_url(source), tmp_path / "backup.db")
    live = _crashed_copy(source, tmp_path / "live")
    kept = database.restore_sqlite(sqlite_url(live), backup)
    assert not Path(str(live) + "-wal").exists() and _leftovers(tmp_path / "live") == []
    assert _rows(live, "SELECT count(*) FROM customers WHERE name = 'in the wal'") == [(0,)]
    assert kept is not None and _rows(kept, "SELECT count(*) FROM customers WHERE name = 'in the wal'") == [(1,)]


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6])
def test_a_restore_killed_at_any_step_leaves_the_old_database_or_the_new_one(session, studio, clock, engine,
                                                                             tmp_path, step):
    """kill -9 just before the n-th rename of a restore; the next start finds either the old
    database with its newest commit (kept in its -wal) or the restored one, never neither."""
    source = _studio(session, studio, clock, engine)
    backup = database.backup_sqlite(sqlite_url(source), tmp_path / "backup.db")
    live = _crashed_copy(source, tmp_path / "live")
    code = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from app.models.db import sqlite_url
        from app.services import database
        real, calls = os.replace, [0]
        def replace(src, dst):
            calls[0] += 1
            if calls[0] == {step}:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(src, dst)
        os.replace = replace
        database.restore_sqlite(sqlite_url(Path({str(live)!r})), Path({str(backup)!r}))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, -9), result.stderr
    eng = make_engine(sqlite_url(live))  # the next start
    with eng.connect() as conn:
        names = conn.execute(text("SELECT count(*) FROM customers WHERE name = 'in the wal'")).scalar()
        count = conn.execute(text("SELECT count(*) FROM customers")).scalar()
    eng.dispose()
    assert (names, count) in [(1, _rows(backup)[0][0] + 1), (0, _rows(backup)[0][0])]
    assert sorted(p.name for p in (tmp_path / "live").iterdir() if p.is_file()) == ["live.db"]


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def test_a_restore_onto_a_full_disk_keeps_the_old_database_and_its_wal(session, studio, clock, engine, tmp_path):
    source = _studio(session, studio, clock, engine)
    big = tmp_path / "big.db"
    shutil.copyfile(source, big)
    conn = sqlite3.connect(big)
    conn.execute("CREATE TABLE padding (x BLOB)")
    conn.executemany("INSERT INTO padding VALUES (randomblob(100000))", [()] * 25)
    conn.commit()
    conn.close()
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        live = _crashed_copy(source, disk)
        with pytest.raises(BadInput) as err:
            database.restore_sqlite(sqlite_url(live), big)
        assert "space" in err.value.message and "as it was" in err.value.message
        assert _leftovers(disk) == []
        assert _rows(live, "SELECT name FROM customers WHERE name = 'in the wal'") == [("in the wal",)]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_backup_from_a_newer_studiodesk_is_not_restored(session, studio, clock, engine, tmp_path):
    source = _studio(session, studio, clock, engine)
    newer = tmp_path / "newer.db"
    shutil.copyfile(source, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    conn.commit()
    conn.close()
    live = tmp_path / "live.db"
    shutil.copyfile(source, live)
    before = live.read_bytes()
    with pytest.raises(DatabaseTooNew) as err:
        database.restore_sqlite(sqlite_url(live), newer)
    assert "newer StudioDesk" in err.value.message and "f00dfeed" in err.value.message
    assert live.read_bytes() == before


# --- backup --------------------------------------------------------------------------------


def test_a_backup_onto_an_existing_file_is_refused_without_force(session, studio, clock, engine, tmp_path, capsys):
    source = _studio(session, studio, clock, engine)
    out = tmp_path / "out.db"
    out.write_bytes(b"keep me")
    code, _, err = run(capsys, "backup", "--db", str(source), "--out", str(out))
    assert code == 1 and "already exists" in err and "--force" in err and err.count("\n") == 1
    assert out.read_bytes() == b"keep me"
    code, out_text, _ = run(capsys, "backup", "--db", str(source), "--out", str(out), "--force")
    assert code == 0 and database.verify_backup_file(out) is None


def test_a_backup_never_leaves_a_stale_wal_beside_the_file_it_writes(session, studio, clock, engine, tmp_path, capsys):
    source = _studio(session, studio, clock, engine)
    out = _crashed_copy(source, tmp_path / "old")  # an older copy with its own -wal
    code, _, err = run(capsys, "backup", "--db", str(source), "--out", str(out))
    assert code == 1 and "already exists" in err
    out.unlink()  # only the stale -wal is left at that name
    code, _, err = run(capsys, "backup", "--db", str(source), "--out", str(out))
    assert code == 1 and "already exists" in err
    code, _, _ = run(capsys, "backup", "--db", str(source), "--out", str(out), "--force")
    assert code == 0
    assert not Path(str(out) + "-wal").exists() and not Path(str(out) + "-shm").exists()
    assert database.verify_backup_file(out) is None
    assert _rows(out, "SELECT count(*) FROM customers WHERE name = 'in the wal'") == [(0,)]


def test_a_backup_out_naming_a_folder_writes_a_dated_file_inside(session, studio, clock, engine, tmp_path, capsys):
    source = _studio(session, studio, clock, engine)
    folder = tmp_path / "backups here"
    folder.mkdir()
    code, out, _ = run(capsys, "backup", "--db", str(source), "--out", str(folder))
    files = list(folder.iterdir())
    assert code == 0 and len(files) == 1 and files[0].name.startswith("studio-") and files[0].suffix == ".db"
    assert str(files[0]) in out and database.verify_backup_file(files[0]) is None


@pytest.mark.parametrize("where", ["under a file", "full disk"])
def test_a_backup_that_cannot_be_written_is_one_line_and_leaves_no_partial(
        session, studio, clock, engine, tmp_path, capsys, monkeypatch, where):
    source = _studio(session, studio, clock, engine)
    if where == "under a file":
        (tmp_path / "notes.txt").write_text("x")
        out = tmp_path / "notes.txt" / "b.db"
    else:
        out = tmp_path / "outdir"
        out.mkdir()
        real = dbmod.copy_sqlite_file

        def full(src, dst):  # type: ignore[no-untyped-def]
            real(src, dst)
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        monkeypatch.setattr(database, "copy_sqlite_file", full)
    code, _, err = run(capsys, "backup", "--db", str(source), "--out", str(out))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err and "could not be written" in err
    assert [p for p in tmp_path.rglob("*") if "partial" in p.name] == []


def test_a_backup_onto_a_full_disk_is_one_line_and_leaves_no_partial(session, studio, clock, engine, tmp_path, capsys):
    source = _studio(session, studio, clock, engine)
    conn = sqlite3.connect(source)
    conn.execute("CREATE TABLE padding (x BLOB)")
    conn.executemany("INSERT INTO padding VALUES (randomblob(100000))", [()] * 30)
    conn.commit()
    conn.close()
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        code, _, err = run(capsys, "backup", "--db", str(source), "--out", str(disk / "b.db"))
        assert code == 1 and err.count("\n") == 1 and "could not be written" in err and "space" in err
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# --- upgrade -------------------------------------------------------------------------------


def _scripts_with(tmp_path: Path, body: str) -> str:
    scripts = tmp_path / "scripts"
    shutil.copytree(database.SCRIPT_LOCATION, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = database.head_revision()
    (scripts / "versions" / "9001_next.py").write_text(
        "import os, signal\nfrom alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9001'\ndown_revision = '{head}'\nbranch_labels = None\ndepends_on = None\n"
        f"def upgrade():\n{body}\ndef downgrade():\n    op.drop_column('customers', 'wechat')\n")
    return str(scripts)


def _columns(path: Path, table: str = "customers") -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_an_upgrade_killed_half_way_leaves_the_old_schema_and_can_run_again(session, studio, clock, engine,
                                                                               tmp_path):
    path = _studio(session, studio, clock, engine)
    killer = _scripts_with(tmp_path / "k", "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n"
                                            "    os.kill(os.getpid(), signal.SIGKILL)\n")
    code = textwrap.dedent(f"""
        from pathlib import Path
        from app.models.db import make_engine, sqlite_url
        from app.services import database
        database.upgrade(make_engine(sqlite_url(Path({str(path)!r}))), script_location={killer!r},
                         backup_dir=Path({str(tmp_path / 'bk')!r}))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == -9, result.stderr
    eng = make_engine(sqlite_url(path))
    assert database.current_revision(eng) == database.head_revision()
    eng.dispose()
    assert "wechat" not in _columns(path)
    good = _scripts_with(tmp_path / "g", "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n")
    eng = make_engine(sqlite_url(path))
    assert database.upgrade(eng, script_location=good, backup_dir=tmp_path / "bk").to_revision == "9001"
    eng.dispose()
    assert "wechat" in _columns(path)


def test_a_failed_upgrade_says_in_one_paragraph_what_failed_where_the_backup_is_and_what_to_do(
        session, studio, clock, engine, tmp_path):
    path = _studio(session, studio, clock, engine)
    scripts = _scripts_with(tmp_path, "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n"
                                      "    op.execute('INSERT INTO no_such_table VALUES (1)')\n")
    with pytest.raises(MigrationFailed) as err:
        database.upgrade(make_engine(sqlite_url(path)), script_location=scripts, backup_dir=tmp_path / "bk")
    message = err.value.message
    assert "\n" not in message and "no such table: no_such_table" in message
    assert str(tmp_path / "bk") in message and "as it was" in message and "send the log file" in message
    assert "wechat" not in _columns(path)


def test_a_failed_migrate_prints_one_paragraph_not_a_traceback(session, studio, clock, engine, tmp_path):
    path = _studio(session, studio, clock, engine)
    scripts = _scripts_with(tmp_path, "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n"
                                      "    op.execute('INSERT INTO no_such_table VALUES (1)')\n")
    code = textwrap.dedent(f"""
        import sys
        from app.services import database
        database.SCRIPT_LOCATION = {scripts!r}
        from app import admin
        sys.exit(admin.main(["migrate", "--db", {str(path)!r}]))
    """)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env=env)
    err = result.stderr
    assert result.returncode == 1 and result.stdout == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "no such table" in err and str(path.parent / "backups") in err and "send the log file" in err
    log_file = Path(err.split("Log: ")[1].strip())
    assert log_file.is_relative_to(tmp_path) and "Traceback" in log_file.read_text(encoding="utf-8")
    assert "wechat" not in _columns(path)


def test_every_downgrade_to_base_and_back_works_on_a_database_with_data(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert admin.main(["demo", "--db", str(path), "--years", "0.03", "--seed", "5"]) == 0
    capsys.readouterr()
    engine = make_engine(sqlite_url(path))
    script = database.script_directory(database.SCRIPT_LOCATION)
    steps = [r.down_revision or "base" for r in script.walk_revisions()]  # head first
    for target in steps:
        database.migrate_to(engine, str(target))
        assert database.current_revision(engine) == (None if target == "base" else target)
    database.migrate_to(engine, "heads")
    assert database.current_revision(engine) == database.head_revision()
    assert database.check(engine).ok
    engine.dispose()


# --- migrate: only what is asked, only ours ------------------------------------------------


def test_migrate_on_a_mistyped_path_creates_nothing_unless_asked(tmp_path, capsys):
    typo = tmp_path / "studoi.db"
    code, _, err = run(capsys, "migrate", "--db", str(typo))
    assert code == 1 and "--create" in err and err.count("\n") == 1 and not typo.exists()
    code, out, _ = run(capsys, "migrate", "--db", str(typo), "--create")
    assert code == 0 and typo.exists() and "upgraded" in out


def test_migrate_refuses_a_sqlite_file_of_another_program_untouched(tmp_path, capsys):
    other = tmp_path / "photos.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    code, _, err = run(capsys, "migrate", "--db", str(other))
    assert code == 1 and "not a StudioDesk database" in err and "albums" in err and err.count("\n") == 1
    assert other.read_bytes() == before and not Path(str(other) + "-wal").exists()


# --- read-only commands write nothing -------------------------------------------------------


def test_check_leaves_the_file_byte_for_byte_as_it_was(session, studio, clock, engine, tmp_path, capsys):
    source = _studio(session, studio, clock, engine)
    backup = database.backup_sqlite(sqlite_url(source), tmp_path / "copy.db")
    before = backup.read_bytes()
    code, out, _ = run(capsys, "check", "--db", str(backup))
    assert code == 0 and out.strip().endswith(": ok")
    assert backup.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]


def test_check_and_labels_work_on_a_read_only_mount(session, studio, clock, engine, tmp_path):
    """Root ignores file permissions, so the read-only medium is a read-only bind mount."""
    number = new_order(session, studio, clock).number
    source = _studio(session, studio, clock, engine)
    folder, ro = tmp_path / "media", tmp_path / "ro"
    folder.mkdir()
    ro.mkdir()
    backup = database.backup_sqlite(sqlite_url(source), folder / "copy.db")
    before = backup.read_bytes()
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", str(folder), str(ro)], capture_output=True).returncode:
        pytest.skip("a read-only bind mount needs root")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], check=True, capture_output=True)
        with pytest.raises(OSError):
            (ro / "probe").write_text("x")
        for argv in (["check", "--db", str(ro / "copy.db")],
                     ["labels", "--db", str(ro / "copy.db"), "--order", _checked(number),
                      "--out", str(tmp_path / "l.pdf")]):
            result = subprocess.run([sys.executable, "-m", "app.admin", *argv], cwd=ROOT, capture_output=True,
                                    text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            assert result.returncode == 0, result.stderr
    finally:
        subprocess.run(["umount", str(ro)], check=True)
    assert backup.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["copy.db"]
    assert (tmp_path / "l.pdf").exists()


def _checked(number: str) -> str:
    from app.services.codes import display_order_number

    return display_order_number(number)


@pytest.mark.parametrize("fault", ["disk full half-way", "a folder"])
def test_a_labels_pdf_that_cannot_be_written_keeps_the_old_file_and_leaves_no_partial(
        session, studio, clock, engine, tmp_path, capsys, monkeypatch, qapp, fault):
    from app.devices import labels as label_device

    number = new_order(session, studio, clock).number
    source = _studio(session, studio, clock, engine)
    out = tmp_path / "labels.pdf"
    if fault == "a folder":
        out.mkdir()
    else:
        out.write_bytes(b"%PDF-1.4 the labels printed yesterday")

        def half(path, *_a, **_k):  # type: ignore[no-untyped-def]
            Path(path).write_bytes(b"%PDF-1.4 half")
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        monkeypatch.setattr(label_device, "write_pdf", half)
    code, _, err = run(capsys, "labels", "--db", str(source), "--order", _checked(number), "--out", str(out))
    assert code == 1 and err.count("\n") == 1 and "could not be written" in err and "Traceback" not in err
    if fault != "a folder":
        assert out.read_bytes() == b"%PDF-1.4 the labels printed yesterday"
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


# --- file names --------------------------------------------------------------------------------


NAMES = ["studio #1.db", "what?.db", "studio%41.db", "影楼 数据.db", "a%2F?#b.db"]


@pytest.mark.parametrize("name", NAMES)
def test_every_command_works_with_a_file_name_holding_url_characters(session, studio, clock, engine, tmp_path,
                                                                     capsys, name):
    source = _studio(session, studio, clock, engine)
    folder = tmp_path / "名 #?%"
    folder.mkdir()
    db = folder / name
    shutil.copyfile(source, db)
    assert run(capsys, "migrate", "--db", str(db))[0] == 0
    assert run(capsys, "check", "--db", str(db))[0] == 0
    code, out, err = run(capsys, "backup", "--db", str(db), "--out", str(folder / ("copy of " + name)))
    assert code == 0, err
    assert database.verify_backup_file(folder / ("copy of " + name)) is None
    code, _, err = run(capsys, "restore", "--db", str(db), "--from", str(folder / ("copy of " + name)))
    assert code == 0, err
    assert run(capsys, "check", "--db", str(db))[0] == 0


def test_backing_up_studio_percent_41_never_reads_studio_a(session, studio, clock, engine, tmp_path, capsys):
    source = _studio(session, studio, clock, engine)
    shutil.copyfile(source, tmp_path / "studio%41.db")
    other = tmp_path / "studioA.db"
    shutil.copyfile(source, other)
    conn = sqlite3.connect(other)
    conn.execute("DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)")
    conn.execute("INSERT INTO customers (name, channel, created_at) VALUES ('only in A', 'natural', "
                 "'2026-01-01 00:00:00')")
    conn.commit()
    conn.close()
    other_before = other.read_bytes()
    code, _, err = run(capsys, "backup", "--db", str(tmp_path / "studio%41.db"), "--out", str(tmp_path / "b.db"))
    assert code == 0, err
    assert _rows(tmp_path / "b.db", "SELECT count(*) FROM customers WHERE name = 'only in A'") == [(0,)]
    assert other.read_bytes() == other_before


# --- the demo database ------------------------------------------------------------------------


def test_a_first_run_demo_build_killed_half_way_leaves_no_database_at_the_final_name(tmp_path):
    demo = tmp_path / "demo-studio.db"
    code = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        from app import main
        from app.models.db import sqlite_url
        from app.services import demo
        real = demo.build_demo
        def half(engine, **kw):
            real(engine, years=0.02)
            os.kill(os.getpid(), signal.SIGKILL)
        demo.build_demo = half
        app = QApplication([])
        main._open_database(sqlite_url(Path({str(demo)!r})), build_demo_first=True, station="X1")
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == -9, result.stderr
    assert not demo.exists() and not Path(str(demo) + "-wal").exists()
    built, kept = database.build_sqlite_file(demo, lambda eng: "built")  # the next start builds it afresh
    assert built == "built" and kept is None and database.verify_backup_file(demo) is None
    assert [p.name for p in tmp_path.iterdir() if p.name != "demo-studio.db"] == []


def test_demo_force_keeps_a_copy_of_what_it_replaces(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert admin.main(["demo", "--db", str(path), "--years", "0.02", "--seed", "3"]) == 0
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO customers (name, channel, created_at) VALUES ('mine', 'natural', '2026-01-01 00:00:00')")
    conn.commit()
    conn.close()
    capsys.readouterr()
    code, out, _ = run(capsys, "demo", "--db", str(path), "--years", "0.02", "--seed", "4", "--force")
    assert code == 0 and "kept at" in out
    kept = Path(out.split("kept at ")[1].strip())
    assert database.verify_backup_file(kept) is None
    assert _rows(kept, "SELECT count(*) FROM customers WHERE name = 'mine'") == [(1,)]
    assert _rows(path, "SELECT count(*) FROM customers WHERE name = 'mine'") == [(0,)]


# --- one line, never a traceback ----------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["migrate"], ["backup", "--out", "OUT"], ["restore", "--from", "OUT"],
                                     ["demo", "--years", "0.02"]])
def test_a_db_naming_a_folder_is_one_line(tmp_path, capsys, command):
    argv = [command[0], "--db", str(tmp_path)] + [str(tmp_path / "o.db") if a == "OUT" else a for a in command[1:]]
    code, _, err = run(capsys, *argv)
    assert code == 1 and err.count("\n") == 1 and "folder" in err and "Traceback" not in err


def test_a_database_url_without_its_driver_is_one_line(capsys):
    code, _, err = run(capsys, "check", "--db", "mysql://me:secret@localhost/studio")
    assert code == 1 and err.count("\n") == 1 and "not supported" in err and "secret" not in err


def test_a_check_lists_the_first_three_problems_and_a_count(session, studio, clock, engine, capsys):
    from app.models import Item

    for _ in range(3):
        new_order(session, studio, clock)
    session.execute(text("UPDATE items SET status = 'cancelled'"))
    session.commit()
    total = session.query(Item).count()
    path = _studio(session, studio, clock, engine)
    code, out, err = run(capsys, "check", "--db", str(path))
    lines = out.splitlines()
    assert code == 1 and total > 3 and len(lines) == 4
    assert lines[3] == f"... and {total - 3} more" and f"{total} problem(s)" in err


@pytest.mark.parametrize("failing", ["save", "replace"])
def test_a_workbook_that_cannot_be_written_keeps_the_old_file_and_leaves_no_partial(tmp_path, monkeypatch, failing):
    """Every Excel export goes through exports.save_workbook: written beside, checked, renamed.
    A full disk while saving or a failing rename leaves the old workbook and no .partial."""
    from openpyxl import Workbook

    from app.services import exports

    target = tmp_path / "month.xlsx"
    target.write_bytes(b"old workbook")
    wb = Workbook()
    wb.active.append(["new"])
    if failing == "save":
        def save(self, filename):  # type: ignore[no-untyped-def]
            Path(filename).write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(Workbook, "save", save)
    else:
        monkeypatch.setattr(exports.os, "replace", lambda *_a: (_ for _ in ()).throw(OSError(errno.EACCES, "denied")))
    with pytest.raises(BadInput, match="could not be written"):
        exports.save_workbook(wb, target)
    assert target.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["month.xlsx"]


def test_a_customer_export_reaches_its_name_only_whole(session, studio, clock, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from app.services.exports import export_customers

    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "customers.xlsx"
    target.write_bytes(b"last month's")
    monkeypatch.setattr(Workbook, "save", lambda self, f: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(BadInput):
        export_customers(session, target, studio.manager, clock=clock)
    assert target.read_bytes() == b"last month's" and [p.name for p in target.parent.iterdir()] == ["customers.xlsx"]
