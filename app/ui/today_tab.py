"""The Today tab (今日), the first tab a counter sees in the morning.

Page "Today": today's shoots, selections and pickups; the reminders due (overdue ones stay,
in red, until handled; each marked done with Alt+D or skipped with Alt+K, with who and
when); follow-up calls due from the follow-up worklist; the morning-meeting summary (早会).
Page "Outbox" (短信待发): messages waiting, Alt+C copies one for WeChat, Alt+M marks the
selected sent, Alt+E exports the SMS ones to CSV for the studio's SMS platform.

Reminders are generated when the tab is made (the program's start) and at every local
midnight while the program is open (a timer calling the service).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QFrame, QGridLayout, QScrollArea, QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from ..models.db import sqlite_path
from ..models.enums import ReminderOutcome
from ..services import outbox, reminders, today
from ..services.outbox import OutboxLine
from ..services.reminders import ReminderLine
from ..services.today import Figures
from . import file_dialogs, names
from .common import OVERDUE_COLOUR, no_default, rows_view
from .context import AppContext
from .i18n import date_text, local_time, money
from .table_models import Column, RowsModel




def ms_to_midnight(now: dt.datetime) -> int:
    """Milliseconds from ``now`` (local, aware) to the next local midnight (and a second)."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 0, 1), now.tzinfo)
    return max(1000, int((tomorrow - now).total_seconds() * 1000))


