"""Settings → Reminders and message templates…: the texts sent to customers (with a live
preview; a text naming an unknown field is refused when saved) and the reminder rules
(event, days before or after, who handles it, the text it queues, on or off)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPlainTextEdit, QPushButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from ..models.enums import MessageChannel, ReminderEvent, Role
from ..services import reminders, templates
from ..services.errors import StudioError
from ..services.reminders import RuleRow
from ..services.templates import TemplateRow
from . import names
from .common import fit_columns, no_default
from .context import AppContext
from .i18n import error_text
from .table_models import Column, RowsModel

NO_TEMPLATE = -1


class MessagesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Reminders and message templates"))
        self.rows: list[TemplateRow] = []
        # -- templates
        self.templates = QListWidget()
        self.templates.setObjectName("templateList")
        self.templates.currentRowChanged.connect(self._show_template)
        self.name_zh = QLineEdit()
        self.name_en = QLineEdit()
        self.channel = QComboBox()
        for label, value in names.choices(MessageChannel):
            self.channel.addItem(label, value)
        self.marketing = QCheckBox(self.tr("Marketing (only to customers who consent)"))
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.textChanged.connect(self._preview)
        fields = "  ".join("{" + key + "} " + self.tr("= {what}").format(what=names_of_field(key))
                           for key in templates.FIELDS)
        self.fields = QLabel(self.tr("Fields: {fields}").format(fields=fields))
        self.fields.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("templatePreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #f5f5f5; padding: 6px;")
        self.save_template_button = QPushButton(self.tr("&Save template"))
        self.save_template_button.clicked.connect(self.save_template)
        no_default(self.save_template_button)
        form = QFormLayout()
        form.addRow(self.tr("Chinese name"), self.name_zh)
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow("", self.marketing)
        form.addRow(self.tr("Text"), self.body)
        form.addRow("", self.fields)
        form.addRow(self.tr("Preview"), self.preview)
        form.addRow("", self.save_template_button)
        top = QHBoxLayout()
        top.addWidget(self.templates, 1)
        top.addLayout(form, 3)
        template_box = QGroupBox(self.tr("Message templates"))
        template_box.setLayout(top)
        # -- rules
        self.rules_model = RowsModel([
            Column(self.tr("Event"), lambda r: names.name(r.event)),
            Column(self.tr("Days"), lambda r: self._days(r.offset_days)),
            Column(self.tr("Who"), lambda r: names.name(r.role)),
            Column(self.tr("Template"), lambda r: self._template_name(r.template_id)),
            Column(self.tr("Active"), lambda r: self.tr("yes") if r.active else self.tr("no")),
        ], parent=self)
        self.rules_view = QTableView()
        self.rules_view.setObjectName("ruleList")
        self.rules_view.setModel(self.rules_model)
        self.rules_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_view.verticalHeader().setVisible(False)
        fit_columns(self.rules_view, 3)
        self.rules_view.clicked.connect(lambda index: self._show_rule(self.rules_model.rows[index.row()]))
        self.rule_event = QComboBox()
        for label, value in names.choices(ReminderEvent):
            if value is not ReminderEvent.FOLLOW_UP_DUE:  # the follow-up worklist, not a rule
                self.rule_event.addItem(label, value)
        self.offset = QSpinBox()
        self.offset.setRange(-366, 366)
        self.offset.setToolTip(self.tr("Negative: days before the event; positive: days after it"))
        self.role = QComboBox()
        for label, value in names.choices(Role):
            self.role.addItem(label, value)
        self.rule_template = QComboBox()
        self.active = QCheckBox(self.tr("Active"))
        self.active.setChecked(True)
        self.save_rule_button = QPushButton(self.tr("Save &rule"))
        self.save_rule_button.clicked.connect(lambda: self.save_rule(new=False))
        self.new_rule_button = QPushButton(self.tr("Add as &new rule"))
        self.new_rule_button.clicked.connect(lambda: self.save_rule(new=True))
        no_default(self.save_rule_button, self.new_rule_button)
        edit = QHBoxLayout()
        for w in (self.rule_event, self.offset, self.role, self.rule_template, self.active, self.save_rule_button,
                  self.new_rule_button):
            edit.addWidget(w)
        rule_box = QGroupBox(self.tr("Reminder rules (follow-up calls due come from the follow-up worklist)"))
        rules_layout = QVBoxLayout(rule_box)
        rules_layout.addWidget(self.rules_view)
        rules_layout.addLayout(edit)
        self.message = QLabel()
        self.message.setObjectName("messagesMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(template_box, 3)
        layout.addWidget(rule_box, 2)
        layout.addWidget(self.message)
        self.resize(900, 680)
        self.editing_rule: int | None = None
        self.reload()

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        rows = self.ctx.run(templates.list_templates, parent=self)
        if rows is not None:
            self.rows = rows
            current = max(self.templates.currentRow(), 0)
            self.templates.blockSignals(True)
            self.templates.clear()
            for row in rows:
                self.templates.addItem(self._name(row))
            self.templates.blockSignals(False)
            self.rule_template.clear()
            self.rule_template.addItem(self.tr("(no message)"), NO_TEMPLATE)
            for row in rows:
                self.rule_template.addItem(self._name(row), row.id)
            if rows:
                self.templates.setCurrentRow(min(current, len(rows) - 1))
                self._show_template(self.templates.currentRow())
        rules = self.ctx.run(reminders.list_rules, parent=self)
        if rules is not None:
            self.rules_model.set_rows(rules)

    def _name(self, row: TemplateRow) -> str:
        return row.name_zh if QLocale().language() == QLocale.Language.Chinese else row.name_en

    def _template_name(self, template_id: int | None) -> str:
        row = next((r for r in self.rows if r.id == template_id), None)
        return self._name(row) if row is not None else ""

    def _days(self, offset: int) -> str:
        if offset < 0:
            return self.tr("{n} day(s) before").format(n=-offset)
        if offset > 0:
            return self.tr("{n} day(s) after").format(n=offset)
        return self.tr("on the day")

    def _show_template(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        self.name_zh.setText(row.name_zh)
        self.name_en.setText(row.name_en)
        self.channel.setCurrentIndex(self.channel.findData(row.channel))
        self.marketing.setChecked(row.marketing)
        self.body.setPlainText(row.body)

    def _preview(self) -> None:
        """The text filled with sample values, as it is typed; a wrong field is said here."""
        try:
            self.preview.setText(templates.preview(self.body.toPlainText()))
            self.preview.setStyleSheet("background: #f5f5f5; padding: 6px;")
        except StudioError as exc:
            self.preview.setText(error_text(exc))
            self.preview.setStyleSheet("background: #f5f5f5; padding: 6px; color: #d32f2f;")

    def _show_rule(self, rule: RuleRow) -> None:
        self.editing_rule = rule.id
        self.rule_event.setCurrentIndex(self.rule_event.findData(rule.event))
        self.offset.setValue(rule.offset_days)
        self.role.setCurrentIndex(self.role.findData(rule.role))
        self.rule_template.setCurrentIndex(max(0, self.rule_template.findData(
            rule.template_id if rule.template_id is not None else NO_TEMPLATE)))
        self.active.setChecked(rule.active)

    # -- writing ------------------------------------------------------------------------------
    def save_template(self) -> None:
        index = self.templates.currentRow()
        if not 0 <= index < len(self.rows):
            return
        saved = self.ctx.run(templates.save_template, self.rows[index].id, name_zh=self.name_zh.text(),
                             name_en=self.name_en.text(), body=self.body.toPlainText(),
                             channel=self.channel.currentData(), marketing=self.marketing.isChecked(), parent=self)
        if saved is not None:
            self.message.setText(self.tr("Template saved."))
            self.reload()

    def save_rule(self, *, new: bool) -> None:
        if not new and self.editing_rule is None:
            self.message.setText(self.tr("Choose a rule first."))
            return
        template = self.rule_template.currentData()
        saved = self.ctx.run(reminders.save_rule, None if new else self.editing_rule, self.rule_event.currentData(),
                             self.offset.value(), self.role.currentData(),
                             None if template == NO_TEMPLATE else template, self.active.isChecked(), parent=self)
        if saved is not None:
            self.editing_rule = saved.id
            self.message.setText(self.tr("Rule saved."))
            self.reload()


def names_of_field(key: str) -> str:
    """What a field holds, in the window's language (the service's phrase, translated)."""
    return QCoreApplication.translate("errors", templates.FIELDS[key])
