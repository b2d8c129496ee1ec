"""Booking at the front counter, driven by keys as the receptionist does it: typed dates,
the calendar, no booking by Enter, a confirmation that names what is booked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import select

from app.models import Customer, Order, Payment, PaymentKind, PaymentMethod, Position, SlotKind
from app.services.customers import NewCustomer, create_customer
from app.ui.booking_dialog import BookingDialog
from app.ui.common import OptionalDateEdit
from app.ui.main_window import MainWindow
from app.ui.order_dialog import OrderDialog

from .helpers import type_text

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
# The calendar is a popup; the offscreen platform of the tests cannot grab keys for it.
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing")


@pytest.fixture
def window(qtbot, ctx, clock):
    clock.moment = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.timezone.utc)  # 10:00 on 2026-11-26 in the studio
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def customer(session, studio, clock) -> int:
    return create_customer(session, NewCustomer(name="张三", phones=["13800131234"]), studio.counter, clock=clock).id


class Keyboard:
    """Keys go where a real keyboard sends them: the focused widget of the active window.
    Every key press (a chord such as Ctrl+N is one) is counted."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def target(self, window: QWidget) -> QWidget:
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        return QApplication.focusWidget() or window

    def press(self, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
        self.qtbot.keyClick(self.target(window), key, modifier)
        self.count += 1

    def type(self, window: QWidget, text: str) -> None:
        for ch in text:
            self.qtbot.keyClick(self.target(window), ch)
            self.count += 1


def _booking(qtbot, window, customer) -> BookingDialog:  # type: ignore[no-untyped-def]
    file = window.open_customer(customer)
    booking = window.new_order(customer, file)
    assert isinstance(booking, BookingDialog)
    qtbot.waitExposed(booking)
    booking.activateWindow()
    qtbot.waitUntil(booking.isActiveWindow)  # fields get and lose the focus as on a desktop
    return booking


def _orders(session) -> list[Order]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Order)))


@pytest.mark.parametrize("package", ["经典套系", "成长套"])
def test_booking_a_package_order_with_a_deposit_takes_at_most_ten_actions_from_the_customer_file(
        qtbot, window, session, studio, customer, package, messages):
    file = window.open_customer(customer)
    qtbot.waitExposed(file)
    keys = Keyboard(qtbot)

    keys.press(file, Qt.Key.Key_N, CTRL)
    booking = window.current_dialog
    assert isinstance(booking, BookingDialog)
    qtbot.waitExposed(booking)
    assert keys.target(booking) is booking.package  # the package list is ready for the arrow keys
    while not booking.package.currentText().startswith(package + " "):
        keys.press(booking, Qt.Key.Key_Down)
        assert keys.count < 5, "the package is not in the list"
    keys.press(booking, Qt.Key.Key_Tab)
    assert keys.target(booking) is booking.deposit  # Tab leads from the package to the deposit
    keys.type(booking, "1000")
    keys.press(booking, Qt.Key.Key_Return, CTRL)
    confirm = booking.confirm_box
    assert isinstance(confirm, QMessageBox) and confirm.isVisible()
    keys.press(confirm, Qt.Key.Key_Return)  # the confirm button has the focus

    print(f"\nbooking {package} with a deposit of ¥1,000.00 from the customer file: {keys.count} actions")
    assert keys.count <= 10
    assert not messages
    [order] = _orders(session)
    assert order.package_name == package and order.customer_id == customer
    payments = session.scalars(select(Payment).where(Payment.order_id == order.id)).all()
    assert [(p.kind, p.amount_fen, p.method) for p in payments] == [(PaymentKind.DEPOSIT, 100000, PaymentMethod.CASH)]
    assert isinstance(window.current_dialog, OrderDialog)  # the new order opens, ready for its slip


