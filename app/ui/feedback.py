"""Scan feedback: a distinct sound and a large flash for good and bad scans.

Staff look at the customer, not the screen, while scanning: the sound says whether
to look. Sound can be switched off per station (Settings → Scanner).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QLabel, QWidget

log = logging.getLogger(__name__)
SOUNDS = Path(__file__).resolve().parents[2] / "resources" / "sounds"
FLASH_MS = 900


class Feedback:
    def __init__(self, window: QWidget, sound: bool = True) -> None:
        self.window = window
        self.sound = sound
        self._effects: dict[str, object] = {}
        self.flash = QLabel(window)
        self.flash.setObjectName("scanFlash")
        self.flash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.flash.setWordWrap(True)
        self.flash.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.flash.hide()
        self._timer = QTimer(window, singleShot=True, interval=FLASH_MS)
        self._timer.timeout.connect(self.flash.hide)
        self.last: tuple[bool, str] | None = None  # (good, message): what staff were last shown

    def good(self, message: str) -> None:
        self._show(True, message)

    def bad(self, message: str) -> None:
        self._show(False, message)

    def _show(self, good: bool, message: str) -> None:
        self.last = (good, message)
        colour = "rgba(46, 125, 50, 215)" if good else "rgba(198, 40, 40, 225)"
        self.flash.setStyleSheet(f"background: {colour}; color: white; font-size: 28px; font-weight: bold;"
                                 "border-radius: 12px; padding: 24px;")
        self.flash.setText(message)
        w, h = self.window.width(), self.window.height()
        self.flash.setGeometry(int(w * 0.15), int(h * 0.3), int(w * 0.7), int(h * 0.3))
        self.flash.raise_()
        self.flash.show()
        self._timer.start()
        if self.sound:
            self._play("good" if good else "bad")

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
