"""Settings → Export settings… / Import settings…: a second station set up in a minute.

This station's settings live in QSettings (scanner, label printer size, language); the
service (:mod:`app.services.station_settings`) is handed them as a plain dict and hands
back what to keep, so it never touches Qt. The import shows what will change before
anything does; someone who is not a manager imports this station's settings only, and is
told so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, fields
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget

from ..devices.labels import label_size
from ..devices.scanner import ScannerSettings
from ..services import station_settings
from ..services.staff import Permission
from ..services.station_settings import ImportPreview, Imported
from . import file_dialogs, i18n
from .common import may, no_default
from .context import AppContext, BackgroundTask

SCANNER_MODES = {  # the scanner dialog's own words for each mode
    "wedge": "USB scanner that types (keyboard wedge)",
    "serial": "Serial / virtual COM port scanner",
    "off": "No scanner",
}
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


def station_values() -> dict[str, object]:
    """This station's settings as the service takes them (``"scanner/mode"``-style keys)."""
    values: dict[str, object] = {f"scanner/{k}": v for k, v in asdict(ScannerSettings.load()).items()}
    values["labels/size"] = "x".join(f"{v:g}" for v in label_size())
    values["language"] = str(QSettings().value("language", i18n.DEFAULT_LANGUAGE) or i18n.DEFAULT_LANGUAGE)
    return values


def apply_station_values(values: Mapping[str, object]) -> ScannerSettings | None:
    """Keep imported station settings in QSettings; the new scanner settings when the file held
    any (None when it held none, or when together with this station's they would not work)."""
    settings = QSettings()
    scanner: ScannerSettings | None = None
    given = {k.removeprefix("scanner/"): v for k, v in values.items() if k.startswith("scanner/")}
    if given:
        merged = {**asdict(ScannerSettings.load()), **given}
        candidate = ScannerSettings(**{f.name: merged[f.name] for f in fields(ScannerSettings)})
        if candidate.problem() is None:
            candidate.save(settings)
            scanner = candidate
    if "labels/size" in values:
        settings.setValue("labels/size", values["labels/size"])
    if "language" in values:
        settings.setValue("language", values["language"])
    return scanner


def choose_settings_file(parent: QWidget, database: Path | None) -> Path | None:
    """Ask which settings file to import (Qt's own dialog, never opened in the database's folder)."""
    dialog = QFileDialog(parent, QCoreApplication.translate("settings_transfer", "Import settings"),
                         str(file_dialogs.start_folder(database)),
                         QCoreApplication.translate("settings_transfer", "StudioDesk settings (*.json)"))
    dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons)
    dialog.setIconProvider(file_dialogs.icon_provider())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    file_dialogs.remember_folder(chosen, database)
    return chosen


def export_file_name(parent: QWidget, database: Path | None) -> Path | None:
    return file_dialogs.save_file_name(parent, QCoreApplication.translate("settings_transfer", "Export settings"),
                                       "studiodesk-settings.json",
                                       QCoreApplication.translate("settings_transfer", "StudioDesk settings (*.json)"),
                                       database)


class ImportSettingsDialog(QDialog):
    """What an import changes, and the button that does it."""

    imported = Signal(object)  # Imported, after the station's settings were kept

    def __init__(self, ctx: AppContext, path: Path, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSettings")
        self.setWindowTitle(self.tr("Import settings"))
        self.ctx = ctx
        self.path = path
        self.preview = preview
        self.task: BackgroundTask | None = None
        self.scanner: ScannerSettings | None = None  # the imported scanner settings, once kept
        self.with_database = preview.has_database and may(ctx, Permission.MANAGE_SETTINGS)
        self.summary = QLabel(self.summary_text())
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("importNote")
        self.note.setWordWrap(True)
        if preview.has_database and not self.with_database:
            self.note.setText(self.tr("Only a manager can import message templates and reminder rules: you import "
                                      "this station's settings only."))
            self.note.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        no_default(self.import_button)  # it changes the studio's settings: pressed on purpose
        buttons.accepted.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def summary_text(self) -> str:
        p = self.preview
        lines = [self.tr("From {file}:").format(file=p.file)]
        if p.has_database:
            lines.append(self.tr("Message templates: {count} in the file; {added} new, {changed} changed.").format(
                count=p.templates, added=p.templates_added, changed=p.templates_changed))
            lines.append(self.tr("Reminder rules: {count} in the file; {added} new, {changed} changed, {off} switched "
                                 "off (not in the file).").format(count=p.rules, added=p.rules_added,
                                                                  changed=p.rules_changed, off=p.rules_switched_off))
        station = p.station
        if any(k.startswith("scanner/") for k in station):
            mode = str(station.get("scanner/mode", ""))
            scanner = QCoreApplication.translate("ScannerDialog", SCANNER_MODES[mode]) if mode in SCANNER_MODES \
                else self.tr("its timing and prefixes")
            if mode == "serial":
                scanner += f" {station.get('scanner/port', '')}"
            lines.append(self.tr("Scanner: {scanner}.").format(scanner=scanner))
        if "labels/size" in station:
            lines.append(self.tr("Label printer size: {size} mm.").format(size=station["labels/size"]))
        if "language" in station:
            lines.append(self.tr("Language: {language}.").format(
                language=LANGUAGE_NAMES.get(str(station["language"]), station["language"])))
        lines.append(self.tr("This station: {count} of {total} settings change.").format(
            count=len(p.station_changes), total=len(station)))
        return "\n".join(lines)

    def run_import(self) -> BackgroundTask | None:
        if self.task is not None and self.task.running:
            return None
        self.import_button.setEnabled(False)
        self.task = self.ctx.run_in_background(
            station_settings.import_settings, self.path, with_database=self.with_database,
            label=self.tr("Importing settings…"), parent=self, on_done=self._imported)
        self.task.finished.connect(lambda *_a: self.import_button.setEnabled(True))
        return self.task

    def _imported(self, result: Imported) -> None:
        self.scanner = apply_station_values(result.station)
        self.imported.emit(result)
        self.accept()
