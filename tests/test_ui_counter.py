"""The counter's day, driven through the window as a person does it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox
from sqlalchemy import select

from app.models import ItemStatus, Order, PackageKind, Payment, PaymentKind
from app.services import catalogue, lifecycle
from app.services.codes import display_order_number
from app.ui.booking_dialog import BookingDialog
from app.ui.customer_dialog import CustomerDialog
from app.ui.main_window import MainWindow
from app.ui.order_dialog import OrderDialog

from .helpers import new_order, type_text


def test_where_is_my_album_takes_five_key_presses(qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock, name="张三", phone="138 0013 1234")
    lifecycle.transition(session, order.items[0].code, ItemStatus.SENT, studio.production, clock=clock)
    new_order(session, studio, clock, name="王五", phone="13900005678")
    search = window.orders.search
    start = QApplication.focusWidget()  # the window opens on Today, ready to type: typing there searches
    assert window.tabs.currentWidget() is window.today and window.today.isAncestorOf(start)

    keys = 0
    for ch in "1234":
        qtbot.keyClick(start if keys == 0 else search, ch)
        keys += 1
    assert search.hasFocus() and search.text() == "1234"
    qtbot.keyClick(search, Qt.Key.Key_Return)
    keys += 1

    dialog = window.current_dialog
    assert keys == 5 and isinstance(dialog, CustomerDialog) and dialog.isVisible()
    top = dialog.orders.topLevelItem(0)
    assert top.text(0) == display_order_number(order.number) and top.childCount() == 4
    statuses = [top.child(i).text(3) for i in range(top.childCount())]
    assert statuses == ["At the lab", "Waiting", "Waiting", "Waiting"]
    assert top.child(0).text(4) == (clock.today() + dt.timedelta(days=10)).isoformat()  # expected back


def test_search_as_you_type_by_name_pinyin_and_item_code(qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock, name="张三", phone="13800131234")
    search = window.orders.search
    for text in ["张三", "zs", order.items[2].code]:
        search.clear()
        type_text(qtbot, search, text)
        qtbot.waitUntil(lambda: len(window.orders.results_model.rows) == 1)
        assert window.orders.results_model.rows[0].order_number == order.number
    # the selected order's items are previewed, coloured by status
    assert window.orders.items_model.rowCount() == 4
    assert order.number in window.orders.preview_title.text()


def press(qtbot, dialog, key, modifier) -> None:  # type: ignore[no-untyped-def]
    """A shortcut reaches the active window, as on a real desktop."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget() or dialog, key, modifier)


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    type_text(qtbot, widget, text)


