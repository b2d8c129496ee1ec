"""Booking orders from packages, numbers, payments and balances."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Item, ItemEvent, ItemStatus, Order, Package, PaymentKind, PaymentMethod
from app.models.db import make_session_factory
from app.services.clock import FixedClock
from app.services.codes import parse_code
from app.services.customers import NewCustomer, create_customer
from app.services.errors import BadInput, NotAllowed, NotFound
from app.services.orders import BookOrder, Extra, SessionPlan, book_order, take_payment
from app.services.balance import order_balance

from .helpers import new_order


def test_booking_expands_package_lines_into_coded_items(session, studio, clock):
    order = new_order(session, studio, clock)
    assert order.number == "2611-0001"
    items = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).all()
    assert [i.product_type_id for i in items] == [studio.album, studio.frame, studio.frame, studio.digital]
    assert [parse_code(i.code).item_seq for i in items] == [1, 2, 3, 4]
    assert all(i.status is ItemStatus.WAITING for i in items)
    events = session.scalars(select(ItemEvent)).all()
    assert len(events) == 4 and all(e.from_status is None and e.to_status is ItemStatus.WAITING for e in events)
    assert items[0].lab_id == studio.lab and items[3].lab_id is None


def test_order_numbers_count_up_within_a_month_and_restart_the_next(session, studio, clock):
    numbers = [new_order(session, studio, clock, phone=f"1380013800{i}").number for i in range(3)]
    assert numbers == ["2611-0001", "2611-0002", "2611-0003"]
    clock.moment = dt.datetime(2026, 12, 1, 2, tzinfo=dt.timezone.utc)
    assert new_order(session, studio, clock, phone="13900139000").number == "2612-0001"


def test_two_stations_booking_at_the_same_moment_get_different_numbers(engine, session, studio, clock):
    customer = create_customer(session, NewCustomer("陈七", ["13700137000"]), studio.counter, clock=clock)
    factory = make_session_factory(engine)
    barrier = threading.Barrier(2)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def station() -> None:
        try:
            with factory() as s:
                barrier.wait()
                for _ in range(8):
                    numbers.append(book_order(s, BookOrder(customer.id, studio.single), studio.counter,
                                              clock=FixedClock()).number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=station) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"2611-{n:04d}" for n in range(1, 17)]


def test_growth_package_plans_its_sessions(session, studio, clock):
    order = new_order(session, studio, clock, package=studio.growth)
    assert [s.name for s in order.sessions] == ["百天", "周岁", "两周岁"]
    per_session = {}
    for item in session.scalars(select(Item).where(Item.order_id == order.id)):
        per_session.setdefault(item.session_id, []).append(item.product_type_id)
    assert [sorted(per_session[s.id]) for s in order.sessions] == [sorted([studio.album, studio.digital])] * 3


def test_dates_discount_and_extras_are_checked(session, studio, clock):
    customer = create_customer(session, NewCustomer("赵六", ["13600136000"]), studio.counter, clock=clock)
    day = dt.date(2026, 12, 1)
    bad = [
        BookOrder(customer.id, studio.single, sessions=[SessionPlan("婚纱照", day, day - dt.timedelta(days=1))]),
        BookOrder(customer.id, studio.single, sessions=[SessionPlan("婚纱照", day, day, day - dt.timedelta(days=2))]),
        BookOrder(customer.id, studio.single, discount_fen=10000),
        BookOrder(customer.id, studio.single, discount_fen=-1, discount_reason="x"),
        BookOrder(customer.id, studio.single, discount_fen=10**9, discount_reason="x"),
        BookOrder(customer.id, studio.single, extras=[Extra(studio.frame, -5)]),
        BookOrder(customer.id, studio.single, extras=[Extra(studio.frame, 500, session_index=3)]),
        BookOrder(customer.id, studio.single, sessions=[SessionPlan("  ")]),
        BookOrder(customer.id, studio.single, deposit_fen=-100),
    ]
    for data in bad:
        with pytest.raises(BadInput):
            book_order(session, data, studio.counter, clock=clock)
    with pytest.raises(NotFound):
        book_order(session, BookOrder(9999, studio.single), studio.counter, clock=clock)
    with pytest.raises(NotFound):
        book_order(session, BookOrder(customer.id, 9999), studio.counter, clock=clock)
    assert session.scalars(select(Order)).all() == []
    assert session.scalars(select(Item)).all() == []


def test_balance_counts_extras_discount_deposit_and_refund(session, studio, clock):
    customer = create_customer(session, NewCustomer("钱八", ["13500135000"]), studio.counter, clock=clock)
    order = book_order(session, BookOrder(
        customer.id, studio.single, extras=[Extra(studio.frame, 50000, description="加选摆台")],
        discount_fen=20000, discount_reason="老客户", deposit_fen=100000), studio.counter, clock=clock)
    bal = order_balance(session, order.id)
    assert (bal.total_fen, bal.paid_fen, bal.due_fen) == (599900 + 50000 - 20000, 100000, 529900)
    take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.WECHAT, 529900, studio.counter, clock=clock)
    assert order_balance(session, order.id).due_fen == 0
    with pytest.raises(NotAllowed):
        take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 100, studio.counter, note="x",
                     clock=clock)
    take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 5000, studio.manager, note="少一个摆台",
                 clock=clock)
    assert order_balance(session, order.id).due_fen == 5000
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "payment.refund")).one()
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "order.discount")).one()


@pytest.mark.parametrize("amount", [0, -100, 12.5, True])
def test_payment_amounts_must_be_positive_whole_fen(session, studio, clock, amount):
    order = new_order(session, studio, clock)
    with pytest.raises(BadInput):
        take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, amount, studio.counter, clock=clock)


def test_refund_cannot_exceed_what_was_paid(session, studio, clock):
    order = new_order(session, studio, clock)
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 1000, studio.counter, clock=clock)
    with pytest.raises(BadInput):
        take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 1001, studio.manager, note="x",
                     clock=clock)


def test_changing_a_package_price_never_changes_booked_orders(session, studio, clock):
    order = new_order(session, studio, clock)
    before = order_balance(session, order.id).total_fen
    session.get(Package, studio.single).price_fen = 1
    session.commit()
    assert order_balance(session, order.id).total_fen == before


def test_enum_arguments_as_plain_strings_get_the_same_rules(session, studio, clock):
    """Qt hands enum values back as plain strings: the refund rule must still hold."""
    order = new_order(session, studio, clock)
    take_payment(session, order.id, "deposit", "wechat", 1000, studio.counter, clock=clock)
    with pytest.raises(NotAllowed):
        take_payment(session, order.id, "refund", "cash", 500, studio.counter, note="x", clock=clock)
    with pytest.raises(BadInput):
        take_payment(session, order.id, "gift", "cash", 500, studio.counter, clock=clock)
    assert order_balance(session, order.id).paid_fen == 1000
