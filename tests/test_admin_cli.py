"""studiodesk-admin: each command, and one clear line for every bad argument."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app import admin



def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = admin.main(list(argv))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert admin.main(["demo", "--db", str(path), "--years", "0.2", "--seed", "7"]) == 0
    return path


def test_demo_then_check_is_clean(demo_db, capsys):
    code, out, _ = run(capsys, "check", "--db", str(demo_db))
    assert code == 0 and out.strip().endswith(": ok")


def test_demo_refuses_to_overwrite_without_force(demo_db, capsys):
    code, _, err = run(capsys, "demo", "--db", str(demo_db), "--years", "0.1")
    assert code == 1 and "already exists" in err and err.count("\n") == 1


def test_migrate_says_up_to_date(demo_db, capsys):
    code, out, _ = run(capsys, "migrate", "--db", str(demo_db))
    assert code == 0 and "up to date" in out


def test_backup_restore_and_check_broken_copy(demo_db, tmp_path, capsys):
    copy = tmp_path / "copy.db"
    code, out, _ = run(capsys, "backup", "--db", str(demo_db), "--out", str(copy))
    assert code == 0 and "verified" in out
    work = tmp_path / "work.db"
    assert run(capsys, "restore", "--db", str(work), "--from", str(copy))[0] == 0
    import sqlite3
    conn = sqlite3.connect(work)
    conn.execute("UPDATE items SET status = 'cancelled' WHERE id IN (1, 2)")  # the demo cancels nothing
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", str(work))
    assert code == 1 and out.count("last event says") == 2 and "2 problem(s)" in err


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, demo_db, capsys):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    target = tmp_path / "target.db"
    code, _, err = run(capsys, "restore", "--db", str(target), "--from", str(bogus))
    assert code == 1 and "not a SQLite database" in err and not target.exists()


@pytest.mark.parametrize("argv", [
    [], ["frobnicate"], ["demo"], ["demo", "--db", "x.db", "--years", "ten"], ["demo", "--db", "x.db", "--years", "-1"],
    ["backup", "--db", "x.db"], ["check", "--db"],
])
def test_bad_arguments_get_one_line_and_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("studiodesk-admin") and ": error: " in err


@pytest.mark.parametrize("command", [["check"], ["backup", "--out", "o.db"], ["migrate"]])
def test_a_missing_or_unreachable_database_is_one_line_not_a_traceback(tmp_path, capsys, command):
    name = command[0]
    db = str(tmp_path / "nowhere" / "missing.db") if name != "migrate" else "postgresql://x:y@127.0.0.1:1/none"
    code, _, err = run(capsys, name, "--db", db, *command[1:])
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_the_installed_command_runs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app.admin", "check", "--db", str(tmp_path / "none.db")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "no database file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["migrate"], ["check"], ["backup", "--out", "OUT"]])
def test_a_file_that_is_not_a_database_is_one_line(tmp_path, capsys, command):
    bogus = tmp_path / "notes.db"
    bogus.write_text("hello")
    argv = [command[0], "--db", str(bogus)] + [str(tmp_path / "out.db") if a == "OUT" else a for a in command[1:]]
    code, _, err = run(capsys, *argv)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert bogus.read_text() == "hello" and not (tmp_path / "out.db").exists()


def test_unlock_lets_a_locked_out_manager_back_in_audited(tmp_path, capsys):
    import datetime as dt

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.models import AuditEntry
    from app.models.db import make_engine, sqlite_url
    from app.services.clock import FixedClock
    from app.services.staff import LoginRefused, login

    path = tmp_path / "demo.db"
    assert admin.main(["demo", "--db", str(path), "--years", "0.05", "--seed", "7"]) == 0
    capsys.readouterr()
    engine = make_engine(sqlite_url(path))
    clock = FixedClock(moment=dt.datetime.now(dt.timezone.utc))
    with Session(engine) as session:
        for name in ("王店长", "周经理"):  # every manager locked out
            for _ in range(10):
                with pytest.raises(LoginRefused):
                    login(session, name, "0000", clock=clock)
                clock.advance(seconds=30)
    code, out, err = run(capsys, "unlock", "--db", str(path), "--name", "王店长")
    assert code == 0 and "王店长 unlocked (was locked)" in out and not err
    with Session(engine) as session:
        assert login(session, "王店长", "1111", clock=clock).name == "王店长"
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "staff.unlock")).one()
        assert entry.staff_id is None and entry.station == "studiodesk-admin"
    code, _, err = run(capsys, "unlock", "--db", str(path), "--name", "无此人")
    assert code == 1 and "no staff member called 无此人" in err and err.count("\n") == 1
    engine.dispose()
