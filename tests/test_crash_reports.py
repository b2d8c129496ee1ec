"""A bug leaves a crash report and one dialog that can copy it; the log is rotated and never
holds a database password."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app import main as app_main
from app.ui import bugs

SECRET = "s3cr3t-Pw"
PG = f"postgresql+psycopg://studio:{SECRET}@db.example:5432/studio"


@pytest.fixture
def shown(monkeypatch, tmp_path):
    """Bug dialogs kept instead of shown; the log file and crash folder in the test's folder."""
    boxes: list[bugs.CrashBox] = []
    monkeypatch.setattr(bugs, "show_box", boxes.append)
    monkeypatch.setattr(bugs, "reported", [])
    monkeypatch.setitem(bugs._state, "log_file", tmp_path / "log" / "studiodesk.log")
    monkeypatch.setattr(bugs, "crash_folder", lambda: tmp_path / "log" / "crashes")
    bugs.set_run(station="前台1", database=f"postgresql: {PG}")
    yield boxes
    bugs.set_run(station=None, database=None)


def _bug(text: str = "boom") -> RuntimeError:
    try:
        raise RuntimeError(text)
    except RuntimeError as exc:
        return exc


def test_a_bug_writes_a_crash_report_with_versions_station_database_traceback_and_log(qtbot, shown, tmp_path):
    log_file = tmp_path / "log" / "studiodesk.log"
    log_file.parent.mkdir(parents=True)
    log_file.write_text("".join(f"line {i}\n" for i in range(300)), encoding="utf-8")
    bugs.report(None, _bug("the unexpected"))
    assert len(shown) == 1
    box = shown[0]
    reports = list((tmp_path / "log" / "crashes").glob("crash-*.txt"))
    assert [box.saved] == reports and reports[0].name[len("crash-"):-len(".txt")].replace("-", "").isdigit()
    text = reports[0].read_text(encoding="utf-8")
    for expected in ("StudioDesk:", "Python:", "Qt:", "Platform:", "Station: 前台1", "db.example",
                     "RuntimeError: the unexpected", "line 299"):
        assert expected in text
    assert "line 99\n" not in text and "line 100" in text  # the last 200 lines of the log
    assert str(reports[0]) in box.text()  # the dialog says where the report is
    assert not list((tmp_path / "log" / "crashes").glob("*.partial"))


def test_copy_details_puts_the_report_on_the_clipboard_and_keeps_the_dialog_open(qtbot, shown):
    bugs.report(None, _bug())
    box = shown[0]
    qtbot.addWidget(box)
    box.show()
    QGuiApplication.clipboard().clear()
    box.copy_button.click()
    assert QGuiApplication.clipboard().text() == box.details and "RuntimeError: boom" in box.details
    assert box.isVisible()  # copying does not close it
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not box.isVisible()


@pytest.mark.parametrize("how", ["folder is a file", "rename fails"])
def test_a_crash_report_that_cannot_be_written_still_shows_the_dialog_and_never_raises(
        qtbot, shown, monkeypatch, tmp_path, how):
    if how == "folder is a file":
        blocker = tmp_path / "blocker"
        blocker.write_text("")
        monkeypatch.setattr(bugs, "crash_folder", lambda: blocker / "crashes")
    else:
        def refuse(*_a):  # type: ignore[no-untyped-def]
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(bugs.os, "replace", refuse)
    bugs.report(None, _bug())
    assert len(shown) == 1 and shown[0].saved is None
    assert "could not be saved" in shown[0].text()
    assert "RuntimeError: boom" in shown[0].details  # still there to copy
    assert not list(tmp_path.rglob("*.partial"))


def test_a_failing_dialog_never_raises_out_of_the_bug_report(qtbot, shown, monkeypatch):
    def broken(_box):  # type: ignore[no-untyped-def]
        raise RuntimeError("no display")
    monkeypatch.setattr(bugs, "show_box", broken)
    bugs.report(None, _bug())  # logged, not raised
    assert bugs._state["showing"] is False


def test_database_passwords_never_appear_in_a_crash_report_or_the_dialog(qtbot, shown, tmp_path):
    bugs.report(None, _bug(f"could not connect to {PG} (password={SECRET})"))
    box = shown[0]
    assert SECRET not in box.details and SECRET not in box.text()
    assert SECRET not in box.saved.read_text(encoding="utf-8")
    assert "studio:***@db.example" in box.details


@pytest.fixture
def log_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield tmp_path / "state"
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)


def test_the_log_is_in_the_user_log_directory_and_rotated_keeping_a_few_files(log_dir):
    path = app_main.setup_logging(max_bytes=2000, backup_count=3)
    assert path.name == "studiodesk.log" and log_dir in path.parents
    log = logging.getLogger("app.test_rotation")
    for i in range(400):
        log.info("scan number %s went to the lab and came back", i)
    names = sorted(p.name for p in path.parent.iterdir() if p.name.startswith("studiodesk.log"))
    assert names == ["studiodesk.log", "studiodesk.log.1", "studiodesk.log.2", "studiodesk.log.3"]
    assert all(os.path.getsize(path.parent / n) <= 2000 for n in names)
    assert "scan number 399" in path.read_text(encoding="utf-8")


def test_database_passwords_never_reach_the_log(log_dir):
    path = app_main.setup_logging()
    log = logging.getLogger("app.test_secret")
    log.warning("could not open %s", PG)
    try:
        raise ValueError(f"bad conninfo host=db password={SECRET}")
    except ValueError:
        log.exception("opening failed")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "studio:***@db.example" in text and "password=***" in text and SECRET not in text


def test_the_crash_report_reaches_into_the_rotated_log_when_the_current_one_is_short(qtbot, shown, tmp_path):
    log_file = Path(bugs._state["log_file"])  # type: ignore[arg-type]
    log_file.parent.mkdir(parents=True)
    log_file.with_name("studiodesk.log.1").write_text("".join(f"old {i}\n" for i in range(300)), encoding="utf-8")
    log_file.write_text("new 0\nnew 1\n", encoding="utf-8")
    lines = bugs.last_log_lines()
    assert len(lines) == 200 and lines[-1] == "new 1" and lines[0] == "old 102"


def test_a_failed_statements_values_never_reach_a_crash_report(tmp_path):
    """SQLAlchemy writes a failed statement's parameters into its error text: customers' names and
    phones would leave the studio in a crash report."""
    import traceback

    from sqlalchemy import text

    from app.models.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "s.db"))
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO no_such_table (name, phone) VALUES (:name, :phone)"),
                         {"name": "王小美", "phone": "13800138000"})
    except Exception as exc:  # noqa: BLE001 - the error a bug would carry
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    finally:
        engine.dispose()
    report = bugs.crash_report(trace)
    assert "no_such_table" in report and "13800138000" not in report and "王小美" not in report
