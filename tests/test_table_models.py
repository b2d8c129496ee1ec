"""The Qt item models, fed plain rows (no database)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from app.ui.table_models import Column, ColumnFitter, HeldRowsModel, PagedRowsModel, RowsModel


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


# --- column widths and formatting: once per result, not per paint ----------------------------------------------

@dataclass(frozen=True)
class Customer:
    name: str
    phone: str
    due_fen: int


def _customers(n: int) -> list[Customer]:
    names = ["张三", "欧阳娜娜 & 李四", "Wang Xiaoming", "赵"]
    return [Customer(names[i % 4], f"138 0013 {1000 + i}", i * 12345) for i in range(n)]


def _customer_view(qtbot, model):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    from app.ui.common import fit_columns

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, 1)
    return view


def _customer_columns(calls: list | None = None) -> list[Column]:
    def name(c: Customer) -> str:
        if calls is not None:
            calls.append(c)
        return c.name

    return [Column("Customer", name), Column("Phone", lambda c: c.phone),
            Column("Balance due", lambda c: f"¥{c.due_fen // 100:,}.{c.due_fen % 100:02d}", align_right=True)]


def _qt_measure(view, column: int) -> int:  # type: ignore[no-untyped-def]
    """The width Qt's own ResizeToContents gives a column (its delegate measures every cell)."""
    header = view.horizontalHeader()
    wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
    return max(header.minimumSectionSize(), min(wanted, header.maximumSectionSize()))


def test_fitted_columns_are_as_wide_as_qt_measures_the_first_40_rows(qtbot):
    model = RowsModel(_customer_columns())
    view = _customer_view(qtbot, model)
    rows = _customers(45)
    rows[44] = Customer("这一位客户的名字长得不得了但是在第四十五行", "1", 1)  # beyond the 40 rows measured
    model.set_rows(rows)
    header = view.horizontalHeader()
    assert header.resizeContentsPrecision() == 40
    for column in (0, 2):  # column 1 takes the spare width
        assert header.sectionSize(column) == _qt_measure(view, column) > 0
    model.set_rows(rows[:1])  # a shorter result: narrower again
    assert header.sectionSize(0) == _qt_measure(view, 0)


def test_rows_loaded_later_widen_a_column_but_never_narrow_it(qtbot):
    pages = {0: [Customer("张三", "1", 1)] * 3, 3: [Customer("欧阳娜娜 & 司马相如", "1", 1)] * 3, 6: [Customer("赵", "1", 1)]}
    model = PagedRowsModel(_customer_columns(), page_size=3)
    view = _customer_view(qtbot, model)
    model.start(lambda offset: (pages[offset], offset < 6))
    header = view.horizontalHeader()
    first = header.sectionSize(0)
    model.fetchMore(QModelIndex())
    wider = header.sectionSize(0)
    assert wider > first
    model.fetchMore(QModelIndex())
    assert header.sectionSize(0) == wider


def test_each_row_is_formatted_once_however_often_it_is_measured_or_painted(qtbot):
    calls: list[Customer] = []
    model = RowsModel(_customer_columns(calls))
    view = _customer_view(qtbot, model)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    rows = _customers(60)
    model.set_rows(rows)
    for _ in range(3):
        view.viewport().repaint()
    view.scrollToBottom()
    view.viewport().repaint()
    assert calls and len(calls) == len(set(map(id, calls)))  # no row twice
    assert len(calls) <= len(rows)


def test_update_rows_changes_only_what_differs_and_never_resets(qtbot, qtmodeltester):
    calls: list[Customer] = []
    model = RowsModel(_customer_columns(calls))
    rows = _customers(4)
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)  # the tester watches every signal from here on
    for r in range(4):
        model.data(model.index(r, 0))
    resets, changed, removed, inserted = [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row(), b.column())))
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    calls.clear()

    model.update_rows([rows[0], Customer("王五", "1", 1), rows[2]])  # row 1 differs, row 3 goes
    assert removed == [(3, 3)] and changed == [(1, 1, 2)] and not inserted and not resets
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["张三", "王五", "Wang Xiaoming"]
    assert calls == [Customer("王五", "1", 1)]  # rows that stayed were not formatted again

    model.update_rows([rows[0], Customer("王五", "1", 1), rows[2], rows[3], rows[0]])
    assert inserted == [(3, 4)] and changed == [(1, 1, 2)] and not resets
    model.update_rows([])
    assert model.rowCount() == 0 and removed[-1] == (0, 4) and not resets
    qtmodeltester.check(model, force_py=True)


def test_a_held_rows_model_shows_text_colour_and_alignment_and_keeps_its_rows(qapp, qtmodeltester):
    model = HeldRowsModel(COLUMNS)
    replaced: list[int] = []
    model.rows_replaced.connect(lambda: replaced.append(model.rowCount()))
    model.set_rows([Row(1), Row(2)])
    model.insert_row(0, Row(3))
    model.insert_row(3, Row(4))
    assert [r.n for r in model.rows] == [3, 1, 2, 4] and replaced == [2]
    assert [model.text(r, 0) for r in range(4)] == ["3", "1", "2", "4"] and model.texts(1) == ["1"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == QColor("red")
    assert model.data(model.index(3, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(0, Qt.Orientation.Horizontal) == "N"
    model.remove_row(1)
    assert [r.n for r in model.rows] == [3, 2, 4] and model.row(model.index(1, 0)).n == 2
    qtmodeltester.check(model)


def test_fitted_columns_follow_a_held_rows_model(qtbot):
    model = HeldRowsModel([Column("N", lambda r: str(r.n)), Column("Wide", lambda r: "x" * r.n)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fitter = ColumnFitter(view, stretch=1)
    model.set_rows([Row(1), Row(22)])
    narrow = view.horizontalHeader().sectionSize(0)
    model.insert_row(2, Row(123456789))  # a longer number widens the first column
    assert view.horizontalHeader().sectionSize(0) > narrow and fitter.fits >= 2


def test_a_column_with_tick_boxes_is_wide_enough_for_the_box_and_its_whole_text(qtbot):
    """The send-out waiting list: an item code beside its tick box is shown whole, never cut."""
    from app.ui.send_out_page import TickedRowsModel

    @dataclass
    class Waiting:
        item_id: int

    model = TickedRowsModel([Column("客件", lambda r: f"2512-0238-{r.item_id:02d}-8"),
                             Column("产品", lambda r: "手机相册")], page_size=10)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    ColumnFitter(view, stretch=1)
    model.start(lambda offset: ([Waiting(n) for n in range(offset, offset + 10)], False))
    view.show()
    assert view.horizontalHeader().sectionSize(0) >= _qt_measure(view, 0)
