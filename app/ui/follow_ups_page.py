"""Follow-up calls (回访) in the Complaints tab: the day's worklist (overdue first), the call
dialog (scores per question, what the customer said, referral leads), the staff service
scores, and the questionnaire editor a manager opens from the worklist.

Keyboard: Enter on the worklist opens the call; in the call, the digits 1-5 score the
current question and move to the next one, Ctrl+Enter saves.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHeaderView,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QSpinBox,
    QTableView, QVBoxLayout, QWidget,
)

from ..models import FollowUpStage, Position
from ..services import follow_ups
from ..services.errors import StudioError
from ..services.follow_ups import DueCall, Lead, Question, StaffScore
from ..services.lab_month import Month
from ..services.staff import Permission
from . import names
from .common import OVERDUE_COLOUR, may, no_default, rows_view
from .context import AppContext
from .i18n import date_text, error_text, local_time
from .table_models import Column, RowsModel

MONTHS_SHOWN = 12




def question_label(question: Question) -> str:
    return follow_ups.question_text(question, QLocale().name())


class FollowUpsPage(QWidget):
    """The calls due on a day (today unless another is chosen), overdue ones first; the
    follow-ups given up in the last 30 days below."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.day = QDateEdit()
        self.day.setObjectName("followUpDay")
        self.day.setCalendarPopup(True)
        today = ctx.clock.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.call_button = QPushButton(self.tr("&Call… (Enter)"))
        self.call_button.setObjectName("followUpCall")
        self.call_button.clicked.connect(self.open_selected)
        no_default(self.call_button)
        self.questions_button = QPushButton(self.tr("&Questionnaires…"))
        self.questions_button.setObjectName("followUpQuestions")
        self.questions_button.clicked.connect(self.edit_questions)
        no_default(self.questions_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("followUpCount")
        self.model = RowsModel([
            Column(self.tr("Due"), lambda c: date_text(c.due_on), self._colour),
            Column(self.tr("Customer"), lambda c: c.customer_name),
            Column(self.tr("Phone"), lambda c: c.phone or ""),
            Column(self.tr("Order"), lambda c: c.order_number or ""),
            Column(self.tr("Stage"), self._stage),
            Column(self.tr("Attempt"), lambda c: str(c.attempt), align_right=True),
        ], self)
        self.table = rows_view(self.model, 1, "followUpRows")
        self.table.activated.connect(lambda index: self.open_call(self.model.row(index)))
        self.given_up_model = RowsModel([
            Column(self.tr("Given up"), lambda g: local_time(g.given_up_at)),
            Column(self.tr("Customer"), lambda g: g.customer_name),
            Column(self.tr("Order"), lambda g: g.order_number or ""),
            Column(self.tr("Stage"), lambda g: names.name(g.stage)),
            Column(self.tr("Attempts"), lambda g: str(g.attempts), align_right=True),
        ], self)
        self.given_up_table = rows_view(self.given_up_model, 1, "followUpGivenUp")
        self.given_up_table.setMaximumHeight(150)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Calls due by")))
        top.addWidget(self.day)
        top.addWidget(self.call_button)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.questions_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Given up after the last attempt (30 days)")))
        layout.addWidget(self.given_up_table)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self.loaded = False

    def _day(self) -> dt.date:
        d = self.day.date()
        return dt.date(d.year(), d.month(), d.day())

    def _colour(self, call: DueCall) -> QColor | None:
        return OVERDUE_COLOUR if call.due_on < self.ctx.clock.today() else None

    def _stage(self, call: DueCall) -> str:
        stage = names.name(call.stage)
        return self.tr("{stage} (complaint {id})").format(stage=stage, id=call.complaint_id) if call.complaint_id \
            else stage

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Turn what happened lately into calls (once each), then read the worklist."""
        if self.ctx.run(follow_ups.generate_due_calls, parent=self) is None:
            return
        rows = self.ctx.run(follow_ups.worklist, self._day(), parent=self)
        given_up = self.ctx.run(follow_ups.given_up, self._day(), parent=self)
        if rows is None or given_up is None:
            return
        self.loaded = True
        self.model.set_rows(rows)
        self.given_up_model.set_rows(given_up)
        overdue = sum(1 for r in rows if r.due_on < self.ctx.clock.today())
        self.count_label.setText(self.tr("{n} calls to make, {late} overdue").format(n=len(rows), late=overdue))
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()

    def open_selected(self) -> CallDialog | None:
        index = self.table.currentIndex()
        return self.open_call(self.model.row(index)) if index.isValid() else None

    def open_call(self, call: DueCall) -> CallDialog | None:
        if not may(self.ctx, Permission.HANDLE_COMPLAINTS):
            return None
        asked = self.ctx.run(follow_ups.questions, call.stage, parent=self)
        if asked is None:
            return None
        dialog = CallDialog(self.ctx, call, asked, self)
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.refresh()
        self.changed.emit()

    def edit_questions(self) -> FollowUpQuestionsDialog:
        dialog = FollowUpQuestionsDialog(self.ctx, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def apply_permissions(self) -> None:
        self.call_button.setVisible(may(self.ctx, Permission.HANDLE_COMPLAINTS))
        self.questions_button.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))


class CallDialog(QDialog):
    """One call: reached or not; 1-5 per question (digits score the current question and
    move on), what the customer said, the people they recommended. Ctrl+Enter saves."""

    saved = Signal()

    def __init__(self, ctx: AppContext, call: DueCall, asked: list[Question], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.call = call
        self.asked = asked
        self.current = 0
        self.setWindowTitle(self.tr("Follow-up call: {name}").format(name=call.customer_name))
        header = QLabel(self.tr("{name}, {phone} — order {order}, {stage}, attempt {attempt}").format(
            name=call.customer_name, phone=call.phone or "–", order=call.order_number or "–",
            stage=names.name(call.stage), attempt=call.attempt))
        header.setObjectName("callHeader")
        header.setStyleSheet("font-weight: bold;")
        self.reached = QCheckBox(self.tr("&Reached the customer"))
        self.reached.setObjectName("callReached")
        self.reached.setChecked(True)
        self.reached.toggled.connect(self._reached_toggled)
        self.scores_box = QGroupBox(self.tr("Scores 1-5 (type the digit; * required)"))
        grid = QGridLayout(self.scores_box)
        self.labels: list[QLabel] = []
        self.groups: list[QButtonGroup] = []
        for row, question in enumerate(asked):
            label = QLabel(question_label(question) + (" *" if question.required else ""))
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            for score in range(1, 6):
                button = QPushButton(str(score))
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setFixedWidth(34)
                button.setObjectName(f"score_{question.id}_{score}")
                group.addButton(button, score)
                grid.addWidget(button, row, score)
                button.clicked.connect(lambda _c=False, r=row: self._set_current(r + 1))
            self.labels.append(label)
            self.groups.append(group)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("callNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.lead_name = QLineEdit()
        self.lead_name.setObjectName("leadName")
        self.lead_phone = QLineEdit()
        self.lead_phone.setObjectName("leadPhone")
        self.lead_relation = QLineEdit()
        self.lead_relation.setObjectName("leadRelation")
        self.add_lead_button = QPushButton(self.tr("&Add lead"))
        self.add_lead_button.setObjectName("addLead")
        self.add_lead_button.clicked.connect(self.add_lead)
        no_default(self.add_lead_button)
        self.leads: list[Lead] = []
        self.lead_list = QListWidget()
        self.lead_list.setObjectName("leadList")
        self.lead_list.setMaximumHeight(60)
        leads_box = QGroupBox(self.tr("Referral leads (people the customer recommended)"))
        lead_form = QHBoxLayout()
        for text, edit in ((self.tr("Name"), self.lead_name), (self.tr("Phone"), self.lead_phone),
                           (self.tr("Relation"), self.lead_relation)):
            lead_form.addWidget(QLabel(text))
            lead_form.addWidget(edit)
        lead_form.addWidget(self.add_lead_button)
        leads_layout = QVBoxLayout(leads_box)
        leads_layout.addLayout(lead_form)
        leads_layout.addWidget(self.lead_list)
        self.message = QLabel()
        self.message.setObjectName("callMessage")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(self.tr("&Save (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("callSave")
        no_default(self.save_button)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("What the customer said"), self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.reached)
        layout.addWidget(self.scores_box)
        layout.addLayout(form)
        layout.addWidget(leads_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self._set_current(0)
        self.reached.setFocus()

    def _set_current(self, index: int) -> None:
        self.current = min(index, len(self.asked))
        for i, label in enumerate(self.labels):
            label.setStyleSheet("font-weight: bold; color: #1565c0;" if i == self.current else "")

    def _reached_toggled(self, on: bool) -> None:
        self.scores_box.setEnabled(on)
        self.add_lead_button.setEnabled(on)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Digits 1-5 score the current question and move to the next (when no text field
        has the keyboard: there they are typed)."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save()
            return
        if (self.reached.isChecked() and Qt.Key.Key_1 <= key <= Qt.Key.Key_5
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.current < len(self.groups)):
            button = self.groups[self.current].button(key - Qt.Key.Key_0)
            button.setChecked(True)
            self._set_current(self.current + 1)
            return
        super().keyPressEvent(event)

    def add_lead(self) -> None:
        name, phone = self.lead_name.text().strip(), self.lead_phone.text().strip()
        if not name or not phone:
            self.message.setText(self.tr("A referral lead needs a name and a phone number."))
            (self.lead_name if not name else self.lead_phone).setFocus()
            return
        lead = Lead(name, phone, self.lead_relation.text().strip() or None)
        self.leads.append(lead)
        self.lead_list.addItem(" · ".join(x for x in (lead.name, lead.phone, lead.relation or "") if x))
        for edit in (self.lead_name, self.lead_phone, self.lead_relation):
            edit.clear()
        self.message.clear()

    def scores(self) -> dict[int, int]:
        out = {}
        for question, group in zip(self.asked, self.groups, strict=True):
            if group.checkedId() > 0:
                out[question.id] = group.checkedId()
        return out

    def save(self) -> None:
        if self.lead_name.text().strip() or self.lead_phone.text().strip():
            self.add_lead()  # a lead typed and not yet added is kept too
            if self.message.text():
                return
        reached = self.reached.isChecked()
        try:
            self.ctx.call(follow_ups.record_call, self.call.follow_up_id, reached,
                          scores=self.scores() if reached else None, notes=self.notes.toPlainText(),
                          leads=self.leads if reached else ())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.saved.emit()
        self.accept()


class StaffScoresPage(QWidget):
    """Staff service scores from the follow-up answers: position × month (12 months), and
    per staff member for the month chosen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = QComboBox()
        self.month.setObjectName("staffScoreMonth")
        today = ctx.clock.today()
        index = today.year * 12 + today.month - 1
        for i in range(index, index - 24, -1):
            year, month = divmod(i, 12)
            self.month.addItem(f"{year}-{month + 1:02d}")
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.months: list[str] = []
        self.grid_model = RowsModel([Column(self.tr("Position"), lambda r: names.name(r[0]))], self)
        self.grid = QTableView()  # its columns change with the month: sized to their contents
        self.grid.setObjectName("positionMonths")
        self.grid.setModel(self.grid_model)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.staff_model = RowsModel([
            Column(self.tr("Position"), lambda s: names.name(s.position)),
            Column(self.tr("Staff"), lambda s: s.name),
            Column(self.tr("Answers"), lambda s: str(s.answers), align_right=True),
            Column(self.tr("Average (1-5)"), self._average, align_right=True),
        ], self)
        self.staff = rows_view(self.staff_model, 1, "staffScores")
        footnote = QLabel(self.tr(
            "Averages of the follow-up answers to questions that score a position, counted for the staff member "
            "who held it on the order (photographer, make-up and selection on the session; counter: who booked it)."))
        footnote.setWordWrap(True)
        footnote.setStyleSheet("color: #616161;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.staff, 2)
        layout.addWidget(footnote)
        self.loaded = False

    @staticmethod
    def _average(score: StaffScore) -> str:
        return QLocale().toString(score.average, "f", 2)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def refresh(self) -> None:
        month = Month.parse(self.month.currentText())
        grid = self.ctx.run(follow_ups.position_months, month, MONTHS_SHOWN, parent=self)
        staff = self.ctx.run(follow_ups.staff_scores, month, parent=self)
        if grid is None or staff is None:
            return
        months = []
        index = month.first_day.year * 12 + month.first_day.month - 1
        for i in range(index - MONTHS_SHOWN + 1, index + 1):
            year, m = divmod(i, 12)
            months.append(f"{year}-{m + 1:02d}")

        def cell(key: str):  # type: ignore[no-untyped-def]
            return lambda r: QLocale().toString(r[1][key], "f", 2) if key in r[1] else ""

        columns = [Column(self.tr("Position"), lambda r: names.name(r[0]))]
        columns += [Column(m[2:], cell(m), align_right=True) for m in months]
        old = self.grid_model
        self.grid_model = RowsModel(columns, self)
        self.grid.setModel(self.grid_model)
        old.deleteLater()
        rows: list[tuple[Position, dict[str, float]]] = [
            (p, {m: grid[(p, m)] for m in months if (p, m) in grid}) for p in follow_ups.SCORED_POSITIONS]
        self.grid_model.set_rows(rows)
        self.staff_model.set_rows(staff)


class FollowUpQuestionsDialog(QDialog):
    """A stage's questionnaire, edited by a manager: add a question, change its text, the
    position it scores, whether it is required or asked at all, its place."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Follow-up questionnaires"))
        self.stage = QComboBox()
        self.stage.setObjectName("questionStage")
        for stage in follow_ups.STAGES:
            self.stage.addItem(names.name(stage), stage)
        self.stage.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = RowsModel([
            Column(self.tr("Question"), question_label),
            Column(self.tr("Scores"), lambda q: names.name(q.position) if q.position else ""),
            Column(self.tr("Required"), lambda q: self.tr("yes") if q.required else ""),
            Column(self.tr("Asked"), lambda q: self.tr("yes") if q.active else self.tr("no")),
        ], self)
        self.table = rows_view(self.model, 0, "questionRows")
        self.table.clicked.connect(lambda index: self._load(self.model.row(index)))
        self.text_zh = QLineEdit()
        self.text_zh.setObjectName("questionZh")
        self.text_en = QLineEdit()
        self.text_en.setObjectName("questionEn")
        self.position = QComboBox()
        self.position.setObjectName("questionPosition")
        self.position.addItem(self.tr("(no one)"), None)
        for position in follow_ups.SCORED_POSITIONS:
            self.position.addItem(names.name(position), position)
        self.required = QCheckBox(self.tr("Required"))
        self.active = QCheckBox(self.tr("Asked"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setObjectName("questionMessage")
        self.editing: Question | None = None
        add = QPushButton(self.tr("Add as new"))
        add.setObjectName("questionAdd")
        add.clicked.connect(lambda: self.save(new=True))
        change = QPushButton(self.tr("Save changes"))
        change.setObjectName("questionSave")
        change.clicked.connect(lambda: self.save(new=False))
        up, down = QPushButton(self.tr("Move up")), QPushButton(self.tr("Move down"))
        up.clicked.connect(lambda: self.move_question(-1))
        down.clicked.connect(lambda: self.move_question(1))
        no_default(add, change, up, down)
        form = QFormLayout()
        form.addRow(self.tr("Chinese"), self.text_zh)
        form.addRow(self.tr("English"), self.text_en)
        form.addRow(self.tr("Scores the"), self.position)
        flags = QHBoxLayout()
        flags.addWidget(self.required)
        flags.addWidget(self.active)
        form.addRow(flags)
        row = QHBoxLayout()
        for button in (add, change, up, down):
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        days_box = QGroupBox(self.tr("When calls are due"))
        days_row = QHBoxLayout(days_box)
        self.days: dict[FollowUpStage, QSpinBox] = {}
        for stage in follow_ups.STAGES:
            spin = QSpinBox()
            spin.setRange(0, follow_ups.MAX_OFFSET_DAYS)
            spin.setSuffix(self.tr(" days"))
            spin.setObjectName(f"days_{stage.value}")
            self.days[stage] = spin
            days_row.addWidget(QLabel(names.name(stage)))
            days_row.addWidget(spin)
        self.attempts = QSpinBox()
        self.attempts.setRange(1, 10)
        self.attempts.setObjectName("followUpAttempts")
        days_row.addWidget(QLabel(self.tr("Tries before giving up")))
        days_row.addWidget(self.attempts)
        save_days = QPushButton(self.tr("Save"))
        save_days.setObjectName("followUpDaysSave")
        save_days.clicked.connect(self.save_days)
        no_default(save_days)
        days_row.addWidget(save_days)
        offsets = ctx.run(follow_ups.offsets, parent=self) or {}
        for stage, spin in self.days.items():
            spin.setValue(offsets.get(stage, follow_ups.DEFAULT_OFFSETS[stage]))
        self.attempts.setValue(ctx.run(follow_ups.max_attempts, parent=self) or follow_ups.DEFAULT_MAX_ATTEMPTS)
        layout = QVBoxLayout(self)
        layout.addWidget(days_box)
        layout.addWidget(self.stage)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(720, 480)
        self.refresh()

    def _stage(self) -> FollowUpStage:
        return self.stage.currentData()

    def refresh(self) -> None:
        rows = self.ctx.run(follow_ups.questions, self._stage(), include_inactive=True, parent=self)
        if rows is not None:
            self.model.set_rows(rows)

    def _load(self, question: Question) -> None:
        self.editing = question
        self.text_zh.setText(question.text_zh or "")
        self.text_en.setText(question.text_en or "")
        self.position.setCurrentIndex(max(0, self.position.findData(question.position)))
        self.required.setChecked(question.required)
        self.active.setChecked(question.active)

    def save(self, *, new: bool) -> None:
        if not new and self.editing is None:
            self.message.setText(self.tr("Choose the question to change first."))
            return
        try:
            self.ctx.call(follow_ups.save_question, None if new else self.editing.id if self.editing else None,
                          self._stage(), self.text_zh.text(), self.text_en.text(), self.position.currentData(),
                          self.required.isChecked(), self.active.isChecked() or new)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.clear()
        self.refresh()

    def save_days(self) -> None:
        try:
            self.ctx.call(follow_ups.set_follow_up_settings, {s: spin.value() for s, spin in self.days.items()},
                          self.attempts.value())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.clear()

    def move_question(self, step: int) -> None:
        if self.editing is not None:
            self.ctx.run(follow_ups.move_question, self.editing.id, step, parent=self)
        self.refresh()

