"""Selection day (选片) at the counter, driven as the receptionist does it: from a scan of the
order slip, photos, two extras typed by name, the balance and the extras paid, labels offered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from sqlalchemy import select

from app.devices.scanner import ScannerSettings
from app.models import (
    AuditEntry, DesignStatus, Item, Payment, PaymentKind, PaymentMethod, Position, ProductType, Progress, Role,
    SessionChangeKind, SessionState, ShootSession, StaffPosition,
)
from app.services.balance import order_balance
from app.services.codes import display_order_number
from app.services.orders import take_payment
from app.services.staff import create_staff
from app.ui.common import MoneyEdit, cell
from app.ui.customer_dialog import CustomerDialog
from app.ui.main_window import MainWindow
from app.ui.order_dialog import OrderDialog
from app.ui.selection_dialog import PRICE, QUANTITY, REASON, SelectionDialog

from .helpers import new_order, type_text

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
# The product field's list of matches is a popup; the offscreen platform cannot grab keys for it.
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing")
ALBUM_EXTRA, FRAME_EXTRA = 50000, 8000


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    """The main window of the signed-in counter clerk, without sounds (no audio device here)."""
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def shot(session, studio, clock):  # type: ignore[no-untyped-def]
    """A ¥5,999.00 order with ¥1,000.00 paid whose shoot was recorded a week ago; the album
    (its design needs approval) and the frame are sold as extras."""
    clock.moment = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.timezone.utc)  # 10:00 in the studio
    types = {pt.id: pt for pt in session.scalars(select(ProductType))}
    types[studio.album].extra_price_fen, types[studio.album].needs_approval = ALBUM_EXTRA, True
    types[studio.frame].extra_price_fen = FRAME_EXTRA
    sales = create_staff(session, "赵选片", Role.COUNTER, "4444", by=studio.manager, clock=clock)
    session.add(StaffPosition(staff_id=sales.id, position=Position.SELECTION_SALES))
    session.commit()
    order = new_order(session, studio, clock)
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 100000, studio.counter, clock=clock)
    ss = order.sessions[0]
    ss.state, ss.shoot_date = SessionState.SHOT, clock.today() - dt.timedelta(days=7)
    for item in order.items:  # the package's designs are done: only the extras decide the progress
        item.design_status = DesignStatus.NOT_NEEDED
    session.commit()
    return order


class Actions:
    """Counts what the receptionist does. A scan is 1; each key press that is not typing a value
    (Tab, Enter, Esc, a chord such as Ctrl+E) is 1; each click is 1; a value typed into a field
    ("36", "摆台") is 1, however many characters it has. Keys go where a keyboard sends them:
    the focused widget of the active window."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def focus(self, window: QWidget) -> QWidget:
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        return QApplication.focusWidget() or window

    def scan(self, main, code: str) -> None:  # type: ignore[no-untyped-def]
        main.handle_scan(code)
        self.count += 1

    def press(self, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
        self.qtbot.keyClick(self.focus(window), key, modifier)
        self.count += 1

    def type(self, window: QWidget, text: str) -> None:
        """One value typed where the focus is: ASCII key by key, Chinese as an input method commits it."""
        target = self.focus(window)
        for ch in text:
            if ch.isascii():
                self.qtbot.keyClick(target, ch)
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(target, event)
        self.count += 1


def _current(main, kind):  # type: ignore[no-untyped-def]
    dialog = main.current_dialog if kind is not SelectionDialog else main.current_dialog.selection_dialog
    assert isinstance(dialog, kind), dialog
    return dialog


@OFFSCREEN_POPUP
def test_a_selection_with_two_extras_and_the_balance_paid_takes_at_most_12_actions_from_a_scan_of_the_slip(
        qtbot, window, session, studio, clock, shot, messages):
    """Counting rule: a scan is 1 action; each key press that is not typing a value is 1 (Tab,
    Enter, Esc, Ctrl+E and Ctrl+Enter each 1); each click is 1; each value typed into a field is 1."""
    act = Actions(qtbot)
    act.scan(window, display_order_number(shot.number))  # 1: the slip's barcode opens the customer file on it
    file = window.current_dialog
    assert isinstance(file, CustomerDialog)
    qtbot.waitExposed(file)
    act.press(file, Qt.Key.Key_Return)  # 2: the scanned order is the current row: Enter opens it
    order = window.current_dialog
    assert isinstance(order, OrderDialog) and order.selection_button.isEnabled()
    qtbot.waitExposed(order)
    act.press(order, Qt.Key.Key_E, CTRL)  # 3: Selection day…
    dialog = order.selection_dialog
    assert isinstance(dialog, SelectionDialog)
    qtbot.waitExposed(dialog)
    assert act.focus(dialog) is dialog.photos  # ready for the number of photos
    act.type(dialog, "36")  # 4
    act.press(dialog, Qt.Key.Key_Tab)  # 5: to the product field
    assert dialog.product.isAncestorOf(act.focus(dialog))
    act.type(dialog, "摆台")  # 6: part of a name …
    act.press(dialog, Qt.Key.Key_Return)  # 7: … and Enter adds it at the catalogue price
    act.type(dialog, "相册")  # 8
    act.press(dialog, Qt.Key.Key_Return)  # 9
    assert dialog.extras.rowCount() == 2
    due = 599900 - 100000 + FRAME_EXTRA + ALBUM_EXTRA
    assert dialog.amount.fen() == due  # the balance and the extras, filled in
    act.press(dialog, Qt.Key.Key_Return, CTRL)  # 10: record…
    confirm = dialog.confirm_box
    assert isinstance(confirm, QMessageBox) and confirm.isVisible()
    assert "张三" in confirm.text() and "36" in confirm.text() and "¥5,579.00" in confirm.text()
    act.press(confirm, Qt.Key.Key_Return)  # 11: … confirmed: recorded
    offer = dialog.print_box
    assert isinstance(offer, QMessageBox) and offer.isVisible()
    labels = dialog.new_labels()  # what the label printer would get: the two extras, named for the customer
    assert [(lb.code, lb.product, lb.customer_name) for lb in labels] == [
        (dialog.outcome.new_codes[0], "7寸 摆台", "张三"), (dialog.outcome.new_codes[1], "30P 相册", "张三")]
    act.press(offer, Qt.Key.Key_Escape)  # 12: labels later (Enter would print them on the label printer)

    print(f"\nselection day with two extras and the balance, from a scan of the slip: {act.count} actions")
    assert act.count <= 12
    assert not messages
    qtbot.waitUntil(lambda: not dialog.isVisible())
    session.expire_all()
    ss = session.get(ShootSession, shot.sessions[0].id)
    assert (ss.state, ss.photos_chosen, ss.pickup_date) == (SessionState.SELECTED, 36,
                                                           clock.today() + dt.timedelta(days=21))
    new = session.scalars(select(Item).where(Item.order_id == shot.id, Item.seq > 4).order_by(Item.seq)).all()
    assert [(i.product_type_id, i.extra_price_fen) for i in new] == [(studio.frame, FRAME_EXTRA),
                                                                      (studio.album, ALBUM_EXTRA)]
    payments = session.scalars(select(Payment).where(Payment.order_id == shot.id).order_by(Payment.id)).all()
    assert [(p.kind, p.amount_fen) for p in payments] == [(PaymentKind.DEPOSIT, 100000), (PaymentKind.BALANCE, due)]
    assert order_balance(session, shot.id).due_fen == 0
    assert order.detail.progress is Progress.AWAITING_APPROVAL  # the order window was reloaded
    assert not order.selection_button.isEnabled()  # selected: nothing more to record


def _dialog(qtbot, window, order_id: int) -> SelectionDialog:  # type: ignore[no-untyped-def]
    order = window.open_order(order_id)
    qtbot.waitExposed(order)
    dialog = order.open_selection()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _fill(qtbot, dialog: SelectionDialog, photos: str = "20") -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, dialog.photos, photos)


