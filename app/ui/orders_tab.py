"""The Orders tab (门市): one search box for customers and orders, as you type.

Typing the last four digits of a phone and pressing Enter opens that customer's
file with every order and each item's status: "where is my album?" in 5 keys.

Order numbers are read and typed with their check character (``2611-0042-7``). One
typed without it (``2611-0042``) only lists its order with the customer's name: Enter
in the box moves to that row, and a second Enter, on the row, opens it; a number with
a wrong check character is refused here, in the line under the box.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from ..models import ItemStatus
from ..services import lookup, search as search_service
from ..services.codes import WrongCheck
from ..services.errors import StudioError
from ..services.staff import Permission
from ..services.text import is_storable
from . import bugs
from .common import PROGRESS_COLOURS, STATUS_COLOURS, fit_columns, may
from .context import AppContext, show_refusal
from .i18n import QT_TRANSLATE_NOOP, date_text, error_text, local_time, money, progress_name, status_name
from .scanning import ScanResult
from .table_models import Column, PagedRowsModel, RowsModel

SEARCH_DELAY_MS = 150  # waits for a pause in typing; a scan gun's burst makes one search


class _LabelBox(QWidget):
    """A one-line label in a box of its own, outside every layout.

    A label that changes its text asks the layouts above it to work again, up to the
    tab widget, which then repaints its whole page: on every keystroke of a search.
    In its box the label only repaints itself. The box is as tall as a line holding
    Chinese (taller than the Latin font's), so nothing under it moves when a text
    arrives or goes; a text wider than the window is cut, not widening the window."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.label = label
        label.setParent(self)
        text = label.text()
        label.setText("结果 Ag 0123")  # Chinese, capitals, descenders and digits: the tallest line shown
        self.setFixedHeight(label.sizeHint().height())
        label.setText(text)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def] # noqa: N802 - Qt API
        self.label.resize(event.size())


