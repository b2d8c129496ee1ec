"""Text people type: every limit is checked in the services with a message naming the field;
NUL and half characters are refused at the field; rare CJK characters outside the Basic
Multilingual Plane work in every field and in search (on SQLite and PostgreSQL)."""

from __future__ import annotations

import socket
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import func, select

from app.models import (
    Choice, ChoiceKind, Customer, CustomerPhone, Item, ItemEvent, Lab, Order, Package, PackageKind,
    Payment, PaymentKind, PaymentMethod, ProductCategory, ProductType, Setting, ShootSession, Staff,
)
from app.services import catalogue, choices, lifecycle, search as search_service, studio as studio_service
from app.services.customers import NewCustomer, create_customer, prefix_upper_bound, search_customers, update_customer
from app.services.codes import WrongCheck
from app.services.errors import BadInput
from app.services.orders import BookOrder, Extra, SessionPlan, book_order, cancel_order, take_payment
from app.services.staff import Role, create_staff
from app.services.text import FIELD_TEXT, checked_text, default_station, max_length, station_name

from .helpers import S, drive, first_lab_item, new_order

RARE = "𠀀𪚥𠮷𡃁"  # CJK Extensions B and beyond: outside the Basic Multilingual Plane, in real names


def test_limits_are_read_from_the_model_columns():
    assert max_length(Customer.name) == Customer.__table__.c.name.type.length == 40
    assert max_length(Customer.notes) is None  # Text: no limit, still no NUL
    assert checked_text("  张三 ", FIELD_TEXT["customer_name"], Customer.name) == "张三"
    assert checked_text("   ", FIELD_TEXT["customer_name"], Customer.name) is None
    assert checked_text(RARE * 10, FIELD_TEXT["customer_name"], Customer.name) == RARE * 10  # characters, not bytes
    with pytest.raises(BadInput) as err:
        checked_text("张" * 41, FIELD_TEXT["customer_name"], Customer.name)
    assert str(err.value) == "The customer's name has 41 characters; at most 40 fit."


# Each field a service writes: (what to fill it with -> the call), the column it goes into.
def _customer(session, studio, clock, value, field):
    data = NewCustomer(name="张三", phones=["13800138000"])
    if field == "phones":
        data.phones = [value]
    elif field == "phone_labels":
        data.phone_labels = [value]
    else:
        setattr(data, field, value)
    return create_customer(session, data, studio.counter, clock=clock)


def _order(session, studio, clock, **book):
    customer = create_customer(session, NewCustomer(name="李四", phones=["13900139000"]), studio.counter, clock=clock)
    return book_order(session, BookOrder(customer_id=customer.id, package_id=studio.single, **book), studio.counter,
                      clock=clock)


def _ready(session, studio, clock, **kw):
    order = new_order(session, studio, clock, paid=True)
    item = first_lab_item(session, order)
    drive(session, item.code, S.RETURNED, studio.manager, clock)
    return lifecycle.transition(session, item.code, S.READY, studio.production, clock=clock, **kw)


def _rework(session, studio, clock, value):
    order = new_order(session, studio, clock)
    code = first_lab_item(session, order).code
    drive(session, code, S.RETURNED, studio.manager, clock)
    return lifecycle.transition(session, code, S.REWORK, studio.production, reason=value, clock=clock)


def _staff_named(session, studio, clock, value):
    return create_staff(session, value, Role.COUNTER, "5555", by=studio.manager, clock=clock)


def _refund(session, studio, clock, value):
    order = new_order(session, studio, clock, paid=True)
    return take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 100, studio.manager, note=value,
                        clock=clock)


def _station(session, studio, clock, value):
    order = new_order(session, studio, clock)
    return lifecycle.transition_many(session, [first_lab_item(session, order).code], S.SENT,
                                     replace(studio.production, station=value), clock=clock)


