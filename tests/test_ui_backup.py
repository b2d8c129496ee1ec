"""Backups in the window: the settings (manager), the scheduled backups (off the GUI thread,
never two at once, a failure said once on the status bar and never as a dialog), and the
restore with a preview (manager), which lets go of the window's hold first."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Order
from app.models.db import sqlite_path
from app.services import backups, station_lock
from app.services.backups import BackupSettings

from .helpers import new_order, type_text

# Backups and restores here are of a SQLite file; on PostgreSQL they are pg_dump's (README).
SQLITE_FILE = pytest.mark.skipif(bool(os.environ.get("STUDIODESK_TEST_DB_URL")), reason="backups of a SQLite file")


@pytest.fixture
def manager_window(qtbot, ctx, studio):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    ctx.actor = studio.manager
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.backups.stop()


@pytest.fixture
def other_disk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("usb-disk")


def _save_settings(session: Session, studio, folder: Path | str | None, hours: int = 24, enabled: bool = True):  # type: ignore[no-untyped-def]
    return backups.save_backup_settings(session, BackupSettings(enabled, hours, str(folder) if folder else None),
                                        studio.manager, database=None)


@SQLITE_FILE
def test_a_manager_chooses_the_backup_folder_and_one_beside_the_database_is_refused(
        qtbot, manager_window, ctx, session, other_disk: Path):  # type: ignore[no-untyped-def]
    dialog = manager_window.open_backup_settings()
    db = sqlite_path(ctx.url)
    assert db is not None
    dialog.folder.clear()
    type_text(qtbot, dialog.folder, str(db.parent / "backups"))
    dialog.hours.setValue(6)
    dialog.save()
    assert "inside the database's folder" in dialog.message.text() and dialog.isVisible()
    dialog.folder.clear()
    type_text(qtbot, dialog.folder, str(other_disk))
    dialog.save()
    assert not dialog.isVisible()
    session.expire_all()
    assert backups.backup_settings(session) == BackupSettings(True, 6, str(other_disk.resolve()))
    qtbot.waitUntil(lambda: not manager_window.backups.running)  # the new schedule starts with a backup
    assert manager_window.backups.timer.interval() == 6 * 3_600_000
    assert len(backups.auto_backups(other_disk, db)) == 1


def test_backup_settings_and_restore_are_for_managers_only(qtbot, window, messages):  # type: ignore[no-untyped-def]
    assert not window.backup_settings_action.isVisible() and not window.restore_action.isVisible()
    assert window.open_backup_settings() is None and window.open_restore() is None
    assert len(messages) == 2


@SQLITE_FILE
def test_the_scheduled_backup_runs_at_start_in_a_thread_of_its_own_and_never_twice_at_once(
        qtbot, manager_window, ctx, session, studio, other_disk, monkeypatch):  # type: ignore[no-untyped-def]
    _save_settings(session, studio, other_disk, hours=8)
    release = threading.Event()
    threads = []
    real = backups.make_backup

    def slow_backup(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, "make_backup", slow_backup)
    made = []
    manager_window.backups.done.connect(made.append)
    manager_window.start_backups()
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert threads[0] is not threading.main_thread()
    assert manager_window.backups.running
    assert manager_window.backups.run_now() is False  # the timer fires while one runs: skipped
    release.set()
    qtbot.waitUntil(lambda: len(made) == 1)
    assert len(threads) == 1 and not manager_window.backups.running
    assert made[0].path.parent == other_disk.resolve() and made[0].path.exists()
    assert manager_window.backups.timer.isActive() and manager_window.backups.timer.interval() == 8 * 3_600_000


@SQLITE_FILE
def test_a_failing_scheduled_backup_is_said_once_on_the_status_bar_and_never_as_a_dialog(
        qtbot, manager_window, session, studio, other_disk, messages, caplog):  # type: ignore[no-untyped-def]
    blocker = other_disk / "a-file"
    blocker.write_text("x")
    _save_settings(session, studio, other_disk)
    session.expire_all()
    # the folder is replaced by a file after it was chosen (a USB disk unplugged and a file in its place)
    session.execute(backups.Setting.__table__.update().where(backups.Setting.key == backups.BACKUP_FOLDER)
                    .values(value=str(blocker / "inside")))
    session.commit()
    said = []
    manager_window.backups.failed.connect(said.append)
    with caplog.at_level(logging.WARNING, logger="app.ui.backup_dialog"):
        for _ in range(3):
            assert manager_window.backups.run_now()
            qtbot.waitUntil(lambda: not manager_window.backups.running)
    assert len(said) == 1 and "could not be written" in said[0]
    assert manager_window.backup_status.text() == "Backup failed"
    assert messages == []
    assert len([r for r in caplog.records if "scheduled backup failed" in r.getMessage()]) == 3


@SQLITE_FILE
def test_a_manager_restores_a_backup_after_a_preview_and_the_window_closes_to_start_again(
        qtbot, manager_window, ctx, session, studio, clock, messages):  # type: ignore[no-untyped-def]
    db = sqlite_path(ctx.url)
    assert db is not None
    made = backups.make_backup(ctx.url, BackupSettings(), clock=clock)
    assert made is not None
    new_order(session, studio, clock)  # after the backup: gone once it is restored
    session.close()
    ctx.claim = station_lock.hold_shared(db, ctx.station)  # what main.py holds for the whole run
    first_claim = ctx.claim
    dialog = manager_window.open_restore()
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert made.path.name in names
    assert not dialog.restore_button.isEnabled()
    dialog.list.setCurrentRow(names.index(made.path.name))
    qtbot.waitUntil(dialog.restore_button.isEnabled)
    text = dialog.preview.text()
    assert "0 orders" in text and "customers" in text and made.path.name in text
    assert dialog.restore_button.isEnabled() and not dialog.restore_button.autoDefault()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert messages[0].startswith("Replace the database with")
    qtbot.waitUntil(lambda: not manager_window.isVisible(), timeout=30000)
    assert "restored from" in messages[1] and "start it again" in messages[1]
    assert not manager_window.isVisible()
    with Session(ctx.engine) as s:
        assert s.scalar(select(func.count(Order.id))) == 0
    assert ctx.claim is not first_claim
    assert [h.station for h in station_lock.holders(db)] == [ctx.station]
    ctx.claim.release()


@SQLITE_FILE
def test_a_restore_refused_while_another_station_is_open_leaves_the_window_working(
        qtbot, manager_window, ctx, session, studio, clock, messages):  # type: ignore[no-untyped-def]
    db = sqlite_path(ctx.url)
    assert db is not None
    made = backups.make_backup(ctx.url, BackupSettings(), clock=clock)
    assert made is not None
    new_order(session, studio, clock)
    session.close()
    ctx.claim = station_lock.hold_shared(db, ctx.station)
    elsewhere = station_lock.hold_shared(db, "后期电脑")
    try:
        dialog = manager_window.open_restore()
        dialog.show_preview(str(made.path))
        qtbot.waitUntil(dialog.restore_button.isEnabled)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
        assert "后期电脑" in messages[-1] and "nothing was changed" in messages[-1]
        assert "后期电脑" in dialog.preview.text() and dialog.isEnabled()
        assert manager_window.isVisible() and dialog.isVisible()
        with Session(ctx.engine) as s:
            assert s.scalar(select(func.count(Order.id))) == 1
        assert sorted(h.station for h in station_lock.holders(db)) == sorted([ctx.station, "后期电脑"])
    finally:
        elsewhere.release()
        ctx.claim.release()


@SQLITE_FILE
def test_a_start_soon_after_a_backup_copies_nothing_and_waits_for_the_rest_of_the_interval(
        qtbot, manager_window, ctx, session, studio, clock, other_disk):  # type: ignore[no-untyped-def]
    settings = _save_settings(session, studio, other_disk, hours=12)
    backups.make_backup(ctx.url, settings, clock=clock)
    clock.advance(hours=3)
    manager_window.start_backups()
    assert not manager_window.backups.running
    assert manager_window.backups.timer.isActive()
    assert abs(manager_window.backups.timer.interval() - 9 * 3_600_000) <= 2000
    assert len(list(other_disk.iterdir())) == 1


@SQLITE_FILE
def test_while_a_restore_has_let_go_of_the_file_the_window_opens_no_connection(
        qtbot, manager_window, ctx, studio, messages):  # type: ignore[no-untyped-def]
    """Between letting go and taking back, a scan or a timer gets "busy", never a connection to a
    file being replaced; scans are refused while the restore dialog is open."""
    from app.services import search as search_service
    from app.ui.context import DatabaseUnavailable

    dialog = manager_window.open_restore()
    result = manager_window.scan_result(studio.badges[studio.counter.name])
    assert not result.good and "Close the open window first" in str(result.message)
    ctx.let_go()
    try:
        with pytest.raises(DatabaseUnavailable):
            ctx.call(search_service.search, "1234")
    finally:
        ctx.take_back()
    assert ctx.call(search_service.search, "1234") == []
    dialog.close()


@SQLITE_FILE
def test_a_file_that_is_no_backup_is_refused_at_the_preview_and_cannot_be_restored(
        qtbot, manager_window, tmp_path, messages):  # type: ignore[no-untyped-def]
    junk = tmp_path / "photo.db"
    junk.write_bytes(b"\xff\xd8 not a database")
    dialog = manager_window.open_restore()
    dialog.show_preview(str(junk))
    qtbot.waitUntil(lambda: "cannot be restored" in dialog.preview.text())
    assert not dialog.restore_button.isEnabled()
    assert len(messages) == 1 and "cannot be restored" in messages[0]
    dialog.close()
