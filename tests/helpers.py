"""Small builders shared by tests: a customer with an order, an item in a given state."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Item, ItemEvent, ItemStatus, Order, PaymentKind, PaymentMethod
from app.services import lifecycle
from app.services.clock import FixedClock
from app.services.customers import NewCustomer, create_customer
from app.services.orders import BookOrder, book_order, take_payment
from app.services.balance import order_balance

S = ItemStatus


def new_order(session: Session, studio, clock: FixedClock, *, package: int | None = None, paid: bool = False,
              name: str = "张三", phone: str = "13800138000") -> Order:
    customer = create_customer(session, NewCustomer(name=name, phones=[phone]), studio.counter, clock=clock)
    order = book_order(session, BookOrder(customer_id=customer.id, package_id=package or studio.single),
                       studio.counter, clock=clock)
    if paid:
        take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH,
                     order_balance(session, order.id).due_fen, studio.counter, clock=clock)
    return order


def first_lab_item(session: Session, order: Order) -> Item:
    """The order's first item that a lab makes (the album)."""
    return session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).first()


# The legal route from waiting to each state, for an item a lab makes.
ROUTE = {
    S.WAITING: [],
    S.SENT: [S.SENT],
    S.RETURNED: [S.SENT, S.RETURNED],
    S.REWORK: [S.SENT, S.RETURNED, S.REWORK],
    S.READY: [S.SENT, S.RETURNED, S.READY],
    S.PICKED_UP: [S.SENT, S.RETURNED, S.READY, S.PICKED_UP],
    S.CANCELLED: [S.CANCELLED],
}


def drive(session: Session, code: str, state: ItemStatus, actor, clock: FixedClock) -> None:
    for step in ROUTE[state]:
        clock.advance(minutes=1)
        lifecycle.transition(session, code, step, actor, reason="测试原因", clock=clock)


def event_count(session: Session, item_id: int | None = None) -> int:
    q = select(func.count(ItemEvent.id))
    if item_id is not None:
        q = q.where(ItemEvent.item_id == item_id)
    return session.scalar(q) or 0


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a person: ASCII key by key; Chinese as an input method commits it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def libreoffice() -> str:
    """Headless LibreOffice, which recalculates the workbooks we write (openpyxl cannot): missing
    means a broken install, not a reason to skip (scripts/test.sh installs libreoffice-calc-nogui)."""
    import shutil

    path = shutil.which("soffice") or shutil.which("libreoffice")
    assert path is not None, "soffice not found: install libreoffice-calc-nogui (CI does; the workbook checks need it)"
    return path
