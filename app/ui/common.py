"""Pieces every screen uses: money and date fields, colours, buttons Enter never presses."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QPushButton, QTableWidget, QWidget

from ..models import ItemStatus, Progress

log = logging.getLogger(__name__)

STATUS_COLOURS = {
    ItemStatus.WAITING: QColor("#e0e0e0"),
    ItemStatus.SENT: QColor("#bbdefb"),
    ItemStatus.RETURNED: QColor("#fff59d"),
    ItemStatus.REWORK: QColor("#ffab91"),
    ItemStatus.READY: QColor("#a5d6a7"),
    ItemStatus.PICKED_UP: QColor("#cfd8dc"),
    ItemStatus.CANCELLED: QColor("#f5f5f5"),
}
PROGRESS_COLOURS = {
    Progress.READY: QColor("#a5d6a7"), Progress.PARTLY_PICKED_UP: QColor("#c5e1a5"),
    Progress.IN_PRODUCTION: QColor("#bbdefb"), Progress.CANCELLED: QColor("#f5f5f5"),
}
ERROR_STYLE = "border: 2px solid #d32f2f;"


def no_default(*buttons: QPushButton) -> None:
    """Buttons that Enter never presses: Enter ends every scan and confirms list rows, so
    a button that creates, pays or cancels anything must be pressed on purpose."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


class MoneyEdit(QLineEdit):
    """Yuan with up to two decimals, read as integer fen (never a float)."""

    _PATTERN = r"\d{0,8}(\.\d{0,2})?"

    def __init__(self, fen: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(self._PATTERN, self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.set_fen(fen)

    def set_fen(self, fen: int) -> None:
        self.setText(f"{fen // 100}.{fen % 100:02d}" if fen else "")

    def fen(self) -> int:
        text = self.text().strip()
        if not text:
            return 0
        if not re.fullmatch(self._PATTERN, text):
            raise ValueError(text)
        yuan, _, cents = text.partition(".")
        return int(yuan or 0) * 100 + int((cents + "00")[:2])


class OptionalDateEdit(QDateEdit):
    """A calendar date that may be left empty (shown blank, read as None)."""

    _EMPTY = QDate(2000, 1, 1)

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self._EMPTY)
        self.setSpecialValueText(" ")
        self.set_date(value)

    def set_date(self, value: dt.date | None) -> None:
        self.setDate(self._EMPTY if value is None else QDate(value.year, value.month, value.day))

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == self._EMPTY else dt.date(d.year(), d.month(), d.day())


def fit_columns(view, stretch: int) -> None:  # type: ignore[no-untyped-def]
    """Columns as wide as their contents, one column taking the spare width."""
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    header.setResizeContentsPrecision(40)  # measure the first rows only: a long result stays quick
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def mark(widget: QWidget, problem: str | None, label: QLabel | None = None) -> bool:
    """Mark a field as wrong (red border, tooltip, message) or clear it; True when fine."""
    widget.setStyleSheet(ERROR_STYLE if problem else "")
    widget.setToolTip(problem or "")
    if label is not None:
        label.setText(problem or "")
    return problem is None


W = TypeVar("W", bound=QWidget)


def cell(table: QTableWidget, row: int, column: int, kind: type[W]) -> W:
    """The editor widget placed in a table cell, as the type it was put there as."""
    widget = table.cellWidget(row, column)
    assert isinstance(widget, kind), f"cell {row},{column} holds {type(widget).__name__}, not {kind.__name__}"
    return widget
