"""The Qt item models, fed plain rows (no database)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from app.ui.table_models import Column, PagedRowsModel, RowsModel


@dataclass
class Row:
    n: int


COLUMNS = [Column("N", lambda r: str(r.n), lambda r: QColor("red") if r.n % 2 else None, align_right=True)]


def test_rows_model_shows_text_colour_and_alignment(qapp):
    model = RowsModel(COLUMNS)
    model.set_rows([Row(1), Row(2)])
    assert model.rowCount() == 2 and model.columnCount() == 1
    assert model.data(model.index(0, 0)) == "1"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == QColor("red")
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "N"
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_paged_model_fetches_pages_only_when_asked(qapp):
    asked: list[int] = []

    def fetch(offset: int):  # type: ignore[no-untyped-def]
        asked.append(offset)
        rows = [Row(i) for i in range(offset, min(offset + 10, 25))]
        return rows, offset + 10 < 25

    model = PagedRowsModel(COLUMNS, page_size=10)
    model.start(fetch)
    assert model.rowCount() == 10 and asked == [0] and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25 and asked == [0, 10, 20] and not model.canFetchMore(QModelIndex())
    model.start(None)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_rows_model_passes_the_qt_model_tester(qtmodeltester):
    model = RowsModel(COLUMNS)
    model.set_rows([Row(n) for n in range(5)])
    qtmodeltester.check(model, force_py=True)


def test_paged_model_passes_the_qt_model_tester_while_pages_arrive(qtmodeltester):
    model = PagedRowsModel(COLUMNS, page_size=3)
    model.start(lambda offset: ([Row(n) for n in range(offset, min(offset + 3, 8))], offset + 3 < 8))
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 8
    qtmodeltester.check(model, force_py=True)


def test_every_model_of_the_windows_passes_the_qt_model_tester(qtmodeltester, qtbot, ctx, session, studio, clock):
    """The models the real screens build, filled from the demo-like test studio."""
    from app.ui.main_window import MainWindow

    from .helpers import new_order

    order = new_order(session, studio, clock, name="张三")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.orders.search.setText("张三")
    window.orders.run_search()
    customer = window.open_customer(order.customer_id, order.id)
    detail = window.open_order(order.id)
    models = [window.orders.results_model, window.orders.items_model, customer.payments_model,
              customer.complaints_model, customer.follow_ups_model, detail.items_model, detail.sessions_model,
              detail.payments_model, detail.events_model]
    assert window.orders.results_model.rowCount() and detail.items_model.rowCount()
    for model in models:
        qtmodeltester.check(model, force_py=True)