def test_enter_in_the_deposit_field_does_not_book(qtbot, window, session, customer):
    booking = _booking(qtbot, window, customer)
    type_text(qtbot, booking.deposit, "1000")
    for widget in (booking.deposit, booking.package, booking.date_field(0, 1), booking.notes):
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClick(widget, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert booking.isVisible() and booking.confirm_box is None
    assert _orders(session) == []


def test_tab_leads_from_the_package_to_the_deposit_paid_by_and_the_session_dates_times_and_staff(qtbot, window, studio, customer):
    booking = _booking(qtbot, window, customer)
    booking.package.setCurrentIndex(booking.package.findData(studio.growth))
    keys = Keyboard(qtbot)
    booking.package.setFocus()
    expected = [booking.deposit, booking.method, booking.sessions.cellWidget(0, 0),
                booking.date_field(0, 1), booking.slot_field(0, SlotKind.SHOOT),  # each date, then its time
                booking.date_field(0, 2), booking.slot_field(0, SlotKind.SELECTION), booking.date_field(0, 3),
                *(booking.staff_field(0, p) for p in (Position.PHOTOGRAPHER, Position.MAKEUP, Position.SELECTION_SALES)),
                booking.sessions.cellWidget(1, 0)]
    for widget in expected:
        keys.press(booking, Qt.Key.Key_Tab)
        assert keys.target(booking) is widget


def test_no_booking_button_is_a_default_button_and_book_shows_its_shortcut(qtbot, window, customer):
    booking = _booking(qtbot, window, customer)
    from PySide6.QtWidgets import QPushButton

    for button in booking.findChildren(QPushButton):
        assert not button.isDefault() and not button.autoDefault(), button.text()
    assert "Ctrl+Enter" in booking.book_button.text()


def test_the_confirmation_names_customer_package_total_and_deposit_and_esc_goes_back_with_nothing_lost(
        qtbot, window, session, customer):
    booking = _booking(qtbot, window, customer)
    keys = Keyboard(qtbot)
    type_text(qtbot, booking.deposit, "1000")
    booking.method.setCurrentIndex(booking.method.findData(PaymentMethod.WECHAT))
    type_text(qtbot, booking.date_field(0, 1), "1205")
    keys.press(booking, Qt.Key.Key_Return, CTRL)
    confirm = booking.confirm_box
    assert confirm is not None and confirm.text() == (
        "Book 经典套系 for 张三: total ¥5,999.00, deposit ¥1,000.00 (WeChat Pay) now?")
    assert keys.target(confirm) is confirm.defaultButton()
    keys.press(confirm, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: booking.confirm_box is None)
    assert booking.isVisible() and _orders(session) == []
    assert booking.deposit.text() == "1000" and booking.date_field(0, 1).value() == dt.date(2026, 12, 5)

    keys.press(booking, Qt.Key.Key_Return, CTRL)
    keys.press(booking.confirm_box, Qt.Key.Key_Space)  # Space on the focused confirm button books too
    [order] = _orders(session)
    assert order.sessions[0].shoot_date == dt.date(2026, 12, 5)


def test_a_booking_without_deposit_says_so_in_the_confirmation(qtbot, window, customer):
    booking = _booking(qtbot, window, customer)
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    assert booking.confirm_box.text() == "Book 经典套系 for 张三: total ¥5,999.00, no deposit now?"


@pytest.mark.parametrize("typed, expected", [
    ("2026-12-05", dt.date(2026, 12, 5)), ("12-05", dt.date(2026, 12, 5)), ("1205", dt.date(2026, 12, 5)),
    ("12/5", dt.date(2026, 12, 5)), ("12月5日", dt.date(2026, 12, 5)), ("20261205", dt.date(2026, 12, 5)),
    ("１２－０５", dt.date(2026, 12, 5)),  # full-width, as a Chinese input method may type it
    ("0105", dt.date(2027, 1, 5)),  # January comes next year
    ("1126", dt.date(2026, 11, 26)),  # today is today, not next year
    ("1125", dt.date(2027, 11, 25)),  # yesterday's month-day is next year's
    ("2025-01-05", dt.date(2025, 1, 5)),  # a full date is taken as typed
    ("", None),
])
def test_appointment_dates_can_be_typed_with_or_without_the_year(qtbot, window, customer, typed, expected):
    booking = _booking(qtbot, window, customer)
    field = booking.date_field(0, 1)
    type_text(qtbot, field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.value() == expected and not field.styleSheet()
    assert field.text() == ("" if expected is None else expected.isoformat())  # shown in full once left


@pytest.mark.parametrize("typed", ["1340", "02-30", "13-01", "2026-02-30", "12", "abc", "12-05-06"])
def test_an_impossible_date_is_refused_at_the_field_and_nothing_is_booked(qtbot, window, session, customer, typed):
    booking = _booking(qtbot, window, customer)
    field = booking.date_field(0, 1)
    type_text(qtbot, field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.styleSheet() and typed in booking.message.text() and "is not a date" in booking.message.text()
    assert field.text() == typed  # what was typed stays, to be corrected
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    assert booking.confirm_box is None and booking.isVisible() and typed in booking.message.text()
    assert _orders(session) == []


@OFFSCREEN_POPUP
def test_the_calendar_opens_at_today_when_the_field_is_empty_and_a_pick_fills_it(qtbot, window, customer):
    booking = _booking(qtbot, window, customer)
    field = booking.date_field(0, 2)
    keys = Keyboard(qtbot)
    field.setFocus()
    keys.press(booking, Qt.Key.Key_F4)
    assert field.calendar.isVisible() and field.calendar.selectedDate() == QDate(2026, 11, 26)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not field.calendar.isVisible() and field.value() == dt.date(2026, 11, 27)
    assert QApplication.focusWidget() is field


@OFFSCREEN_POPUP
def test_the_calendar_opens_at_the_date_typed(qtbot, window, customer):
    booking = _booking(qtbot, window, customer)
    field = booking.date_field(0, 3)
    type_text(qtbot, field, "0105")
    field.calendar_action.trigger()  # the calendar button at the right of the field
    assert field.calendar.isVisible() and field.calendar.selectedDate() == QDate(2027, 1, 5)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not field.calendar.isVisible() and field.value() == dt.date(2027, 1, 5)


def test_changing_the_package_keeps_the_chosen_dates_of_the_sessions_that_remain(qtbot, window, studio, customer):
    booking = _booking(qtbot, window, customer)
    booking.package.setCurrentIndex(booking.package.findData(studio.growth))
    assert booking.sessions.rowCount() == 3
    typed = {(0, 1): "1205", (0, 3): "2027-01-05", (1, 1): "2027-09-01", (2, 2): "1340"}
    for (r, c), text in typed.items():
        type_text(qtbot, booking.date_field(r, c), text)
    booking.date_field(0, 2).set_date(dt.date(2026, 12, 20))

    booking.package.setCurrentIndex(booking.package.findData(studio.single))  # one session left
    assert booking.sessions.rowCount() == 1 and booking.sessions.cellWidget(0, 0).text() == "婚纱照"
    assert [booking.date_field(0, c).value() for c in (1, 2, 3)] == [
        dt.date(2026, 12, 5), dt.date(2026, 12, 20), dt.date(2027, 1, 5)]

    booking.package.setCurrentIndex(booking.package.findData(studio.growth))
    assert [booking.sessions.cellWidget(r, 0).text() for r in range(3)] == ["百天", "周岁", "两周岁"]
    assert booking.date_field(0, 1).value() == dt.date(2026, 12, 5)
    assert booking.date_field(1, 1).value() is None  # the second session was gone in between


def test_a_bad_date_survives_a_package_change_still_marked(qtbot, window, studio, customer):
    booking = _booking(qtbot, window, customer)
    type_text(qtbot, booking.date_field(0, 1), "02-30")
    booking.package.setCurrentIndex(booking.package.findData(studio.growth))
    field = booking.date_field(0, 1)
    assert field.text() == "02-30" and field.styleSheet()


def test_birthdays_take_a_full_date_and_never_jump_to_the_future(qtbot, clock):
    field = OptionalDateEdit(today=clock.today)
    qtbot.addWidget(field)
    for typed, expected in [("1990-05-12", dt.date(1990, 5, 12)), ("19900512", dt.date(1990, 5, 12)),
                            ("1990/5/12", dt.date(1990, 5, 12)), ("1990年5月12日", dt.date(1990, 5, 12))]:
        field.setText(typed)
        assert field.value() == expected, typed
    for typed in ("05-12", "0512"):
        field.setText(typed)
        assert "type the year too" in (field.problem() or ""), typed
        with pytest.raises(ValueError):
            field.value()
        assert not field.check() and field.styleSheet()


def test_a_birthday_typed_in_the_customer_file_is_saved_and_a_year_less_one_is_refused(
        qtbot, window, session, messages):
    dialog = window.new_customer()
    type_text(qtbot, dialog.name, "张三")
    dialog.phones.setPlainText("13800131234")
    type_text(qtbot, dialog.birthday, "0512")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.birthday.styleSheet() and "year" in dialog.message.text()
    assert session.scalars(select(Customer)).all() == []
    dialog.birthday.clear()
    type_text(qtbot, dialog.birthday, "1990-05-12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    session.expire_all()
    [saved] = session.scalars(select(Customer)).all()
    assert saved.birthday == dt.date(1990, 5, 12)
