"""Customer information surveys (客户信息采集): the Survey page of the customer file (grouped
by phase, disabled until survey consent is given) and the question editor of Settings."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget,
)

from ..models import SurveyKind, SurveyPhase
from ..services import surveys
from ..services.errors import StudioError
from ..services.surveys import NO, YES, Question, QuestionEdit
from . import names
from .common import OptionalDateEdit, fit_columns, mark, no_default
from .context import AppContext
from .i18n import error_text, render
from .table_models import Column, RowsModel


def question_text(q: Question) -> str:
    """The question in the window's language, else in the other one."""
    if QLocale().name().startswith("zh"):
        return q.text_zh or q.text_en or ""
    return q.text_en or q.text_zh or ""


AnswerWidget = QLineEdit | QComboBox | OptionalDateEdit


class SurveyPage(QWidget):
    """The survey questions by phase with the customer's answers; only with survey consent."""

    saved = Signal()

    def __init__(self, ctx: AppContext, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.fields: dict[int, tuple[Question, AnswerWidget]] = {}
        self.notice = QLabel()
        self.notice.setObjectName("surveyNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8d6e63; font-weight: bold;")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.save_button = QPushButton(self.tr("Save the answers"))
        self.save_button.setObjectName("saveSurvey")
        self.save_button.clicked.connect(self.save)
        no_default(self.save_button)
        self.message = QLabel()
        self.message.setObjectName("surveyMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.built = False

    def _build(self, questions: list[Question]) -> None:
        by_phase: dict[SurveyPhase, QFormLayout] = {}
        for q in questions:
            if q.phase not in by_phase:
                box = QGroupBox(names.name(q.phase))
                by_phase[q.phase] = QFormLayout(box)
                self.body_layout.addWidget(box)
            widget: AnswerWidget
            if q.kind is SurveyKind.CHOICE:
                widget = QComboBox()
                widget.addItem("", "")
                for option in q.options:
                    widget.addItem(option, option)
            elif q.kind is SurveyKind.YES_NO:
                widget = QComboBox()
                widget.addItem("", "")
                widget.addItem(self.tr("Yes"), YES)
                widget.addItem(self.tr("No"), NO)
            elif q.kind is SurveyKind.DATE:
                widget = OptionalDateEdit(today=self.ctx.clock.today)
            else:
                widget = QLineEdit()
            widget.setObjectName(f"survey_{q.key or q.id}")
            by_phase[q.phase].addRow(question_text(q), widget)
            self.fields[q.id] = (q, widget)
        self.body_layout.addStretch(1)
        self.built = True

    def load(self, consent: bool, erased: bool = False) -> None:
        if not self.built:
            questions = self.ctx.run(surveys.questions, parent=self)
            if questions is None:
                return
            self._build(questions)
        found = self.ctx.run(surveys.answers, self.customer_id, parent=self) if consent else {}
        answers = found or {}
        for qid, (_q, widget) in self.fields.items():
            value = answers.get(qid, "")
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0 and value:  # an answer to an option since removed: shown as it was
                    widget.addItem(value, value)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(0, index))
            else:
                widget.setText(value)
        self.body.setEnabled(consent)
        self.save_button.setEnabled(consent)
        if erased:
            self.notice.setText(self.tr("This customer's data was erased on request."))
        elif not consent:
            self.notice.setText(self.tr("The customer has not consented to the survey: record their consent on "
                                        "the Privacy page first. Answers are kept only with consent."))
        else:
            self.notice.setText("")
        self.notice.setVisible(bool(self.notice.text()))

    def values(self) -> dict[int, str] | None:
        out: dict[int, str] = {}
        problems = []
        for qid, (_q, widget) in self.fields.items():
            if isinstance(widget, QComboBox):
                out[qid] = widget.currentData() or ""
            elif isinstance(widget, OptionalDateEdit):
                problems.append(widget.check())
                day = None if widget.problem() else widget.value()
                out[qid] = day.isoformat() if day else ""
            else:
                out[qid] = widget.text()
        if not all(problems):
            self.message.setText(self.tr("Please correct the marked fields."))
            return None
        return out

    def save(self) -> None:
        values = self.values()
        if values is None:
            return
        try:
            result = self.ctx.call(surveys.save_answers, self.customer_id, values)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText(render(result))
        self.saved.emit()


class QuestionsDialog(QDialog):
    """Settings: the survey questions (add, change, retire); a question is never deleted."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Customer survey questions"))
        self.resize(860, 560)
        self.model = RowsModel([
            Column(self.tr("Phase"), lambda q: names.name(q.phase)),
            Column(self.tr("Kind"), lambda q: names.name(q.kind)),
            Column(self.tr("Chinese"), lambda q: q.text_zh or ""),
            Column(self.tr("English"), lambda q: q.text_en or ""),
            Column(self.tr("Active"), lambda q: self.tr("yes") if q.active else self.tr("no")),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("surveyQuestions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, 3)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._pick(current.row()))
        self.phase = QComboBox()
        for label, phase in names.choices(SurveyPhase):
            self.phase.addItem(label, phase)
        self.kind = QComboBox()
        self.kind.setObjectName("questionKind")
        for label, kind in names.choices(SurveyKind):
            self.kind.addItem(label, kind)
        self.text_zh = QLineEdit()
        self.text_zh.setObjectName("questionZh")
        self.text_en = QLineEdit()
        self.text_en.setObjectName("questionEn")
        self.options = QPlainTextEdit()
        self.options.setObjectName("questionOptions")
        self.options.setPlaceholderText(self.tr("Choice questions: one answer per line"))
        self.options.setFixedHeight(70)
        self.active = QCheckBox(self.tr("Asked (active)"))
        self.active.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Phase"), self.phase)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Question (Chinese)"), self.text_zh)
        form.addRow(self.tr("Question (English)"), self.text_en)
        form.addRow(self.tr("Answers to choose from"), self.options)
        form.addRow("", self.active)
        self.new_button = QPushButton(self.tr("&New question"))
        self.new_button.clicked.connect(self.new_question)
        self.save_button = QPushButton(self.tr("&Save question"))
        self.save_button.setObjectName("saveQuestion")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        no_default(self.new_button, self.save_button, close)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.current_id: int | None = None
        self.reload()

    def reload(self, select: int | None = None) -> None:
        found = self.ctx.run(surveys.questions, active_only=False, parent=self)
        if found is None:
            return
        self.model.set_rows(found)
        for row, q in enumerate(found):
            if q.id == select:
                self.table.selectRow(row)

    def _pick(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows):
            return
        q: Question = self.model.rows[row]
        self.current_id = q.id
        self.phase.setCurrentIndex(max(0, self.phase.findData(q.phase)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(q.kind)))
        self.text_zh.setText(q.text_zh or "")
        self.text_en.setText(q.text_en or "")
        self.options.setPlainText("\n".join(q.options))
        self.active.setChecked(q.active)

    def new_question(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        for edit in (self.text_zh, self.text_en):
            edit.clear()
        self.options.clear()
        self.active.setChecked(True)
        self.text_zh.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        edit = QuestionEdit(self.phase.currentData(), self.kind.currentData(), self.text_zh.text(),
                            self.text_en.text(), self.options.toPlainText().splitlines(), self.active.isChecked())
        try:
            saved = self.ctx.call(surveys.save_question, self.current_id, edit)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            mark(self.text_zh, error_text(exc) if not (self.text_zh.text() or self.text_en.text()) else None)
            return
        self.message.setText("")
        self.current_id = saved.id
        self.reload(saved.id)