def _answer(qtbot, dialog: SelectionDialog) -> None:  # type: ignore[no-untyped-def]
    box = dialog.confirm_box
    assert box is not None
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)


def test_enter_never_records_a_selection(qtbot, window, session, shot):
    dialog = _dialog(qtbot, window, shot.id)
    _fill(qtbot, dialog)
    for widget in (dialog.photos, dialog.pickup, dialog.amount, dialog.method, dialog.product):
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.confirm_box is None
    session.expire_all()
    assert session.get(ShootSession, shot.sessions[0].id).state is SessionState.SHOT


@OFFSCREEN_POPUP
def test_a_price_typed_over_the_catalogues_asks_for_a_reason_inline_and_is_recorded_with_it(
        qtbot, window, session, studio, shot, messages):
    dialog = _dialog(qtbot, window, shot.id)
    _fill(qtbot, dialog)
    type_text(qtbot, dialog.product.lineEdit(), "相册")
    qtbot.keyClick(dialog.product.lineEdit(), Qt.Key.Key_Return)
    price = cell(dialog.extras, 0, PRICE, MoneyEdit)
    reason = cell(dialog.extras, 0, REASON, QLineEdit)
    assert price.fen() == ALBUM_EXTRA and not reason.isEnabled()  # the catalogue's price needs no reason
    price.clear()
    type_text(qtbot, price, "400")
    assert reason.isEnabled() and "¥500.00" in reason.placeholderText()
    assert dialog.amount.fen() == 599900 - 100000 + 40000  # the amount follows the total
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is None and reason.toolTip() and dialog.message.text()  # marked, nothing asked
    type_text(qtbot, reason, "老客户")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog)
    assert not messages
    session.expire_all()
    [item] = session.scalars(select(Item).where(Item.order_id == shot.id, Item.seq > 4)).all()
    assert (item.extra_price_fen, item.price_reason) == (40000, "老客户")
    assert session.scalar(select(AuditEntry.target).where(AuditEntry.action == "selection.extra_price")) == \
        f"item:{item.code}"


