"""The pickup query: any label or the order slip shows the whole order."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Item, ItemStatus, PaymentKind, PaymentMethod
from app.services import lifecycle
from app.services.codes import display_order_number, item_code
from app.services.customers import NewCustomer, create_customer
from app.services.errors import BadInput, NotFound
from app.services.lookup import order_sheet
from app.services.orders import BookOrder, book_order, take_payment


@pytest.fixture
def order(session, studio, clock):
    customer = create_customer(session, NewCustomer("张三", ["138 0013 8000", "+86 139 0000 1111"], partner_name="李四"),
                               studio.counter, clock=clock)
    order = book_order(session, BookOrder(customer.id, studio.single, deposit_fen=100000), studio.counter, clock=clock)
    lifecycle.transition(session, order.items[0].code, ItemStatus.SENT, studio.production, clock=clock)
    return order


def test_any_label_or_the_slip_shows_the_whole_order(session, order):
    codes = [i.code for i in session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq))]
    by_slip = order_sheet(session, display_order_number(order.number))
    assert [i.code for i in by_slip.items] == codes and by_slip.scanned_item_seq is None
    for seq, code in enumerate(codes, start=1):
        sheet = order_sheet(session, f" {code}\n")
        assert sheet.items == by_slip.items and sheet.scanned_item_seq == seq
    assert [i.status for i in by_slip.items] == [ItemStatus.SENT] + [ItemStatus.WAITING] * 3
    assert by_slip.items[0].expected_return is not None and by_slip.items[0].session_name == "婚纱照"
    assert (by_slip.customer_name, by_slip.partner_name) == ("张三", "李四")
    assert sorted(by_slip.phones) == ["+86 139 0000 1111", "138 0013 8000"]


def test_the_sheet_carries_the_balance_due(session, studio, clock, order):
    assert order_sheet(session, display_order_number(order.number)).balance.due_fen == 599900 - 100000
    take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, 499900, studio.counter, clock=clock)
    assert order_sheet(session, display_order_number(order.number)).balance.due_fen == 0


def test_a_misread_label_is_refused_never_matched(session, order):
    code = order.items[0].code
    with pytest.raises(BadInput):
        order_sheet(session, code[:-1] + str((int(code[-1]) + 1) % 10))
    with pytest.raises(NotFound):
        order_sheet(session, display_order_number("2611-0999"))
    with pytest.raises(NotFound):
        order_sheet(session, item_code(order.number, 42))


def test_a_scanned_order_number_without_its_check_character_is_refused(session, order):
    with pytest.raises(BadInput, match="scan the slip's barcode or type the number with its check character"):
        order_sheet(session, order.number)
    assert order_sheet(session, display_order_number(order.number)).order_id == order.id


def test_an_order_number_with_a_wrong_check_character_opens_no_order(session, studio, clock, order):
    # the neighbouring numbers exist: a typo of the last digit would have named one of them
    others = [book_order(session, BookOrder(order.customer_id, studio.single), studio.counter, clock=clock)
              for _ in range(10)]
    assert {o.number[:-1] for o in others} >= {order.number[:-1]}
    good = display_order_number(order.number)
    for digit in "0123456789":
        wrong = good[:-1] + digit
        if wrong == good:
            continue
        with pytest.raises(BadInput, match="check the number"):
            order_sheet(session, wrong)


def test_the_sheet_shows_the_order_number_with_its_check_character(session, order):
    sheet = order_sheet(session, order.items[0].code)
    assert sheet.number == order.number and sheet.checked_number == display_order_number(order.number)
    with pytest.raises(NotFound) as missing:
        order_sheet(session, display_order_number("2611-0999"))
    assert display_order_number("2611-0999") in missing.value.message
