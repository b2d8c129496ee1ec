"""Reports → Check a lab statement…: open a lab's monthly statement (对账单), confirm or fix
which column holds what, see what does not agree grouped by kind with its money, and save
the result as a workbook."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)
from openpyxl.utils import get_column_letter

from ..models.db import sqlite_path
from ..services import catalogue, reconcile
from ..services.errors import StudioError
from ..services.lab_month import Month
from ..services.reconcile import DISCREPANCY_TEXT, FIELD_TEXT, Field, Finding, Proposal, Reconciliation
from . import file_dialogs
from .common import mark, no_default
from .context import AppContext, BackgroundTask
from .i18n import error_text, money, render

XLSX_FILES = "Excel (*.xlsx);;All files (*)"
MIN_COLUMNS = 12  # offered even when the header row is short
NOTE_COLUMN = 7


def phrase(text: str) -> str:
    """One of the services' own words (a Phrase) in the window's language."""
    return QCoreApplication.translate("errors", text)


def last_month(ctx: AppContext) -> str:
    today = ctx.clock.local(ctx.clock.now()).date()
    return f"{today.year - (today.month == 1):04d}-{(today.month - 2) % 12 + 1:02d}"


class ReconcileDialog(QDialog):
    """The lab, the month and the statement; the columns; Check; the differences; Save result."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.proposal: Proposal | None = None
        self.outcome: Reconciliation | None = None
        self.task: BackgroundTask | None = None
        self.chooser: QFileDialog | None = None
        self.saved_to: Path | None = None
        self.setWindowTitle(self.tr("Check a lab statement"))
        self.resize(1000, 680)

        self.lab = QComboBox()
        self.lab.setObjectName("reconcileLab")
        for lab in ctx.run(catalogue.labs, parent=parent) or []:
            self.lab.addItem(lab.name, lab.id)
        self.month = QLineEdit(last_month(ctx))
        self.month.setObjectName("reconcileMonth")
        self.month.setPlaceholderText("2026-10")
        self.path = QLineEdit()
        self.path.setObjectName("reconcilePath")
        self.path.setPlaceholderText(self.tr("The lab's statement (.xlsx)"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("reconcileChoose")
        choose.clicked.connect(self.choose)
        self.read_button = QPushButton(self.tr("Read columns"))
        self.read_button.setObjectName("reconcileReadColumns")
        self.read_button.clicked.connect(self.read_columns)

        self.header_row = QSpinBox()
        self.header_row.setObjectName("reconcileHeaderRow")
        self.header_row.setRange(1, 30)
        self.columns: dict[Field, QComboBox] = {}
        self.layout_note = QLabel()
        self.layout_note.setObjectName("reconcileLayoutNote")
        self.layout_note.setWordWrap(True)
        self.remember = QCheckBox(self.tr("Remember these columns for this lab"))
        self.remember.setObjectName("reconcileRemember")
        self.remember.setChecked(True)
        columns_box = QGroupBox(self.tr("Columns of the statement"))
        grid = QGridLayout(columns_box)
        grid.addWidget(QLabel(self.tr("Header row")), 0, 0)
        grid.addWidget(self.header_row, 0, 1)
        for n, f in enumerate(Field, start=1):
            combo = QComboBox()
            combo.setObjectName(f"reconcileColumn_{f.value}")
            self.columns[f] = combo
            label = phrase(FIELD_TEXT[f])
            grid.addWidget(QLabel(label[:1].upper() + label[1:]), n // 3, (n % 3) * 2)
            grid.addWidget(combo, n // 3, (n % 3) * 2 + 1)
        self._fill_columns([])
        grid.addWidget(self.layout_note, 2, 0, 1, 4)
        grid.addWidget(self.remember, 2, 4, 1, 2)

        self.message = QLabel()
        self.message.setObjectName("reconcileMessage")
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("reconcileSummary")
        self.summary.setWordWrap(True)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("reconcileSaved")
        self.tree = QTreeWidget()
        self.tree.setObjectName("reconcileResult")
        self.tree.setHeaderLabels([self.tr("Difference / item code"), self.tr("Order number"), self.tr("Product"),
                                   self.tr("Statement row"), self.tr("Billed"), self.tr("Price list"),
                                   self.tr("Amount"), self.tr("Note")])
        self.tree.setColumnWidth(0, 170)
        for column, width in ((1, 110), (2, 130), (3, 100), (4, 90), (5, 90), (6, 90)):
            self.tree.setColumnWidth(column, width)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("reconcileCheck")
        self.check_button.clicked.connect(self.check)
        self.save_button = QPushButton(self.tr("Save result…"))
        self.save_button.setObjectName("reconcileSave")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.choose_result_file)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        no_default(choose, self.read_button, self.check_button, self.save_button, close)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        file_row.addWidget(self.read_button)
        form = QFormLayout()
        form.addRow(self.tr("Lab"), self.lab)
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("Statement"), file_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(columns_box)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.lab.currentIndexChanged.connect(lambda _i: self._lab_changed())
        self.path.textEdited.connect(lambda _t: self._forget())

    # -- the statement and its columns ------------------------------------------
    def _fill_columns(self, header_cells: list[str]) -> None:
        count = max(MIN_COLUMNS, len(header_cells))
        for combo in self.columns.values():
            combo.clear()
            combo.addItem(self.tr("(none)"), None)
            for c in range(1, count + 1):
                header = header_cells[c - 1] if c - 1 < len(header_cells) else ""
                combo.addItem(f"{get_column_letter(c)} · {header}" if header else get_column_letter(c), c)

    def _forget(self) -> None:
        """Another file: its columns are read again."""
        self.proposal = None
        self._fill_columns([])
        self.layout_note.setText("")

    def _lab_changed(self) -> None:
        """Another lab: its own saved columns, if the statement is chosen already."""
        self._forget()
        if self.path.text().strip():
            self.read_columns()

    def choose(self) -> None:
        database = sqlite_path(self.ctx.url)
        dialog = QFileDialog(self, self.tr("Choose the lab's statement"), str(file_dialogs.start_folder(database)),
                             XLSX_FILES)
        dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons)
        dialog.setIconProvider(file_dialogs.icon_provider())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self._chosen(Path(name), database))
        self.chooser = dialog
        dialog.open()

    def _chosen(self, path: Path, database: Path | None) -> None:
        file_dialogs.remember_folder(path, database)
        self.path.setText(str(path))
        self.read_columns()

    def read_columns(self) -> bool:
        """Offer the lab's saved columns (found in this file) or those guessed from its headers."""
        text = self.path.text().strip()
        if not mark(self.path, None if text else self.tr("Choose the lab's statement first."), self.message):
            return False
        try:
            proposal = self.ctx.call(reconcile.propose_layout, self.lab.currentData(), Path(text))
        except StudioError as exc:
            self.proposal = None
            self._fill_columns([])
            self.layout_note.setText(self.tr("Choose the header row and the columns by hand."))
            mark(self.path, error_text(exc), self.message)
            return False
        self.proposal = proposal
        self._fill_columns(proposal.header_cells)
        self.header_row.setValue(proposal.layout.header_row)
        for f, combo in self.columns.items():
            combo.setCurrentIndex(max(0, combo.findData(proposal.layout.columns.get(f))))
        self.layout_note.setText(self.tr("The columns saved for this lab.") if proposal.saved else
                                 self.tr("Columns guessed from the headers: check them before you go on."))
        return True

    def chosen_layout(self) -> reconcile.StatementLayout:
        columns = {f: combo.currentData() for f, combo in self.columns.items() if combo.currentData() is not None}
        sheet = self.proposal.layout.sheet if self.proposal else None
        return reconcile.StatementLayout(self.header_row.value(), columns, {}, sheet)

    # -- the check --------------------------------------------------------------
    def check(self) -> None:
        if self.task is not None and self.task.running:
            return
        text = self.path.text().strip()
        if not mark(self.path, None if text else self.tr("Choose the lab's statement first."), self.message):
            return
        try:
            month = Month.parse(self.month.text())
        except StudioError as exc:
            mark(self.month, error_text(exc), self.message)
            return
        mark(self.month, None)
        if self.proposal is None and not any(c.currentData() for c in self.columns.values()):
            if not self.read_columns():
                return
        layout = self.chosen_layout()
        try:
            layout.check()
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText("")
        self._clear()  # an earlier result is not shown as this statement's
        self.task = self.ctx.run_in_background(
            reconcile.reconcile, self.lab.currentData(), month, Path(text), layout=layout,
            label=self.tr("Checking the statement…"), parent=self, on_done=self.show_result)

    def _clear(self) -> None:
        self.outcome = None
        self.tree.clear()
        self.summary.setText("")
        self.saved_label.setText("")
        self.save_button.setEnabled(False)

    def show_result(self, result: Reconciliation) -> None:
        self.outcome = result
        self.save_button.setEnabled(True)
        if self.remember.isChecked() and not (
                self.proposal is not None and self.proposal.saved
                and self.proposal.layout.to_json() == result.layout.to_json()):
            if self.ctx.run(reconcile.save_layout, self.lab.currentData(), result.layout, parent=self) is not None:
                self.proposal = Proposal(result.layout, self.proposal.header_cells if self.proposal else [], True)
        self.summary.setText(self.tr(
            "{lines} line(s) read, {agreed} agree. Billed {billed}; sent or returned at the price list {expected}."
        ).format(lines=result.lines, agreed=result.agreed, billed=money(result.billed_fen),
                 expected=money(result.expected_fen)))
        self.tree.clear()
        totals = result.totals()
        for kind, (count, amount) in totals.items():
            title = self.tr("{kind}: {count} line(s), {amount}").format(
                kind=phrase(DISCREPANCY_TEXT[kind]), count=count, amount=money(amount))
            group = QTreeWidgetItem([title])
            group.setData(0, Qt.ItemDataRole.UserRole, kind.value)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for f in result.of(kind):
                child = QTreeWidgetItem(self._cells(f))
                child.setToolTip(NOTE_COLUMN, child.text(NOTE_COLUMN))
                group.addChild(child)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            group.setExpanded(count > 0)

    @staticmethod
    def _cells(f: Finding) -> list[str]:
        return [f.item_code, f.order_number, f.product, "" if f.row is None else str(f.row), money(f.billed_fen),
                money(f.expected_fen), money(f.amount_fen), render(f.note) if f.note else ""]

    # -- the result workbook ----------------------------------------------------
    def choose_result_file(self) -> None:
        if self.outcome is None:
            return
        database = sqlite_path(self.ctx.url)
        suggested = self.tr("{lab} {month} statement check.xlsx").format(lab=self.outcome.lab_name,
                                                                        month=self.outcome.month)
        dialog = file_dialogs.save_dialog(self, self.tr("Save the result"), suggested, XLSX_FILES, database)
        dialog.fileSelected.connect(lambda name: self.save_result(Path(name), database))
        self.chooser = dialog
        dialog.open()

    def save_result(self, path: Path, database: Path | None = None) -> None:
        if self.outcome is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        file_dialogs.remember_folder(path, database)
        self.task = self.ctx.run_in_background(
            reconcile.write_result, self.outcome, path, translate=phrase, label=self.tr("Saving the result…"),
            parent=self, on_done=self._saved)

    def _saved(self, path: Path) -> None:
        self.saved_to = path
        self.saved_label.setText(self.tr("Saved to {path}").format(path=path))
