"""Who may do what (issue 10): each role gets what its job needs and services refuse the rest
with nothing written; discounts above the studio's limit need a manager's name and PIN; money
enters services only as integer fen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import (
    AuditEntry, Customer, Item, ItemStatus, LabPrice, Order, Package, PackageKind, Payment, PaymentKind,
    PaymentMethod,
)
from app.services import catalogue, lifecycle, studio as studio_service
from app.services.customers import NewCustomer, create_customer, update_customer
from app.services.errors import BadInput, NotAllowed
from app.services.orders import BookOrder, Extra, book_order, needs_discount_approval, take_payment
from app.services.staff import verify_manager

from .helpers import drive, event_count, first_lab_item, new_order

S = ItemStatus


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _customer(session, studio, clock, phone: str = "13900139000") -> int:
    return create_customer(session, NewCustomer("周九", [phone]), studio.counter, clock=clock).id


# -- roles ------------------------------------------------------------------------------------

def test_a_production_member_cannot_take_a_payment_and_nothing_is_written(session, studio, clock):
    order = new_order(session, studio, clock)
    with pytest.raises(NotAllowed):
        take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, 1000, studio.production, clock=clock)
    assert _count(session, Payment) == 0
    take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, 1000, studio.counter, clock=clock)
    assert _count(session, Payment) == 1


def test_a_production_member_cannot_book_an_order_or_edit_customers(session, studio, clock):
    customer = _customer(session, studio, clock)
    with pytest.raises(NotAllowed):
        book_order(session, BookOrder(customer, studio.single), studio.production, clock=clock)
    with pytest.raises(NotAllowed):
        create_customer(session, NewCustomer("吴十", ["13700137000"]), studio.production, clock=clock)
    with pytest.raises(NotAllowed):
        update_customer(session, customer, NewCustomer("改名", ["13900139000"]), studio.production, clock=clock)
    assert _count(session, Order) == 0 and _count(session, Customer) == 1
    assert session.get(Customer, customer).name == "周九"


def test_a_counter_clerk_cannot_send_receive_or_check_items_and_nothing_is_written(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    before = event_count(session)
    for target in (S.SENT, S.READY):
        with pytest.raises(NotAllowed):
            lifecycle.transition(session, item.code, target, studio.counter, clock=clock)
    with pytest.raises(NotAllowed):
        lifecycle.transition_many(session, [i.code for i in order.items], S.SENT, studio.counter, clock=clock)
    session.expire_all()
    assert session.get(Item, item.id).status is S.WAITING and event_count(session) == before
    drive(session, item.code, S.RETURNED, studio.production, clock)
    with pytest.raises(NotAllowed):
        lifecycle.transition(session, item.code, S.REWORK, studio.counter, reason="色偏", clock=clock)
    assert session.get(Item, item.id).status is S.RETURNED


def test_only_the_counter_hands_items_over_production_does_not(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    item = first_lab_item(session, order)
    drive(session, item.code, S.READY, studio.production, clock)
    with pytest.raises(NotAllowed):
        lifecycle.transition(session, item.code, S.PICKED_UP, studio.production, clock=clock)
    assert session.get(Item, item.id).status is S.READY
    lifecycle.transition(session, item.code, S.PICKED_UP, studio.counter, clock=clock)
    assert session.get(Item, item.id).status is S.PICKED_UP


def test_settings_and_discount_limits_are_the_managers(session, studio, clock):
    for who in (studio.counter, studio.production):
        with pytest.raises(NotAllowed):
            studio_service.set_discount_limits(session, 50, 100000, who, clock=clock)
    assert studio_service.discount_limits(session) == studio_service.DiscountLimits(10, 50000)
    assert studio_service.set_discount_limits(session, 5, 20000, studio.manager, clock=clock).percent == 5
    assert studio_service.discount_limits(session) == studio_service.DiscountLimits(5, 20000)
    for percent, fen in [(-1, 0), (101, 0), (10, -1), (10.5, 0), (10, 99.5)]:
        with pytest.raises(BadInput):
            studio_service.set_discount_limits(session, percent, fen, studio.manager, clock=clock)
    assert studio_service.discount_limits(session) == studio_service.DiscountLimits(5, 20000)
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "setting.discount_limits")).one()


# -- discounts ------------------------------------------------------------------------------
# The single package costs ¥5,999.00: 10% is ¥599.90, so the ¥500 amount limit bites first.

def _discounted(customer: int, studio, fen: int) -> BookOrder:
    return BookOrder(customer, studio.single, discount_fen=fen, discount_reason="老客户")


def test_a_clerk_gives_a_discount_within_the_limit_alone(session, studio, clock):
    customer = _customer(session, studio, clock)
    assert not needs_discount_approval(session, _discounted(customer, studio, 50000), studio.counter)
    order = book_order(session, _discounted(customer, studio, 50000), studio.counter, clock=clock)
    assert order.discount_fen == 50000
    assert session.scalars(select(AuditEntry.action).where(AuditEntry.target == f"order:{order.number}")).all() == [
        "order.discount"]


def test_a_discount_above_the_limit_is_refused_without_a_managers_approval(session, studio, clock):
    customer = _customer(session, studio, clock)
    studio_service.set_discount_limits(session, 10, 100000, studio.manager, clock=clock)  # now 10% bites first
    for fen in (50001 + 50000, 60000):  # above ¥1,000; above 10% of ¥5,999
        assert needs_discount_approval(session, _discounted(customer, studio, fen), studio.counter)
        with pytest.raises(NotAllowed):
            book_order(session, _discounted(customer, studio, fen), studio.counter, clock=clock)
    assert _count(session, Order) == 0 and _count(session, Item) == 0
    book_order(session, _discounted(customer, studio, 59990), studio.counter, clock=clock)  # exactly 10%


def test_a_managers_name_and_pin_approve_a_larger_discount_and_the_approval_is_audited(session, studio, clock):
    customer = _customer(session, studio, clock)
    boss = verify_manager(session, "王店长", "1111", station=studio.counter.station)
    order = book_order(session, _discounted(customer, studio, 300000), studio.counter, approved_by=boss, clock=clock)
    assert order.discount_fen == 300000 and order.booked_by == studio.counter.staff_id
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "order.discount_approved")).one()
    assert entry.staff_id == studio.manager.staff_id and entry.target == f"order:{order.number}"
    assert "王店长" in entry.detail and "李前台" in entry.detail and "300000" in entry.detail
    with pytest.raises(NotAllowed):  # a clerk cannot approve for a clerk
        book_order(session, _discounted(customer, studio, 300000), studio.counter, approved_by=studio.counter,
                   clock=clock)


def test_a_wrong_manager_pin_approves_nothing(session, studio, clock):
    with pytest.raises(NotAllowed):
        verify_manager(session, "王店长", "2222")
    with pytest.raises(NotAllowed):
        verify_manager(session, "李前台", "2222")  # right PIN, but not a manager


def test_a_limit_of_zero_means_every_discount_needs_a_manager(session, studio, clock):
    customer = _customer(session, studio, clock)
    for percent, fen in [(0, 50000), (10, 0)]:
        studio_service.set_discount_limits(session, percent, fen, studio.manager, clock=clock)
        with pytest.raises(NotAllowed):
            book_order(session, _discounted(customer, studio, 1), studio.counter, clock=clock)
    book_order(session, BookOrder(customer, studio.single), studio.counter, clock=clock)  # no discount: fine
    book_order(session, _discounted(customer, studio, 1), studio.manager, clock=clock)  # a manager gives it alone
    assert _count(session, Order) == 2


# -- money as integer fen -----------------------------------------------------------------------

@pytest.mark.parametrize("amount", [100.0, Decimal("100"), True])
def test_money_enters_services_only_as_integer_fen(session, studio, clock, amount):
    customer = _customer(session, studio, clock)
    order = book_order(session, BookOrder(customer, studio.single), studio.counter, clock=clock)
    bad_calls = [
        lambda: book_order(session, BookOrder(customer, studio.single, discount_fen=amount, discount_reason="x"),
                           studio.counter, clock=clock),
        lambda: book_order(session, BookOrder(customer, studio.single, deposit_fen=amount), studio.counter, clock=clock),
        lambda: book_order(session, BookOrder(customer, studio.single, extras=[Extra(studio.frame, amount)]),
                           studio.counter, clock=clock),
        lambda: take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, amount, studio.counter,
                             clock=clock),
        lambda: catalogue.save_package(session, studio.manager, id=None, name="新套系", kind=PackageKind.SINGLE,
                                       price_fen=amount, session_plan=["拍摄"], lines=[], clock=clock),
        lambda: catalogue.save_lab(session, studio.manager, id=studio.lab, name="金彩相册厂", default_turnaround_days=7,
                                   prices={studio.album: (amount, 10)}, clock=clock),
    ]
    for call in bad_calls:
        with pytest.raises(BadInput, match="Amounts are whole fen"):
            call()
    session.rollback()
    assert _count(session, Order) == 1 and _count(session, Payment) == 0 and _count(session, Package) == 2
    assert session.scalars(select(LabPrice.price_fen)).all() == [38000]
