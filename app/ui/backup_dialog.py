"""Backups in the window: the schedule's settings (manager), the scheduled backups themselves
(at start and every N hours, off the GUI thread, never two at once, a failure said once on
the status bar) and restoring a backup with a preview (manager)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..models.db import sqlite_path
from ..services import backups
from ..services.backups import BackupDone, BackupSettings
from ..services.errors import StudioError
from .common import no_default
from .context import AppContext, BackgroundTask
from .file_dialogs import icon_provider
from .i18n import error_text
from .scanning import CLOSE_FIRST, ScanResult

log = logging.getLogger(__name__)
HOUR_MS = 3_600_000


class BackupSettingsDialog(QDialog):
    """Settings → Backups…: on or off, every how many hours, and the folder (another disk)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Backups"))
        current = ctx.run(backups.backup_settings, parent=parent) or BackupSettings()
        database = sqlite_path(ctx.url)
        self.enabled = QCheckBox(self.tr("Back up the database automatically"))
        self.enabled.setObjectName("backupEnabled")
        self.enabled.setChecked(current.enabled)
        self.hours = QSpinBox()
        self.hours.setObjectName("backupHours")
        self.hours.setRange(1, backups.MAX_EVERY_HOURS)
        self.hours.setValue(current.every_hours)
        self.hours.setSuffix(self.tr(" hours"))
        self.folder = QLineEdit(current.folder or "")
        self.folder.setObjectName("backupFolder")
        default = str(backups.backups_dir(database)) if database is not None else ""
        self.folder.setPlaceholderText(default)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        no_default(browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        explain = QLabel(self.tr(
            "StudioDesk makes a verified copy of the database every so many hours (and when it starts, if the last "
            "copy is that old), and keeps one copy of each of the last 7 days, 4 weeks and 12 months. Choose a folder on another disk (a "
            "second drive or a USB disk): a folder beside the database does not survive a broken disk."))
        explain.setWordWrap(True)
        if database is None:
            explain.setText(self.tr("This studio uses a shared PostgreSQL database: back it up on the server with "
                                    "pg_dump (see the README). These settings are not used."))
        self.message = QLabel()
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #d32f2f;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.tr("Every"), self.hours)
        form.addRow(self.tr("Folder"), row)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.settings = current

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Backup folder"), self.folder.text() or str(Path.home()))
        dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly)
        dialog.setIconProvider(icon_provider())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()

    def save(self) -> None:
        wanted = BackupSettings(self.enabled.isChecked(), self.hours.value(), self.folder.text().strip() or None)
        try:
            self.settings = self.ctx.call(backups.save_backup_settings, wanted, database=sqlite_path(self.ctx.url))
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()


class BackupScheduler(QObject):
    """The scheduled backups of this window's SQLite database: at start when one is due, then
    every N hours (the studio's setting, read again before each). The copy is made in a
    thread of its own; a second one is never started while one runs. ``failed`` carries
    what went wrong (logged too) and is emitted once for the same trouble; ``done`` the
    backup made."""

    done = Signal(object)
    failed = Signal(str)
    _delivered = Signal(object, object)  # result, exception; emitted from the worker thread

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setObjectName("backupTimer")
        self.timer.timeout.connect(self.run_now)
        self._thread: threading.Thread | None = None
        self._last_failure: str | None = None
        self._delivered.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """At start: a backup now when one is due, else the timer for when it is."""
        if sqlite_path(self.ctx.url) is None:
            return  # PostgreSQL: pg_dump on the server
        try:
            settings = self.ctx.call(backups.backup_settings)
            wait = self.ctx.call(backups.seconds_until_due, self.ctx.url, settings)
        except StudioError as exc:
            self._failure(error_text(exc))
            self.timer.start(HOUR_MS)
            return
        if wait is None:  # switched off: looked at again every hour
            self.timer.start(HOUR_MS)
        elif wait <= 0:
            self.run_now()
        else:
            self.timer.start(int(min(wait * 1000, backups.MAX_EVERY_HOURS * HOUR_MS)) + 1000)

    def run_now(self) -> bool:
        """Start a scheduled backup unless one is running; False when none was started."""
        if self._thread is not None:
            return False
        try:
            settings = self.ctx.call(backups.backup_settings)
        except StudioError as exc:
            self._failure(error_text(exc))
            self.timer.start(HOUR_MS)  # try again in an hour
            return False
        self.timer.start(settings.every_hours * HOUR_MS)
        if not settings.enabled:
            return False
        self._thread = threading.Thread(target=self._work, args=(settings,), name="StudioDesk: scheduled backup",
                                        daemon=True)
        self._thread.start()
        return True

    def _work(self, settings: BackupSettings) -> None:  # the worker thread
        try:
            result = self.ctx.call(backups.make_backup, self.ctx.url, settings)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self._delivered.emit(None, exc)
            return
        self._delivered.emit(result, None)

    def _finished(self, result: BackupDone | None, exc: BaseException | None) -> None:  # the GUI thread
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        if exc is None:
            self._last_failure = None
            if result is not None:
                self.done.emit(result)
            return
        if isinstance(exc, backups.BackupBusy):
            return  # one is being made: that one counts
        if isinstance(exc, StudioError):
            log.warning("scheduled backup failed: %s", exc)
            self._failure(error_text(exc))
        else:
            log.error("scheduled backup failed", exc_info=exc)
            self._failure(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)

    def _failure(self, text: str) -> None:
        if text == self._last_failure:
            return  # said already: no message storm every N hours
        self._last_failure = text
        self.failed.emit(self.tr("The scheduled backup failed: {error}").format(error=text))

    def stop(self, wait: float = 60.0) -> None:
        """Stop the timer; a backup being made is waited for (the window is closing)."""
        self.timer.stop()
        if self._thread is not None:
            self._thread.join(wait)