def test_book_a_growth_order_with_two_sessions_take_a_deposit_and_print_the_slip(
        qtbot, window, session, studio, clock, messages, tmp_path):
    two = catalogue.save_package(session, studio.manager, id=None, name="成长套(两次)", kind=PackageKind.GROWTH,
                                 price_fen=288800, session_plan=["百天", "周岁"],
                                 lines=[(studio.album, 1, 0), (studio.digital, 1, 0), (studio.album, 1, 1)],
                                 clock=clock)
    # a new customer, typed in (from the Orders tab: Ctrl+F)
    window.focus_search()
    qtbot.keyClick(window.orders.search, Qt.Key.Key_F2)
    new = window.current_dialog
    assert isinstance(new, CustomerDialog) and new.customer_id is None
    _type(qtbot, new.name, "刘备")
    _type(qtbot, new.partner, "孙尚香")
    type_text(qtbot, new.phones, "186 0000 4321")
    qtbot.mouseClick(new.save_button, Qt.MouseButton.LeftButton)
    file = window.current_dialog
    assert isinstance(file, CustomerDialog) and file.customer_id is not None and file is not new

    # Ctrl+N in the customer file: book the two-session growth package
    press(qtbot, file, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    booking = window.current_dialog
    assert isinstance(booking, BookingDialog)
    booking.package.setCurrentIndex(booking.package.findData(two))
    assert booking.sessions.rowCount() == 2
    dates = [(dt.date(2026, 12, 1), dt.date(2026, 12, 10), dt.date(2027, 1, 5)),
             (dt.date(2027, 9, 1), dt.date(2027, 9, 10), dt.date(2027, 10, 5))]
    for r, row in enumerate(dates):
        for c, day in enumerate(row, start=1):
            booking.date_field(r, c).set_date(day)
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    confirm = booking.confirm_box
    assert confirm is not None and "刘备" in confirm.text() and "成长套(两次)" in confirm.text()
    qtbot.keyClick(confirm.focusWidget() or confirm, Qt.Key.Key_Return)
    order_view = window.current_dialog
    assert isinstance(order_view, OrderDialog), messages

    # a deposit of ¥1,000.00 by the payment dialog
    press(qtbot, order_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pay = order_view.payment_dialog
    pay.kind.setCurrentIndex(pay.kind.findData(PaymentKind.DEPOSIT))
    _type(qtbot, pay.amount, "1000")
    qtbot.mouseClick(pay.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert "balance due ¥1,888.00" in order_view.header.text().replace("<b style='color:#d32f2f'>", "")

    pdf = order_view.save_pdf(tmp_path / "slip.pdf", receipt=False)
    assert pdf is not None and pdf.stat().st_size > 1000

    order = session.scalars(select(Order).where(Order.package_name == "成长套(两次)")).one()
    assert [(s.name, s.shoot_date) for s in order.sessions] == [("百天", dt.date(2026, 12, 1)),
                                                                ("周岁", dt.date(2027, 9, 1))]
    assert len(order.items) == 3 and order.customer.name == "刘备"
    payments = session.scalars(select(Payment).where(Payment.order_id == order.id)).all()
    assert [(p.kind, p.amount_fen, p.staff_id) for p in payments] == [(PaymentKind.DEPOSIT, 100000,
                                                                       studio.counter.staff_id)]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert order.number in text and "刘备" in text


def test_impossible_dates_are_marked_and_nothing_is_booked(qtbot, window, session, studio, clock, messages):
    order = new_order(session, studio, clock)
    before = session.scalars(select(Order)).all()
    file = window.open_customer(order.customer_id)
    booking = window.new_order(order.customer_id, file)
    booking.date_field(0, 1).set_date(dt.date(2026, 12, 10))
    booking.date_field(0, 3).set_date(dt.date(2026, 12, 1))  # pickup before the shoot
    _type(qtbot, booking.discount, "100")  # a discount without a reason
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    assert booking.isVisible() and booking.message.text() and booking.confirm_box is None
    assert booking.sessions.cellWidget(0, 3).styleSheet() and booking.discount_reason.styleSheet()
    session.expire_all()
    assert session.scalars(select(Order)).all() == before


def test_a_phone_with_letters_is_marked_and_nothing_is_saved(qtbot, window, session, messages):
    dialog = window.new_customer()
    _type(qtbot, dialog.name, "张三")
    dialog.phones.setPlainText("138abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.phones.styleSheet() and "138abc" in dialog.message.text()
    assert dialog.name.text() == "张三"  # what was typed is kept
    from app.models import Customer
    assert session.scalars(select(Customer)).all() == []


def test_a_counter_refund_is_refused_with_a_message(qtbot, window, session, studio, clock, messages):
    order = new_order(session, studio, clock)
    view = window.open_order(order.id)
    pay = view.take_payment()
    pay.kind.setCurrentIndex(pay.kind.findData(PaymentKind.REFUND))
    _type(qtbot, pay.amount, "10")
    _type(qtbot, pay.note, "退款")
    qtbot.mouseClick(pay.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert messages and "may not refund" in messages[-1]
    assert session.scalars(select(Payment)).all() == []


def test_window_remembers_geometry_and_last_tab(qtbot, ctx):
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 500)  # the offscreen screen is 800 x 600; the window needs ~710 px
    qtbot.waitUntil(lambda: first.width() == 760)
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 500)


def test_status_bar_names_studio_staff_role_station_and_database(window, ctx):
    text = window.status.text()
    assert all(part in text for part in ("测试影楼", "李前台", "Counter", "前台1", str(ctx.engine.url.database or "")))


def test_a_known_phone_is_pointed_out_before_a_second_customer_is_made(qtbot, window, session, studio, clock,
                                                                      monkeypatch):
    new_order(session, studio, clock, name="张三", phone="13800131234")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.No)
    dialog = window.new_customer()
    _type(qtbot, dialog.name, "张叁")
    dialog.phones.setPlainText("+86 138-0013-1234")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked and "张三" in asked[0] and dialog.isVisible()
    from app.models import Customer
    assert [c.name for c in session.scalars(select(Customer))] == ["张三"]


def test_a_database_error_keeps_what_was_typed(qtbot, window, session, messages, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app.services import customers

    def locked(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    monkeypatch.setattr(customers, "create_customer", locked)
    dialog = window.new_customer()
    _type(qtbot, dialog.name, "王五")
    dialog.phones.setPlainText("13900001111")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert messages and "database is busy" in messages[-1] and "Nothing was saved" in messages[-1]
    assert dialog.isVisible() and dialog.name.text() == "王五" and dialog.phones.toPlainText() == "13900001111"


def test_nothing_found_says_so_and_f2_starts_from_what_was_typed(qtbot, window, session, studio, clock):
    window.focus_search()
    search = window.orders.search
    type_text(qtbot, search, "13912345678")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert "No customer or order found" in window.orders.count.text() and window.current_dialog is None
    qtbot.keyClick(search, Qt.Key.Key_F2)
    dialog = window.current_dialog
    assert isinstance(dialog, CustomerDialog) and dialog.phones.toPlainText() == "13912345678"
    dialog.close()
    search.clear()
    type_text(qtbot, search, "赵云")
    qtbot.keyClick(search, Qt.Key.Key_F2)
    assert window.current_dialog.name.text() == "赵云"


def test_a_cancelled_order_shows_the_refund_due_not_a_balance_due(qtbot, window, session, studio, clock, messages):
    from app.services import orders as order_service
    from app.models import PaymentMethod

    order = new_order(session, studio, clock)
    order_service.take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 100000, studio.counter,
                               clock=clock)
    order_service.cancel_order(session, order.id, "客户改期取消", studio.manager, clock=clock)
    dialog = window.open_order(order.id)
    header = dialog.header.text()
    assert "refund due ¥1,000.00" in header and "balance due" not in header
    payment = dialog.take_payment()
    assert payment.kind.currentData() == PaymentKind.REFUND and payment.amount.fen() == 100000
    payment._check()  # a refund without a reason is stopped at the dialog (Qt hands back the kind as a string)
    assert payment.isVisible() and payment.message.text() == "A refund needs a reason."
    payment.close()
    customer = window.open_customer(order.customer_id, order.id)
    assert customer.orders.topLevelItem(0).text(6) == "refund ¥1,000.00"
