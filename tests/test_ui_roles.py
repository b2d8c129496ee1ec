"""The window shows each role what its job needs: hidden menus and buttons, again after a
staff switch; the manager's discount approval at booking; discount limits; the audit log."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from sqlalchemy import select

from app.models import AuditEntry, Order
from app.services import studio as studio_service
from app.services.customers import NewCustomer, create_customer
from app.services.staff import record
from app.ui.audit_dialog import AuditDialog, act_name
from app.ui.booking_dialog import BookingDialog
from app.ui.discount_dialog import DiscountLimitsDialog, ManagerApprovalDialog
from app.ui.main_window import MainWindow

from .helpers import new_order, type_text


@pytest.fixture
def customer(session, studio, clock) -> int:
    return create_customer(session, NewCustomer(name="张三", phones=["13800131234"]), studio.counter, clock=clock).id


def _usable(window: MainWindow) -> set[str]:
    """Texts of the menu items and main-window buttons a person can press now."""
    actions = {a.text() for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()
               if a.isVisible() and a.isEnabled() and a.text()}
    buttons = {b.text() for b in window.orders.findChildren(QPushButton) if b.isVisibleTo(window) and b.isEnabled()}
    return actions | buttons


def _switch(window: MainWindow, actor) -> None:  # type: ignore[no-untyped-def]
    """As the login dialog does when someone else signs in."""
    window.ctx.actor = actor
    window._update_status()


def test_a_production_members_window_has_no_payment_booking_or_manager_actions(
        qtbot, window, ctx, session, studio, clock, customer, messages):
    order = new_order(session, studio, clock, phone="13900000001")
    _switch(window, studio.production)
    usable = _usable(window)
    assert not any("New order" in t or "New customer" in t or "payment" in t.lower() for t in usable), usable
    assert not any("Audit" in t.replace("&", "") or "Discount" in t.replace("&", "") for t in usable), usable
    dialog = window.open_order(order.id)
    qtbot.waitExposed(dialog)
    assert not dialog.pay_button.isVisible() and not dialog.cancel_button.isVisible()
    assert dialog.take_payment() is None and messages and "may not take a payment" in messages[-1]
    file = window.open_customer(customer)
    assert not file.order_button.isVisible() and not file.save_button.isVisible()
    assert window.new_order(customer) is None  # Ctrl+N is refused too, with the reason
    assert "may not book an order" in messages[-1]
    assert session.scalars(select(Order)).all() == [order]


def test_the_counter_books_and_takes_payments_but_manager_things_are_hidden(qtbot, window, session, studio, clock):
    order = new_order(session, studio, clock)
    window.focus_search()  # the Orders tab (the window opens on Today)
    usable = {t.replace("&", "") for t in _usable(window)}
    assert {"New order (Ctrl+N)", "New customer (F2)"} <= usable
    assert "Audit log…" not in usable and "Discount limits…" not in usable and "Studio name…" not in usable
    dialog = window.open_order(order.id)
    qtbot.waitExposed(dialog)
    assert dialog.pay_button.isVisible() and not dialog.cancel_button.isVisible()


def test_switching_to_a_manager_shows_the_managers_menus_and_back(window, studio):
    window.focus_search()  # the Orders tab (the window opens on Today)
    _switch(window, studio.manager)
    usable = {t.replace("&", "") for t in _usable(window)}
    assert {"Audit log…", "Discount limits…", "Studio name…", "New order (Ctrl+N)"} <= usable
    _switch(window, studio.production)
    usable = {t.replace("&", "") for t in _usable(window)}
    assert "Audit log…" not in usable and "New order (Ctrl+N)" not in usable


# -- discount approval at booking ---------------------------------------------------------------

def _book_with_discount(qtbot, window, customer, yuan: str) -> BookingDialog:  # type: ignore[no-untyped-def]
    booking = window.new_order(customer)
    assert isinstance(booking, BookingDialog)
    qtbot.waitExposed(booking)
    type_text(qtbot, booking.discount, yuan)
    type_text(qtbot, booking.discount_reason, "熟客")
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    return booking


def _orders(session) -> list[Order]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Order)))


def test_a_discount_within_the_limit_goes_straight_to_the_confirmation(qtbot, window, session, customer):
    booking = _book_with_discount(qtbot, window, customer, "500")
    assert booking.approval is None and booking.confirm_box is not None


def test_a_discount_above_the_limit_asks_a_manager_and_books_with_the_approval_audited(
        qtbot, window, session, studio, customer, messages):
    booking = _book_with_discount(qtbot, window, customer, "1000")
    approval = booking.approval
    assert isinstance(approval, ManagerApprovalDialog) and booking.confirm_box is None
    qtbot.waitExposed(approval)
    approval.name.setCurrentText("王店长")
    type_text(qtbot, approval.pin, "9999")
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return)
    assert approval.isVisible() and "Wrong manager name or PIN" in approval.message.text()
    assert approval.pin.text() == ""
    type_text(qtbot, approval.pin, "1111")
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: booking.confirm_box is not None)
    booking.confirm_box.defaultButton().click()
    [order] = _orders(session)
    assert order.discount_fen == 100000 and order.booked_by == studio.counter.staff_id
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.discount_approved")).one()
    assert entry.staff_id == studio.manager.staff_id and not messages


def test_without_a_managers_approval_the_discount_is_refused_and_nothing_is_booked(
        qtbot, window, session, customer):
    booking = _book_with_discount(qtbot, window, customer, "1000")
    booking.approval.reject()
    qtbot.waitUntil(lambda: booking.approval is None)
    assert "needs a manager's approval" in booking.message.text() and booking.confirm_box is None
    assert booking.isVisible() and _orders(session) == []


def test_a_manager_edits_the_discount_limits(qtbot, window, ctx, session, studio):
    _switch(window, studio.manager)
    dialog = window.open_discount_limits()
    assert isinstance(dialog, DiscountLimitsDialog)
    assert dialog.percent.value() == 10 and dialog.amount.fen() == 50000
    dialog.percent.setValue(0)
    dialog.amount.clear()
    type_text(qtbot, dialog.amount, "200")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert studio_service.discount_limits(session) == studio_service.DiscountLimits(0, 20000)


# -- the audit log ---------------------------------------------------------------------------------

@pytest.fixture
def audit_window(qtbot, window, session, studio, clock):
    record(session, studio.manager, "order.cancel", "Order 2611-0001-3", "客户取消", clock=clock)
    clock.advance(days=1)
    record(session, studio.counter, "order.discount", "Order 2611-0002-1", "500 fen: 老客户", clock=clock)
    record(session, studio.manager, "staff.lockout", "staff:2", "5 wrong PINs", clock=clock)  # a newer act
    session.commit()
    _switch(window, studio.manager)
    dialog = window.open_audit_log()
    assert isinstance(dialog, AuditDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _shown(dialog: AuditDialog) -> list[tuple[str, str, str]]:
    m = dialog.model
    return [(m.data(m.index(r, 1)), m.data(m.index(r, 3)), m.data(m.index(r, 4))) for r in range(m.rowCount())]


def test_the_audit_log_shows_acts_by_name_and_filters_by_staff_act_and_dates(qtbot, audit_window, studio, messages):
    dialog = audit_window
    shown = _shown(dialog)
    assert shown[:3] == [("王店长", "staff.lockout", "Staff member 2"), ("李前台", "Discount given", "Order 2611-0002-1"),
                         ("王店长", "Order cancelled", "Order 2611-0001-3")]
    dialog.staff.setCurrentIndex(dialog.staff.findData(studio.counter.staff_id))
    assert _shown(dialog) == [("李前台", "Discount given", "Order 2611-0002-1")]
    dialog.staff.setCurrentIndex(0)
    dialog.act.setCurrentIndex(dialog.act.findText("Order cancelled"))
    assert _shown(dialog) == [("王店长", "Order cancelled", "Order 2611-0001-3")]
    dialog.act.setCurrentIndex(0)
    type_text(qtbot, dialog.since, "2026-11-24")
    qtbot.keyClick(dialog.since, Qt.Key.Key_Tab)
    assert [s[1] for s in _shown(dialog)] == ["staff.lockout", "Discount given"]
    type_text(qtbot, dialog.until, "2026-11-23")
    qtbot.keyClick(dialog.until, Qt.Key.Key_Tab)
    assert messages == ["The end date 2026-11-23 is before the start date 2026-11-24."]
    assert act_name("order.discount_approved") == "Discount approved by a manager"


def test_the_audit_log_exports_what_the_filters_select_to_excel(qtbot, audit_window, studio, tmp_path, messages):
    dialog = audit_window
    dialog.act.setCurrentIndex(dialog.act.findText("Discount given"))
    path = tmp_path / "exports" / "audit.xlsx"
    dialog.export(path)
    qtbot.waitUntil(lambda: dialog.export_task is not None and not dialog.export_task.running, timeout=5000)
    ws = load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["Time", "Staff", "Station", "Act", "Target", "Detail"]
    assert rows[1][1:] == ["李前台", "前台1", "Discount given", "Order 2611-0002-1", "500 fen: 老客户"]
    assert rows[1][0] == dt.datetime(2026, 11, 24, 10, 0) and len(rows) == 2


def test_a_failed_audit_export_says_so_and_leaves_no_partial_file(qtbot, audit_window, tmp_path, monkeypatch,
                                                                   messages):
    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    (tmp_path / "exports").mkdir()
    path = tmp_path / "exports" / "audit.xlsx"
    audit_window.export(path)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert "No space left on device" in messages[-1] and "nothing was exported" in messages[-1]
    assert list(path.parent.iterdir()) == []
