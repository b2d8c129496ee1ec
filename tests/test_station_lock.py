"""Who has the database open: restore, demo --force and migrate refuse while a StudioDesk has
it open and name each one; a program killed with -9 never blocks them; the default files live
in folders of their own."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import Engine, create_engine, text

from app import admin
from app import main as app_main
from app.models.db import application_name, backups_dir, data_dir, default_db_path, demo_db_path, resolve_url
from app.services import station_lock
from app.services.database import backup_name
from app.services.errors import DatabaseInUse
from app.ui.login import LoginDialog

ROOT = Path(__file__).resolve().parents[1]
HOLD = ("import sys, time; from pathlib import Path; from app.services.station_lock import hold_shared; "
        "claim = hold_shared(Path(sys.argv[1]), sys.argv[2]); print('held', flush=True); time.sleep(120)")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = admin.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_file(engine: Engine, studio) -> Path:  # type: ignore[no-untyped-def]
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite file's lock")
    engine.dispose()
    return Path(engine.url.database or "")


def _station_process(db: Path, station: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), station], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    proc.stdout.close()
    return proc


def test_restore_demo_and_migrate_refuse_while_a_station_has_the_file_open_and_name_it(db_file, tmp_path, capsys):
    backup = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", str(db_file), "--out", str(backup))[0] == 0
    other = _station_process(db_file, "Counter 2")
    try:
        holder = f"Counter 2 ({socket.gethostname()}, PID {other.pid})"
        for argv in (["restore", "--from", str(backup)], ["migrate"], ["demo", "--force", "--years", "0.05"]):
            code, out, err = run(capsys, argv[0], "--db", str(db_file), *argv[1:])
            assert code == 1 and out == "" and err.count("\n") == 1, argv
            assert holder in err and "nothing was changed" in err, err
        assert db_file.exists() and not list(backups_dir(db_file).glob("*before-restore*"))
    finally:
        other.kill()  # kill -9: the kernel drops its lock, its station file stays behind
        other.wait()
    assert list(station_lock.stations_dir(db_file).glob("*.station"))  # left by the killed program
    assert station_lock.holders(db_file) == []
    code, out, err = run(capsys, "restore", "--db", str(db_file), "--from", str(backup))
    assert code == 0 and "restored" in out, err
    assert run(capsys, "migrate", "--db", str(db_file))[0] == 0
    assert not list(station_lock.stations_dir(db_file).glob("*.station"))


def test_every_station_that_has_the_file_open_is_named(db_file, capsys):
    first = _station_process(db_file, "Counter")
    second = _station_process(db_file, "Production")
    try:
        code, _, err = run(capsys, "migrate", "--db", str(db_file))
        assert code == 1 and f"Counter ({socket.gethostname()}, PID {first.pid})" in err
        assert f"Production ({socket.gethostname()}, PID {second.pid})" in err
    finally:
        for proc in (first, second):
            proc.send_signal(signal.SIGTERM)
            proc.wait()
    assert run(capsys, "migrate", "--db", str(db_file))[0] == 0


def test_a_program_starting_during_a_restore_waits_and_then_names_the_command(db_file):
    with station_lock.exclusive(db_file, "studiodesk-admin restore"):
        with pytest.raises(DatabaseInUse) as refused:
            station_lock.hold_shared(db_file, "Counter", wait=0.2)
        assert "studiodesk-admin restore (" in refused.value.message
    with station_lock.hold_shared(db_file, "Counter", wait=0.2):
        assert [h.station for h in station_lock.holders(db_file)] == ["Counter"]
    assert station_lock.holders(db_file) == []


@pytest.fixture
def app_dirs(monkeypatch, tmp_path, qsettings):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("STUDIODESK_DB", raising=False)
    root = logging.getLogger()
    handlers = list(root.handlers)
    yield tmp_path
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
            h.close()


def test_the_window_holds_the_file_for_its_whole_run(qtbot, monkeypatch, app_dirs, db_file, capsys):
    seen = []

    def login(self):  # type: ignore[no-untyped-def]
        seen.append(station_lock.holders(db_file))
        seen.append(run(capsys, "migrate", "--db", str(db_file)))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", login)
    assert app_main.main(["--db", str(db_file), "--lang", "en", "--station", "Front desk"]) == 0
    assert [(h.station, h.pid) for h in seen[0]] == [("Front desk", os.getpid())]
    code, _, err = seen[1]
    assert code == 1 and f"Front desk ({socket.gethostname()}, PID {os.getpid()})" in err
    assert station_lock.holders(db_file) == []


def test_migrate_on_postgresql_refuses_while_another_studiodesk_is_connected(engine, capsys):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL connections")
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # the tests' own pooled connections are StudioDesk connections too
    # So are those other tests of this run left in their engines' pools (they reconnect when
    # used again, pool_pre_ping): end them, so the first migrate sees nobody else.
    sweeper = create_engine(engine.url)
    try:
        with sweeper.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                              "current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'StudioDesk%'"))
    finally:
        sweeper.dispose()
    code, _, err = run(capsys, "migrate", "--db", url)
    assert code == 0, err
    other = create_engine(engine.url, connect_args={"application_name": application_name("Counter 2")})
    try:
        with other.connect() as conn:
            conn.execute(text("SELECT 1"))
            code, _, err = run(capsys, "migrate", "--db", url)
        assert code == 1 and "StudioDesk Counter 2 (" in err and err.count("\n") == 1
    finally:
        other.dispose()
    assert run(capsys, "migrate", "--db", url)[0] == 0


# --- the default files in folders of their own ------------------------------------------


def _wal_database(path: Path) -> None:
    """A SQLite file whose last commit is still only in its -wal (as a running program leaves it)."""
    live = path.with_name("live.db")
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).write_bytes(Path(str(live) + suffix).read_bytes())
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)


def test_the_default_databases_have_folders_of_their_own(app_dirs):
    assert default_db_path().parent == data_dir() / "db" and demo_db_path().parent == data_dir() / "demo"
    assert resolve_url(None).database == str(default_db_path())
    assert backup_name(default_db_path()).parent == data_dir() / "backups"
    assert backup_name(demo_db_path()).parent == data_dir() / "backups"
    given = app_dirs / "elsewhere" / "studio.db"
    assert backup_name(given).parent == given.parent / "backups"


def test_existing_default_files_move_with_their_wal_into_their_own_folder(app_dirs):
    old = data_dir() / "studiodesk.db"
    old.parent.mkdir(parents=True)
    _wal_database(old)
    assert Path(str(old) + "-wal").stat().st_size > 0
    assert station_lock.move_former_default_files() == [default_db_path()]
    assert not old.exists() and not Path(str(old) + "-wal").exists()
    conn = sqlite3.connect(default_db_path())
    try:
        assert conn.execute("SELECT x FROM t").fetchall() == [(42,)]  # the commit in the -wal came along
    finally:
        conn.close()
    assert station_lock.move_former_default_files() == []


def test_default_files_open_in_another_program_are_not_moved(app_dirs):
    old = data_dir() / "demo-studio.db"
    old.parent.mkdir(parents=True)
    _wal_database(old)
    reader = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM t').fetchall(); "
        "print('open', flush=True); time.sleep(120)"), str(old)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        reader.stdout.close()
        with pytest.raises(DatabaseInUse):
            station_lock.move_former_default_files()
        assert old.exists() and not demo_db_path().exists()
    finally:
        reader.kill()
        reader.wait()
    assert station_lock.move_former_default_files() == [demo_db_path()]


def test_the_first_start_moves_the_studio_and_opens_it(qtbot, monkeypatch, app_dirs, db_file):
    old = data_dir() / "studiodesk.db"
    old.parent.mkdir(parents=True)
    old.write_bytes(db_file.read_bytes())
    shown = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert shown and default_db_path().exists() and not old.exists()  # the login of the moved studio


def test_a_database_given_with_db_stays_where_it_is(qtbot, monkeypatch, app_dirs, db_file):
    old = data_dir() / "studiodesk.db"
    old.parent.mkdir(parents=True)
    old.write_bytes(db_file.read_bytes())
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_main.main(["--db", str(old), "--lang", "en"]) == 0
    assert old.exists() and not default_db_path().exists()


def test_a_program_that_must_upgrade_refuses_while_another_station_has_the_file_open(
        qtbot, monkeypatch, app_dirs, db_file):
    from PySide6.QtWidgets import QMessageBox

    from app.services.database import SCRIPT_LOCATION, alembic_config, head_revision

    from alembic.script import ScriptDirectory

    previous = ScriptDirectory.from_config(alembic_config(script_location=SCRIPT_LOCATION)).get_revision(
        head_revision()).down_revision
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE alembic_version SET version_num = ?", (previous,))  # as an older StudioDesk left it
    conn.commit()
    conn.close()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text_, *a: said.append(text_))
    other = _station_process(db_file, "Counter 2")
    try:
        assert app_main.main(["--db", str(db_file), "--lang", "en"]) == 1
    finally:
        other.kill()
        other.wait()
    assert said and f"Counter 2 ({socket.gethostname()}, PID {other.pid})" in said[0]
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == previous  # not touched
    finally:
        conn.close()


def test_the_station_lock_survives_the_program_opening_and_closing_the_lock_files(db_file, capsys):
    """A POSIX record lock (fcntl/lockf) would be dropped when any handle on the file closes,
    as a file dialog's look at it does; the station lock must not be."""
    with station_lock.hold_shared(db_file, "Counter"):
        for path in [station_lock.lock_path(db_file), *station_lock.stations_dir(db_file).iterdir()]:
            with open(path, "rb") as fh:
                fh.read()
        code, _, err = run(capsys, "restore", "--db", str(db_file), "--from", str(db_file))
        assert code == 1 and f"Counter ({socket.gethostname()}, PID {os.getpid()})" in err
