"""Reports → Check a lab statement…: the columns offered and confirmed, the differences on
screen grouped by kind with their money, the result saved; a bad file is said inline and
changes nothing; only production and managers see it."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt

from app.models import Lab
from app.services.reconcile import Field, StatementLayout
from app.ui.reconcile_dialog import ReconcileDialog, last_month

from .test_reconcile import build_month, every_kind, statement


@pytest.fixture
def month(session, studio, clock):  # type: ignore[no-untyped-def]
    return build_month(session, studio, clock)


def _dialog(qtbot, ctx, studio) -> ReconcileDialog:  # type: ignore[no-untyped-def]
    ctx.actor = studio.production
    dialog = ReconcileDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.month.setText("")
    qtbot.keyClicks(dialog.month, "2026-11")
    return dialog


def _check(qtbot, dialog: ReconcileDialog) -> None:
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=20000)


def _groups(dialog: ReconcileDialog) -> dict[str, list[str]]:
    tree = dialog.tree
    return {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).child(j).text(0)
                                           for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def test_the_differences_are_shown_grouped_by_kind_and_the_columns_are_remembered(qtbot, ctx, session, studio, month,
                                                                                 tmp_path, messages):
    path = statement(tmp_path / "s.xlsx", every_kind(month))
    dialog = _dialog(qtbot, ctx, studio)
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert dialog.header_row.value() == 3
    assert dialog.columns[Field.ITEM_CODE].currentText() == "C · 条码"
    assert dialog.columns[Field.PRICE].currentData() == 7
    assert "guessed" in dialog.layout_note.text()
    _check(qtbot, dialog)
    assert messages == []
    groups = _groups(dialog)
    assert groups == {
        "Billed but never sent or returned this month: 2 line(s), ¥110.00": [month["f3"], "2611-9999"],
        "Sent or returned but not billed: 1 line(s), ¥60.00": [month["g1"]],
        "Price differs from the price list: 1 line(s), ¥10.00": [month["f1"]],
        "Billed twice: 1 line(s), ¥60.00": [month["f2"]],
        "Rework billed, but this lab redoes its faults free: 1 line(s), ¥380.00": [month["a2"]],
    }
    never = dialog.tree.topLevelItem(0).child(1)
    assert [never.text(c) for c in range(1, 8)] == ["2611-9999", "摆台", "12", "¥50.00", "", "¥50.00", ""]
    assert "9 line(s) read, 5 agree" in dialog.summary.text()
    session.expire_all()
    saved = StatementLayout.from_json(session.get(Lab, studio.lab).statement_columns)
    assert saved.columns[Field.ITEM_CODE] == 3 and saved.headers[Field.PRICE] == "单价"


def test_the_result_is_saved_as_a_workbook_in_the_windows_language(qtbot, ctx, studio, month, tmp_path, messages):
    dialog = _dialog(qtbot, ctx, studio)
    qtbot.keyClicks(dialog.path, str(statement(tmp_path / "s.xlsx", every_kind(month))))
    _check(qtbot, dialog)
    assert dialog.save_button.isEnabled()
    dialog.save_result(tmp_path / "result")  # what the save dialog hands over; .xlsx is added
    qtbot.waitUntil(lambda: dialog.saved_to is not None, timeout=20000)
    assert dialog.saved_to == tmp_path / "result.xlsx" and str(dialog.saved_to) in dialog.saved_label.text()
    rows = list(load_workbook(dialog.saved_to)["Differences"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 6 and messages == []


def test_a_bad_statement_is_said_inline_naming_the_file_and_nothing_is_saved(qtbot, ctx, session, studio, tmp_path,
                                                                            messages):
    bad = tmp_path / "bill.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    dialog = _dialog(qtbot, ctx, studio)
    qtbot.keyClicks(dialog.path, str(bad))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert str(bad) in dialog.message.text() and "not an Excel workbook" in dialog.message.text()
    assert dialog.tree.topLevelItemCount() == 0 and not dialog.save_button.isEnabled()
    session.expire_all()
    assert session.get(Lab, studio.lab).statement_columns is None


def test_columns_chosen_by_hand_when_the_headers_are_unknown(qtbot, ctx, session, studio, month, tmp_path, messages):
    wb = Workbook()
    ws = wb.active
    ws.append(["金彩 11月"])
    ws.append(["A栏", "B栏", "C栏"])
    ws.append([month["a1"], "水晶相册", 380])
    wb.save(tmp_path / "odd.xlsx")
    dialog = _dialog(qtbot, ctx, studio)
    qtbot.keyClicks(dialog.path, str(tmp_path / "odd.xlsx"))
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert "no header row" in dialog.message.text() and "by hand" in dialog.layout_note.text()
    dialog.header_row.setValue(2)
    dialog.columns[Field.ITEM_CODE].setCurrentIndex(dialog.columns[Field.ITEM_CODE].findData(1))
    dialog.columns[Field.PRICE].setCurrentIndex(dialog.columns[Field.PRICE].findData(3))
    _check(qtbot, dialog)
    assert messages == [] and "1 line(s) read, 1 agree" in dialog.summary.text()
    session.expire_all()
    assert StatementLayout.from_json(session.get(Lab, studio.lab).statement_columns).headers == {
        Field.ITEM_CODE: "A栏", Field.PRICE: "C栏"}


def test_a_month_that_is_not_yyyy_mm_is_marked_and_nothing_runs(qtbot, ctx, studio, tmp_path):
    dialog = _dialog(qtbot, ctx, studio)
    dialog.month.setText("11月")
    qtbot.keyClicks(dialog.path, str(tmp_path / "s.xlsx"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None and "is not a month" in dialog.message.text()


def test_the_month_offered_is_last_month_in_studio_time(ctx, clock):
    import datetime as dt

    clock.moment = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.timezone.utc)  # 1 January 00:30 in Beijing
    assert last_month(ctx) == "2026-12"
    clock.moment = dt.datetime(2026, 11, 15, 2, 0, tzinfo=dt.timezone.utc)
    assert last_month(ctx) == "2026-10"


def test_only_production_and_managers_see_the_statement_check(qtbot, window, studio):
    assert not window.reconcile_action.isVisible() and not window.reports_menu.menuAction().isVisible()
    for who in (studio.production, studio.manager):
        window.ctx.actor = who
        window.apply_permissions()
        assert window.reconcile_action.isVisible() and window.reports_menu.menuAction().isVisible()
        dialog = window.open_reconcile()
        assert isinstance(dialog, ReconcileDialog)
        dialog.close()


def test_checking_again_saves_the_same_columns_once_and_a_failed_check_shows_no_old_result(
        qtbot, ctx, session, studio, month, tmp_path, messages):
    from sqlalchemy import func, select

    from app.models import AuditEntry

    path = statement(tmp_path / "s.xlsx", every_kind(month))
    dialog = _dialog(qtbot, ctx, studio)
    qtbot.keyClicks(dialog.path, str(path))
    _check(qtbot, dialog)
    _check(qtbot, dialog)
    saved = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "lab.statement_columns")
    assert session.scalar(saved) == 1 and dialog.tree.topLevelItemCount() == 5
    path.write_text("no longer a workbook", encoding="utf-8")  # the columns are known: the check itself refuses
    _check(qtbot, dialog)
    assert len(messages) == 1 and str(path) in messages[0]
    assert dialog.tree.topLevelItemCount() == 0 and dialog.outcome is None and not dialog.save_button.isEnabled()
