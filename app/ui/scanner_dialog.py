"""Settings → Scanner: how this station's scanner is connected, its timing, sound,
and a live field to try it: what arrived and whether it counted as a scan."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox,
    QVBoxLayout, QWidget,
)

from ..devices.scanner import TERMINATORS, ScannerSettings
from .common import mark
from .i18n import QT_TRANSLATE_NOOP
from .scanning import ScanResult


class ScannerDialog(QDialog):
    def __init__(self, settings: ScannerSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scanner"))
        self.settings = settings
        self.mode = QComboBox()
        for value, label in (("wedge", self.tr("USB scanner that types (keyboard wedge)")),
                             ("serial", self.tr("Serial / virtual COM port scanner")),
                             ("off", self.tr("No scanner"))):
            self.mode.addItem(label, value)
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.mode)))
        self.port = QLineEdit(settings.port)
        self.port.setPlaceholderText("COM3, /dev/ttyACM0")
        self.baud = QComboBox()
        for b in (9600, 19200, 38400, 57600, 115200):
            self.baud.addItem(str(b), b)
        self.baud.setCurrentIndex(max(0, self.baud.findData(settings.baud)))
        self.terminator = QComboBox()
        for t in TERMINATORS:
            self.terminator.addItem(t, t)
        self.terminator.setCurrentIndex(max(0, self.terminator.findData(settings.terminator)))
        self.max_avg = self._spin(5, 100, settings.max_avg_ms, " ms")
        self.min_length = self._spin(3, 40, settings.min_length, "")
        self.max_gap = self._spin(20, 300, settings.max_gap_ms, " ms")
        self.prefix = QLineEdit(settings.prefix)
        self.suffix = QLineEdit(settings.suffix)
        self.sound = QCheckBox(self.tr("Beep on every scan (good and bad sound differently)"))
        self.sound.setChecked(settings.sound)
        self.badge_pin = QCheckBox(self.tr("A scanned staff badge also asks for the PIN"))
        self.badge_pin.setChecked(settings.badge_needs_pin)
        self.test = QLineEdit()
        self.test.setObjectName("scanTest")
        self.test.setPlaceholderText(self.tr("Scan something to test, or type here"))
        self.received = QLabel(self.tr("Nothing received yet."))
        self.received.setObjectName("scanTestResult")
        self.received.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")

        form = QFormLayout()
        form.addRow(self.tr("Scanner"), self.mode)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Speed (baud)"), self.baud)
        form.addRow(self.tr("Line end"), self.terminator)
        form.addRow(self.tr("A scan types at most (average per character)"), self.max_avg)
        form.addRow(self.tr("A scan is at least (characters)"), self.min_length)
        form.addRow(self.tr("A pause longer than this ends a burst"), self.max_gap)
        form.addRow(self.tr("Prefix the scanner adds"), self.prefix)
        form.addRow(self.tr("Suffix the scanner adds"), self.suffix)
        form.addRow(self.sound)
        form.addRow(self.badge_pin)
        test_box = QGroupBox(self.tr("Try it"))
        tb = QVBoxLayout(test_box)
        tb.addWidget(self.test)
        tb.addWidget(self.received)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(test_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()
        self.test.setFocus()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        # Enter in the test field ends a test, it does not save and close the dialog.
        if self.test.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.test.text():
                self.received.setText(self.tr("Received as typing: {text}").format(text=self.test.text()))
                self.test.clear()
            return
        super().keyPressEvent(event)

    def _spin(self, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def _mode_changed(self) -> None:
        serial = self.mode.currentData() == "serial"
        for w in (self.port, self.baud, self.terminator):
            w.setEnabled(serial)
        for spin in (self.max_avg, self.min_length, self.max_gap):
            spin.setEnabled(self.mode.currentData() == "wedge")

    # -- live test ---------------------------------------------------------------
    def handle_scan(self, code: str) -> ScanResult:
        """A scan arrived while this dialog is open: show it, do nothing else."""
        self.received.setText(self.tr("Received as a scan: {code}").format(code=code))
        return ScanResult.accepted(QT_TRANSLATE_NOOP("scan", "Scanner works: {code}"), code=code)

    def show_classified(self, raw: str, is_scan: bool, avg_ms: float) -> None:
        if not is_scan:
            self.received.setText(self.tr("Received as typing: {text} ({ms:.0f} ms per character)").format(
                text=raw, ms=avg_ms))

    def show_garbled(self, message: str) -> None:
        self.received.setText(message)

    # -- saving ----------------------------------------------------------------
    def chosen(self) -> ScannerSettings:
        return replace(
            self.settings, mode=self.mode.currentData(), port=self.port.text().strip(), baud=self.baud.currentData(),
            terminator=self.terminator.currentData(), max_avg_ms=self.max_avg.value(),
            min_length=self.min_length.value(), max_gap_ms=self.max_gap.value(), prefix=self.prefix.text(),
            suffix=self.suffix.text(), sound=self.sound.isChecked(), badge_needs_pin=self.badge_pin.isChecked(),
        )

    def save(self) -> None:
        chosen = self.chosen()
        needs_port = chosen.mode == "serial" and not chosen.port
        if not mark(self.port, self.tr("A serial scanner needs a port.") if needs_port else None, self.message):
            return
        chosen.save()
        self.settings = chosen
        self.accept()
