"""Reports → Month-end (月结): a lab's month for 对账, and the manager's monthly workbook.

Pick the month (last month by default) and a lab or every lab, then save the workbook; the
export runs in the background with a progress bar and the dialog says where it went. Manager
and production staff reach it (the monthly workbook is the manager's); whether customer names
go to labs is the studio's setting, changed here by a manager."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout,
    QWidget,
)

from ..models.db import sqlite_path
from ..services import catalogue, month_end
from ..services.errors import StudioError
from ..services.lab_month import Month
from ..services.staff import Permission
from . import file_dialogs
from .common import may, no_default
from .context import AppContext, BackgroundTask
from .i18n import error_text

ALL_LABS = 0
MONTHS_SHOWN = 24


def translate_phrase(text: str) -> str:
    """The services' words (sheet names, headers) in the window's language."""
    return QCoreApplication.translate("errors", text)


def window_language() -> str:
    return "zh_CN" if QLocale().name().startswith("zh") else "en"


class _Progress(QObject):
    """Carries the export's progress from the worker thread to the bar (queued signal)."""

    moved = Signal(int, int)


class ReportsDialog(QDialog):
    exported = Signal(str)  # the path of a workbook just written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: BackgroundTask | None = None
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Month-end reports"))
        self.month = QComboBox()
        self.month.setObjectName("reportMonth")
        self.month.setEditable(True)  # any month typed as YYYY-MM
        first = ctx.clock.today().replace(day=1)
        for _ in range(MONTHS_SHOWN):
            first = (first - dt.timedelta(days=1)).replace(day=1)
            self.month.addItem(f"{first:%Y-%m}")
        this_month = ctx.clock.today().replace(day=1)
        self.month.insertItem(0, f"{this_month:%Y-%m}")
        self.month.setCurrentIndex(1)  # last month: what month-end is about
        self.lab = QComboBox()
        self.lab.setObjectName("reportLab")
        self.lab.addItem(self.tr("Every lab"), ALL_LABS)
        for lab in self.ctx.run(catalogue.labs, include_inactive=True, parent=self) or []:
            self.lab.addItem(lab.name, lab.id)
        self.customer_names = QCheckBox(self.tr("Customer names go to the labs (a column in the lab export)"))
        self.customer_names.setObjectName("customerNamesToLabs")
        self.customer_names.setChecked(bool(self.ctx.run(month_end.customer_names_to_labs, parent=self)))
        self.customer_names.setEnabled(may(ctx, Permission.MANAGE_SETTINGS))
        self.customer_names.toggled.connect(self._set_customer_names)
        self.lab_button = QPushButton(self.tr("Lab reconciliation export…"))
        no_default(self.lab_button)
        self.lab_button.setObjectName("exportLabMonth")
        self.lab_button.clicked.connect(lambda: self.export_lab())
        self.lab_button.setVisible(may(ctx, Permission.LAB_MONTH_END))
        self.month_button = QPushButton(self.tr("Manager's monthly workbook…"))
        no_default(self.month_button)
        self.month_button.setObjectName("exportMonth")
        self.month_button.clicked.connect(lambda: self.export_month())
        self.month_button.setVisible(may(ctx, Permission.MONTH_REPORT))
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setVisible(False)
        self.result_label = QLabel()
        self.result_label.setObjectName("reportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)
        form = QFormLayout()
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("Lab"), self.lab)
        form.addRow(self.customer_names)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lab_button)
        layout.addWidget(self.month_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(520, 320)

    # -- what is chosen ----------------------------------------------------------------------
    def chosen_month(self) -> Month | None:
        """The month typed or picked; a wrong one is said below the buttons."""
        try:
            return Month.parse(self.month.currentText())
        except StudioError as exc:
            self.result_label.setText(error_text(exc))
            return None

    def _lab_name(self) -> str | None:
        return None if self.lab.currentData() == ALL_LABS else self.lab.currentText()

    def _ask_path(self, title: str, suggested: str) -> Path | None:
        path = file_dialogs.save_file_name(self, title, suggested, "Excel (*.xlsx)", sqlite_path(self.ctx.url))
        if path is not None and path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")  # Excel opens it by its name
        return path

    # -- exports -----------------------------------------------------------------------------
    def export_lab(self, path: Path | None = None) -> None:
        month = self.chosen_month()
        if month is None or self._busy():
            return
        lab = self._lab_name()
        suggested = self.tr("{lab} {month} reconciliation.xlsx").format(lab=lab or self.tr("labs"), month=month)
        path = path or self._ask_path(self.tr("Save the lab reconciliation"), suggested)
        if path is None:
            return
        self._start()
        self.task = self.ctx.run_in_background(
            month_end.export_lab_month, month, path, lab=self.lab.currentData() or None,
            language=window_language(), translate=translate_phrase, progress=self._progress.moved.emit,
            label=self.tr("Writing the lab reconciliation…"), parent=self,
            on_done=lambda result: self._done(result.path, self.tr("{n} sending(s) of {month} written to {path}")
                                              .format(n=result.lines, month=month, path=result.path)))
        self.task.finished.connect(lambda *_: self._stopped())

    def export_month(self, path: Path | None = None) -> None:
        month = self.chosen_month()
        if month is None or self._busy():
            return
        suggested = self.tr("Monthly workbook {month}.xlsx").format(month=month)
        path = path or self._ask_path(self.tr("Save the monthly workbook"), suggested)
        if path is None:
            return
        self._start()
        self.task = self.ctx.run_in_background(
            month_end.export_month, month, path, language=window_language(), translate=translate_phrase,
            progress=self._progress.moved.emit, label=self.tr("Writing the monthly workbook…"), parent=self,
            on_done=lambda result: self._done(
                result.path, self.tr("The monthly workbook of {month} was written to {path}").format(
                    month=month, path=result.path)))
        self.task.finished.connect(lambda *_: self._stopped())

    def _busy(self) -> bool:
        return self.task is not None and self.task.running

    def _start(self) -> None:
        self.result_label.setText("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.lab_button.setEnabled(False)
        self.month_button.setEnabled(False)

    def _moved(self, done: int, of: int) -> None:
        self.progress.setRange(0, of)
        self.progress.setValue(done)

    def _stopped(self) -> None:
        self.progress.setVisible(False)
        self.lab_button.setEnabled(True)
        self.month_button.setEnabled(True)

    def _done(self, path: Path, text: str) -> None:
        self.written = Path(path)
        self.result_label.setText(text)
        self.exported.emit(str(path))

    def _set_customer_names(self, on: bool) -> None:
        if self.ctx.run(month_end.set_customer_names_to_labs, on, parent=self) is None:
            self.customer_names.blockSignals(True)
            self.customer_names.setChecked(not on)
            self.customer_names.blockSignals(False)
