"""Keyboard-wedge scanners: USB scanners that type like a keyboard.

An application-wide event filter tells a scan from a person by timing: a scan gun
types each character within ~7-30 ms and ends with Enter or Tab; a person needs
~200 ms a key. Printable keys are held back while they arrive in a burst; when the
burst ends with Enter/Tab, is long enough and fast enough on average, it is a scan:
consumed, and emitted as one signal, even with focus in a text field. Anything else
is given back to the widget it was meant for, in order, so typing is untouched
(held at most ``max_gap_ms``).

A scanner types capitals and symbols like a keyboard does: Shift (or AltGr, CapsLock...)
pressed and released around the character. Those presses and releases inside a burst are
held with the characters, and given back with them in the same order, so they neither
break a scan nor change what a person types.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from shiboken6 import Shiboken

from .scanner import Scanner, ScannerSettings, clean_scan

_TERMINATOR_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
# Keys that only choose which character the next key types. Not Ctrl, Alt or Meta: those
# start shortcuts, which must see the characters typed before them.
_CHARACTER_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_AltGr, Qt.Key.Key_Mode_switch,
                            Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock}
# Modifiers a typed character may carry and still be just a character.
_CHARACTER_MODIFIERS = (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
                        | Qt.KeyboardModifier.GroupSwitchModifier)


@dataclass
class _Held:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at_ms: float
    kind: QEvent.Type | None = None  # None: a character (pressed and released); else one modifier key event


def _event_time(event: QKeyEvent) -> float:
    """When the key was pressed: the platform's timestamp if it gives one, else now.
    (Keys queued while the window was busy keep their real spacing.)"""
    return float(event.timestamp()) or time.monotonic() * 1000


class WedgeScanner(Scanner):
    classified = Signal(str, bool, float)  # raw burst, was it a scan, average ms per key event

    def __init__(self, settings: ScannerSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or ScannerSettings()
        self.key_time: Callable[[QKeyEvent], float] = _event_time
        self._held: list[_Held] = []
        self._replaying = False
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self.give_back)
        self._app: QCoreApplication | None = None

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and self._app is None:
            self._app = app
            app.installEventFilter(self)
            self.status.emit(self.tr("Scanner: keyboard (USB)"))

    def stop(self) -> None:
        self.give_back()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    # -- the filter ------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Widgets only: a key reaches the window system's QWindow first, then the widget.
        # A key a widget ignores travels on to its parents; seeing it again is harmless,
        # because printable keys are held at the first widget and nothing is held then.
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) \
                or not isinstance(obj, QWidget):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        key = Qt.Key(key_event.key())
        if key in _CHARACTER_MODIFIER_KEYS:
            return self._modifier_key(obj, key_event, kind)
        if kind != QEvent.Type.KeyPress:
            return False
        at = self.key_time(key_event)
        if key in _TERMINATOR_KEYS:
            if not self._held:
                return False
            return self._burst_ended(at)
        text = key_event.text()
        plain = not (key_event.modifiers() & ~_CHARACTER_MODIFIERS)
        if len(text) == 1 and text.isprintable() and plain:
            if self._held and at - self._held[-1].at_ms > self.settings.max_gap_ms:
                self.give_back()
            self._held.append(_Held(obj, key, key_event.modifiers(), text, at))
            self._idle.start(self.settings.max_gap_ms)
            return True
        self.give_back()  # Backspace, arrows, shortcuts: whatever was held goes first
        return False

    def _modifier_key(self, obj: QWidget, event: QKeyEvent, kind: QEvent.Type) -> bool:
        """Shift & co. pressed or released inside a burst are held with it, in place, so
        that they neither end it nor overtake the characters before them."""
        if not self._held:
            return False  # not in a burst: straight on to the widget
        at = self.key_time(event)
        if at - self._held[-1].at_ms > self.settings.max_gap_ms:
            self.give_back()
            return False
        self._held.append(_Held(obj, event.key(), event.modifiers(), "", at, kind))
        self._idle.start(self.settings.max_gap_ms)
        return True

    def _burst_ended(self, end_ms: float) -> bool:
        raw = "".join(h.text for h in self._held)
        # a scanner's Shift presses take time too: the average is per key event, so a code
        # full of capitals is as quick as one of digits
        times = [h.at_ms for h in self._held] + [end_ms]
        avg = (times[-1] - times[0]) / (len(times) - 1)
        prefixed = bool(self.settings.prefix) and raw.startswith(self.settings.prefix)
        is_scan = prefixed or (len(raw) >= self.settings.min_length and avg <= self.settings.max_avg_ms)
        self.classified.emit(raw, is_scan, avg)
        if not is_scan:
            self.give_back()
            return False  # the Enter/Tab goes on to the widget, after the characters
        self._idle.stop()
        self._held.clear()
        code = clean_scan(raw, self.settings.prefix, self.settings.suffix)
        if code:
            self.scanned.emit(code)
        return True

    def give_back(self) -> None:
        """Deliver the held keys to the widgets they were typed into, in order."""
        self._idle.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for h in held:
                target = h.target
                if not Shiboken.isValid(target):  # the dialog it was typed into has closed
                    continue
                kinds = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) if h.kind is None else (h.kind,)
                for kind in kinds:
                    QApplication.sendEvent(target, QKeyEvent(kind, h.key, h.modifiers, h.text))
        finally:
            self._replaying = False
