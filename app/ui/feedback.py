"""Scan feedback: one place that shows every scan result — flash, sound, status line.

Staff look at the customer, not the screen, while scanning: the sound says whether to
look. The flash is a window of its own that floats over the main window *and* over any
open dialog. A good scan's flash fades after a moment; a refusal stays until the next
scan or the next key or click, so it is never missed. Sound can be switched off per
station (Settings → Scanner).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from .i18n import render
from .scanning import ScanResult

log = logging.getLogger(__name__)
SOUNDS = Path(__file__).resolve().parents[2] / "resources" / "sounds"
GOOD_FLASH_MS = 900
GOOD = "rgba(46, 125, 50, 225)"
BAD = "rgba(198, 40, 40, 235)"


class Feedback(QObject):
    def __init__(self, window: QWidget, sound: bool = True, status: Callable[[str], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.sound = sound
        self.status = status
        self._effects: dict[str, object] = {}
        # A tool window with no frame that never takes focus: it shows above dialogs
        # without stealing the next scan's keys from whatever field has focus.
        self.flash = QLabel(None, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.flash.setObjectName("scanFlash")
        self.flash.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.flash.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.flash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.flash.setWordWrap(True)
        self.flash.hide()
        window.destroyed.connect(self.flash.deleteLater)
        self._timer = QTimer(self, singleShot=True, interval=GOOD_FLASH_MS)
        self._timer.timeout.connect(self.flash.hide)
        self.last: ScanResult | None = None  # what staff were last shown
        self.last_text = ""
        self._watching = False  # the app-wide key/click watch runs only while a refusal is shown

    def show(self, result: ScanResult) -> None:
        self.last = result
        self.last_text = text = render(result.message)
        self.flash.setStyleSheet(f"background: {GOOD if result.good else BAD}; color: white; font-size: 28px;"
                                 "font-weight: bold; border-radius: 12px; padding: 24px;")
        self.flash.setText(text)
        top_left = self.window.mapToGlobal(self.window.rect().topLeft())
        w, h = self.window.width(), self.window.height()
        self.flash.setGeometry(top_left.x() + int(w * 0.15), top_left.y() + int(h * 0.3), int(w * 0.7), int(h * 0.3))
        self.flash.show()
        self.flash.raise_()
        if result.good:
            self._timer.start()
            self._watch(False)
        else:
            self._timer.stop()  # a refusal stays until the next scan, key or click
            self._watch(True)
        if self.status is not None:
            self.status(text)
        if self.sound:
            self._play("good" if result.good else "bad")

    def _watch(self, on: bool) -> None:
        """Watch every key and click of the application, only while a refusal is on screen:
        a Python filter on every event would slow every paint of the window."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.flash.hide()
            self._watch(False)
        return False

    def _play(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is None:
            try:  # QtMultimedia needs the system's audio libraries; without them: no sound
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError as exc:
                log.warning("no sound for scans: %s", exc)
                self.sound = False
                return
            effect = QSoundEffect(self.window)
            effect.setSource(QUrl.fromLocalFile(str(SOUNDS / f"{name}.wav")))
            effect.setVolume(0.8)
            self._effects[name] = effect
        effect.play()  # type: ignore[attr-defined]
