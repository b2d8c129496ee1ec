"""Customers: phone normalisation, duplicate phones, search by phone tail and name."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Customer
from app.services.customers import NewCustomer, create_customer, customers_with_phone, normalise_phone, search_customers
from app.services.errors import BadInput, NotFound


@pytest.mark.parametrize(("raw", "digits"), [
    ("13800138000", "13800138000"), ("138 0013 8000", "13800138000"), ("+86 138-0013-8000", "13800138000"),
    ("0086 13800138000", "13800138000"), ("(021) 6234 5678", "2162345678"), ("+1 650 253 0000", "16502530000"),
])
def test_phones_are_normalised(raw, digits):
    assert normalise_phone(raw) == digits


@pytest.mark.parametrize("raw", ["", "1380013800A", "call me", "123", "+86"])
def test_bad_phones_are_refused(raw):
    with pytest.raises(BadInput):
        normalise_phone(raw)


def test_bad_phone_saves_nothing(session, studio):
    with pytest.raises(BadInput):
        create_customer(session, NewCustomer("张三", ["1380013800A"]), studio.counter)
    assert session.scalars(select(Customer)).all() == []


@pytest.fixture
def people(session, studio):
    made = {}
    for name, partner, phone in [("张三", "李四", "138 0013 1234"), ("王小明", None, "+86 13912345678"),
                                 ("张三丰", None, "13700005555"), ("Anna Smith", None, "13600001111")]:
        made[name] = create_customer(session, NewCustomer(name, [phone], partner_name=partner), studio.counter)
    return made


@pytest.mark.parametrize(("query", "expected"), [
    ("1234", {"张三"}), ("5678", {"王小明"}), ("345678", {"王小明"}), ("0013 1234", {"张三"}), ("0013-1234", {"张三"}),
    ("张三", {"张三", "张三丰"}), ("三丰", {"张三丰"}), ("小明", {"王小明"}), ("李四", {"张三"}),
    ("zs", {"张三", "张三丰"}), ("wxm", {"王小明"}), ("xm", {"王小明"}), ("zhangsan", {"张三", "张三丰"}),
    ("ZS", {"张三", "张三丰"}), ("smith", {"Anna Smith"}), ("anna", {"Anna Smith"}),
    ("999", set()), ("赵", set()), ("", set()), ("   ", set()),
])
def test_search_by_phone_tail_name_fragment_and_pinyin_initials(session, people, query, expected):
    assert {h.name for h in search_customers(session, query)} == expected


def test_duplicate_phones_are_found_before_creating(session, people):
    assert [c.name for c in customers_with_phone(session, "+86 138-0013-1234")] == ["张三"]
    assert customers_with_phone(session, "13100000000") == []


def test_unknown_referrer_is_refused(session, studio):
    with pytest.raises(NotFound):
        create_customer(session, NewCustomer("张三", ["13800138000"], referrer_id=42), studio.counter)


def test_customer_name_for_titles(session, people):
    from app.services.customers import customer_name

    assert customer_name(session, people["张三"].id) == "张三"
    with pytest.raises(NotFound):
        customer_name(session, 999)
