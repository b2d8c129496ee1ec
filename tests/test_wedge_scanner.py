"""Keyboard-wedge scans told from typing, by the keys' timing (a fake clock here)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.devices.scanner import ScannerSettings, clean_scan
from app.devices.wedge import WedgeScanner


SHIFTED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:\"<>?")  # typed with Shift on a US keyboard
SHIFT = Qt.KeyboardModifier.ShiftModifier


class FakeKeys:
    """Presses keys into the focused widget with a chosen spacing in milliseconds."""

    def __init__(self, qtbot, scanner: WedgeScanner) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.t = 1_000.0
        scanner.key_time = lambda _event: self.t

    def type(self, widget, text: str, ms_per_key: float, end=Qt.Key.Key_Return,  # type: ignore[no-untyped-def]
             shift: str | None = None) -> None:
        """``shift`` types capitals and symbols as a keyboard (or a scan gun) does, with real
        Shift press and release events around the key: "apart" gives each of them its own
        ``ms_per_key`` step, "together" one step for all three (one USB report)."""
        for ch in text:
            if shift and ch in SHIFTED:
                if shift == "together":
                    self.t += ms_per_key
                    self.qtbot.keyClick(widget, ch, SHIFT)  # QTest sends Shift down, the key, Shift up
                    continue
                step = ms_per_key
                self.key(widget, True, Qt.Key.Key_Shift, SHIFT, ms_per_key=step)
                self.key(widget, True, QTest.asciiToKey(ch), SHIFT, ch, ms_per_key=step)
                self.key(widget, False, QTest.asciiToKey(ch), SHIFT, ch)
                self.key(widget, False, Qt.Key.Key_Shift, ms_per_key=step)
                continue
            self.t += ms_per_key
            self.qtbot.keyClick(widget, ch)
        if end is not None:
            self.t += ms_per_key
            self.qtbot.keyClick(widget, end)

    def key(self, widget, press: bool, key: int, modifiers=Qt.KeyboardModifier.NoModifier,  # type: ignore[no-untyped-def]
            text: str = "", ms_per_key: float = 0) -> None:
        """One key event on its own (pressed or released), ``ms_per_key`` after the last."""
        self.t += ms_per_key
        QTest.simulateEvent(widget, press, key, modifiers, text, False)


class KeyLog(QObject):
    """The key events a widget is handed, in order."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.events: list[tuple[str, str, str]] = []
        widget.installEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            kind = "press" if event.type() == QEvent.Type.KeyPress else "release"
            self.events.append((kind, Qt.Key(event.key()).name, event.text()))  # type: ignore[attr-defined]
        return False


@pytest.fixture
def station(qtbot):
    window = QWidget()
    field = QLineEdit()
    button = QPushButton("ok")
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    scanner = WedgeScanner(ScannerSettings())
    scanner.start()
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    yield window, field, button, scanner, scans, entered, FakeKeys(qtbot, scanner)
    scanner.stop()


def test_a_scan_into_a_search_box_is_consumed_and_emitted_once(qtbot, station):
    _w, field, _b, _s, scans, entered, keys = station
    field.setFocus()
    qtbot.keyClicks(field, "")  # nothing typed yet
    keys.type(field, "2611-0042-03-7", ms_per_key=12)
    assert scans == ["2611-0042-03-7"]
    assert field.text() == "" and entered == []  # never half-typed, Enter never reached the box


def test_a_person_typing_is_untouched(qtbot, station):
    _w, field, _b, scanner, scans, entered, keys = station
    field.setFocus()
    keys.type(field, "2611-0042-03-7", ms_per_key=200)
    assert scans == [] and field.text() == "2611-0042-03-7" and entered == ["2611-0042-03-7"]


def test_fast_typing_of_a_short_word_is_typing(qtbot, station):
    _w, field, _b, _s, scans, entered, keys = station
    field.setFocus()
    keys.type(field, "zs", ms_per_key=20)
    assert scans == [] and field.text() == "zs"


def test_typing_without_enter_arrives_after_the_pause(qtbot, station):
    _w, field, _b, scanner, scans, _e, keys = station
    field.setFocus()
    keys.type(field, "1234", ms_per_key=150, end=None)
    qtbot.waitUntil(lambda: field.text() == "1234")  # held keys given back once typing pauses
    assert scans == []