class OrdersTab(QWidget):
    open_customer = Signal(int, object)  # customer id, order id or None
    new_customer = Signal(str)  # what was in the search box: a phone or a name to start from
    new_order = Signal(object)  # customer id or None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setObjectName("orderSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr(
            "Search: last 4 digits of a phone, a name or pinyin initials (zs), an order number or item code"))
        self.search.setStyleSheet("font-size: 16px; padding: 6px;")
        self.count = QLabel()
        self.refused: str | None = None  # why the text in the box was refused (a wrong check character)
        self._quiet_preview = False  # True while a search puts its result in place
        self.new_customer_button = new_customer = QPushButton(self.tr("New customer (F2)"))
        new_customer.setObjectName("newCustomer")
        new_customer.clicked.connect(self._new_customer)
        self.new_order_button = new_order = QPushButton(self.tr("New order (Ctrl+N)"))
        new_order.setObjectName("newOrder")
        new_order.clicked.connect(self._new_order)

        self.results_model = PagedRowsModel([
            Column(self.tr("Customer"), self._couple),
            Column(self.tr("Phones"), lambda r: r.phones or ""),
            Column(self.tr("Order"), lambda r: r.checked_number or self.tr("(no order)")),
            Column(self.tr("Package"), lambda r: r.package_name or ""),
            Column(self.tr("Booked"), lambda r: local_time(r.booked_at)[:10]),
            Column(self.tr("Progress"), lambda r: progress_name(r.progress),
                   lambda r: PROGRESS_COLOURS.get(r.progress)),
            Column(self.tr("Balance due"), lambda r: money(r.due_fen) if r.due_fen else "", align_right=True),
        ], page_size=search_service.PAGE_SIZE, parent=self)
        self.results = QTableView()
        self.results.setObjectName("searchResults")
        self._table(self.results, self.results_model, stretch=3)
        self.results.activated.connect(self._open_row)
        self.results.selectionModel().currentRowChanged.connect(self._preview)

        self.items_model = RowsModel([
            Column(self.tr("Item"), lambda i: i.code),
            Column(self.tr("Product"), lambda i: i.product + (f" ({i.description})" if i.description else "")),
            Column(self.tr("Session"), lambda i: i.session_name),
            Column(self.tr("Status"), lambda i: status_name(i.status), lambda i: STATUS_COLOURS[i.status]),
            Column(self.tr("Expected back"), lambda i: date_text(i.expected_return)),
            Column(self.tr("Shelf"), lambda i: i.shelf or ""),
        ], self)
        self.items = QTableView()
        self.items.setObjectName("previewItems")
        self._table(self.items, self.items_model, stretch=1)
        self.preview_title = QLabel()
        self.preview_title.setStyleSheet("font-weight: bold;")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(new_customer)
        top.addWidget(new_order)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(_LabelBox(self.preview_title))
        lower_layout.addWidget(self.items)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results)
        split.addWidget(lower)
        split.setSizes([400, 250])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(_LabelBox(self.count))
        layout.addWidget(split, 1)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self._new_customer)
        QShortcut(QKeySequence("Ctrl+N"), self, self._new_order)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self._into_results)

    def _table(self, view: QTableView, model: RowsModel, stretch: int) -> None:
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        fit_columns(view, stretch)
        view.setAlternatingRowColors(True)

    def apply_permissions(self) -> None:
        """Show only what the signed-in staff member may use (again after a switch)."""
        self.new_customer_button.setVisible(may(self.ctx, Permission.EDIT_CUSTOMERS))
        self.new_order_button.setVisible(may(self.ctx, Permission.BOOK_ORDER))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text()
        if not is_storable(text):  # a NUL or half a character (pasted): nothing holds one, search nothing
            text = ""
        refused: list[str] = []

        def page(offset: int) -> tuple[list, bool]:
            try:
                rows = self.ctx.call(search_service.search, text, offset=offset)
            except WrongCheck as exc:  # a mistyped number: said under the box, not in a window over it
                refused.append(error_text(exc))
                return [], False
            except StudioError as exc:  # the database said no: shown; the list stays as it is
                show_refusal(self, exc)
                return [], False
            except Exception as exc:  # noqa: BLE001 - a bug: reported once, the window lives on
                bugs.report(self, exc)
                return [], False
            # a page holds PAGE_SIZE customers; fewer means this was the last one
            return rows, len({r.customer_id for r in rows}) >= search_service.PAGE_SIZE

        # the new result replaces the old one in place (rows that stay are not painted again);
        # the preview follows row 0 once, when the selection is in place
        self._quiet_preview = True
        try:
            self.results_model.start(page if text.strip() else None, in_place=True)
            if self.results_model.rows:
                self.results.selectRow(0)
        finally:
            self._quiet_preview = False
        self._preview(self.results.currentIndex())
        self.refused = refused[0] if refused else None
        n = len(self.results_model.rows)
        more = "+" if self.results_model.canFetchMore() else ""
        first = self.results_model.rows[0] if n else None
        if self.refused:
            self.count.setText(self.refused)
        elif first is not None and first.unchecked:  # a number typed without its check character
            self.count.setText(self.tr(
                "Order {number} belongs to {customer}: check the name with the customer, then press Enter on the row "
                "to open it.").format(number=first.checked_number, customer=self._couple(first)))
        else:
            self.count.setText(self.tr("{n} results").format(n=f"{n}{more}") if text.strip() else "")

    def _new_customer(self) -> None:
        self.new_customer.emit(self.search.text().strip())

    @staticmethod
    def _couple(row: search_service.SearchRow) -> str:
        return row.customer_name + (f" & {row.partner_name}" if row.partner_name else "")

    def _enter(self) -> None:
        if self._timer.isActive() or not self.results_model.rows:
            self.run_search()
        if self.refused:
            return  # a wrong check character: the line under the box says so; nothing opens
        if not self.results_model.rows and self.search.text().strip():
            self.count.setText(self.tr("No customer or order found. F2 creates a new customer from what you typed."))
            return
        if self.results_model.rows and self.results_model.rows[0].unchecked:
            # typed without its check character: the customer's name is shown, the row is
            # selected; Enter on the row opens it once someone has read the name
            self.results.selectRow(0)
            self.results.setFocus()
            return
        if self.results_model.rows:
            index = self.results.currentIndex()
            self._open_row(index if index.isValid() else self.results_model.index(0, 0))

    def _into_results(self) -> None:
        if self.results_model.rows:
            self.results.setFocus()

    def _open_row(self, index) -> None:  # type: ignore[no-untyped-def]
        row = self.results_model.row(index)
        self.open_customer.emit(row.customer_id, row.order_id)

    def _new_order(self) -> None:
        index = self.results.currentIndex()
        self.new_order.emit(self.results_model.row(index).customer_id if index.isValid() else None)

    def _preview(self, current, _previous=None) -> None:  # type: ignore[no-untyped-def]
        if self._quiet_preview:
            return  # a search is putting its result in place: it previews once, at the end
        if not current.isValid():
            self._show_items(None)
            return
        row = self.results_model.row(current)
        if row.order_number is None:
            self._show_items(None)
            return
        try:
            sheet = self.ctx.call(lookup.sheet_of_order, row.order_number)
        except StudioError:
            sheet = None  # gone since the search, or the database is busy: no preview
        self._show_items(sheet)

    def _show_items(self, sheet: lookup.OrderSheet | None) -> None:
        # in place, as the results: lines that stay are not painted again; a line picked
        # in the old preview is not left picked on another order's line
        self.items_model.update_rows(sheet.items if sheet else [])
        if self.items.currentIndex().isValid() or self.items.selectionModel().hasSelection():
            self.items.setCurrentIndex(QModelIndex())
            self.items.clearSelection()
        self.items.scrollToTop()
        if sheet is None:
            self.preview_title.setText("")
            return
        self.preview_title.setText(self.tr("{number} · {customer} · {progress} · balance due {due}").format(
            number=sheet.checked_number, customer=sheet.customer_name, progress=progress_name(sheet.progress),
            due=money(sheet.balance.due_fen)))

    def handle_scan(self, code: str) -> ScanResult:
        """A label or an order slip was scanned here: show that order in its customer's file.

        A wrong check character or an order number without one opens nothing."""
        try:
            sheet = self.ctx.call(lookup.order_sheet, code)
        except StudioError as exc:
            return ScanResult.refusal(exc)
        self.search.setText(sheet.checked_number)
        self.run_search()
        row = next((r for r in self.results_model.rows if r.order_id == sheet.order_id), None)
        if row is not None:
            self.open_customer.emit(row.customer_id, row.order_id)
        ready = sum(i.status is ItemStatus.READY for i in sheet.items)
        return ScanResult.accepted(QT_TRANSLATE_NOOP("scan", "{number} · {customer}: {ready} of {total} ready"),
                                   sheet.checked_number, number=sheet.checked_number, customer=sheet.customer_name,
                                   ready=ready,
                                   total=len(sheet.items))

    def refresh(self) -> None:
        if self.search.text().strip():
            self.run_search()
