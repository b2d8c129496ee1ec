"""The Pickup tab as the counter uses it: simulated scans, F12, the warnings, the balance, station mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.devices.scanner import ScannerSettings
from app.models import AuditEntry, Item, ItemStatus, OutboxMessage
from app.services.codes import display_order_number
from app.ui.scanning import Outcome

from .helpers import event_count, new_order, type_text
from .pickup_helpers import item_codes, move
from .test_printing import _pdf_text

S = ItemStatus


class Count:
    def __init__(self) -> None:
        self.scans = self.keys = self.clicks = 0


@pytest.fixture
def desk(qtbot, ctx, studio, tmp_path):
    """The main window at the counter, on the Pickup tab, receipts saved to a folder of the test."""
    from app.ui.main_window import MainWindow

    QSettings().setValue("pickup/receipt_folder", str(tmp_path / "receipts"))
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.tabs.setCurrentWidget(w.pickup)
    yield w
    if w.station_mode:
        w.leave_station_mode()


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _statuses(session, codes):  # type: ignore[no-untyped-def]
    session.expire_all()
    return [session.scalar(select(Item.status).where(Item.code == c)) for c in codes]


def _ready(session, studio, clock, *, paid=True, package=None, name="张三"):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock, paid=paid, package=package, name=name)
    codes = item_codes(session, order.id)
    for code in codes:
        move(session, studio, clock, code, S.READY)
    return order, codes


def test_the_pickup_tab_is_the_fourth_and_ctrl_4_opens_it(qtbot, desk):
    """Today is the first tab (Ctrl+1), then Orders, Item tracking, Pickup (Ctrl+4)."""
    assert [desk.tabs.indexOf(t) for t in (desk.today, desk.pickup, desk.complaints, desk.schedule)] == [0, 3, 4, 5]
    desk.tabs.setCurrentWidget(desk.orders)
    _press(qtbot, desk, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.pickup
    assert desk.tabs.tabText(3) == "Pick&up"  # Alt+U (Alt+P is Com&plaints)


def test_a_six_item_ready_order_is_handed_over_with_one_scan_and_one_key(qtbot, desk, session, studio, clock,
                                                                           tmp_path):
    order, codes = _ready(session, studio, clock, package=studio.growth)
    assert len(codes) == 6
    n = Count()
    result = desk.handle_scan(codes[4])  # any label of the order
    n.scans += 1
    assert result.outcome is Outcome.ACCEPTED
    tab = desk.pickup
    assert [g.name for g in tab.view.groups] == ["百天", "周岁", "两周岁"] and len(tab.ticked) == 6
    assert "6 of 6 items ready" in tab.summary.text()
    _press(qtbot, desk, Qt.Key.Key_F12)
    n.keys += 1
    assert _statuses(session, codes) == [S.PICKED_UP] * 6
    assert (n.scans, n.keys, n.clicks) == (1, 1, 0)
    assert tab.last_receipt_path is not None and tab.last_receipt_path.parent == tmp_path / "receipts"
    assert "Items handed over (6)" in _pdf_text(tab.last_receipt_path)
    assert all(t.status is S.PICKED_UP and t.picked_up_by == studio.counter.name for t in tab.view.tiles)


def test_enter_never_hands_over_but_the_order_slip_scanned_again_does(qtbot, desk, session, studio, clock):
    order, codes = _ready(session, studio, clock)
    assert desk.handle_scan(codes[0]).outcome is Outcome.ACCEPTED
    _press(qtbot, desk, Qt.Key.Key_Return)
    assert _statuses(session, codes) == [S.READY] * 4
    result = desk.handle_scan(display_order_number(order.number))
    assert result.outcome is Outcome.ACCEPTED and "4 items handed over" in desk.feedback.last_text
    assert _statuses(session, codes) == [S.PICKED_UP] * 4


def test_an_order_with_two_items_at_the_lab_shows_exactly_those_as_missing(qtbot, desk, session, studio, clock,
                                                                             messages):
    order = new_order(session, studio, clock, paid=True)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    move(session, studio, clock, frame1, S.SENT)
    move(session, studio, clock, frame2, S.READY)
    move(session, studio, clock, digital, S.READY)
    desk.handle_scan(display_order_number(order.number))
    tab = desk.pickup
    assert [t.code for t in tab.view.missing] == [frame1, album]
    summary = tab.summary.text()
    assert "2 of 4 items ready" in summary and "missing: 7寸 摆台 (expected" in summary and "30P 相册 (expected" in summary
    assert tab.view.missing[0].expected_return.isoformat() in summary
    # the slip again does not hand over an incomplete order
    before = event_count(session)
    result = desk.handle_scan(display_order_number(order.number))
    assert result.outcome is Outcome.REFUSED and "not complete" in desk.feedback.last_text
    assert event_count(session) == before


def test_a_partial_pickup_warns_with_what_stays_behind_and_its_receipt_lists_the_owed_items(qtbot, desk, session,
                                                                                             studio, clock):
    order = new_order(session, studio, clock, paid=True)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    for code in (frame1, frame2, digital):
        move(session, studio, clock, code, S.READY)
    desk.handle_scan(frame1)
    tab = desk.pickup
    assert tab.ticked == {frame1, frame2, digital}
    rect = tab.board.tile_at(frame2)  # a click on a tile unticks it
    qtbot.mouseClick(tab.board, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert tab.ticked == {frame1, digital}
    assert desk.handle_scan(digital).outcome is Outcome.ACCEPTED  # a label of the same order: ticks stay
    assert tab.ticked == {frame1, digital}
    _press(qtbot, desk, Qt.Key.Key_F12)
    box = tab.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert album in box.text() and frame2 in box.text() and "expected" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert _statuses(session, [frame1, digital]) == [S.READY] * 2  # nothing yet
    box.button(QMessageBox.StandardButton.Yes).click()
    assert _statuses(session, [album, frame1, frame2, digital]) == [S.SENT, S.PICKED_UP, S.READY, S.PICKED_UP]
    receipt = tab.last_receipt
    assert {line.code for line in receipt.owed} == {album, frame2}
    text = _pdf_text(tab.last_receipt_path)
    assert "Items still owed (2)" in text and album in text and frame2 in text
    assert next(line.expected_return for line in receipt.owed if line.code == album).isoformat() in text


def test_a_balance_due_blocks_the_hand_over_until_paid_here(qtbot, desk, session, studio, clock):
    order, codes = _ready(session, studio, clock, paid=False)
    desk.handle_scan(codes[0])
    tab = desk.pickup
    assert "Balance due ¥5,999.00" in tab.balance.text()
    before = event_count(session)
    _press(qtbot, desk, Qt.Key.Key_F12)
    assert "still owes" in tab.message.text() and event_count(session) == before
    result = desk.handle_scan(display_order_number(order.number))
    assert result.outcome is Outcome.REFUSED and event_count(session) == before
    _press(qtbot, desk, Qt.Key.Key_F9)
    dialog = tab.dialog
    assert dialog is not None and dialog.amount.fen() == 599900
    dialog.accept()
    assert tab.view.due_fen == 0 and "Balance due" not in tab.balance.text()
    _press(qtbot, desk, Qt.Key.Key_F12)
    assert _statuses(session, codes) == [S.PICKED_UP] * 4
    tab.clear()  # the idle clear after the payment dialog was accepted (and deleted)
    assert tab.view is None and tab.dialog is None and tab.last_receipt is None


def test_a_cancelled_order_says_so_and_hands_nothing_over(qtbot, desk, session, studio, clock):
    from app.services.orders import cancel_order

    order, codes = _ready(session, studio, clock)
    cancel_order(session, order.id, "顾客退单", studio.manager, clock=clock)
    assert desk.handle_scan(display_order_number(order.number)).outcome is Outcome.ACCEPTED
    tab = desk.pickup
    assert "cancelled" in tab.balance.text() and tab.ticked == set()
    before = event_count(session)
    _press(qtbot, desk, Qt.Key.Key_F12)
    assert desk.handle_scan(display_order_number(order.number)).outcome is Outcome.REFUSED
    assert event_count(session) == before


def test_a_managers_override_asks_name_and_pin_then_and_records_the_reason(qtbot, desk, session, studio, clock):
    order, codes = _ready(session, studio, clock, paid=False)
    desk.handle_scan(codes[0])
    tab = desk.pickup
    _press(qtbot, desk, Qt.Key.Key_F10)
    dialog = tab.dialog
    assert dialog is not None and dialog.objectName() == "pickupOverride"
    dialog.name.setCurrentText("王店长")
    type_text(qtbot, dialog.pin, "9999")
    type_text(qtbot, dialog.reason, "老客户下周补交")
    dialog.ok.click()
    assert dialog.isVisible() and "Wrong manager name or PIN" in dialog.message.text()
    assert _statuses(session, codes) == [S.READY] * 4
    type_text(qtbot, dialog.pin, "1111")
    dialog.ok.click()
    assert _statuses(session, codes) == [S.PICKED_UP] * 4
    session.expire_all()
    audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "pickup.override_balance")).all()
    assert len(audits) == 4 and all("老客户下周补交" in a.detail for a in audits)
    assert {a.staff_id for a in audits} == {studio.manager.staff_id}
    assert tab.last_receipt.override_by == "王店长"


def test_each_bad_scan_changes_nothing_and_sounds_bad(qtbot, desk, session, studio, clock):
    order, codes = _ready(session, studio, clock)
    move(session, studio, clock, codes[1], S.CANCELLED)
    other, other_codes = _ready(session, studio, clock, name="李四")
    desk.handle_scan(codes[0])
    tab = desk.pickup
    shown = tab.view
    events, outbox = event_count(session), session.scalar(select(func.count(OutboxMessage.id)))
    wrong_check = codes[0][:-1] + ("0" if codes[0][-1] != "0" else "1")
    for bad in ("2611-0999-01-7", display_order_number("2611-0999"), wrong_check, codes[1]):
        result = desk.handle_scan(bad)
        assert result.outcome is Outcome.REFUSED and not result.good, bad
        assert tab.view is shown, bad  # the order on screen stays
    result = desk.handle_scan(other_codes[0])  # another order while one is open: switched, said so
    assert result.outcome is Outcome.REFUSED and "another order" in desk.feedback.last_text
    assert tab.view.order_id == other.id and tab.ticked == set(other_codes)
    assert event_count(session) == events and session.scalar(select(func.count(OutboxMessage.id))) == outbox


def test_station_mode_is_full_screen_the_pickup_tab_only_and_a_manager_leaves_it(qtbot, desk, session, studio, clock):
    order, codes = _ready(session, studio, clock)
    desk.tabs.setCurrentWidget(desk.orders)
    _press(qtbot, desk, Qt.Key.Key_F11)
    assert desk.station_mode and desk.isFullScreen() and desk.tabs.currentWidget() is desk.pickup
    assert not desk.tabs.tabBar().isVisible() and not desk.menuBar().isVisible()
    for key, modifier in ((Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)):
        _press(qtbot, desk, key, modifier)
        assert desk.station_mode and desk.isFullScreen() and desk.tabs.currentWidget() is desk.pickup
    desk.tabs.setCurrentWidget(desk.schedule)  # a click that would show another tab
    assert desk.tabs.currentWidget() is desk.pickup
    desk.close()
    assert desk.isVisible()  # the window stays
    assert desk.handle_scan(codes[0]).outcome is Outcome.ACCEPTED
    assert QApplication.focusWidget() is None or desk.pickup.isAncestorOf(QApplication.focusWidget()) \
        or QApplication.focusWidget() is desk.pickup
    _press(qtbot, desk, Qt.Key.Key_F11)
    dialog = desk.station_exit
    assert dialog is not None and dialog.isVisible()
    dialog.name.setCurrentText("李前台")  # not a manager
    type_text(qtbot, dialog.pin, "2222")
    dialog.ok.click()
    assert desk.station_mode and dialog.isVisible()
    dialog.name.setCurrentText("王店长")
    type_text(qtbot, dialog.pin, "1111")
    dialog.ok.click()
    assert not desk.station_mode and not desk.isFullScreen() and desk.tabs.tabBar().isVisible()
    assert desk.pickup.view is None  # the last customer's order is not left on screen


def test_the_last_order_is_cleared_after_the_idle_time(qtbot, desk, session, studio, clock):
    QSettings().setValue("pickup/idle_seconds", 1)
    desk.tabs.setCurrentWidget(desk.orders)
    desk.tabs.setCurrentWidget(desk.pickup)  # the station's setting is read when the tab comes to the front
    order, codes = _ready(session, studio, clock, paid=False)
    desk.handle_scan(codes[0])
    tab = desk.pickup
    assert tab.view is not None and tab.idle.isActive() and tab.idle.interval() == 1000
    dialog = tab.pay_here()  # left open by the last customer
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: tab.view is None, timeout=3000)
    assert order.number not in tab.head.text() and tab.board.view is None
    from shiboken6 import Shiboken

    assert not Shiboken.isValid(dialog) or not dialog.isVisible()  # closed (and deleted)
    assert not desk.feedback.flash.isVisible()