def test_a_scan_with_focus_on_a_button_is_recognised(qtbot, station):
    _w, field, button, _s, scans, _e, keys = station
    button.setFocus()
    keys.type(button, "2611-0042", ms_per_key=9, end=Qt.Key.Key_Tab)
    assert scans == ["2611-0042"] and button.hasFocus()


def test_a_slow_burst_is_typing_even_with_many_characters(qtbot, station):
    _w, field, _b, _s, scans, _e, keys = station
    field.setFocus()
    keys.type(field, "13800138000", ms_per_key=45)  # quick, but not scan-quick
    assert scans == [] and field.text() == "13800138000"


def test_backspace_during_typing_keeps_the_order(qtbot, station):
    _w, field, _b, _s, _scans, _e, keys = station
    field.setFocus()
    keys.type(field, "12", ms_per_key=30, end=Qt.Key.Key_Backspace)
    assert field.text() == "1"


def test_configured_prefix_and_suffix_are_stripped(qtbot, station):
    _w, field, _b, scanner, scans, _e, keys = station
    scanner.settings.prefix, scanner.settings.suffix = "#", "$"
    field.setFocus()
    keys.type(field, "#2611-0042$", ms_per_key=10)
    assert scans == ["2611-0042"]


def test_classification_is_reported_for_the_settings_page(qtbot, station):
    _w, field, _b, scanner, _scans, _e, keys = station
    seen = []
    scanner.classified.connect(lambda raw, is_scan, avg: seen.append((raw, is_scan, round(avg))))
    field.setFocus()
    keys.type(field, "ABC123X", ms_per_key=10)
    keys.type(field, "hello", ms_per_key=180)
    # a person's keys go back one by one; at Enter only the last one is still held
    assert seen == [("ABC123X", True, 10), ("o", False, 180)]



@pytest.mark.parametrize("ms", [7, 16])
@pytest.mark.parametrize("shift", ["apart", "together"])
@pytest.mark.parametrize("code", ["2611-A12", "AbC-123-xY", "ABCD-EFGH", "2611-0042-03-7"])
def test_shift_inside_a_scan_keeps_it_one_scan_and_nothing_reaches_the_text_field(qtbot, station, code, shift, ms):
    """The issue: Shift for the "A" of "2611-A12" flushed "2611-" into the search box."""
    _w, field, _b, _s, scans, entered, keys = station
    field.setFocus()
    keys.type(field, code, ms_per_key=ms, shift=shift)
    assert scans == [code]
    assert field.text() == "" and entered == []


@pytest.mark.parametrize("ms", [7, 16])
@pytest.mark.parametrize(("prefix", "suffix", "raw", "code"), [
    ("#", "$", "#2611-A12$", "2611-A12"),
    ("*", "*", "*AbC-123-xY*", "AbC-123-xY"),
    ("", "!", "2611-0042-03-7!", "2611-0042-03-7"),
])
def test_shifted_prefix_and_suffix_characters_inside_a_scan_never_reach_the_text_field(
        qtbot, station, prefix, suffix, raw, code, ms):
    _w, field, _b, scanner, scans, entered, keys = station
    scanner.settings.prefix, scanner.settings.suffix = prefix, suffix
    field.setFocus()
    keys.type(field, raw, ms_per_key=ms, shift="apart")
    assert scans == [code]
    assert field.text() == "" and entered == []


