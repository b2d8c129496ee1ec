"""Import scanner file…: a memory scanner's codes (one per line) applied as scans — send to a
lab, receive, pass the check or send to rework — with each line's result in a table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ..models import ChoiceKind
from ..models.db import sqlite_path
from ..services import catalogue, choices, scanner_files
from ..services.scanner_files import FileResult, LineOutcome, LineResult, ScanMode
from . import file_dialogs
from .common import fit_columns, mark, no_default
from .context import AppContext, BackgroundTask
from .i18n import render
from .names import choice_name
from .table_models import Column, RowsModel

OUTCOME_COLOURS = {LineOutcome.ACCEPTED: QColor("#c8e6c9"), LineOutcome.UNCHANGED: QColor("#eeeeee"),
                   LineOutcome.REFUSED: QColor("#ffcdd2")}
TEXT_FILES = "Text (*.txt *.csv *.dat);;All files (*)"


class ScannerFileDialog(QDialog):
    """Choose the file, what the scans mean (and the lab, or the rework reason), Import."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.file_result: FileResult | None = None
        self.task: BackgroundTask | None = None
        self.chooser: QFileDialog | None = None
        self.setWindowTitle(self.tr("Import scanner file"))
        self.resize(900, 560)
        self.path = QLineEdit()
        self.path.setObjectName("scanFilePath")
        self.path.setPlaceholderText(self.tr("The file the scanner wrote: one code per line"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("scanFileChoose")
        choose.clicked.connect(self.choose)
        self.mode = QComboBox()
        self.mode.setObjectName("scanFileMode")
        for label, value in ((self.tr("Send to a lab"), ScanMode.SEND), (self.tr("Receive from the lab"),
                             ScanMode.RECEIVE), (self.tr("Passed the check (ready)"), ScanMode.PASS),
                             (self.tr("Rework (back to the lab)"), ScanMode.REWORK)):
            self.mode.addItem(label, value)
        self.lab = QComboBox()
        self.lab.setObjectName("scanFileLab")
        for lab in ctx.run(catalogue.labs, parent=parent) or []:
            self.lab.addItem(lab.name, lab.id)
        self.reason = QComboBox()
        self.reason.setObjectName("scanFileReason")
        for entry in ctx.run(choices.entries, ChoiceKind.REWORK_REASON, parent=parent) or []:
            self.reason.addItem(choice_name(entry), entry.id)
        self.detail = QLineEdit()
        self.detail.setObjectName("scanFileDetail")
        self.detail.setPlaceholderText(self.tr("What is wrong (needed for “Other”)"))
        self.message = QLabel()
        self.message.setObjectName("scanFileMessage")
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("scanFileSummary")
        self.model = RowsModel([
            Column(self.tr("Line"), lambda r: str(r.number), align_right=True),
            Column(self.tr("Code"), lambda r: r.text),
            Column(self.tr("Result"), self.outcome_name, lambda r: OUTCOME_COLOURS[r.outcome]),
            Column(self.tr("What happened"), lambda r: render(r.message)),
        ], parent=self)
        self.table = QTableView()
        self.table.setObjectName("scanFileResults")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, 3)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("scanFileImport")
        self.import_button.clicked.connect(self.start)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        no_default(self.import_button, close, choose)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("The scans mean"), self.mode)
        form.addRow(self.tr("Lab"), self.lab)
        form.addRow(self.tr("Rework reason"), self.reason)
        form.addRow(self.tr("Detail"), self.detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.mode.currentIndexChanged.connect(lambda _i: self._fields())
        self._fields()

    def _fields(self) -> None:
        """The lab for sending, the reason for rework; the rest greyed out."""
        mode = self.mode.currentData()
        self.lab.setEnabled(mode == ScanMode.SEND)
        self.reason.setEnabled(mode == ScanMode.REWORK)
        self.detail.setEnabled(mode == ScanMode.REWORK)

    def outcome_name(self, line: LineResult) -> str:
        return {LineOutcome.ACCEPTED: self.tr("Done"), LineOutcome.UNCHANGED: self.tr("Already so"),
                LineOutcome.REFUSED: self.tr("Refused")}[line.outcome]

    def choose(self) -> None:
        """Qt's own file dialog, starting outside the database's folder, naming files by their
        names only (see file_dialogs): it never opens the live database."""
        database = sqlite_path(self.ctx.url)
        dialog = QFileDialog(self, self.tr("Choose the scanner's file"), str(file_dialogs.start_folder(database)),
                             TEXT_FILES)
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

    def start(self) -> None:
        """Apply the file in the background; each line's result fills the table."""
        if self.task is not None and self.task.running:
            return
        text = self.path.text().strip()
        if not mark(self.path, None if text else self.tr("Choose the scanner's file first."), self.message):
            return
        mode = self.mode.currentData()
        kwargs: dict[str, object] = {}
        if mode == ScanMode.SEND:
            kwargs["lab_id"] = self.lab.currentData()
        if mode == ScanMode.REWORK:
            kwargs["rework_reason_id"] = self.reason.currentData()
            kwargs["reason"] = self.detail.text()
        self.message.setText("")
        self.task = self.ctx.run_in_background(
            scanner_files.apply_file, Path(text), mode, label=self.tr("Importing the scanner's file…"), parent=self,
            on_done=self.show_result, **kwargs)

    def show_result(self, result: FileResult) -> None:
        self.file_result = result
        self.model.set_rows(result.lines)
        self.summary.setText(self.tr("{accepted} done, {unchanged} already so, {refused} refused").format(
            accepted=result.count(LineOutcome.ACCEPTED), unchanged=result.count(LineOutcome.UNCHANGED),
            refused=result.count(LineOutcome.REFUSED)))
