"""Import scanner file…: each line's result in the table; a refusal of the whole file is shown
and writes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Item, ItemStatus
from app.ui.scanner_file_dialog import ScannerFileDialog

from .helpers import event_count, new_order


@pytest.fixture
def codes(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    return list(session.scalars(select(Item.code).where(Item.order_id == order.id, Item.seq <= 3).order_by(Item.seq)))


def _rows(dialog: ScannerFileDialog) -> list[list[str]]:
    m = dialog.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def _import(qtbot, dialog: ScannerFileDialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=10000)


def test_the_import_dialog_shows_each_lines_result(qtbot, ctx, studio, session, codes, tmp_path, messages):
    album, frame, _ = codes
    path = tmp_path / "scanner.txt"
    path.write_text(f"{album}\n\n{frame}\nnot a code\n{album}\n", encoding="utf-8")
    ctx.actor = studio.production
    dialog = ScannerFileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.path, str(path))
    assert dialog.lab.isEnabled() and not dialog.reason.isEnabled()
    dialog.lab.setCurrentIndex(dialog.lab.findData(studio.slow_lab))
    _import(qtbot, dialog)
    assert messages == []
    assert _rows(dialog) == [
        ["1", album, "Done", f"{album}: waiting to be made → at the lab"],
        ["3", frame, "Done", f"{frame}: waiting to be made → at the lab"],
        ["4", "not a code", "Refused", "NOTACODE is not a StudioDesk order number or item code."],
        ["5", album, "Already so", f"{album} is already at the lab; nothing changed."],
    ]
    assert dialog.summary.text() == "2 done, 1 already so, 1 refused"
    session.expire_all()
    assert session.scalar(select(Item.lab_id).where(Item.code == frame)) == studio.slow_lab


def test_rework_needs_what_is_wrong_for_other_and_writes_nothing(qtbot, ctx, studio, session, codes, tmp_path,
                                                                 messages):
    path = tmp_path / "scanner.txt"
    path.write_text(codes[0] + "\n", encoding="utf-8")
    ctx.actor = studio.production
    dialog = ScannerFileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.mode.setCurrentIndex(dialog.mode.findData("rework"))
    assert dialog.reason.isEnabled() and not dialog.lab.isEnabled()
    dialog.reason.setCurrentIndex(dialog.reason.count() - 1)  # "Other"
    before = event_count(session)
    _import(qtbot, dialog)
    assert len(messages) == 1 and "say what is wrong" in messages[0]
    assert dialog.model.rowCount() == 0 and event_count(session) == before


def test_a_counter_clerk_is_refused_and_nothing_is_written(qtbot, ctx, studio, session, codes, tmp_path, messages):
    path = tmp_path / "scanner.txt"
    path.write_text("\n".join(codes), encoding="gbk")
    dialog = ScannerFileDialog(ctx)  # the counter clerk is signed in
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    before = event_count(session)
    _import(qtbot, dialog)
    assert len(messages) == 1 and "may not send, receive or check items" in messages[0]
    session.expire_all()
    assert event_count(session) == before
    assert set(session.scalars(select(Item.status).where(Item.code.in_(codes)))) == {ItemStatus.WAITING}


def test_no_file_chosen_is_marked_at_the_field(qtbot, ctx, studio):
    ctx.actor = studio.production
    dialog = ScannerFileDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None and "Choose the scanner's file" in dialog.message.text()


def test_the_file_is_chosen_in_the_safe_dialog_outside_the_database_folder(qtbot, ctx, studio, tmp_path):
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from app.ui import file_dialogs

    dialog = ScannerFileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.choose()
    chooser = dialog.chooser
    assert chooser is not None and chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert isinstance(chooser.iconProvider(), file_dialogs.NameOnlyIconProvider)
    database_folder = Path(ctx.url.database).parent if ctx.url.get_backend_name() == "sqlite" else None
    assert Path(chooser.directory().absolutePath()) != database_folder
    scans = tmp_path / "elsewhere" / "scans.txt"
    scans.parent.mkdir()
    scans.write_text("x\n")
    chooser.fileSelected.emit(str(scans))
    chooser.close()
    assert dialog.path.text() == str(scans)