@pytest.mark.parametrize("ms", [7, 16])
def test_altgr_and_capslock_inside_a_scan_keep_it_one_scan(qtbot, station, ms):
    _w, field, _b, _s, scans, entered, keys = station
    field.setFocus()
    keys.type(field, "2611-", ms_per_key=ms, end=None)
    for press in (True, False):
        keys.key(field, press, Qt.Key.Key_CapsLock, ms_per_key=ms)
    for ch in "AB":  # Caps Lock on: capitals without Shift
        keys.key(field, True, QTest.asciiToKey(ch), text=ch, ms_per_key=ms)
        keys.key(field, False, QTest.asciiToKey(ch), text=ch)
    for press in (True, False):
        keys.key(field, press, Qt.Key.Key_CapsLock, ms_per_key=ms)
    keys.key(field, True, Qt.Key.Key_AltGr, ms_per_key=ms)
    keys.key(field, True, Qt.Key.Key_At, Qt.KeyboardModifier.GroupSwitchModifier, "@", ms_per_key=ms)
    keys.key(field, False, Qt.Key.Key_At, Qt.KeyboardModifier.GroupSwitchModifier, "@")
    keys.key(field, False, Qt.Key.Key_AltGr, ms_per_key=ms)
    keys.type(field, "12", ms_per_key=ms)
    assert scans == ["2611-AB@12"]
    assert field.text() == "" and entered == []


@pytest.mark.parametrize("shift", ["apart", "together"])
@pytest.mark.parametrize("text", ["Ab", "AbC-123-xY"])
def test_a_person_typing_capitals_with_shift_gets_them_in_the_field(qtbot, station, text, shift):
    _w, field, _b, _s, scans, entered, keys = station
    field.setFocus()
    keys.type(field, text, ms_per_key=200, shift=shift)
    assert scans == [] and field.text() == text and entered == [text]


def test_a_person_typing_capitals_without_enter_gets_them_after_the_pause(qtbot, station):
    _w, field, _b, _s, scans, _e, keys = station
    field.setFocus()
    keys.type(field, "Ab", ms_per_key=200, end=None, shift="apart")
    qtbot.waitUntil(lambda: field.text() == "Ab")
    assert scans == []


@pytest.mark.parametrize("ms", [30, 200])
def test_shift_is_given_back_to_a_person_in_the_order_it_was_typed(qtbot, station, ms):
    """Held keys are replayed with their Shift presses and releases in place."""
    _w, field, _b, _s, scans, _e, keys = station
    log = KeyLog(field)
    field.setFocus()
    keys.type(field, "Ab", ms_per_key=ms, shift="apart")  # short: typing even when quick
    # a character's own release may reach the field early (it is replayed with its press)
    seen = [e for e in log.events if e[0] == "press" or e[1] == "Key_Shift"]
    assert seen == [("press", "Key_Shift", ""), ("press", "Key_A", "A"), ("release", "Key_Shift", ""),
                    ("press", "Key_B", "b"), ("press", "Key_Return", "\r")]
    assert scans == [] and field.text() == "Ab"

@pytest.mark.parametrize(("raw", "code"), [("  2611-0042-03-7\r\n", "2611-0042-03-7"), ("\x022611-0042\x03", "2611-0042"),
                                           ("２６１１－００４２", "2611-0042"), ("\t\t", "")])
def test_clean_scan(raw, code):
    assert clean_scan(raw) == code


def test_settings_round_trip_and_bad_values_fall_back(qsettings):
    from PySide6.QtCore import QSettings

    settings = ScannerSettings(mode="serial", port="/dev/ttyACM0", baud=115200, max_avg_ms=25, sound=False)
    settings.save()
    assert ScannerSettings.load() == settings
    QSettings().setValue("scanner/baud", "fast")
    loaded = ScannerSettings.load()
    assert (loaded.baud, loaded.port) == (9600, "/dev/ttyACM0")  # an unreadable value: its default
    QSettings().setValue("scanner/mode", "telepathy")
    assert ScannerSettings.load() == ScannerSettings()  # unusable settings: defaults, never a crash


def test_scans_are_caught_even_when_no_window_is_active(qtbot):
    """Without a window manager (kiosk stations) Qt may report no focus widget while keys
    still reach the field: found in a real X session, where the scan ended up typed."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window = QWidget()
    field = QLineEdit(window)
    qtbot.addWidget(window)  # never shown, never active: focusWidget() is not this field
    scanner = WedgeScanner(ScannerSettings())
    scanner.start()
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    t = [0.0]
    scanner.key_time = lambda _e: t[0]
    try:
        for ch in "2611-0042-03-7":
            t[0] += 10
            QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
        t[0] += 10
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    finally:
        scanner.stop()
    assert scans == ["2611-0042-03-7"] and field.text() == ""
