"""Receive & check (回件 / 理件): one scan per item at the production desk.

The mode decides what a scan does: receive (back from the lab), pass (checked, onto the
pickup shelf at the place in the shelf field, which keeps its value while a shelf is
filled), rework (scan, then pick the reason with its number key; "other" needs a note),
or receive-and-pass in one scan (the studio's default when its setting says so). Each
scan is committed on its own before the answer line says so; the list below keeps this
session's scans and their results. Ctrl+H or a double-click shows an item's history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QTableView, QVBoxLayout, QWidget,
)

from ..models import ChoiceKind, ItemStatus
from ..services import choices, receiving, studio as studio_service
from ..services.choices import OTHER_KEY, ChoiceEntry
from ..services.errors import StudioError
from ..services.receiving import ScanMode, ScannedItem
from ..services.staff import Permission
from . import bugs
from .common import STATUS_COLOURS, may, steady_label
from .context import AppContext
from .i18n import QT_TRANSLATE_NOOP, error_text, local_time, render, status_name
from .item_history_dialog import ItemHistoryDialog, open_history
from .names import choice_name
from .scanning import Outcome, ScanResult
from .table_models import Column, HeldRowsModel

MODES = (
    (ScanMode.RECEIVE_AND_PASS, QT_TRANSLATE_NOOP("ReceivePage", "Receive and pass (one scan)")),
    (ScanMode.RECEIVE, QT_TRANSLATE_NOOP("ReceivePage", "Receive (back from the lab)")),
    (ScanMode.PASS, QT_TRANSLATE_NOOP("ReceivePage", "Pass (checked, onto the shelf)")),
    (ScanMode.REWORK, QT_TRANSLATE_NOOP("ReceivePage", "Rework (scan, then pick the reason)")),
)
DONE = QT_TRANSLATE_NOOP("scan", "{code} · {customer} · {product} · order {order}: {result}")
PICK_REASON = QT_TRANSLATE_NOOP("scan", "{code} · {customer} · {product} · order {order}: press the number of the "
                                        "rework reason (Esc: not for rework)")
REASON_PENDING = QT_TRANSLATE_NOOP("scan", "First pick the rework reason for {code} (its number key), or press Esc. "
                                           "Nothing changed.")
NEEDS_NOTE = QT_TRANSLATE_NOOP("scan", "“Other”: type what is wrong with {code}, then press Enter.")
BAD = QColor("#ef9a9a")


@dataclass(frozen=True)
class LogLine:
    at: dt.datetime
    code: str
    customer: str
    product: str
    order: str
    status: ItemStatus | None  # after the scan; None when the item could not be read
    result: str
    good: bool


class ReasonList(QListWidget):
    """The studio's rework reasons, numbered; a number key or Enter picks one, Esc drops the item."""

    picked = Signal(int)  # row
    dropped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= self.count():
            self.picked.emit(int(text) - 1)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.picked.emit(self.currentRow())
        elif event.key() == Qt.Key.Key_Escape:
            self.dropped.emit()
        else:
            super().keyPressEvent(event)


