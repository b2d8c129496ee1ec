"""Search as you type on the Orders tab: each keystroke does the least work that shows
its result (no per-cell measuring, no model reset, one preview, nothing moves)."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import lookup
from app.ui.table_models import ColumnFitter, RowsModel

from .helpers import new_order

SIZE_HINT = int(Qt.ItemDataRole.SizeHintRole.value)


def _search(qtbot, tab, text: str) -> None:  # type: ignore[no-untyped-def]
    tab.search.setText(text)  # what each keystroke does once typing pauses
    tab.run_search()
    QApplication.processEvents()


def _orders(session, studio, clock) -> list:  # type: ignore[no-untyped-def]
    return [new_order(session, studio, clock, name=name, phone=phone) for name, phone in
            [("张三", "13800131234"), ("张三丰", "13900131234"), ("张珊", "13700135678"), ("李四", "13600001234")]]


def _fitter(view) -> ColumnFitter:  # type: ignore[no-untyped-def]
    fitter = view.findChild(ColumnFitter)
    assert fitter is not None
    return fitter


def test_typing_a_search_never_measures_cells_through_the_delegate(qtbot, window, session, studio, clock,
                                                                   monkeypatch):
    _orders(session, studio, clock)
    window.focus_search()  # the Orders tab, shown (the window opens on Today)
    tab = window.orders
    asked: dict[int, int] = {}
    data = RowsModel.data

    def counting(self, index, role=0):  # type: ignore[no-untyped-def]
        asked[role] = asked.get(role, 0) + 1
        return data(self, index, role)

    monkeypatch.setattr(RowsModel, "data", counting)
    fits = _fitter(tab.results).fits
    searches = ["1", "12", "123", "1234", "张", "张三", "zs", ""]
    for text in searches:
        _search(qtbot, tab, text)
    assert asked.get(0, 0) > 0  # the rows were painted...
    assert SIZE_HINT not in asked  # ...but never measured cell by cell (ResizeToContents did, per layout pass)
    assert _fitter(tab.results).fits - fits == len(searches)  # widths measured once per result


def test_a_new_result_replaces_the_old_in_place_without_resetting_the_model(qtbot, window, session, studio, clock):
    orders = _orders(session, studio, clock)
    tab = window.orders
    resets: list[int] = []
    tab.results_model.modelReset.connect(lambda: resets.append(1))
    tab.items_model.modelReset.connect(lambda: resets.append(2))
    for text in ["1234", "张三", "zs", "13800131234", "没有这个人", "1234"]:
        _search(qtbot, tab, text)
        rows = tab.results_model.rows
        if rows:  # the first row is selected and previewed, as after a reset
            assert tab.results.currentIndex().row() == 0 and tab.results.selectionModel().isRowSelected(0)
            assert rows[0].checked_number in tab.preview_title.text()
            assert tab.items_model.rowCount() == len(tab.ctx.call(lookup.sheet_of_order, rows[0].order_number).items)
        else:
            assert tab.preview_title.text() == "" and tab.items_model.rowCount() == 0
    assert not resets
    assert {r.order_id for r in tab.results_model.rows} >= {orders[0].id, orders[1].id, orders[3].id}


def test_each_search_previews_the_first_row_once(qtbot, window, session, studio, clock, monkeypatch):
    _orders(session, studio, clock)
    tab = window.orders
    previews: list[str] = []
    sheet_of_order = lookup.sheet_of_order

    @functools.wraps(sheet_of_order)
    def counting(session, number):  # type: ignore[no-untyped-def]
        previews.append(number)
        return sheet_of_order(session, number)

    monkeypatch.setattr(lookup, "sheet_of_order", counting)
    tab.results.selectRow(0)
    _search(qtbot, tab, "1234")
    tab.results.selectRow(2)  # someone looked at another row, then typed on
    previews.clear()
    first_rows: list[str] = []
    for text in ["张", "张三", "张三丰", "zs"]:
        _search(qtbot, tab, text)
        if tab.results_model.rows:
            first_rows.append(tab.results_model.rows[0].order_number)
    assert len(first_rows) == 3  # "张" is too short to search: nothing to preview
    assert previews == first_rows


def test_results_arriving_do_not_move_the_tables(qtbot, window, session, studio, clock):
    _orders(session, studio, clock)
    tab = window.orders
    _search(qtbot, tab, "")
    where = (tab.results.geometry(), tab.items.geometry(), tab.count.parentWidget().geometry())
    for text in ["1234", "张三丰", "2611-00", "没有这个人", ""]:
        _search(qtbot, tab, text)
        assert (tab.results.geometry(), tab.items.geometry(), tab.count.parentWidget().geometry()) == where
