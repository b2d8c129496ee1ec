"""Balances: one definition of what is due, the same on every screen; refunds due on cancelled orders."""

from __future__ import annotations

from app.models import PaymentKind, PaymentMethod
from app.services.balance import Balance, order_balance
from app.services.customers import NewCustomer, create_customer
from app.services.lookup import sheet_of_order
from app.services.orders import BookOrder, book_order, cancel_order, take_payment
from app.services.records import customer_file, order_detail
from app.services.search import search

DEPOSIT = 100000


def _order_with_deposit(session, studio, clock):
    customer = create_customer(session, NewCustomer(name="张三", phones=["13800138000"]), studio.counter, clock=clock)
    return book_order(session, BookOrder(customer_id=customer.id, package_id=studio.single, deposit_fen=DEPOSIT),
                      studio.counter, clock=clock)


def _every_view(session, order, clock) -> list[Balance | int | None]:
    """What each screen shows as due (search shows only the number)."""
    return [
        order_balance(session, order.id),
        sheet_of_order(session, order.number).balance,
        order_detail(session, order.id, clock=clock).balance,
        customer_file(session, order.customer_id).orders[0].balance,
        search(session, order.number)[0].due_fen,
    ]


def test_a_live_order_owes_its_price_less_what_was_paid(session, studio, clock):
    order = _order_with_deposit(session, studio, clock)
    balance = order_balance(session, order.id)
    assert (balance.total_fen, balance.paid_fen, balance.due_fen, balance.refund_due_fen) == (
        599900, DEPOSIT, 599900 - DEPOSIT, 0)


def test_a_cancelled_order_with_a_deposit_owes_nothing_and_shows_the_deposit_as_refund_due(session, studio, clock):
    order = _order_with_deposit(session, studio, clock)
    cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    balance = order_balance(session, order.id)
    assert balance.cancelled and balance.due_fen == 0 and balance.refund_due_fen == DEPOSIT


def test_refunding_a_cancelled_order_leaves_no_refund_due(session, studio, clock):
    order = _order_with_deposit(session, studio, clock)
    cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, DEPOSIT - 30000, studio.manager,
                 note="退订金", clock=clock)
    assert order_balance(session, order.id).refund_due_fen == 30000
    take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 30000, studio.manager,
                 note="退订金", clock=clock)
    balance = order_balance(session, order.id)
    assert (balance.due_fen, balance.refund_due_fen, balance.paid_fen) == (0, 0, 0)


def test_search_pickup_sheet_detail_and_customer_file_agree_on_what_is_due(session, studio, clock):
    order = _order_with_deposit(session, studio, clock)
    live = _every_view(session, order, clock)
    assert live[:4] == [Balance(599900, DEPOSIT, False)] * 4 and live[4] == 599900 - DEPOSIT
    cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    cancelled = _every_view(session, order, clock)
    assert cancelled[:4] == [Balance(599900, DEPOSIT, True)] * 4 and cancelled[4] == 0