class ReceivePage(QWidget):
    changed = Signal()  # an item changed state: boards and the overdue count may have moved

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reasons: list[ChoiceEntry] = []
        self.pending: ScannedItem | None = None  # scanned in rework mode, waiting for its reason
        self.pending_reason: ChoiceEntry | None = None  # "other", waiting for its note
        self.last_code: str | None = None
        self._answer_colour = ""
        self.history: ItemHistoryDialog | None = None

        self.mode = QComboBox()
        self.mode.setObjectName("receiveMode")
        for value, label in MODES:
            self.mode.addItem(self.tr(label), value)
        self.default_box = QCheckBox(self.tr("Studio default: receive and pass with one scan"))
        self.default_box.setObjectName("receiveAndPassDefault")
        self.default_box.toggled.connect(self._save_default)
        self.shelf = QLineEdit()
        self.shelf.setObjectName("shelfPlace")
        self.shelf.setPlaceholderText(self.tr("e.g. A-03 (kept for the next scans)"))
        self.shelf.setMaxLength(20)
        self.code = QLineEdit()
        self.code.setObjectName("receiveCode")
        self.code.setPlaceholderText(self.tr("Scan an item label, or type its code and press Enter"))
        self.code.returnPressed.connect(self._typed)
        self.answer = QLabel(self.tr("Scan the items that came back."))
        self.answer.setObjectName("receiveAnswer")
        self.answer.setWordWrap(True)
        self.answer.setStyleSheet("font-size: 18px; padding: 8px;")
        self.reason_list = ReasonList()
        self.reason_list.setObjectName("reworkReasons")
        self.reason_list.setMaximumHeight(170)
        self.reason_list.picked.connect(self.pick_reason)
        self.reason_list.itemClicked.connect(lambda item: self.pick_reason(self.reason_list.row(item)))
        self.reason_list.dropped.connect(self.drop_pending)
        self.note = QLineEdit()
        self.note.setObjectName("reworkNote")
        self.note.setPlaceholderText(self.tr("What is wrong (needed for “other”)"))
        self.note.setMaxLength(200)
        self.note.returnPressed.connect(self._note_done)
        self.reason_box = QWidget()
        reason_layout = QVBoxLayout(self.reason_box)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(QLabel(self.tr("Rework reason (number key):")))
        reason_layout.addWidget(self.reason_list)
        reason_layout.addWidget(self.note)

        self.log_model = HeldRowsModel([
            Column(self.tr("Time"), lambda r: local_time(r.at)[11:]),
            Column(self.tr("Item"), lambda r: r.code),
            Column(self.tr("Customer"), lambda r: r.customer),
            Column(self.tr("Product"), lambda r: r.product),
            Column(self.tr("Order"), lambda r: r.order),
            Column(self.tr("Status"), lambda r: status_name(r.status) if r.status else "",
                   lambda r: STATUS_COLOURS[r.status] if r.status and r.good else BAD if not r.good else None),
            Column(self.tr("Result"), lambda r: r.result, lambda r: None if r.good else BAD),
        ], self)
        self.log = QTableView()
        self.log.setObjectName("receiveLog")
        self.log.setModel(self.log_model)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().setVisible(False)
        # fixed widths (not sized to contents): a scan adds a row without measuring the others
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 150, 110, 130, 110, 110)):
            header.resizeSection(column, width)
        self.log.doubleClicked.connect(lambda index: self.show_history(self.log_model.row(index).code))
        self.count = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Shelf place"), self.shelf)
        form.addRow(self.tr("Item code"), self.code)
        top = QHBoxLayout()
        top.addLayout(form, 2)
        top.addWidget(self.reason_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.default_box)
        layout.addWidget(steady_label(self.answer, lines=2, padding=8))  # changed by every scan
        layout.addWidget(steady_label(self.count))
        layout.addWidget(self.log, 1)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        QShortcut(QKeySequence("Ctrl+H"), self, self.show_history)
        self.reload()

    # -- state -----------------------------------------------------------------------
    def reload(self) -> None:
        """Read the studio's default mode and rework reasons (again after a switch of staff)."""
        try:
            default = self.ctx.call(receiving.receive_and_pass_default)
            self.reasons = self.ctx.call(choices.entries, ChoiceKind.REWORK_REASON)
        except StudioError:
            default, self.reasons = False, []
        self.reason_list.clear()
        for n, entry in enumerate(self.reasons, start=1):  # past 9: arrows and Enter, or a click
            self.reason_list.addItem(f"{n}  {choice_name(entry)}" if n <= 9 else f"   {choice_name(entry)}")
        self.default_box.blockSignals(True)
        self.default_box.setChecked(default)
        self.default_box.blockSignals(False)
        self.set_mode(ScanMode.RECEIVE_AND_PASS if default else ScanMode.RECEIVE)
        self.apply_permissions()

    def apply_permissions(self) -> None:
        self.default_box.setEnabled(may(self.ctx, Permission.MANAGE_SETTINGS))

    def current_mode(self) -> ScanMode:
        return ScanMode(self.mode.currentData())

    def set_mode(self, mode: ScanMode) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self._mode_changed()

    def _mode_changed(self) -> None:
        self.drop_pending()
        mode = self.current_mode()
        self.reason_box.setVisible(mode is ScanMode.REWORK)
        self.shelf.setEnabled(mode in (ScanMode.PASS, ScanMode.RECEIVE_AND_PASS))

    def _save_default(self, on: bool) -> None:
        if self.ctx.run(studio_service.set_setting, receiving.RECEIVE_AND_PASS, "1" if on else "0", parent=self) is None:
            self.default_box.blockSignals(True)
            self.default_box.setChecked(not on)
            self.default_box.blockSignals(False)
            return
        self.set_mode(ScanMode.RECEIVE_AND_PASS if on else ScanMode.RECEIVE)

    # -- scans -----------------------------------------------------------------------
    def _typed(self) -> None:
        text = self.code.text().strip()
        if text:
            self.handle_scan(text)
            self.code.clear()

    def handle_scan(self, code: str) -> ScanResult:
        """One scan: applied at once in its mode, or (rework) held until its reason is picked."""
        if self.pending is not None:
            result = ScanResult.refused(REASON_PENDING, code=self.pending.code)
            self._log(LogLine(self.ctx.clock.now(), code, "", "", "", None, render(result.message), False))
            return self._show(result)
        mode = self.current_mode()
        try:
            if mode is ScanMode.REWORK:
                item = self.ctx.call(receiving.check_scan, code, mode)
                self.pending = item
                self.last_code = item.code
                self.reason_list.setEnabled(True)
                self.reason_list.setFocus()
                self.reason_list.setCurrentRow(-1)
                return self._show(ScanResult.accepted(PICK_REASON, item.code, code=item.code,
                                                      customer=item.customer_name, product=item.product,
                                                      order=item.order_number))
            return self._apply(code, mode)
        except StudioError as exc:
            return self._refused(code, exc)

    def _apply(self, code: str, mode: ScanMode, reason: ChoiceEntry | None = None, note: str | None = None
               ) -> ScanResult:
        shelf = (self.shelf.text().strip() or None) if mode in (ScanMode.PASS, ScanMode.RECEIVE_AND_PASS) else None
        answer = self.ctx.call(receiving.apply_scan, code, mode, shelf=shelf,
                               rework_reason_id=reason.id if reason else None, detail=note)
        item = answer.item
        self.last_code = item.code
        result = render(answer.message)
        if reason is not None:
            result += " · " + choice_name(reason) + (f": {note}" if note else "")
        if shelf and item.status is ItemStatus.READY and answer.changed:
            result += " · " + self.tr("shelf {place}").format(place=shelf)
        self._log(LogLine(self.ctx.clock.now(), item.code, item.customer_name, item.product, item.order_number,
                          item.status, result, True))
        if answer.changed:
            self.changed.emit()
        return self._show(ScanResult.accepted(DONE, item.code, code=item.code, customer=item.customer_name,
                                              product=item.product, order=item.order_number, result=result))

    def _refused(self, code: str, exc: StudioError) -> ScanResult:
        result = ScanResult.refusal(exc)
        self._log(LogLine(self.ctx.clock.now(), code, "", "", "", None, error_text(exc), False))
        return self._show(result)

    def pick_reason(self, row: int) -> None:
        if self.pending is None or not 0 <= row < len(self.reasons):
            return
        entry = self.reasons[row]
        self.reason_list.setCurrentRow(row)
        if entry.key == OTHER_KEY and not self.note.text().strip():
            self.pending_reason = entry
            self.note.setFocus()
            self._show(ScanResult.accepted(NEEDS_NOTE, self.pending.code, code=self.pending.code))
            return
        self._rework(entry, self.note.text().strip() or None)

    def _note_done(self) -> None:
        if self.pending is not None and self.pending_reason is not None and self.note.text().strip():
            self._rework(self.pending_reason, self.note.text().strip())

    def _rework(self, entry: ChoiceEntry, note: str | None) -> None:
        assert self.pending is not None
        code = self.pending.code
        try:
            self._apply(code, ScanMode.REWORK, entry, note)
        except StudioError as exc:
            self._refused(code, exc)
        except Exception as exc:  # noqa: BLE001 - a bug: reported once, the page lives on
            bugs.report(self, exc)
        self.drop_pending()

    def drop_pending(self) -> None:
        self.pending = None
        self.pending_reason = None
        self.note.clear()
        self.reason_list.setCurrentRow(-1)
        self.reason_list.clearSelection()

    def _show(self, result: ScanResult) -> ScanResult:
        colour = "#c62828" if result.outcome is Outcome.REFUSED else "#2e7d32"
        if colour != self._answer_colour:  # a style sheet change re-polishes the widget: only when it changes
            self._answer_colour = colour
            self.answer.setStyleSheet(f"font-size: 18px; padding: 8px; color: {colour};")
        self.answer.setText(render(result.message))
        return result

    def _log(self, line: LogLine) -> None:
        # the newest last and the list scrolled to it, as a scan gun's log reads; its rows are
        # Qt's own items, so repainting the list at each scan calls no Python per cell
        model = self.log_model
        model.insert_row(len(model.rows), line)
        self.log.scrollToBottom()
        rows = model.rows
        good = sum(r.good for r in rows)
        self.count.setText(self.tr("This session: {n} scans, {good} done, {bad} refused").format(
            n=len(rows), good=good, bad=len(rows) - good))

    def show_history(self, code: str | None = None) -> ItemHistoryDialog | None:
        if not code:
            index = self.log.currentIndex()
            code = self.log_model.row(index).code if index.isValid() else self.last_code
        self.history = open_history(self.ctx, code, self)
        return self.history
