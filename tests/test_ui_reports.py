"""Reports → Month-end: manager and production export a lab's month (and the manager the
monthly workbook) in the background with a progress bar; a manager sets whether a lab bills
reworks and whether customer names go to labs."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView
from sqlalchemy import select

from app.models import ItemStatus as S, Lab
from app.services import lifecycle
from app.services.month_end import customer_names_to_labs
from app.ui.catalogue_dialog import CatalogueDialog
from app.ui.reports_dialog import ReportsDialog

from .helpers import type_text
from .tracking_helpers import lab_items

UTC = dt.timezone.utc


def _menu_texts(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.text().replace("&", "") for m in window.menuBar().actions() if m.menu() and m.isVisible()
            for a in m.menu().actions() if a.isVisible()}


def _switch(window, actor) -> None:  # type: ignore[no-untyped-def]
    window.ctx.actor = actor
    window._update_status()


MONTH_END = "Month-end (lab reconciliation, monthly workbook)…"


def test_the_reports_menu_is_for_manager_and_production_only(qtbot, window, studio, messages):
    assert MONTH_END not in _menu_texts(window)  # the counter clerk
    assert window.open_reports() is None and "may not do the labs' month-end" in messages[-1]
    for who in (studio.production, studio.manager):
        _switch(window, who)
        assert MONTH_END in _menu_texts(window)
    dialog = window.open_reports()
    assert isinstance(dialog, ReportsDialog)
    dialog.close()


@pytest.fixture
def sent_in_november(session, studio, clock):  # type: ignore[no-untyped-def]
    clock.moment = dt.datetime(2026, 11, 10, 2, tzinfo=UTC)
    codes = lab_items(session, studio, clock, 2)
    for code in codes:
        lifecycle.transition(session, code, S.SENT, studio.production, clock=clock)
    clock.moment = dt.datetime(2026, 12, 3, 2, tzinfo=UTC)  # month-end: November is last month
    return codes


def test_production_exports_last_months_lab_reconciliation_with_a_progress_bar(
        qtbot, ctx, studio, sent_in_november, tmp_path, messages):
    ctx.actor = studio.production
    dialog = ReportsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.month.currentText() == "2026-11"
    assert dialog.lab_button.isVisible() and not dialog.month_button.isVisible()  # the workbook is the manager's
    assert not dialog.customer_names.isEnabled()  # a studio setting: the manager's
    dialog.lab.setCurrentIndex(dialog.lab.findText("金彩相册厂"))
    seen: list[tuple[int, int]] = []
    dialog._progress.moved.connect(lambda done, of: seen.append((done, of)))
    path = tmp_path / "金彩.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_lab(path)
    assert messages == [] and path.exists() and str(path) in dialog.result_label.text()
    assert "6 sending(s)" in dialog.result_label.text()
    assert seen and seen[-1][0] == seen[-1][1]  # the bar went to the end
    qtbot.waitUntil(lambda: not dialog.progress.isVisible())
    wb = load_workbook(path)
    assert wb.sheetnames[1] == "金彩相册厂" and len(list(wb["金彩相册厂"].iter_rows())) == 1 + 6 + 1 + 2 + 1


def test_the_manager_exports_the_monthly_workbook(qtbot, ctx, studio, sent_in_november, tmp_path, messages):
    ctx.actor = studio.manager
    dialog = ReportsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.month_button.isVisible()
    path = tmp_path / "month.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_month(path)
    assert messages == [] and load_workbook(path).sheetnames[0] == "Orders"


def test_a_month_typed_wrong_is_said_in_the_dialog_and_nothing_is_written(qtbot, ctx, studio, tmp_path):
    ctx.actor = studio.manager
    dialog = ReportsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.month.setEditText("")
    type_text(qtbot, dialog.month, "2026-13")
    dialog.export_lab(tmp_path / "x.xlsx")
    assert "not a month" in dialog.result_label.text() and not (tmp_path / "x.xlsx").exists() and dialog.task is None


def test_the_manager_turns_customer_names_to_labs_on_in_the_dialog(qtbot, ctx, session, studio):
    ctx.actor = studio.manager
    dialog = ReportsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.customer_names.isEnabled() and not dialog.customer_names.isChecked()
    qtbot.mouseClick(dialog.customer_names, Qt.MouseButton.LeftButton)
    session.expire_all()
    assert customer_names_to_labs(session)


def test_the_manager_sets_whether_a_lab_bills_reworks_in_the_catalogue(qtbot, ctx, session, studio, messages):
    ctx.actor = studio.manager
    dialog = CatalogueDialog(ctx)
    qtbot.addWidget(dialog)
    table = next(v for v in dialog.findChildren(QTableView) if v.model() is dialog.labs)
    row = next(r for r, lab in enumerate(dialog.lab_rows) if lab.id == studio.lab)
    table.selectRow(row)
    assert not dialog.lab_bills_rework.isChecked()
    save = next(b for b in dialog.lab_bills_rework.parentWidget().findChildren(QPushButton) if b.text() == "Save")
    dialog.lab_bills_rework.setChecked(True)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert messages == []
    session.expire_all()
    assert session.scalar(select(Lab.bills_rework).where(Lab.id == studio.lab)) is True
    table.selectRow(row)
    assert dialog.lab_bills_rework.isChecked()


def test_a_workbook_that_cannot_be_written_is_said_and_the_dialog_is_ready_again(
        qtbot, ctx, studio, sent_in_november, tmp_path, messages):
    ctx.actor = studio.production
    dialog = ReportsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    taken = tmp_path / "out" / "taken.xlsx"
    taken.mkdir(parents=True)  # a folder where the workbook should go
    dialog.export_lab(taken)
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=20000)
    assert messages and "could not be written" in messages[-1] and "nothing was exported" in messages[-1]
    assert dialog.written is None and dialog.lab_button.isEnabled() and not dialog.progress.isVisible()
    assert [p.name for p in taken.parent.iterdir()] == ["taken.xlsx"] and taken.is_dir()  # no partial file