@OFFSCREEN_POPUP
def test_the_same_product_twice_is_one_line_of_two_products_are_found_by_pinyin_and_an_unknown_one_is_named(qtbot, window, shot):
    dialog = _dialog(qtbot, window, shot.id)
    for _ in range(2):
        type_text(qtbot, dialog.product.lineEdit(), "摆台")
        qtbot.keyClick(dialog.product.lineEdit(), Qt.Key.Key_Return)
    assert dialog.extras.rowCount() == 1 and cell(dialog.extras, 0, QUANTITY, type(dialog.quantity)).value() == 2
    assert dialog.extras_fen() == 2 * FRAME_EXTRA
    type_text(qtbot, dialog.product.lineEdit(), "XC")  # pinyin initials: 相册
    qtbot.keyClick(dialog.product.lineEdit(), Qt.Key.Key_Return)
    assert [r.name for r in dialog.rows] == ["7寸 摆台", "30P 相册"]
    type_text(qtbot, dialog.product.lineEdit(), "nothing like it")
    qtbot.keyClick(dialog.product.lineEdit(), Qt.Key.Key_Return)
    assert dialog.extras.rowCount() == 2 and "nothing like it" in dialog.message.text()


def test_a_refusal_keeps_the_dialog_open_with_everything_typed(qtbot, window, session, shot, messages):
    dialog = _dialog(qtbot, window, shot.id)
    _fill(qtbot, dialog, "40")
    dialog.add_extra(next(c for c in dialog.summary.catalogue if c.extra_price_fen == FRAME_EXTRA))
    ss = session.get(ShootSession, shot.sessions[0].id)  # meanwhile another station records the selection
    ss.state = SessionState.SELECTED
    session.commit()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog)
    assert dialog.isVisible() and "already recorded" in dialog.message.text()
    assert dialog.photos.text() == "40" and dialog.extras.rowCount() == 1
    assert not dialog.record_button.isEnabled()  # read again: this session's selection is done
    assert not messages
    session.expire_all()
    assert session.scalars(select(Item).where(Item.order_id == shot.id, Item.seq > 4)).all() == []