FIELDS = {
    "customer name": (lambda s, st_, c, v: _customer(s, st_, c, v, "name"), Customer.name),
    "partner name": (lambda s, st_, c, v: _customer(s, st_, c, v, "partner_name"), Customer.partner_name),
    "address": (lambda s, st_, c, v: _customer(s, st_, c, v, "address"), Customer.address),
    "customer notes": (lambda s, st_, c, v: _customer(s, st_, c, v, "notes"), Customer.notes),
    "phone label": (lambda s, st_, c, v: _customer(s, st_, c, v, "phone_labels"), CustomerPhone.label),
    "session name": (lambda s, st_, c, v: _order(s, st_, c, sessions=[SessionPlan(v)]), ShootSession.name),
    "discount reason": (lambda s, st_, c, v: _order(s, st_, c, discount_fen=100, discount_reason=v),
                        Order.discount_reason),
    "order notes": (lambda s, st_, c, v: _order(s, st_, c, notes=v), Order.notes),
    "extra description": (lambda s, st_, c, v: _order(s, st_, c, extras=[Extra(st_.frame, 100, 0, v)]),
                          Item.description),
    "refund note": (_refund, Payment.note),
    "cancel reason": (lambda s, st_, c, v: cancel_order(s, new_order(s, st_, c).id, v, st_.manager, clock=c),
                      ItemEvent.reason),
    "rework reason": (lambda s, st_, c, v: _rework(s, st_, c, v), ItemEvent.reason),
    "scan note": (lambda s, st_, c, v: lifecycle.transition(
        s, first_lab_item(s, new_order(s, st_, c)).code, S.SENT, st_.production, note=v, clock=c), ItemEvent.note),
    "batch note": (lambda s, st_, c, v: lifecycle.transition_many(
        s, [first_lab_item(s, new_order(s, st_, c)).code], S.SENT, st_.production, note=v, clock=c), ItemEvent.note),
    "shelf": (lambda s, st_, c, v: _ready(s, st_, c, shelf=v), Item.shelf),
    "station": (_station, ItemEvent.station),
    "staff name": (_staff_named, Staff.name),
    "studio name": (lambda s, st_, c, v: studio_service.set_setting(s, studio_service.STUDIO_NAME, v, st_.manager,
                                                                    clock=c), Setting.value),
    "product name": (lambda s, st_, c, v: catalogue.save_product_type(
        s, st_.manager, id=None, name=v, category=ProductCategory.ALBUM, in_house=False, default_lab_id=None,
        clock=c), ProductType.name),
    "lab name": (lambda s, st_, c, v: catalogue.save_lab(s, st_.manager, id=None, name=v, default_turnaround_days=7,
                                                         clock=c), Lab.name),
    "lab contact": (lambda s, st_, c, v: catalogue.save_lab(s, st_.manager, id=None, name="新厂", contact=v,
                                                            default_turnaround_days=7, clock=c), Lab.contact),
    "lab phone": (lambda s, st_, c, v: catalogue.save_lab(s, st_.manager, id=None, name="新厂", phone=v,
                                                          default_turnaround_days=7, clock=c), Lab.phone),
    "package name": (lambda s, st_, c, v: catalogue.save_package(
        s, st_.manager, id=None, name=v, kind=PackageKind.SINGLE, price_fen=100, session_plan=["拍摄"], lines=[],
        clock=c), Package.name),
    "package session": (lambda s, st_, c, v: catalogue.save_package(
        s, st_.manager, id=None, name="新套系", kind=PackageKind.SINGLE, price_fen=100, session_plan=[v], lines=[],
        clock=c), ShootSession.name),
    "complaint category": (lambda s, st_, c, v: choices.add(s, st_.manager, ChoiceKind.COMPLAINT_CATEGORY,
                                                           name_zh=v, clock=c), Choice.name_zh),
    "rework reason in English": (lambda s, st_, c, v: choices.add(s, st_.manager, ChoiceKind.REWORK_REASON,
                                                                 name_en=v, clock=c), Choice.name_en),
}


def _fill(column, n: int) -> str:
    """n characters that fit the column: rare CJK for names, digits for a phone."""
    if column is Lab.phone:
        return "1" * n
    return (RARE * n)[:n]


