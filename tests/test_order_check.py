"""Order numbers carry a check character wherever people read, type or scan them: a typo
never opens another customer's order; a number typed without it only lists its order."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import ItemStatus, Order
from app.services import lifecycle, orders as order_service
from app.services.codes import WrongCheck, display_order_number, order_number_from_text
from app.services.errors import BadInput, ScanRefused
from app.services.records import customer_file, order_detail
from app.services.search import search

from .helpers import drive, first_lab_item, new_order


def _wrong(checked: str) -> str:
    return checked[:-1] + str((int(checked[-1]) + 1) % 10)


def test_stored_order_numbers_stay_without_the_check_character(session, studio, clock):
    order = new_order(session, studio, clock)
    assert session.scalar(select(Order.number).where(Order.id == order.id)) == "2611-0001"
    assert display_order_number(order.number) == "2611-0001-" + display_order_number(order.number)[-1]


def test_a_bare_order_number_typed_lists_the_order_with_the_customers_name_marked_unchecked(
        session, studio, clock):
    order = new_order(session, studio, clock, name="张三")
    new_order(session, studio, clock, name="王五")
    rows = search(session, order.number)
    assert [(r.customer_name, r.order_id, r.unchecked) for r in rows] == [("张三", order.id, True)]
    assert rows[0].checked_number == display_order_number(order.number)


def test_a_checked_order_number_or_item_code_typed_lists_the_order_unmarked(session, studio, clock):
    order = new_order(session, studio, clock, name="张三")
    for text in [display_order_number(order.number), order.items[0].code, "138 0013 8000"[-4:]]:
        rows = search(session, text)
        assert [(r.order_id, r.unchecked) for r in rows] == [(order.id, False)], text


def test_a_number_typed_with_a_wrong_check_character_is_refused_by_the_search(session, studio, clock):
    order = new_order(session, studio, clock)
    for _ in range(9):  # the neighbouring numbers exist
        new_order(session, studio, clock)
    for wrong in [_wrong(display_order_number(order.number)), _wrong(order.items[0].code)]:
        with pytest.raises(WrongCheck) as refused:
            search(session, wrong)
        assert wrong in refused.value.message and "check character" in refused.value.message
    with pytest.raises(WrongCheck, match="check the number"):
        search(session, _wrong(display_order_number(order.number)))


def test_the_customer_file_and_order_detail_name_orders_with_their_check_character(session, studio, clock):
    order = new_order(session, studio, clock)
    file = customer_file(session, order.customer_id)  # reads every order of the customer by its stored number
    assert [o.checked_number for o in file.orders] == [display_order_number(order.number)]
    assert order_detail(session, order.id, clock=clock).checked_number == display_order_number(order.number)


def test_service_messages_name_orders_with_their_check_character(session, studio, clock):
    order = new_order(session, studio, clock)
    checked = display_order_number(order.number)
    item = first_lab_item(session, order)
    drive(session, item.code, ItemStatus.READY, studio.production, clock)
    with pytest.raises(ScanRefused) as owes:
        lifecycle.transition(session, item.code, ItemStatus.PICKED_UP, studio.counter, clock=clock)
    assert f"Order {checked} still owes" in owes.value.message
    with pytest.raises(BadInput) as slip:
        lifecycle.transition(session, checked, ItemStatus.SENT, studio.production, clock=clock)
    assert slip.value.message.startswith(f"{checked} is an order number")
    order_service.cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    with pytest.raises(BadInput) as again:
        order_service.cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    assert again.value.message == f"Order {checked} is already cancelled."


def test_a_lab_statement_may_name_orders_with_or_without_the_check_character(session, studio, clock):
    order = new_order(session, studio, clock)
    checked = display_order_number(order.number)
    assert order_number_from_text(order.number) == order_number_from_text(checked) == order.number
    with pytest.raises(WrongCheck):
        order_number_from_text(_wrong(checked))
