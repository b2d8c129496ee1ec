"""Approve designs (看样 / 看效果图): an order's items whose design needs the customer's approval,
ticked and marked sent to the customer, approved (in store or by a WeChat photo), or sent
back for changes — several at once, as one act of the customer.

Designs waiting for the customer are ticked when the dialog opens (else those still being
designed); a scanned item label ticks that item. A refusal is shown in the dialog, which
stays open with the ticks and the note as they were.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QTableView,
    QVBoxLayout, QWidget,
)

from ..models import ApprovalVia, DesignStatus, ItemStatus
from ..services import approval, codes
from ..services.approval import DesignLine
from ..services.errors import StudioError
from . import bugs, names
from .common import STATUS_COLOURS, fit_columns, no_default
from .context import AppContext
from .i18n import QT_TRANSLATE_NOOP, error_text, local_time, render, status_name
from .scanning import ScanResult
from .table_models import Column, Index, RowsModel

D = DesignStatus
# Awaiting approval in the colour of the order's progress "awaiting design approval" (chase the customer).
DESIGN_COLOURS = {
    D.DESIGNING: QColor("#ffe0b2"), D.AWAITING_APPROVAL: QColor("#e1bee7"), D.APPROVED: QColor("#c8e6c9"),
}

TICKED = QT_TRANSLATE_NOOP("scan", "{code} ticked: {product}")
NOT_IN_ORDER = QT_TRANSLATE_NOOP("scan", "{code} is not an item of order {number}. Nothing changed.")
NO_APPROVAL = QT_TRANSLATE_NOOP("scan", "{code} needs no design approval. Nothing changed.")
CANCELLED = QT_TRANSLATE_NOOP("scan", "{code} is cancelled: its design needs no approval. Nothing changed.")
ITEM_LABEL = QT_TRANSLATE_NOOP("scan", "Scan an item's label to tick it. Nothing changed.")


class CheckedRowsModel(RowsModel):
    """Rows with a tick box in the first column; ticks are kept by item code."""

    def __init__(self, columns: list[Column], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(columns, parent)
        self.ticked: set[str] = set()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            ticked = self.rows[index.row()].code in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.tick(self.rows[index.row()].code, Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def tick(self, code: str, on: bool = True) -> None:
        (self.ticked.add if on else self.ticked.discard)(code)
        row = next((r for r, line in enumerate(self.rows) if line.code == code), None)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def codes(self) -> list[str]:
        """The ticked items, in the order's item order."""
        return [line.code for line in self.rows if line.code in self.ticked]