@pytest.mark.parametrize("name", list(FIELDS))
def test_each_field_over_its_limit_is_refused_naming_it_and_nothing_is_written(session, studio, clock, name):
    call, column = FIELDS[name]
    limit = max_length(column)
    call(session, studio, clock, _fill(column, limit or 2000))  # exactly the limit, in rare characters: stored
    if limit is None:
        return
    session.expire_all()
    longest = select(func.max(func.length(column)))
    assert session.scalar(longest) == limit or column is ShootSession.name  # (a package's plan is JSON)
    with pytest.raises(BadInput) as err:
        call(session, studio, clock, _fill(column, limit + 1) + "\u3000")  # blanks around do not count
    assert str(err.value).endswith(f" has {limit + 1} characters; at most {limit} fit.")
    assert err.value.params["what"] in FIELD_TEXT.values()
    session.rollback()
    assert (session.scalar(longest) or 0) <= limit


@pytest.mark.parametrize("name", list(FIELDS))
@pytest.mark.parametrize("bad", ["张\x00三", "张\ud800三", "\udfff"], ids=["NUL", "high surrogate", "low surrogate"])
def test_nul_and_half_characters_are_refused_at_each_field(session, studio, clock, name, bad):
    call, _column = FIELDS[name]
    with pytest.raises(BadInput) as err:
        call(session, studio, clock, bad)
    assert "contains a character that cannot be stored" in str(err.value)
    session.rollback()


# -- the station's name ------------------------------------------------------------------

def test_a_station_name_over_40_characters_is_refused_and_a_long_host_name_is_cut():
    assert station_name(" 前台𠀀 ") == "前台𠀀"
    with pytest.raises(BadInput) as err:
        station_name("x" * 41)
    assert str(err.value) == "The station's name has 41 characters; at most 40 fit."
    host = "photo-studio-front-desk-computer-number-one.example.local"
    assert default_station(host) == host[:40] and len(default_station(host)) == 40
    assert default_station("") == "StudioDesk" and default_station("a\x00b") == "ab"
    assert len(default_station(socket.gethostname())) <= 40


def test_a_long_host_name_at_startup_still_scans(session, studio, clock):
    station = default_station("studio-" * 20)
    order = new_order(session, studio, clock)
    code = first_lab_item(session, order).code
    lifecycle.transition(session, code, S.SENT, replace(studio.production, station=station), clock=clock)
    assert session.scalar(select(ItemEvent.station).order_by(ItemEvent.id.desc()).limit(1)) == station


def test_station_on_the_command_line_too_long_is_one_line_and_exit_2():
    run = subprocess.run([sys.executable, "-m", "app.main", "--station", "x" * 41], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "studiodesk: error: argument --station: The station's name has 41 characters; at most 40 fit. (see --help)"]


def test_renaming_the_station_too_long_says_so_and_keeps_the_old_name(qtbot, ctx, messages, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    old = ctx.station
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("长" * 41, True)))
    window.rename_station()
    assert ctx.station == old
    assert any("has 41 characters; at most 40 fit" in m for m in messages)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("  后期𠀀 ", True)))
    window.rename_station()
    assert ctx.station == "后期𠀀" and ctx.actor.station == "后期𠀀"


# -- search: odd text never raises; rare characters are found -----------------------------

ODD = ["\x00", "张\x00", "\ud800", "张\udfff三", "\U0010ffff", "张\U0010ffff", "张三\U0010ffff\U0010ffff",
       "\ud7ff", "1380\x00", "1" * 500, "张" * 500, "\ufffe", "%", "_", "'", "\\", "\u200b", "\t\n"]


@pytest.mark.parametrize("text", ODD, ids=[repr(t)[:20] for t in ODD])
def test_odd_search_text_never_raises(session, studio, clock, text):
    new_order(session, studio, clock, name="张三")
    assert isinstance(search_service.search(session, text), list)
    assert isinstance(search_customers(session, text), list)


def test_search_text_ending_in_the_last_character_finds_what_it_prefixes(session, studio, clock):
    new_order(session, studio, clock, name="张三\U0010ffff")
    assert [r.customer_name for r in search_service.search(session, "张三\U0010ffff")] == ["张三\U0010ffff"]
    assert [h.name for h in search_customers(session, "\U0010ffff")] == ["张三\U0010ffff"]


def test_prefix_upper_bound_never_makes_a_surrogate_or_an_impossible_character():
    assert prefix_upper_bound("ab") == "ac"
    assert prefix_upper_bound("a\U0010ffff") == "b"
    assert prefix_upper_bound("\U0010ffff\U0010ffff") is None
    assert prefix_upper_bound("a\ud7ff") == "a\ue000"
    assert prefix_upper_bound("𠀀") == "𠀁"


