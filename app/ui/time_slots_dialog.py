"""Settings → Time slots…: the manager's times of day for shoots and selections, and how many
sessions each holds at once (studio sets or photographers for shoots, seats for selections)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget, QTimeEdit, QVBoxLayout,
    QWidget,
)

from ..models import SlotKind
from ..services import schedule
from ..services.schedule import Slot
from . import names
from .common import cell, no_default
from .context import AppContext
from .i18n import error_text
from .session_dialog import call_inline


def _time(edit: QTimeEdit) -> dt.time:
    value = edit.time()
    return dt.time(value.hour(), value.minute())


class TimeSlotsDialog(QDialog):
    """A short, fixed list (a handful of slots), so plain widgets in a table serve here."""

    KIND, STARTS, ENDS, CAPACITY, ACTIVE = range(5)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Time slots"))
        self.resize(560, 420)
        self.slots: list[Slot | None] = []  # None: a row added here, not saved yet
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("slots")
        self.table.setHorizontalHeaderLabels([self.tr("For"), self.tr("Starts"), self.tr("Ends"),
                                              self.tr("Sessions at once"), self.tr("Offered")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("&Add a slot"))
        self.add_button.clicked.connect(lambda: self._add_row(None))
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Cancel"))
        close.clicked.connect(self.reject)
        no_default(self.add_button, self.save_button, close)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        hint = QLabel(self.tr("A slot no longer offered keeps the sessions already in it; a lower number only stops "
                              "new bookings."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for slot in ctx.run(schedule.time_slots, parent=parent) or []:
            self._add_row(slot)

    def _add_row(self, slot: Slot | None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.slots.append(slot)
        kind = QComboBox()
        for label, kind_value in names.choices(SlotKind):
            kind.addItem(label, kind_value)
        kind.setCurrentIndex(kind.findData(slot.kind if slot else SlotKind.SHOOT))
        kind.setEnabled(slot is None)  # a slot's kind stays: sessions refer to it
        starts, ends = QTimeEdit(), QTimeEdit()
        for edit, value in ((starts, slot.starts if slot else dt.time(9)), (ends, slot.ends if slot else dt.time(11))):
            edit.setDisplayFormat("HH:mm")
            edit.setTime(QTime(value.hour, value.minute))
        capacity = QSpinBox()
        capacity.setRange(1, schedule.MAX_CAPACITY)
        capacity.setValue(slot.capacity if slot else 1)
        active = QCheckBox()
        active.setChecked(slot.active if slot else True)
        for column, widget in enumerate((kind, starts, ends, capacity, active)):
            self.table.setCellWidget(r, column, widget)
        self.table.resizeColumnsToContents()
        if slot is None:
            starts.setFocus()

    def _values(self, r: int) -> tuple[SlotKind, dt.time, dt.time, int, bool]:
        return (cell(self.table, r, self.KIND, QComboBox).currentData(), _time(cell(self.table, r, self.STARTS, QTimeEdit)),
                _time(cell(self.table, r, self.ENDS, QTimeEdit)), cell(self.table, r, self.CAPACITY, QSpinBox).value(),
                cell(self.table, r, self.ACTIVE, QCheckBox).isChecked())

    def save(self) -> None:
        """Save the rows that changed, one by one; a refusal stops at its row, the rest as typed."""
        self.message.setText("")
        for r, slot in enumerate(self.slots):
            kind, starts, ends, capacity, active = self._values(r)
            if slot is None:
                saved, refusal = call_inline(self.ctx, self, schedule.add_slot, kind, starts, ends, capacity)
            elif (slot.starts, slot.ends, slot.capacity, slot.active) != (starts, ends, capacity, active):
                saved, refusal = call_inline(self.ctx, self, schedule.update_slot, slot.slot_id, starts, ends,
                                             capacity, active)
            else:
                continue
            if refusal is not None:
                self.message.setText(error_text(refusal))
                self.table.selectRow(r)
                return
            if saved is None:
                return
            self.slots[r] = saved
        self.accept()