class TodayTab(QWidget):
    outbox_changed = Signal(int)  # messages waiting
    typed = Signal(str)  # a letter or digit typed on the Today page: the window searches for it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = ctx.clock.today()
        self.pages = QTabWidget()
        self.pages.setObjectName("todayPages")
        self.today_page = QWidget()
        self.outbox_page = QWidget()
        scroller = QScrollArea()  # a small window scrolls the day rather than refusing to shrink
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(self.today_page)
        self.pages.addTab(scroller, self.tr("Today"))
        self.pages.addTab(self.outbox_page, self.tr("Outbox"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._build_today()
        self._build_outbox()
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self.new_day)
        self.setFocusProxy(self.reminders_view)
        for view in (self.reminders_view, *self.board_views):
            view.installEventFilter(self)
        self.generate()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """A letter or digit typed on the day's tables starts a search (phone tail, name, order)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
            if plain and len(text) == 1 and text.isalnum():
                self.typed.emit(text)
                return True
        return super().eventFilter(watched, event)

    def title(self) -> str:
        return self.tr("Toda&y")

    # -- the Today page ----------------------------------------------------------------------
    def _build_today(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        columns = [Column(self.tr("Time"), lambda a: a.time), Column(self.tr("Customer"), lambda a: a.customer),
                   Column(self.tr("Order"), lambda a: a.order), Column(self.tr("Session"), lambda a: a.session_name)]
        self.shoots_model = RowsModel(columns, parent=self)
        self.selections_model = RowsModel(columns, parent=self)
        self.pickups_model = RowsModel(columns[1:], parent=self)
        boards = QHBoxLayout()
        self.board_views: list[QTableView] = []  # shoots, selections, pickups
        for title, model, name in ((self.tr("Shoots"), self.shoots_model, "todayShoots"),
                                   (self.tr("Selections"), self.selections_model, "todaySelections"),
                                   (self.tr("Pickups promised today"), self.pickups_model, "todayPickups")):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            view = rows_view(model, 1, name)
            inner.addWidget(view)
            self.board_views.append(view)
            boards.addWidget(box)

        self.reminders_model = RowsModel([
            Column(self.tr("Due"), lambda r: date_text(r.due_date), background=self._overdue_colour),
            Column(self.tr("Reminder"), lambda r: names.name(r.event)),
            Column(self.tr("For"), lambda r: r.title),
            Column(self.tr("Date"), lambda r: date_text(r.event_date)),
            Column(self.tr("Who"), lambda r: names.name(r.role)),
            Column(self.tr("Handled"), self._handled),
        ], parent=self)
        self.reminders_view = rows_view(self.reminders_model, 2, "todayReminders")
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.done_button.setObjectName("reminderDone")
        self.done_button.clicked.connect(lambda: self.mark(ReminderOutcome.DONE))
        self.skip_button = QPushButton(self.tr("S&kip"))
        self.skip_button.setObjectName("reminderSkip")
        self.skip_button.clicked.connect(lambda: self.mark(ReminderOutcome.SKIPPED))
        refresh = QPushButton(self.tr("Refresh (F5)"))
        refresh.clicked.connect(self.refresh)
        no_default(self.done_button, self.skip_button, refresh)
        QShortcut(QKeySequence("F5"), self.today_page, self.refresh)
        self.reminder_message = QLabel()
        self.reminder_message.setObjectName("reminderMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.reminder_message, 1)
        buttons.addWidget(refresh)
        reminders_box = QGroupBox(self.tr("Reminders due (overdue ones stay until handled)"))
        inner = QVBoxLayout(reminders_box)
        inner.addWidget(self.reminders_view)
        inner.addLayout(buttons)

        self.summary_box = QGroupBox(self.tr("Morning meeting"))
        self.summary_box.setObjectName("morningSummary")
        self.summary = QGridLayout(self.summary_box)
        headers = [self.tr("Orders"), self.tr("Revenue"), self.tr("Extras"), self.tr("Pickups"), self.tr("Complaints")]
        for c, text in enumerate(headers, 1):
            self.summary.addWidget(QLabel(f"<b>{text}</b>"), 0, c)
        self.summary_cells: dict[tuple[int, int], QLabel] = {}
        for r, text in enumerate((self.tr("Yesterday"), self.tr("Last 7 days")), 1):
            self.summary.addWidget(QLabel(f"<b>{text}</b>"), r, 0)
            for c in range(1, len(headers) + 1):
                cell = QLabel()
                cell.setObjectName(f"summary_{r}_{c}")
                self.summary_cells[(r, c)] = cell
                self.summary.addWidget(cell, r, c)

        layout = QVBoxLayout(self.today_page)
        layout.addWidget(self.heading)
        layout.addLayout(boards, 2)
        layout.addWidget(reminders_box, 3)
        layout.addWidget(self.summary_box)

    def _overdue_colour(self, line: ReminderLine) -> QColor | None:
        return QColor(OVERDUE_COLOUR) if line.overdue(self.day) else None

    def _handled(self, line: ReminderLine) -> str:
        if line.outcome is None:
            return self.tr("overdue") if line.overdue(self.day) else ""
        return self.tr("{outcome} by {staff} at {time}").format(
            outcome=names.name(line.outcome), staff=line.done_by or "", time=local_time(line.done_at))

    def _figures(self, row: int, f: Figures) -> None:
        values = [str(f.orders), money(f.revenue_fen),
                  self.tr("{n} · {money}").format(n=f.extras, money=money(f.extras_fen)), str(f.pickups),
                  str(f.complaints)]
        for c, text in enumerate(values, 1):
            self.summary_cells[(row, c)].setText(text)

    # -- generating and reading --------------------------------------------------------------
    def generate(self) -> None:
        """Make today's reminders (at start, and at midnight) and arm the timer for the next."""
        self.ctx.run(reminders.generate, parent=self)
        self.midnight.start(ms_to_midnight(self.ctx.clock.local(self.ctx.clock.now())))

    def new_day(self) -> None:
        self.generate()
        self.refresh()

    def refresh(self) -> None:
        self.day = self.ctx.clock.today()
        self.heading.setText(self.tr("Today, {day}").format(day=date_text(self.day)))
        board = self.ctx.run(today.day_board, parent=self)
        if board is not None:
            self.shoots_model.set_rows(board.shoots)
            self.selections_model.set_rows(board.selections)
            self.pickups_model.set_rows(board.pickups)
        lines = self.ctx.run(today.due_list, parent=self)
        if lines is not None:
            self.reminders_model.set_rows(lines)
        summary = self.ctx.run(today.morning_summary, parent=self)
        if summary is not None:
            self._figures(1, summary.yesterday)
            self._figures(2, summary.week)
        self.refresh_outbox()

    def selected_reminder(self) -> ReminderLine | None:
        rows = self.reminders_view.selectionModel().selectedRows()
        return self.reminders_model.rows[rows[0].row()] if rows else None

    def mark(self, outcome: ReminderOutcome) -> None:
        line = self.selected_reminder()
        if line is None:
            self.reminder_message.setText(self.tr("Choose a reminder first."))
            return
        if line.id is None:
            self.reminder_message.setText(self.tr("A follow-up call is recorded in its call dialog (Complaints tab)."))
            return
        row = self.reminders_view.currentIndex().row()
        if self.ctx.run(reminders.mark_reminder, line.id, outcome, parent=self) is None:
            return
        self.reminder_message.setText("")
        self.refresh()
        if self.reminders_model.rows:
            self.reminders_view.selectRow(min(row + 1, len(self.reminders_model.rows) - 1))

    # -- the Outbox page ---------------------------------------------------------------------
    def _build_outbox(self) -> None:
        self.outbox_model = RowsModel([
            Column(self.tr("Queued"), lambda m: local_time(m.created_at)),
            Column(self.tr("Channel"), lambda m: names.name(m.channel)),
            Column(self.tr("Customer"), lambda m: m.customer),
            Column(self.tr("Phone"), lambda m: m.phone),
            Column(self.tr("Order"), lambda m: m.order),
            Column(self.tr("Text"), lambda m: m.body),
        ], parent=self)
        self.outbox_view = rows_view(self.outbox_model, 5, "outboxMessages", multi=True)
        self.copy_button = QPushButton(self.tr("&Copy text (for WeChat)"))
        self.copy_button.setObjectName("outboxCopy")
        self.copy_button.clicked.connect(self.copy_selected)
        self.sent_button = QPushButton(self.tr("&Mark sent"))
        self.sent_button.setObjectName("outboxSent")
        self.sent_button.clicked.connect(self.mark_selected_sent)
        self.export_button = QPushButton(self.tr("&Export SMS to CSV…"))
        self.export_button.setObjectName("outboxExport")
        self.export_button.clicked.connect(lambda: self.export())
        self.mark_exported = QCheckBox(self.tr("Mark the exported messages sent"))
        self.mark_exported.setObjectName("outboxMarkExported")
        self.mark_exported.setChecked(True)
        no_default(self.copy_button, self.sent_button, self.export_button)
        self.outbox_message = QLabel()
        self.outbox_message.setObjectName("outboxMessage")
        self.outbox_message.setWordWrap(True)
        buttons = QHBoxLayout()
        for w in (self.copy_button, self.sent_button, self.export_button, self.mark_exported):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.outbox_page)
        hint = QLabel(self.tr(
            "WeChat messages: copy the text and paste it into WeChat, then mark it sent. SMS messages: export them "
            "for the studio's SMS platform. Marketing messages are listed only for customers who consent."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.outbox_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.outbox_message)

    def refresh_outbox(self) -> None:
        lines = self.ctx.run(outbox.pending, parent=self)
        if lines is None:
            return
        self.outbox_model.set_rows(lines)
        self.pages.setTabText(1, self.tr("Outbox ({n})").format(n=len(lines)) if lines else self.tr("Outbox"))
        self.outbox_changed.emit(len(lines))

    def selected_messages(self) -> list[OutboxLine]:
        return [self.outbox_model.rows[i.row()] for i in sorted(self.outbox_view.selectionModel().selectedRows())]

    def copy_selected(self) -> None:
        chosen = self.selected_messages()
        if not chosen:
            self.outbox_message.setText(self.tr("Choose a message first."))
            return
        text = self.ctx.run(outbox.copy_text, chosen[0].id, parent=self)
        if text is None:
            return
        QGuiApplication.clipboard().setText(text)
        self.outbox_message.setText(self.tr("Copied: paste it into WeChat for {customer}, then mark it sent.")
                                    .format(customer=chosen[0].customer))

    def mark_selected_sent(self) -> None:
        chosen = self.selected_messages()
        if not chosen:
            self.outbox_message.setText(self.tr("Choose a message first."))
            return
        n = self.ctx.run(outbox.mark_sent, [m.id for m in chosen], parent=self)
        if n is not None:
            self.outbox_message.setText(self.tr("{n} message(s) marked sent.").format(n=n))
            self.refresh_outbox()

    def export(self, path: Path | None = None) -> None:
        if path is None:
            path = file_dialogs.save_file_name(
                self, self.tr("Export the SMS messages"), self.tr("SMS {day}.csv").format(day=self.day.isoformat()),
                "CSV (*.csv)", sqlite_path(self.ctx.url))
            if path is None:
                return
            if path.suffix.lower() != ".csv":
                path = path.with_name(path.name + ".csv")
        done = self.ctx.run(outbox.export_csv, path, mark_sent=self.mark_exported.isChecked(), parent=self)
        if done is None:
            return
        self.outbox_message.setText(
            (self.tr("{n} message(s) written to {path} and marked sent.") if done.marked_sent
             else self.tr("{n} message(s) written to {path}.")).format(n=done.count, path=done.path))
        self.refresh_outbox()

    def apply_permissions(self) -> None:
        """Everyone may read the day and handle reminders and messages."""