NAME_CHARS = st.sampled_from(list(RARE + "𪜀𫝀𬺰𰀀" + "张王李晓明")) | st.characters(
    min_codepoint=0x20000, max_codepoint=0x3134F, categories=["Lo"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(NAME_CHARS, min_size=2, max_size=40), partner=st.text(NAME_CHARS, min_size=0, max_size=40))
def test_rare_cjk_names_are_stored_and_found_by_any_part(session, studio, clock, name, partner):
    customer = create_customer(session, NewCustomer(name=name, partner_name=partner or None, phones=["13800138000"]),
                               studio.counter, clock=clock)
    session.expire_all()
    assert session.get(Customer, customer.id).name == name
    for text in (name, name[-2:], name[:2], partner[-2:] if len(partner) >= 2 else name):
        assert customer.id in {r.customer_id for r in search_service.search(session, text)}, text
        assert customer.id in {h.id for h in search_customers(session, text, limit=1000)}, text
    update_customer(session, customer.id, NewCustomer(name=name[::-1], phones=["13800138000"]), studio.counter,
                    clock=clock)
    assert customer.id in {r.customer_id for r in search_service.search(session, name[::-1][1:])} or len(name) < 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec=None, categories=None), max_size=12)
       | st.text(st.sampled_from(["\x00", "\ud800", "\udfff", "\U0010ffff", "\ud7ff", "张", "𠀀", "1", "-", " "]),
                 max_size=8))
def test_any_search_text_returns_a_list_and_never_raises(session, studio, text):
    try:
        assert isinstance(search_service.search(session, text), list)
    except WrongCheck:  # a code typed with a wrong check character: refused on purpose, said under the box
        pass
    assert isinstance(search_customers(session, text), list)


@pytest.mark.parametrize("text", ["张\x00", "\ud800", "张三\U0010ffff"], ids=["NUL", "surrogate", "last character"])
def test_the_search_box_with_odd_text_shows_nothing_and_no_error(qtbot, ctx, messages, text):
    from app.ui import bugs
    from app.ui.main_window import MainWindow

    ctx.call(create_customer, NewCustomer(name="张三", phones=["13800138000"]))
    bugs_before = len(bugs.reported)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.orders.search.setText(text)
    window.orders.run_search()
    assert window.orders.results_model.rowCount() == 0
    assert messages == [] and len(bugs.reported) == bugs_before
    window.orders.search.setText("张三")  # and the box still searches
    window.orders.run_search()
    assert window.orders.results_model.rowCount() == 1


def test_a_pin_or_a_login_name_with_a_nul_or_half_a_character_is_refused_not_a_crash(session, studio, clock):
    from app.services.staff import LoginRefused, login

    with pytest.raises(BadInput):
        create_staff(session, "新人", Role.COUNTER, "12\ud80034", by=studio.manager, clock=clock)
    session.rollback()
    for name, secret in (("王店长", "11\ud800"), ("王\x00店长", "1111"), ("\udfff", "1111"), ("王店长", "1\x00")):
        with pytest.raises(LoginRefused):
            login(session, name, secret, station="前台1", clock=clock)


@pytest.mark.parametrize("scanned", ["\x00", "\ud800", "2611-0001-01-7\x00", "\udfff2611"])
def test_a_scan_with_a_nul_or_half_a_character_is_refused_as_it_reads(session, studio, clock, scanned):
    with pytest.raises(BadInput) as err:
        lifecycle.transition(session, scanned, S.SENT, studio.production, clock=clock)
    assert "\ufffd" in str(err.value) and str(err.value).encode("utf-8")  # shown and logged without a crash
    result = lifecycle.transition_many(session, [scanned], S.SENT, studio.production, clock=clock)
    assert [code for code, _why in result.refused] == [scanned]


def test_unlocking_a_name_with_half_a_character_from_the_command_line_is_not_found(session, studio):
    from app.services.errors import NotFound
    from app.services.staff import unlock_from_the_command_line

    with pytest.raises(NotFound) as err:
        unlock_from_the_command_line(session, "王\ud800")
    assert "\ufffd" in str(err.value)
