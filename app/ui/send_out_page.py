"""Send-out (发件): choose a lab, scan items onto its shipment, one key sends them.

Each accepted scan is already saved (a line of the open shipment, see
:mod:`app.services.shipments`), so the shipment this station had open for the lab comes back
after a restart. Items can also be ticked in the list of what waits for this lab and added
with one key. Ctrl+Enter closes the shipment (after a confirmation with the count and the
lab's total); then Ctrl+P prints the shipment list, Ctrl+S saves it as PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QCompleter, QHBoxLayout, QHeaderView, QSizePolicy, QLabel, QLineEdit, QMessageBox, QPushButton,
    QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ..models.db import sqlite_path
from ..services import catalogue, shipments
from ..services.errors import StudioError
from . import file_dialogs, names
from .common import fit_columns, no_default
from .context import AppContext
from .i18n import QT_TRANSLATE_NOOP, error_text, local_time, money, render
from .scanning import Outcome, ScanResult
from .shipment_print import print_list, save_pdf
from .table_models import Column, HeldRowsModel, PagedRowsModel, RowsModel

LAB_KEY = "send_out/lab_id"
ADDED = QT_TRANSLATE_NOOP("scan", "{code}: {customer} · {product} · {order}")
NO_LAB = QT_TRANSLATE_NOOP("scan", "Choose the lab first, then scan. Nothing changed.")
Index = QModelIndex | QPersistentModelIndex


class TickedRowsModel(PagedRowsModel):
    """The waiting list: rows arrive page by page; the first column carries a tick."""

    def __init__(self, columns, page_size: int, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(columns, page_size, parent)
        self.ticked: set[int] = set()

    def set_rows(self, rows) -> None:  # type: ignore[no-untyped-def]
        self.ticked &= {r.item_id for r in rows}
        super().set_rows(rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            ticked = self.rows[index.row()].item_id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        item_id = self.rows[index.row()].item_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(item_id)
        else:
            self.ticked.discard(item_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def tick(self, row: int, on: bool = True) -> None:
        self.setData(self.index(row, 0), Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                     Qt.ItemDataRole.CheckStateRole)

    def drop(self, item_id: int) -> None:
        """The item went on the shipment: off the list, without asking for the page again."""
        for i, row in enumerate(self.rows):
            if row.item_id == item_id:
                self.remove_row(i)
                self.ticked.discard(item_id)
                self._offset -= 1  # the next page starts one row earlier: this one left the list
                return


class SendOutPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: shipments.ShipmentView | None = None  # the open shipment on screen
        self.last_closed: shipments.ShipmentView | None = None  # for printing after closing
        self.switch_to: str | None = None  # the lab a refused item is meant for

        self.lab = QComboBox()
        self.lab.setObjectName("lab")
        self.lab.setEditable(True)
        self.lab.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lab.setMinimumWidth(220)
        # type-ahead in the box itself (a popup would take the keyboard from the scan gun);
        # Enter takes the first lab whose name contains what was typed
        completer = self.lab.completer()
        assert completer is not None  # an editable combo box has one
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.scan = QLineEdit()
        self.scan.setObjectName("scanInput")
        self.scan.setPlaceholderText(self.tr("Scan or type an item code, then Enter"))
        self.scan.setStyleSheet("font-size: 16px; padding: 6px;")
        self.answer = QLabel()
        self.answer.setObjectName("answer")
        self.answer.setWordWrap(True)
        self.answer.setStyleSheet("font-size: 15px;")
        # a fixed height of two lines: a new answer repaints the label, not the whole page
        self.answer.setFixedHeight(self.answer.fontMetrics().lineSpacing() * 2 + 12)
        self._answer_good: bool | None = None
        for label in (self.summary, self.answer):  # new text repaints the label, not the whole page
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switchLab")
        self.switch_button.setVisible(False)
        self.switch_button.clicked.connect(self._switch_lab)

        self.lines_model = HeldRowsModel([  # a line per scan: painted by Qt alone
            Column(self.tr("Item"), lambda r: r.code),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Product"), lambda r: r.product),
            Column(self.tr("Order"), lambda r: r.order_number),
            Column(self.tr("Lab price"), self._price, align_right=True),
        ], self)
        self.lines = QTableView()
        self.lines.setObjectName("shipmentLines")
        self._table(self.lines, self.lines_model, stretch=2)

        self.waiting_model = TickedRowsModel([
            Column(self.tr("Item"), lambda r: r.code),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Product"), lambda r: r.product),
            Column(self.tr("Order"), lambda r: r.order_number),
            Column(self.tr("Status"), lambda r: names.name(r.status)),
            Column(self.tr("Lab price"), self._price, align_right=True),
        ], page_size=shipments.PAGE_SIZE, parent=self)
        self.waiting = QTableView()
        self.waiting.setObjectName("waitingForLab")
        self._table(self.waiting, self.waiting_model, stretch=2)
        self.waiting_title = QLabel()

        self.close_button = QPushButton(self.tr("Close and send (Ctrl+Enter)"))
        self.close_button.setObjectName("closeShipment")
        self.close_button.clicked.connect(self.close_shipment)
        self.remove_button = QPushButton(self.tr("Remove line (Del)"))
        self.remove_button.clicked.connect(self.remove_current_line)
        self.discard_button = QPushButton(self.tr("Discard shipment"))
        self.discard_button.setObjectName("discardShipment")
        self.discard_button.clicked.connect(self.discard)
        self.add_ticked_button = QPushButton(self.tr("Add ticked items (Ctrl+T)"))
        self.add_ticked_button.setObjectName("addTicked")
        self.add_ticked_button.clicked.connect(self.add_ticked)
        self.print_button = QPushButton(self.tr("Print list (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_list)
        self.pdf_button = QPushButton(self.tr("Save list as PDF (Ctrl+S)"))
        self.pdf_button.clicked.connect(lambda: self.save_list_pdf(None))
        no_default(self.close_button, self.remove_button, self.discard_button, self.add_ticked_button,
                   self.print_button, self.pdf_button, self.switch_button)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Lab")))
        top.addWidget(self.lab)
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.close_button)
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.answer, 1)
        answer_row.addWidget(self.switch_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.lines)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        upper_layout.addLayout(buttons)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(self.waiting_title, 1)
        waiting_row.addWidget(self.add_ticked_button)
        lower_layout.addLayout(waiting_row)
        lower_layout.addWidget(self.waiting)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([350, 250])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(scan_row)
        layout.addLayout(answer_row)
        layout.addWidget(split, 1)

        self.scan.returnPressed.connect(self._scan_typed)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.close_shipment)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.lines, self.remove_current_line)
        QShortcut(QKeySequence("Ctrl+T"), self, self.add_ticked)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_list)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save_list_pdf(None))
        self.lab.activated.connect(lambda _i: self._lab_chosen())
        typed = self.lab.lineEdit()
        assert typed is not None
        typed.returnPressed.connect(self._lab_typed)
        self.load_labs()

    # -- set-up ------------------------------------------------------------------
    def _price(self, row) -> str:  # type: ignore[no-untyped-def]
        return self.tr("no price") if row.lab_price_fen is None else money(row.lab_price_fen)

    def _table(self, view: QTableView, model: RowsModel | HeldRowsModel, stretch: int) -> None:
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        fit_columns(view, stretch)
        # sized to the contents when the rows are replaced, not on every scan: re-measuring the
        # columns of both tables per scan doubled the time a scan takes to show
        header = view.horizontalHeader()
        for column in range(model.columnCount()):
            if column != stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        model.modelReset.connect(view.resizeColumnsToContents)
        view.setAlternatingRowColors(True)

    def load_labs(self) -> None:
        labs = self.ctx.run(catalogue.labs, parent=self) or []
        self.lab.blockSignals(True)
        self.lab.clear()
        for lab in labs:
            self.lab.addItem(lab.name, lab.id)
        remembered = QSettings().value(LAB_KEY)
        index = self.lab.findData(int(remembered)) if remembered not in (None, "") else -1
        self.lab.setCurrentIndex(index if index >= 0 else (0 if labs else -1))
        self.lab.blockSignals(False)
        self._lab_chosen()

    def lab_id(self) -> int | None:
        data = self.lab.currentData()
        return int(data) if data is not None and self.lab.currentText() == self.lab.itemText(
            self.lab.currentIndex()) else None

    def choose_lab(self, name: str) -> bool:
        index = self.lab.findText(name)
        if index < 0:
            return False
        self.lab.setCurrentIndex(index)
        self._lab_chosen()
        return True

    def _lab_typed(self) -> None:
        index = self.lab.findText(self.lab.currentText(), Qt.MatchFlag.MatchContains)
        if index >= 0:
            self.lab.setCurrentIndex(index)
        self._lab_chosen()
        self.focus_scan()

    def _lab_chosen(self) -> None:
        lab_id = self.lab_id()
        if lab_id is not None:
            QSettings().setValue(LAB_KEY, lab_id)
        self.switch_to = None
        self.switch_button.setVisible(False)
        # Nobody signed in (between two people at this station): no shipment is anyone's yet.
        signed_in = self.ctx.actor is not None
        self.current = (self.ctx.run(shipments.open_shipment, lab_id, parent=self)
                        if lab_id is not None and signed_in else None)
        self._show_lines()
        self.reload_waiting()

    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def refresh(self) -> None:
        self._lab_chosen()

    # -- what is shown -------------------------------------------------------------
    def _show_lines(self) -> None:
        ship = self.current
        self.lines_model.set_rows(ship.lines if ship else [])
        self._show_summary()

    def _show_summary(self) -> None:
        ship = self.current
        if ship is None or not ship.lines:
            self.summary.setText(self.tr("No shipment open: the first scan starts one."))
        else:
            lines = self.lines_model.rows
            total = sum(r.lab_price_fen or 0 for r in lines)
            unpriced = sum(r.lab_price_fen is None for r in lines)
            text = self.tr("Shipment No. {number} (opened {time}): {count} items, lab price {total}").format(
                number=ship.id, time=local_time(ship.sent_at), count=len(lines), total=money(total))
            if unpriced:
                text += " " + self.tr("({count} without a price)").format(count=unpriced)
            self.summary.setText(text)
        has_lines = bool(ship and self.lines_model.rows)
        self.close_button.setEnabled(has_lines)
        self.remove_button.setEnabled(has_lines)
        self.discard_button.setEnabled(ship is not None)
        self.print_button.setEnabled(self.last_closed is not None)
        self.pdf_button.setEnabled(self.last_closed is not None)

    def reload_waiting(self) -> None:
        lab_id = self.lab_id()

        def page(offset: int) -> tuple[list, bool]:
            try:
                return self.ctx.call(shipments.waiting_for_lab, lab_id, offset=offset)
            except StudioError as exc:
                self._say(error_text(exc), good=False)
                return [], False

        self.waiting_model.start(page if lab_id is not None else None)
        more = "+" if self.waiting_model.canFetchMore() else ""
        self.waiting_title.setText(self.tr("Waiting for this lab: {n} (tick with Space or a click)").format(
            n=f"{len(self.waiting_model.rows)}{more}"))

    # -- scans ---------------------------------------------------------------------
    def _scan_typed(self) -> None:
        code = self.scan.text().strip()
        if code:
            self.handle_scan(code)
        self.scan.clear()

    def _add(self, code: str) -> shipments.Added:
        # by lab, not by the shipment on screen: if another station closed or discarded it
        # meanwhile, the scan starts a new one instead of being refused over and over
        return self.ctx.call(shipments.add_to_shipment, code, lab_id=self.lab_id())

    def handle_scan(self, code: str) -> ScanResult:
        """An item label scanned (or typed) here: onto this lab's open shipment, saved at once."""
        self.switch_to = None
        self.switch_button.setVisible(False)
        if self.lab_id() is None:
            refused = ScanResult.refused(NO_LAB)
            self._say(render(refused.message), good=False)
            return refused
        try:
            added = self._add(code)
        except StudioError as exc:
            self._say(error_text(exc), good=False)
            other = exc.params.get("other")
            if isinstance(other, str) and self.lab.findText(other) >= 0:
                self.switch_to = other
                self.switch_button.setText(self.tr("Switch to {lab}").format(lab=other))
                self.switch_button.setVisible(True)
            return ScanResult.refusal(exc)
        self._added(added)
        line = added.line
        self._say(render(added.message), good=True)
        if not added.added:
            return ScanResult(Outcome.ACCEPTED, added.message, line.code)  # a second scan: nothing changed
        return ScanResult.accepted(ADDED, line.code, code=line.code, customer=line.customer_name,
                                   product=line.product, order=line.order_number)

    def _added(self, added: shipments.Added) -> None:
        """The view follows one accepted scan without asking the database again."""
        if not added.added:
            return
        if self.current is None or self.current.id != added.shipment_id:
            self.current = self.ctx.run(shipments.shipment, added.shipment_id, parent=self)
            self._show_lines()
        else:
            self.lines_model.insert_row(len(self.lines_model.rows), added.line)
            self._show_summary()
        self.lines.scrollToBottom()
        self.waiting_model.drop(added.line.item_id)

    def _say(self, text: str, *, good: bool | None = None) -> None:
        """The answer line: green for an accepted scan, red for a refusal (restyled only when
        the colour changes: a style sheet change re-polishes the widget)."""
        if good is not self._answer_good:
            colour = {True: "color: #2e7d32;", False: "color: #d32f2f;", None: ""}[good]
            self.answer.setStyleSheet(f"font-size: 15px; {colour}")
            self._answer_good = good
        self.answer.setText(text)

    def _switch_lab(self) -> None:
        if self.switch_to:
            self.choose_lab(self.switch_to)
            self.focus_scan()

    def add_ticked(self) -> None:
        """One key for the ticked rows of the waiting list: each added as a scan."""
        ticked = [r.code for r in self.waiting_model.rows if r.item_id in self.waiting_model.ticked]
        if not ticked or self.lab_id() is None:
            self._say(self.tr("Tick items in the list below first (Space or a click)."))
            return
        result = self.ctx.run(shipments.add_many, ticked, lab_id=self.lab_id(), parent=self)
        if result is None:
            return
        ship_id, added, refused = result
        if ship_id is not None and (self.current is None or self.current.id != ship_id):
            self.current = self.ctx.run(shipments.shipment, ship_id, parent=self)
            self._show_lines()
        else:
            for a in added:
                self._added(a)
        for a in added:
            self.waiting_model.drop(a.line.item_id)
        text = self.tr("{added} added.").format(added=len(added))
        if refused:
            text += " " + self.tr("Not added: {list}").format(
                list="; ".join(f"{code}: {render(why)}" for code, why in refused))
        self._say(text)

    # -- lines and the shipment ------------------------------------------------------
    def remove_current_line(self) -> None:
        index = self.lines.currentIndex()
        if not index.isValid() or self.current is None:
            return
        line = self.lines_model.row(index)
        if self.ctx.run(shipments.remove_line, line.line_id, parent=self) is None:
            return
        self.current = self.ctx.run(shipments.shipment, self.current.id, parent=self)
        self._show_lines()
        self.reload_waiting()
        self._say(self.tr("{code} taken off the shipment.").format(code=line.code))

    def discard(self) -> None:
        ship = self.current
        if ship is None:
            return
        asked = QMessageBox.question(self, "StudioDesk", self.tr(
            "Throw away shipment No. {number} with its {count} items? Nothing was sent; the items stay waiting.")
            .format(number=ship.id, count=len(self.lines_model.rows)))
        if asked != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.run(shipments.discard_shipment, ship.id, parent=self) is None:
            return
        self.current = None
        self._show_lines()
        self.reload_waiting()
        self._say(self.tr("Shipment No. {number} discarded.").format(number=ship.id))

    def close_shipment(self) -> bool:
        """Ctrl+Enter: confirm with the count and the lab's total, then send every item."""
        ship = self.current
        rows = self.lines_model.rows
        if ship is None or not rows:
            self._say(self.tr("Nothing to send yet: scan items first."))
            return False
        total = sum(r.lab_price_fen or 0 for r in rows)
        asked = QMessageBox.question(self, "StudioDesk", self.tr(
            "Send shipment No. {number} to {lab}: {count} items, lab price {total}?").format(
            number=ship.id, lab=ship.lab_name, count=len(rows), total=money(total)))
        if asked != QMessageBox.StandardButton.Yes:
            return False
        closed = self.ctx.run(shipments.close_shipment, ship.id, parent=self)
        if closed is None:  # refused (said in a message): show what the database holds now
            self._lab_chosen()
            return False
        if closed.refused:
            QMessageBox.warning(self, "StudioDesk", self.tr("Not sent, taken off the shipment:") + "\n" + "\n".join(
                f"{code}: {render(why)}" for code, why in closed.refused))
        if closed.sent:
            self.last_closed = self.ctx.run(shipments.shipment, ship.id, parent=self)
            self.current = None
            self._say(good=True, text=self.tr(
                "Shipment No. {number} sent: {count} items, lab price {total}. Ctrl+P prints the list, "
                "Ctrl+S saves it as PDF.").format(number=ship.id, count=len(closed.sent),
                                                   total=money(closed.total_fen)))
        else:
            self.current = self.ctx.run(shipments.shipment, ship.id, parent=self)
        self._show_lines()
        self.reload_waiting()
        return bool(closed.sent)

    # -- the printed list --------------------------------------------------------------
    def print_list(self) -> bool:
        if self.last_closed is None:
            return False
        return print_list(self, self.last_closed, self.ctx.studio_name)

    def save_list_pdf(self, path: Path | None) -> Path | None:
        sheet = self.last_closed
        if sheet is None:
            return None
        path = path or file_dialogs.save_file_name(self, self.tr("Save the shipment list as PDF"),
                                                   f"shipment-{sheet.id}.pdf", "PDF (*.pdf)",
                                                   sqlite_path(self.ctx.url))
        if path is None:
            return None
        try:
            return save_pdf(path, sheet, self.ctx.studio_name)
        except OSError as exc:
            QMessageBox.warning(self, "StudioDesk", self.tr("The PDF could not be written: {error}").format(error=exc))
            return None

