"""Scans at the window: the open dialog, a staff badge, or the current tab decides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sqlalchemy import select

from app.devices.scanner import ScannerSettings
from app.devices.wedge import WedgeScanner
from app.models import AuditEntry, ItemStatus
from app.services import lifecycle
from app.services.codes import display_order_number
from app.services.staff import new_badge
from app.ui.customer_dialog import CustomerDialog
from app.ui.feedback import GOOD_FLASH_MS
from app.ui.login import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.scanner_dialog import ScannerDialog
from app.ui.scanning import Outcome, ScanResult

from .helpers import new_order, type_text
from .test_wedge_scanner import FakeKeys


@pytest.fixture
def window(qtbot, ctx):
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def test_scanning_a_label_opens_the_order_with_a_good_signal(qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock, name="张三")
    lifecycle.transition(session, order.items[3].code, ItemStatus.READY, studio.production, clock=clock)
    window.handle_scan(order.items[1].code)
    dialog = window.current_dialog
    checked = display_order_number(order.number)
    assert isinstance(dialog, CustomerDialog) and dialog.orders.currentItem().text(0) == checked
    assert window.feedback.last.outcome is Outcome.ACCEPTED and window.feedback.last.shown == checked
    assert window.feedback.last_text == f"{checked} · 张三: 1 of 4 ready"
    assert window.feedback.flash.isVisible()


@pytest.mark.parametrize("bad", ["wrong check digit", "2611-0042-03", "hello", "2611-0999"])
def test_a_bad_scan_is_refused_loudly_and_opens_nothing(qtbot, window, session, studio, clock, bad):
    order = new_order(session, studio, clock)
    if bad == "wrong check digit":
        code = order.items[0].code
        bad = code[:-1] + str((int(code[-1]) + 1) % 10)
    result = window.handle_scan(bad)
    assert result.outcome is Outcome.REFUSED and not result.good and window.feedback.last is result
    assert window.feedback.last_text and window.current_dialog is None


def _audit(session, action: str) -> list[AuditEntry]:
    session.expire_all()
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_a_counter_badge_switches_who_is_working_at_once_audited(qtbot, window, ctx, studio, session):
    ctx.actor = studio.production
    window.handle_scan(studio.badges["李前台"].lower())
    assert ctx.actor.name == "李前台" and "李前台" in window.status.text()
    assert window.feedback.last.outcome is Outcome.SWITCHED and window.feedback.last.shown == "李前台"
    switch, out = _audit(session, "switch")[-1], _audit(session, "logout")[-1]
    assert (switch.staff_id, switch.station, switch.detail) == (studio.counter.staff_id, "前台1",
                                                                 "by badge, after 张后期")
    assert (out.staff_id, out.detail) == (studio.production.staff_id, "switched to 李前台")


def test_a_manager_badge_opens_the_pin_dialog_and_switches_nobody(qtbot, window, ctx, studio):
    result = window.handle_scan(studio.badges["王店长"])
    dialog = window.current_dialog
    assert isinstance(dialog, LoginDialog) and dialog.name.currentText() == studio.badges["王店长"]
    assert ctx.actor.name == "李前台" and result.outcome is Outcome.ACCEPTED and "PIN" in str(result.message)
    qtbot.waitUntil(dialog.secret.hasFocus)
    type_text(qtbot, dialog.secret, "1111")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert ctx.actor.name == "王店长" and "王店长" in window.status.text()


def test_a_badge_asks_for_the_pin_when_the_station_says_so(qtbot, window, ctx, studio):
    window.scanner_settings.badge_needs_pin = True
    window.handle_scan(studio.badges["张后期"])
    dialog = window.current_dialog
    assert isinstance(dialog, LoginDialog) and dialog.name.currentText() == studio.badges["张后期"]
    assert ctx.actor.name == "李前台"


@pytest.mark.parametrize("bad", ["B-0001", "misread"])
def test_a_hand_typed_or_misread_badge_is_refused_and_switches_nobody(qtbot, window, ctx, studio, bad):
    if bad == "misread":
        code = studio.badges["张后期"]
        bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    result = window.handle_scan(bad)
    assert result.outcome is Outcome.REFUSED and ctx.actor.name == "李前台" and window.current_dialog is None


def test_a_replaced_badge_is_refused(qtbot, window, ctx, studio, session):
    new_badge(session, studio.production.staff_id, studio.manager)
    result = window.handle_scan(studio.badges["张后期"])
    assert result.outcome is Outcome.REFUSED and "belongs to nobody" in str(result.message)
    assert ctx.actor.name == "李前台"


def test_ctrl_l_switch_and_closing_the_window_are_audited(qtbot, window, ctx, studio, session):
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.current_dialog
    assert isinstance(dialog, LoginDialog)
    dialog.name.setCurrentText("张后期")
    type_text(qtbot, dialog.secret, "3333")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert ctx.actor.name == "张后期"
    assert _audit(session, "switch")[-1].detail == "by name, after 李前台"
    window.close()
    out = _audit(session, "logout")
    assert [(e.staff_id, e.detail) for e in out] == [(studio.counter.staff_id, "switched to 张后期"),
                                                     (studio.production.staff_id, "window closed")]
    assert ctx.actor is None


def test_a_wedge_scan_into_the_search_box_opens_the_order_and_types_nothing(qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock, name="张三")
    scanner = WedgeScanner(ScannerSettings(sound=False))
    keys = FakeKeys(qtbot, scanner)
    window.attach_scanner(scanner)
    search = window.orders.search
    search.setFocus()
    keys.type(search, order.items[0].code, ms_per_key=10)
    qtbot.waitUntil(lambda: isinstance(window.current_dialog, CustomerDialog))
    assert search.text() == display_order_number(order.number)  # the tab shows the order; no half-typed code
    window.current_dialog.close()
    search.clear()
    search.setFocus()
    keys.type(search, "1234", ms_per_key=220, end=None)  # and typing still types
    qtbot.waitUntil(lambda: search.text() == "1234")


def test_scanner_settings_show_what_arrived_and_are_saved(qtbot, window, qsettings):
    scanner = WedgeScanner(ScannerSettings(sound=False))
    keys = FakeKeys(qtbot, scanner)
    window.attach_scanner(scanner)
    dialog = window.open_scanner_settings()
    assert isinstance(dialog, ScannerDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    keys.type(dialog.test, "ABC-12345", ms_per_key=8)
    assert dialog.received.text() == "Received as a scan: ABC-12345" and dialog.test.text() == ""
    keys.type(dialog.test, "x", ms_per_key=300)
    assert "typing" in dialog.received.text()
    assert dialog.isVisible() and dialog.test.text() == ""  # Enter ends a test, it does not save
    dialog.mode.setCurrentIndex(dialog.mode.findData("serial"))
    dialog.save()
    assert dialog.isVisible() and dialog.port.styleSheet()  # a serial scanner needs a port
    dialog.mode.setCurrentIndex(dialog.mode.findData("off"))
    dialog.sound.setChecked(False)
    dialog.save()
    assert ScannerSettings.load().mode == "off" and window.scanner is None


def test_a_wrong_scanner_option_is_one_line_and_exit_2(capsys):
    from app import main as app_main

    assert app_main.main(["--scanner", "laser"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--scanner takes" in err


def test_feedback_sounds_are_short_distinct_wavs():
    import wave

    from app.ui.feedback import SOUNDS

    lengths = {}
    for name in ("good", "bad"):
        with wave.open(str(SOUNDS / f"{name}.wav")) as w:
            assert w.getnchannels() == 1 and w.getframerate() >= 8000
            lengths[name] = w.getnframes() / w.getframerate()
    assert 0.05 < lengths["good"] < lengths["bad"] < 1.0


def test_sound_switched_off_plays_nothing(qtbot, window):
    window.feedback.sound = False
    window.feedback.show(ScanResult.refused("x"))
    assert window.feedback._effects == {} and window.feedback.last_text == "x"


def test_the_flash_shows_above_an_open_dialog(qtbot, window, session, studio, clock):
    dialog = window.open_catalogue()  # a dialog that takes no scans
    qtbot.waitExposed(dialog)
    result = window.handle_scan("2611-0042-03-7")
    flash = window.feedback.flash
    assert result.outcome is Outcome.REFUSED and flash.isVisible() and flash.isWindow()
    assert flash.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_a_scan_while_a_dialog_that_takes_no_scans_is_open_is_refused_with_a_message(
        qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock)
    dialog = window.open_catalogue()
    qtbot.waitExposed(dialog)
    result = window.handle_scan(order.items[0].code)
    assert result.outcome is Outcome.REFUSED and "Close the open window first" in window.feedback.last_text
    assert window.current_dialog is dialog  # nothing else opened


def test_a_refusal_stays_until_the_next_key_and_a_good_scan_fades(qtbot, window, session, studio, clock):
    window.handle_scan("hello")
    flash = window.feedback.flash
    qtbot.wait(GOOD_FLASH_MS + 300)
    assert flash.isVisible()  # still there long after a good scan's flash would be gone
    qtbot.keyClick(window.orders.search, Qt.Key.Key_A)
    assert not flash.isVisible()
    order = new_order(session, studio, clock)
    window.handle_scan(order.items[0].code)
    window.current_dialog.close()
    assert flash.isVisible()
    qtbot.waitUntil(lambda: not flash.isVisible(), timeout=GOOD_FLASH_MS + 1000)


def test_every_scan_result_also_goes_to_the_status_line(qtbot, window):
    window.handle_scan("hello")
    assert window.statusBar().currentMessage() == window.feedback.last_text != ""