def test_more_than_is_due_and_a_pickup_in_the_past_are_marked_and_nothing_is_asked(qtbot, window, session, clock,
                                                                                  shot):
    dialog = _dialog(qtbot, window, shot.id)
    _fill(qtbot, dialog)
    dialog.amount.clear()
    type_text(qtbot, dialog.amount, "5000")  # ¥4,999.00 is due
    dialog.pickup.set_date(clock.today() - dt.timedelta(days=1))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is None
    assert dialog.amount.toolTip() and dialog.pickup.toolTip()
    assert "¥4,999.00" in dialog.amount.toolTip()


def test_the_pickup_date_defaults_to_the_studios_usual_days_and_the_amount_to_the_balance(qtbot, window, clock, shot):
    dialog = _dialog(qtbot, window, shot.id)
    assert dialog.pickup.value() == clock.today() + dt.timedelta(days=21)
    assert dialog.amount.fen() == 599900 - 100000
    assert dialog.method.currentData() == PaymentMethod.CASH
    assert not dialog.record_button.isDefault() and not dialog.record_button.autoDefault()


def test_a_session_not_shot_says_why_and_cannot_be_recorded(qtbot, window, session, clock, shot):
    ss = session.get(ShootSession, shot.sessions[0].id)
    ss.state, ss.shoot_date = SessionState.BOOKED, clock.today() + dt.timedelta(days=3)
    session.commit()
    order = window.open_order(shot.id)
    assert not order.selection_button.isEnabled()
    dialog = order.open_selection()  # Ctrl+E still opens it, to say why
    assert dialog is not None and not dialog.record_button.isEnabled()
    assert "not been shot" in dialog.message.text()


def test_a_selection_right_after_an_unrecorded_shoot_records_both(qtbot, window, session, clock, shot, messages):
    ss = session.get(ShootSession, shot.sessions[0].id)
    ss.state, ss.shoot_date = SessionState.BOOKED, clock.today()
    session.commit()
    order = window.open_order(shot.id)
    assert order.selection_button.isEnabled()
    dialog = order.open_selection()
    _fill(qtbot, dialog)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog)
    assert not messages
    session.expire_all()
    ss = session.get(ShootSession, shot.sessions[0].id)
    assert [c.kind for c in ss.changes] == [SessionChangeKind.SHOT, SessionChangeKind.SELECTED]


def test_a_production_member_has_no_selection_day(qtbot, window, ctx, studio, shot, messages):
    ctx.actor = studio.production
    order = window.open_order(shot.id)
    assert order.selection_button.isHidden()
    assert order.open_selection() is None and messages  # Ctrl+E: refused with the reason


def test_a_payment_taken_meanwhile_is_refused_as_overpayment_then_the_amount_follows_the_new_balance(
        qtbot, window, session, studio, clock, shot, messages):
    dialog = _dialog(qtbot, window, shot.id)
    _fill(qtbot, dialog, "30")
    take_payment(session, shot.id, PaymentKind.BALANCE, PaymentMethod.CASH, 100000, studio.counter, clock=clock)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog)
    assert dialog.isVisible() and "more than is due" in dialog.message.text() and dialog.photos.text() == "30"
    session.expire_all()
    assert session.get(ShootSession, shot.sessions[0].id).state is SessionState.SHOT  # nothing was recorded
    assert dialog.amount.fen() == 599900 - 200000  # read again
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog)
    assert not messages
    assert order_balance(session, shot.id).due_fen == 0
