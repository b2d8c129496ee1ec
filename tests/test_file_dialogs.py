"""File dialogs never open the live database: a dialog listing the database's folder leaves the
program's SQLite locks in place, and dialogs start elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel
from sqlalchemy import Engine, text

from app.ui import file_dialogs

READ = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "print(c.execute(sys.argv[2]).fetchall()); c.close()")


def _other_process_reads(db: Path, query: str) -> str:
    """Another program opens the database, reads, and closes it (the last one out deletes
    the -wal when it thinks it is alone)."""
    return subprocess.run([sys.executable, "-c", READ, str(db), query], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def _list_in_dialog(qtbot, dialog: QFileDialog, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Show ``dialog`` on ``folder`` until every entry is listed with its type and icon, as a
    person looking at it would see it, then close it."""
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    with qtbot.waitSignal(model.directoryLoaded, timeout=5000):
        dialog.setDirectory(str(folder))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
    root = model.index(str(folder))
    for row in range(model.rowCount(root)):
        model.index(row, 0, root).data(Qt.ItemDataRole.DecorationRole)
        model.index(row, 2, root).data()  # the type column
    qtbot.wait(300)  # the gatherer thread fills in icons and types
    for row in range(model.rowCount(root)):
        model.index(row, 2, root).data()
    dialog.close()
    dialog.deleteLater()


@pytest.fixture
def live_db(engine: Engine, studio) -> Path:  # type: ignore[no-untyped-def]
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's file locks")
    with engine.begin() as conn:  # the program has the database open, with a -wal
        conn.execute(text("CREATE TABLE probe (x INTEGER)"))
        conn.execute(text("INSERT INTO probe VALUES (1)"))
    db = Path(engine.url.database or "")
    assert Path(str(db) + "-wal").exists()
    return db


@pytest.mark.parametrize("name_filter", ["PDF (*.pdf)", "All files (*)"])
def test_a_file_dialog_on_the_database_folder_leaves_the_programs_locks(qtbot, qsettings, engine, live_db,
                                                                        name_filter):
    dialog = file_dialogs.save_dialog(None, "Save as PDF", "x.pdf", name_filter, live_db)
    qtbot.addWidget(dialog)
    _list_in_dialog(qtbot, dialog, live_db.parent)  # a person navigates to the database's folder
    assert _other_process_reads(live_db, "SELECT x FROM probe") == "[(1,)]"
    with engine.begin() as conn:  # the program commits a change it will show on screen
        conn.execute(text("INSERT INTO probe VALUES (2)"))
    assert _other_process_reads(live_db, "SELECT x FROM probe ORDER BY x") == "[(1,), (2,)]"
    assert Path(str(live_db) + "-wal").exists()


def test_the_dialogs_icon_provider_names_files_without_reading_them(tmp_path):
    provider = file_dialogs.icon_provider()
    fifo = tmp_path / "studio.db-wal"
    import os

    os.mkfifo(fifo)  # reading a FIFO blocks: a provider that opens files would hang here
    assert provider.type(QFileInfo(str(fifo))) == "DB-WAL file"
    assert provider.type(QFileInfo(str(tmp_path / "README"))) == "File"
    assert provider.type(QFileInfo(str(tmp_path / "slip.pdf"))) == "PDF file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"
    provider.icon(QFileInfo(str(fifo)))  # drawing needs no file either


def test_file_dialogs_never_start_in_the_database_folder(qsettings, tmp_path, monkeypatch):
    db = tmp_path / "db" / "studio.db"
    db.parent.mkdir()
    elsewhere = tmp_path / "pdfs"
    elsewhere.mkdir()
    QSettings().setValue(file_dialogs.LAST_FOLDER_KEY, str(db.parent))
    assert not file_dialogs._inside(file_dialogs.start_folder(db), db)
    file_dialogs.remember_folder(db.parent / "slip.pdf", db)  # saved beside the database: not remembered
    assert QSettings().value(file_dialogs.LAST_FOLDER_KEY) == str(db.parent)
    file_dialogs.remember_folder(elsewhere / "slip.pdf", db)
    assert file_dialogs.start_folder(db) == elsewhere
    monkeypatch.setattr(Path, "home", lambda: db.parent)
    QSettings().setValue(file_dialogs.LAST_FOLDER_KEY, str(db.parent / "sub"))
    assert not file_dialogs._inside(file_dialogs.start_folder(db), db)


def test_the_pdf_dialog_is_qts_own_with_name_only_icons_outside_the_database_folder(qtbot, qsettings, tmp_path):
    db = tmp_path / "db" / "studio.db"
    db.parent.mkdir()
    QSettings().setValue(file_dialogs.LAST_FOLDER_KEY, str(db.parent))
    dialog = file_dialogs.save_dialog(None, "Save as PDF", "2611-0001-7.pdf", "PDF (*.pdf)", db)
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.testOption(QFileDialog.Option.DontUseCustomDirectoryIcons)
    assert dialog.iconProvider() is file_dialogs.icon_provider()
    assert Path(dialog.directory().absolutePath()).resolve() != db.parent.resolve()


def test_slip_and_labels_as_pdf_ask_in_the_safe_dialog_outside_the_database_folder(
        qtbot, ctx, session, studio, clock, tmp_path, monkeypatch):
    from app.ui.order_dialog import OrderDialog

    from .helpers import new_order

    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite file's folder")
    db = Path(ctx.engine.url.database or "")
    QSettings().setValue(file_dialogs.LAST_FOLDER_KEY, str(db.parent))  # as an older version may have left it
    shown: list[QFileDialog] = []
    monkeypatch.setattr(QFileDialog, "exec", lambda self: shown.append(self) or QFileDialog.DialogCode.Rejected)
    dialog = OrderDialog(ctx, new_order(session, studio, clock).id)
    qtbot.addWidget(dialog)
    assert dialog.save_pdf(None, receipt=False) is None and dialog.save_labels(None) is None
    assert len(shown) == 2
    for asked in shown:
        assert asked.iconProvider() is file_dialogs.icon_provider()
        assert asked.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert Path(asked.directory().absolutePath()).resolve() != db.parent.resolve()
