"""Order numbers at the window: scanned and typed with their check character; a wrong one
opens nothing, a bare one scanned opens nothing, a bare one typed only lists the order with
the customer's name until Enter on that row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.devices.scanner import ScannerSettings
from app.devices.wedge import WedgeScanner
from app.models import PaymentKind, PaymentMethod
from app.services.codes import display_order_number
from app.services.orders import take_payment
from app.ui.customer_dialog import CustomerDialog
from app.ui.main_window import MainWindow
from app.ui.order_dialog import OrderDialog
from app.ui.scanning import Outcome

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


def _wrong(checked: str) -> str:
    return checked[:-1] + str((int(checked[-1]) + 1) % 10)


@pytest.fixture
def orders(session, studio, clock):
    """Ten orders in a row, so that any last-digit typo of one number names another order."""
    return [new_order(session, studio, clock, name=f"客户{i}", phone=f"1380000{i:04d}") for i in range(10)]


def test_scanning_the_slips_checked_number_opens_the_order(qtbot, window, orders):
    order = orders[3]
    checked = display_order_number(order.number)
    result = window.handle_scan(checked)
    dialog = window.current_dialog
    assert result.outcome is Outcome.ACCEPTED and result.shown == checked
    assert isinstance(dialog, CustomerDialog) and dialog.orders.currentItem().text(0) == checked
    assert window.feedback.last_text == f"{checked} · 客户3: 0 of 4 ready"


def test_a_scanned_order_number_with_a_wrong_check_character_is_refused_and_opens_nothing(
        qtbot, window, orders):
    wrong = _wrong(display_order_number(orders[3].number))
    result = window.handle_scan(wrong)
    assert result.outcome is Outcome.REFUSED and not result.good
    assert "check the number" in window.feedback.last_text and wrong in window.feedback.last_text
    assert window.current_dialog is None and window.orders.search.text() == ""


def test_a_scanned_order_number_without_its_check_character_is_refused_and_opens_nothing(
        qtbot, window, orders):
    result = window.handle_scan(orders[3].number)
    assert result.outcome is Outcome.REFUSED and window.current_dialog is None
    assert "scan the slip's barcode or type the number with its check character" in window.feedback.last_text


def test_a_wedge_scan_of_a_bare_order_number_into_the_search_box_opens_nothing(qtbot, window, orders):
    scanner = WedgeScanner(ScannerSettings(sound=False))
    keys = FakeKeys(qtbot, scanner)
    window.attach_scanner(scanner)
    search = window.orders.search
    search.setFocus()
    keys.type(search, orders[3].number, ms_per_key=10)
    qtbot.waitUntil(lambda: window.feedback.last is not None)
    assert window.feedback.last.outcome is Outcome.REFUSED and window.current_dialog is None
    assert search.text() == ""  # the scan was not typed into the box either


def test_a_bare_number_typed_lists_the_order_with_the_customers_name_and_opens_only_on_enter_on_the_row(
        qtbot, window, orders):
    order = orders[3]
    tab = window.orders
    type_text(qtbot, tab.search, order.number)
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # at once, before the search had shown anything
    assert window.current_dialog is None  # nothing opened by the number alone
    rows = tab.results_model.rows
    assert [(r.customer_name, r.order_id) for r in rows] == [("客户3", order.id)]
    shown = tab.results_model.index(0, 2).data()
    assert shown == display_order_number(order.number)  # the list teaches the checked form
    assert "客户3" in tab.count.text() and display_order_number(order.number) in tab.count.text()
    assert tab.results.hasFocus() and tab.results.currentIndex().row() == 0
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # Enter in the box again still opens nothing
    assert window.current_dialog is None
    tab.results.setFocus()
    qtbot.keyClick(tab.results, Qt.Key.Key_Return)  # Enter on the row: someone has read the name
    dialog = window.current_dialog
    assert isinstance(dialog, CustomerDialog) and dialog.customer_id == order.customer_id


def test_a_number_typed_with_a_wrong_check_character_says_check_the_number_and_opens_nothing(
        qtbot, window, orders, messages):
    tab = window.orders
    wrong = _wrong(display_order_number(orders[3].number))
    type_text(qtbot, tab.search, wrong)
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert window.current_dialog is None and tab.results_model.rows == []
    assert "check the number" in tab.count.text() and wrong in tab.count.text()
    assert messages == []  # said under the box, not in a window over it


def test_a_checked_number_typed_and_enter_opens_the_order_as_before(qtbot, window, orders):
    order = orders[3]
    type_text(qtbot, window.orders.search, display_order_number(order.number))
    qtbot.keyClick(window.orders.search, Qt.Key.Key_Return)
    dialog = window.current_dialog
    assert isinstance(dialog, CustomerDialog) and dialog.customer_id == order.customer_id


def test_the_order_window_and_customer_file_show_the_checked_number(qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock, name="张三")
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 100000, studio.counter, clock=clock)
    checked = display_order_number(order.number)
    file = window.open_customer(order.customer_id)
    assert file.orders.topLevelItem(0).text(0) == checked
    assert file.payments_model.index(0, 1).data() == checked
    file.close()
    view = window.open_order(order.id)
    assert isinstance(view, OrderDialog)
    assert view.windowTitle() == f"Order {checked}" and f"<b>{checked}</b>" in view.header.text()
    window.orders.search.setText(order.items[0].code)
    window.orders.run_search()
    assert checked in window.orders.preview_title.text()