class ApprovalDialog(QDialog):
    """Opened from the order dialog (Ctrl+D); ``changed`` after every act that wrote."""

    changed = Signal()

    def __init__(self, ctx: AppContext, order_id: int, number: str, heading: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.lines: list[DesignLine] = []
        self.all_lines: list[DesignLine] = []
        self.number = number  # as people read it, with its check character
        self.setWindowTitle(self.tr("Approve designs · order {number}").format(number=number))
        self.resize(900, 460)
        head = QLabel(heading)
        head.setWordWrap(True)
        self.model = CheckedRowsModel([
            Column(self.tr("Item"), lambda d: d.code),
            Column(self.tr("Product"), lambda d: d.product + (f" ({d.description})" if d.description else "")),
            Column(self.tr("Session"), lambda d: d.session_name),
            Column(self.tr("Design"), lambda d: names.name(d.design_status), lambda d: DESIGN_COLOURS.get(d.design_status)),
            Column(self.tr("Approved"), self._approved_text),
            Column(self.tr("Changes asked"), self._changes_text),
            Column(self.tr("Status"), lambda d: status_name(d.status), lambda d: STATUS_COLOURS[d.status]),
        ], self)
        self.view = view = QTableView()
        view.setObjectName("designs")
        view.setModel(self.model)
        view.verticalHeader().setVisible(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(view, 5)

        self.via_group = QButtonGroup(self)
        via_row = QHBoxLayout()
        via_row.addWidget(QLabel(self.tr("How the customer approved:")))
        self.via_buttons: dict[ApprovalVia, QRadioButton] = {}
        for n, (label, via) in enumerate(names.choices(ApprovalVia)):
            button = QRadioButton(label)
            button.setObjectName(f"via_{via.value}")
            self.via_group.addButton(button, n)
            self.via_buttons[ApprovalVia(via)] = button
            via_row.addWidget(button)
        self.via_buttons[ApprovalVia.IN_STORE].setChecked(True)
        via_row.addStretch(1)

        self.note = QLineEdit()
        self.note.setObjectName("changesNote")
        self.note.setPlaceholderText(self.tr("What the customer wants changed (for “Needs changes”)"))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.sent_button = QPushButton(self.tr("Sent to the customer (Ctrl+T)"))
        self.sent_button.setObjectName("sentToCustomer")
        self.sent_button.clicked.connect(self.send_to_customer)
        self.approve_button = QPushButton(self.tr("Approved (Ctrl+Enter)"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        self.changes_button = QPushButton(self.tr("Needs changes"))
        self.changes_button.setObjectName("needsChanges")
        self.changes_button.clicked.connect(self.needs_changes)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        no_default(self.sent_button, self.approve_button, self.changes_button, close)
        buttons = QHBoxLayout()
        for b in (self.sent_button, self.approve_button, self.changes_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(view, 1)
        layout.addLayout(via_row)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.approve)
        QShortcut(QKeySequence("Ctrl+T"), self, self.send_to_customer)
        self.reload(default_ticks=True)
        view.setFocus()

    # -- rows ------------------------------------------------------------------
    def _approved_text(self, d: DesignLine) -> str:
        if d.approved_at is None:
            return ""
        return " · ".join(x for x in (local_time(d.approved_at), d.approved_by or "", names.name(d.approved_via)) if x)

    def _changes_text(self, d: DesignLine) -> str:
        if not d.changes_asked:
            return ""
        return self.tr("{count}×: {last}").format(count=d.changes_asked, last=d.last_change or "")

    def reload(self, *, default_ticks: bool = False) -> None:
        lines = self.ctx.run(approval.order_designs, self.order_id, parent=self)
        if lines is None:
            return
        self.all_lines = lines
        self.lines = [d for d in lines if d.needs_approval and d.status is not ItemStatus.CANCELLED]
        self.model.set_rows(self.lines)
        if default_ticks:
            waiting = {d.code for d in self.lines if d.design_status is D.AWAITING_APPROVAL}
            self.model.ticked = waiting or {d.code for d in self.lines if d.design_status is D.DESIGNING}
        else:  # keep what is still ticked and still there
            self.model.ticked &= {d.code for d in self.lines}

    # -- acts ------------------------------------------------------------------
    def via(self) -> ApprovalVia:
        return next(v for v, b in self.via_buttons.items() if b.isChecked())

    def _act(self, fn, *args: Any) -> bool:  # type: ignore[no-untyped-def]
        """Run one act over the ticked items; a refusal is said here and nothing is lost."""
        try:
            result = self.ctx.call(fn, self.model.codes(), *args)
        except StudioError as exc:
            self._say(error_text(exc), good=False)
            return False
        except Exception as exc:  # noqa: BLE001 - a bug: reported once, the dialog stays
            bugs.report(self, exc)
            return False
        self._say(render(result.message), good=True)
        self.changed.emit()
        self.reload(default_ticks=True)
        return True

    def _say(self, text: str, *, good: bool) -> None:
        self.message.setStyleSheet("color: #2e7d32;" if good else "color: #d32f2f;")
        self.message.setText(text)

    def send_to_customer(self) -> bool:
        return self._act(approval.send_to_customer)

    def approve(self) -> bool:
        return self._act(approval.approve, self.via())

    def needs_changes(self) -> bool:
        if self._act(approval.needs_changes, self.note.text()):
            self.note.clear()
            return True
        return False

    # -- scans -----------------------------------------------------------------
    def handle_scan(self, code: str) -> ScanResult:
        """A label scanned here ticks its item (nothing is written until a button is pressed)."""
        try:
            parsed = self.ctx.call(codes.parse_code, code)
        except StudioError as exc:
            return ScanResult.refusal(exc)
        if not parsed.is_item:
            return ScanResult.refused(ITEM_LABEL)
        item_code = codes.item_code(parsed.order_number, parsed.item_seq or 0)
        line = next((d for d in self.lines if d.code == item_code), None)
        if line is None:
            mine = next((d for d in self.all_lines if d.code == item_code), None)
            if mine is None:
                return ScanResult.refused(NOT_IN_ORDER, code=item_code, number=self.number)
            return ScanResult.refused(CANCELLED if mine.status is ItemStatus.CANCELLED else NO_APPROVAL, code=item_code)
        self.model.tick(item_code)
        self.view.selectRow(self.lines.index(line))
        return ScanResult.accepted(TICKED, item_code, code=item_code, product=line.product)
