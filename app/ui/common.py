"""Pieces every screen uses: money and date fields, colours, buttons Enter never presses."""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QDate, QEvent, QLocale, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QCalendarWidget, QComboBox, QLabel, QLineEdit, QPushButton, QSizePolicy, QTableView, QTableWidget,
    QWidget,
)

from ..models import ItemStatus, Progress
from ..services.clock import SYSTEM_CLOCK

log = logging.getLogger(__name__)

OVERDUE_COLOUR = QColor("#ffcdd2")  # a row or step past its deadline

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
    # The two the counter must act on: call to rebook, chase the customer's approval.
    Progress.NO_SHOW: QColor("#ffcc80"), Progress.AWAITING_APPROVAL: QColor("#e1bee7"),
}
ERROR_STYLE = "border: 2px solid #d32f2f;"


def may(ctx, permission) -> bool:  # type: ignore[no-untyped-def]
    """May the signed-in staff member do this? Screens hide what a role may not use
    (services refuse it too); nobody signed in may do nothing."""
    return ctx.actor is not None and ctx.actor.may(permission)


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


class OptionalDateEdit(QLineEdit):
    """A date typed or picked from a calendar, or left empty (read as None).

    Typing is the quick way: 2026-12-05, 2026/12/5, 20261205 or 2026年12月5日. With
    ``forward=True`` (appointments: shoot, selection, pickup) a date without its year —
    12-05, 12月5日 or 1205 — means the next such day from today (``today``, the
    context's clock); otherwise (birthdays, wedding dates) the year must be typed.
    The button at the right (or F4, Alt+Down) opens a calendar at the date shown, or
    at today when the field is empty. Text that is no date is marked at the field as
    soon as the field is left, and :meth:`value` refuses it.
    """

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None, *, forward: bool = False,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(parent)
        self.forward = forward
        self._today = today or SYSTEM_CLOCK.today
        self.setPlaceholderText(self.tr("e.g. 12-05") if forward else self.tr("e.g. 1990-05-12"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("2026-12-05") + 48)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a date, not a line of prose
        self.calendar_action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(self.tr("Pick from a calendar (F4)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        # A window of its own, not a child: the red border of a marked field would reach it.
        self.calendar = QCalendarWidget()
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.destroyed.connect(self.calendar.deleteLater)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.editingFinished.connect(self.check)
        self.set_date(value)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.minimumWidth() + 24, super().sizeHint().height())

    # -- reading and writing -----------------------------------------------------
    def set_date(self, value: dt.date | None) -> None:
        self.setText("" if value is None else value.isoformat())
        mark(self, None)

    def value(self) -> dt.date | None:
        """The date in the field; None when empty. Raises ValueError (the message for
        people) when the text is not a date."""
        day, problem = self.parse(self.text())
        if problem is not None:
            raise ValueError(problem)
        return day

    def problem(self) -> str | None:
        """Why the text is not a date, or None when it is one (or the field is empty)."""
        return self.parse(self.text())[1]

    def check(self) -> bool:
        """Mark the field when its text is not a date, else show the date in full
        (1205 becomes 2026-12-05); True when fine."""
        day, problem = self.parse(self.text())
        if problem is None and day is not None and self.text() != day.isoformat():
            self.setText(day.isoformat())
        return mark(self, problem)

    def parse(self, text: str) -> tuple[dt.date | None, str | None]:
        """(date, None) for a date or an empty text, (None, message) for anything else."""
        text = text.strip()
        if not text:
            return None, None
        plain = unicodedata.normalize("NFKC", text)  # full-width digits and dashes of a Chinese input method
        flat = re.sub(r"[\s./年月]", "-", plain.replace("日", "").replace("号", ""))
        full = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", flat) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", flat)
        short = re.fullmatch(r"(\d{1,2})-(\d{1,2})", flat) or re.fullmatch(r"(\d{2})(\d{2})", flat)
        try:
            if full:
                year, month, day = (int(g) for g in full.groups())
                return dt.date(year, month, day), None
            if short and self.forward:
                return self._next(int(short.group(1)), int(short.group(2))), None
        except ValueError:
            pass
        if short and not self.forward:
            return None, self.tr("“{text}”: type the year too, as 1990-05-12.").format(text=text)
        if self.forward:
            return None, self.tr("“{text}” is not a date. Type it as 2026-12-05, 12-05 or 1205.").format(text=text)
        return None, self.tr("“{text}” is not a date. Type it as 1990-05-12.").format(text=text)

    def _next(self, month: int, day: int) -> dt.date:
        """The next month-day from today (today included); ValueError when no year has it."""
        today = self._today()
        for year in range(today.year, today.year + 9):  # 02-29 waits for a leap year
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                if month == 2 and day == 29:
                    continue
                raise
            if candidate >= today:
                return candidate
        raise ValueError(f"{month}-{day}")

    # -- the calendar ------------------------------------------------------------
    def open_calendar(self) -> None:
        """Show the calendar below the field, at the date typed or at today."""
        try:
            start = self.value() or self._today()
        except ValueError:
            start = self._today()
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.calendar.hide()
        self.set_date(dt.date(day.year(), day.month(), day.day()))
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                             and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        super().keyPressEvent(event)


def _calendar_icon() -> QIcon:
    """A small calendar sheet (no icon theme is needed)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, QColor("#d32f2f"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + col * 4, 8 + row * 3, 2, 2, QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


def fit_columns(view, stretch: int) -> None:  # type: ignore[no-untyped-def]
    """Columns as wide as their contents, one column taking the spare width.

    Measured once per result from the model's texts (``table_models.ColumnFitter``), not
    by ``ResizeToContents``, which asked the delegate for every cell on every layout pass."""
    from .table_models import ColumnFitter

    ColumnFitter(view, stretch)


MONTHS_OFFERED = 24  # how far back a month chooser goes


def rows_view(model: QAbstractItemModel, stretch: int, name: str, *, multi: bool = False) -> QTableView:
    """A read-only list of whole rows (one chosen at a time, or several with ``multi``) whose
    columns fit their contents, ``stretch`` taking the spare width."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    fit_columns(view, stretch)
    return view


def month_chooser(today: dt.date, name: str) -> QComboBox:
    """This month and the ones before it, newest first; each entry's data is (year, month)."""
    combo = QComboBox()
    combo.setObjectName(name)
    index = today.year * 12 + today.month - 1
    for i in range(index, index - MONTHS_OFFERED, -1):
        year, month = divmod(i, 12)
        combo.addItem(f"{year}-{month + 1:02d}", (year, month + 1))
    return combo


def manager_fields(names: list[str] | None) -> tuple[QComboBox, QLineEdit]:
    """The name (typed, or chosen from the staff's ``names``) and the hidden PIN with which a
    manager approves something at another person's station."""
    name = QComboBox()
    name.setObjectName("managerName")
    name.setEditable(True)
    name.addItems(names or [])
    name.setCurrentText("")
    pin = QLineEdit()
    pin.setObjectName("managerPin")
    pin.setEchoMode(QLineEdit.EchoMode.Password)
    return name, pin


def percent(rate: float | None) -> str:
    """A rate as people read it (12.5 %, in the window's locale); empty when there is none."""
    return "" if rate is None else QLocale().toString(100 * rate, "f", 1) + " %"


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


class _LabelHolder(QWidget):
    """Lays its one label out itself (see :func:`steady_label`)."""

    def __init__(self, label: QLabel, height: int) -> None:
        super().__init__()
        label.setParent(self)
        self.label = label
        self.base_height = height
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text changed
            self._fit()
        return super().event(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Taller while a text needs more lines than planned (nothing of an answer is cut
        off), back to the planned height after: only then is the window laid out again."""
        wanted = self.base_height
        if self.label.wordWrap():
            wanted = max(wanted, self.label.heightForWidth(self.width()))
        if wanted != self.height():
            self.setFixedHeight(wanted)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.label.sizeHint().width(), self.height())


def steady_label(label: QLabel, lines: int = 1, padding: int = 0) -> QWidget:
    """``label`` (its text changing at every scan) in a holder of fixed height that lays it
    out itself, to put in a layout instead of it. A label in a layout asks the whole window
    to be laid out and painted again whenever its text changes: a scan's answer line cost
    2 ms that way, a new text now repaints only the label. ``lines`` of the label's own
    font are shown, with ``padding`` pixels above and below."""
    label.ensurePolished()  # its style sheet's font counts
    return _LabelHolder(label, label.fontMetrics().lineSpacing() * lines + 2 * padding + 4)