class RestoreDialog(QDialog):
    """Settings → Restore a backup… (manager): pick a backup, see what it holds, restore it.
    ``restored`` carries the backup and where the replaced database was kept."""

    restored = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setMinimumWidth(620)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        settings = ctx.run(backups.backup_settings, parent=parent) or BackupSettings()
        for path in ctx.run(backups.backups_of, ctx.url, settings, parent=parent) or []:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda item, _old: self.show_preview(
            item.data(Qt.ItemDataRole.UserRole) if item is not None else None))
        other = QPushButton(self.tr("Other file…"))
        other.clicked.connect(self.choose_file)
        self.preview = QLabel(self.tr("Choose a backup to see what it holds."))
        self.preview.setObjectName("backupPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(self.tr("Restore this backup…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        no_default(other, self.restore_button, close)
        warn = QLabel(self.tr(
            "Restoring replaces everything in the database with the backup: work done since it was made is lost "
            "(the database as it is now is kept as a backup first). Every other StudioDesk on this database must be "
            "closed; this one closes afterwards."))
        warn.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(other)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(warn)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.chosen: str | None = None
        self._wanted: str | None = None
        self.task: BackgroundTask | None = None
        self.preview_task: BackgroundTask | None = None

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Backup to restore"), "", self.tr("StudioDesk backups (*.db)"))
        dialog.setOptions(QFileDialog.Option.DontUseNativeDialog)
        dialog.setIconProvider(icon_provider())
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.show_preview)
        dialog.open()

    def show_preview(self, path: str | None) -> None:
        """Read what the chosen backup holds, in a thread of its own (a backup on a USB disk
        is read cold: a third of a second for a 10-year studio)."""
        self.chosen = None
        self.restore_button.setEnabled(False)
        self._wanted = path
        if not path:
            return
        self.preview.setText(self.tr("Reading {name}…").format(name=Path(path).name))
        self.preview_task = self.ctx.run_in_background(
            backups.preview_backup, path, label=self.tr("Reading the backup…"), parent=self,
            on_done=lambda preview: self._previewed(path, preview))
        self.preview_task.finished.connect(lambda _r, exc: self._preview_refused(path, exc))

    def _preview_refused(self, path: str, exc: BaseException | None) -> None:
        if path == self._wanted and isinstance(exc, StudioError):  # shown in a message too
            self.preview.setText(error_text(exc))

    def _previewed(self, path: str, preview: backups.BackupPreview) -> None:
        if path != self._wanted:
            return  # another backup was chosen meanwhile
        newest = (preview.newest_event.astimezone().strftime("%Y-%m-%d %H:%M")
                  if preview.newest_event is not None else self.tr("none"))
        self.preview.setText(self.tr(
            "{name}\nMade {made}. {customers} customers, {orders} orders, {items} items; newest item event "
            "{newest}.").format(name=Path(path).name, made=preview.made_at.strftime("%Y-%m-%d %H:%M"),
                                customers=f"{preview.customers:,}", orders=f"{preview.orders:,}",
                                items=f"{preview.items:,}", newest=newest))
        self.chosen = path
        self.restore_button.setEnabled(self.task is None)

    def handle_scan(self, _code: str) -> ScanResult:
        """No scan is taken while a restore may be replacing the file."""
        return ScanResult.refused(CLOSE_FIRST)

    def restore(self) -> None:
        if self.chosen is None or self.task is not None:
            return
        answer = QMessageBox.question(self, self.tr("Restore a backup"), self.tr(
            "Replace the database with {name}? Work done since it was made is lost.").format(
            name=Path(self.chosen).name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        chosen = self.chosen
        self.setEnabled(False)
        # In a thread of its own (a 10-year studio takes a while to copy and check twice), while
        # this dialog keeps the window modal and the context refuses every other call.
        self.task = self.ctx.run_in_background(
            backups.restore_here, self.ctx.url, chosen, let_go=self.ctx.let_go, take_back=self.ctx.take_back,
            label=self.tr("Restoring the backup…"), parent=self,
            on_done=lambda kept: self._restored(chosen, kept))
        self.task.finished.connect(self._ended)

    def _ended(self, _result: object, exc: BaseException | None) -> None:
        self.task = None
        self.setEnabled(True)
        if isinstance(exc, StudioError):  # shown in a message by the call path; kept here too
            self.preview.setText(error_text(exc))

    def _restored(self, chosen: str, kept: Path | None) -> None:
        self.accept()
        self.restored.emit(chosen, str(kept) if kept is not None else "")
