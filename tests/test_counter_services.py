"""Services behind the counter: first run, search, customer file, order detail,
catalogue, order cancellation, customer export, and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import AuditEntry, Channel, ItemStatus, Order, PackageKind, PaymentKind, PaymentMethod, ProductCategory, Role
from app.services import catalogue, lifecycle, studio as studio_service
from app.services.customers import NewCustomer, create_customer, update_customer, search_customers
from app.services.errors import BadInput, NotAllowed, NotFound
from app.services.exports import export_customers
from app.services.orders import BookOrder, book_order, cancel_order, take_payment
from app.services.balance import order_balance
from app.services.records import customer_file, order_detail
from app.services.search import search
from app.services.staff import create_staff

from .helpers import first_lab_item, new_order


def test_first_run_names_the_studio_and_creates_the_manager(session, clock):
    assert studio_service.needs_first_run(session)
    with pytest.raises(BadInput):
        studio_service.first_run(session, "  ", "店长", "1234", clock=clock)
    assert studio_service.needs_first_run(session)
    actor = studio_service.first_run(session, "幸福影楼", "店长", "1234", clock=clock)
    assert actor.role is Role.MANAGER and studio_service.studio_name(session) == "幸福影楼"
    assert studio_service.staff_names(session) == ["店长"]
    with pytest.raises(NotAllowed):
        studio_service.first_run(session, "别的", "又一个", "1234", clock=clock)


def test_search_finds_orders_by_phone_tail_name_pinyin_number_and_item_code(session, studio, clock):
    order = new_order(session, studio, clock, name="张三", phone="138 0013 1234")
    new_order(session, studio, clock, name="王五", phone="13900005678")
    code = first_lab_item(session, order).code
    for text in ["1234", "0013-1234", "张三", "zs", "2611-0001", code, f" {code.lower()} "]:
        rows = search(session, text)
        assert [(r.customer_name, r.order_number) for r in rows] == [("张三", "2611-0001")], text
    assert rows[0].due_fen == 599900 and rows[0].progress.value == "booked"
    assert search(session, "12") == [] and search(session, "张") == [] and search(session, "") == []


def test_search_lists_customers_without_orders_and_pages_by_customer(session, studio, clock):
    for i in range(5):
        create_customer(session, NewCustomer(f"李{i}号", [f"1370000{i:04d}"]), studio.counter, clock=clock)
    page1 = search(session, "li", limit=3)
    page2 = search(session, "li", offset=3, limit=3)
    assert [r.customer_name for r in page1] == ["李4号", "李3号", "李2号"]
    assert [r.customer_name for r in page2] == ["李1号", "李0号"]
    assert all(r.order_id is None for r in page1 + page2)


def test_customer_file_holds_orders_items_payments_and_history(session, studio, clock):
    order = new_order(session, studio, clock, name="张三", phone="13800131234")
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.WECHAT, 100000, studio.counter, clock=clock)
    file = customer_file(session, order.customer_id)
    assert file.name == "张三" and file.phones == [(None, "13800131234")]
    assert [o.number for o in file.orders] == ["2611-0001"]
    assert [i.status for i in file.orders[0].items] == [ItemStatus.WAITING] * 4
    assert file.orders[0].balance.due_fen == 499900
    assert [(n, p.amount_fen) for n, p in file.payments] == [("2611-0001", 100000)]
    with pytest.raises(NotFound):
        customer_file(session, 999)


def test_updating_a_customer_rebuilds_phones_and_search_keys(session, studio, clock):
    c = create_customer(session, NewCustomer("张三", ["13800131234"]), studio.counter, clock=clock)
    update_customer(session, c.id, NewCustomer("王小明", ["+86 139 1234 5678", "021 6234 0000"],
                                               channel=Channel.REFERRAL), studio.counter, clock=clock)
    assert search_customers(session, "zs") == [] and search_customers(session, "1234") == []
    assert [h.name for h in search_customers(session, "wxm")] == ["王小明"]
    assert [h.name for h in search_customers(session, "5678")] == ["王小明"]
    with pytest.raises(BadInput):
        update_customer(session, c.id, NewCustomer("王小明", ["not a phone"]), studio.counter, clock=clock)
    assert [h.name for h in search_customers(session, "5678")] == ["王小明"]  # nothing changed
    with pytest.raises(BadInput):
        update_customer(session, c.id, NewCustomer("王小明", [], referrer_id=c.id), studio.counter, clock=clock)


def test_order_detail_has_sessions_items_payments_progress_and_history(session, studio, clock):
    customer = create_customer(session, NewCustomer("赵六", ["13600136000"]), studio.counter, clock=clock)
    from app.services.orders import SessionPlan
    order = book_order(session, BookOrder(customer.id, studio.growth, sessions=[
        SessionPlan("百天", dt.date(2026, 11, 1), dt.date(2026, 11, 10), dt.date(2026, 12, 1)),
        SessionPlan("周岁", dt.date(2027, 8, 1), dt.date(2027, 8, 10), dt.date(2027, 9, 1)),
    ], deposit_fen=50000), studio.counter, clock=clock)
    lifecycle.transition(session, order.items[0].code, ItemStatus.SENT, studio.production, clock=clock)
    detail = order_detail(session, order.id, clock=clock)
    assert [(s.name, s.progress.value) for s in detail.sessions] == [("百天", "in_production"), ("周岁", "booked")]
    assert detail.progress.value == "in_production"
    assert detail.items[0].lab == "金彩相册厂" and detail.items[0].expected_return is not None
    assert [e.to_status for e in detail.events if e.code == detail.items[0].code] == [ItemStatus.WAITING,
                                                                                        ItemStatus.SENT]
    assert detail.events[-1].staff == "张后期"
    assert [p.amount_fen for p in detail.payments] == [50000] and detail.balance.due_fen == 399900 - 50000


def test_cancelling_an_order_cancels_its_items_with_events(session, studio, clock):
    order = new_order(session, studio, clock)
    with pytest.raises(BadInput):
        cancel_order(session, order.id, " ", studio.manager, clock=clock)
    cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    detail = order_detail(session, order.id, clock=clock)
    assert detail.cancelled and detail.progress.value == "cancelled"
    assert {i.status for i in detail.items} == {ItemStatus.CANCELLED}
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "order.cancel")).one()
    with pytest.raises(BadInput):
        cancel_order(session, order.id, "再取消", studio.manager, clock=clock)


def test_catalogue_edits_are_checked_audited_and_spare_booked_orders(session, studio, clock):
    order = new_order(session, studio, clock)
    pkg = next(p for p in catalogue.packages(session) if p.id == studio.single)
    catalogue.save_package(session, studio.manager, id=pkg.id, name=pkg.name, kind=pkg.kind, price_fen=1000,
                           session_plan=pkg.session_plan, lines=[(studio.album, 1, 0)], clock=clock)
    assert order_balance(session, order.id).total_fen == 599900
    assert len(session.get(Order, order.id).items) == 4
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "catalogue.package")).one()
    assert "599900 -> 1000" in entry.detail
    bad_packages = [
        dict(name=" ", kind=PackageKind.SINGLE, price_fen=1, session_plan=["a"], lines=[]),
        dict(name="x", kind=PackageKind.SINGLE, price_fen=-1, session_plan=["a"], lines=[]),
        dict(name="x", kind=PackageKind.SINGLE, price_fen=1, session_plan=["a", "b"], lines=[]),
        dict(name="x", kind=PackageKind.GROWTH, price_fen=1, session_plan=[], lines=[]),
        dict(name="x", kind=PackageKind.SINGLE, price_fen=1, session_plan=["a"], lines=[(studio.album, 0, 0)]),
        dict(name="x", kind=PackageKind.SINGLE, price_fen=1, session_plan=["a"], lines=[(studio.album, 1, 1)]),
        dict(name="成长套", kind=PackageKind.SINGLE, price_fen=1, session_plan=["a"], lines=[]),
    ]
    for kwargs in bad_packages:
        with pytest.raises(BadInput):
            catalogue.save_package(session, studio.manager, id=None, clock=clock, **kwargs)
    lab = catalogue.save_lab(session, studio.manager, id=None, name="新厂", default_turnaround_days=5,
                             prices={studio.album: (30000, 8)}, clock=clock)
    assert next(l for l in catalogue.labs(session) if l.id == lab).prices == {studio.album: (30000, 8)}
    with pytest.raises(BadInput):
        catalogue.save_lab(session, studio.manager, id=None, name="坏厂", default_turnaround_days=-1, clock=clock)
    pt = catalogue.save_product_type(session, studio.manager, id=None, name="台历", category=ProductCategory.OTHER,
                                     in_house=False, default_lab_id=lab, clock=clock)
    assert any(p.id == pt and p.default_lab_id == lab for p in catalogue.product_types(session))


def test_customer_export_writes_formula_like_text_as_text(session, studio, clock, tmp_path):
    create_customer(session, NewCustomer("=HYPERLINK(\"http://x\")", ["13800138000"], notes="+1 call"),
                    studio.counter, clock=clock)
    path = tmp_path / "customers.xlsx"
    assert export_customers(session, path, studio.manager, clock=clock) == 1
    ws = load_workbook(path).active
    name_cell, notes_cell = ws["B2"], ws["K2"]
    assert name_cell.value.startswith("=HYPERLINK") and name_cell.data_type == "s" and name_cell.quotePrefix
    assert notes_cell.value == "+1 call" and notes_cell.data_type == "s"
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "export.customers")).one()


# Every privileged act, tried by every role: only the manager gets through, and it is audited.
PRIVILEGED_ACTS = {
    "cancel an order": lambda s, st, who, clock, tmp: cancel_order(s, new_order(s, st, clock, phone=_phone()).id,
                                                                   "原因", who, clock=clock),
    "cancel an item": lambda s, st, who, clock, tmp: lifecycle.transition(
        s, first_lab_item(s, new_order(s, st, clock, phone=_phone())).code, ItemStatus.CANCELLED, who,
        reason="原因", clock=clock),
    "refund": lambda s, st, who, clock, tmp: _refund(s, st, who, clock),
    "edit prices": lambda s, st, who, clock, tmp: catalogue.save_lab(s, who, id=st.lab, name="金彩相册厂",
                                                                     default_turnaround_days=9, clock=clock),
    "manage staff": lambda s, st, who, clock, tmp: create_staff(s, f"新人{_phone()}", Role.COUNTER, "1234", by=who,
                                                                clock=clock),
    "export customer data": lambda s, st, who, clock, tmp: export_customers(s, tmp / "c.xlsx", who, clock=clock),
    "change settings": lambda s, st, who, clock, tmp: studio_service.set_setting(s, "studio_name", "新名", who,
                                                                                 clock=clock),
}
_phones = iter(range(10**6))


def _phone() -> str:
    return f"1350000{next(_phones):04d}"


def _refund(session, studio, who, clock):
    order = new_order(session, studio, clock, phone=_phone())
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 1000, studio.counter, clock=clock)
    take_payment(session, order.id, PaymentKind.REFUND, PaymentMethod.CASH, 1000, who, note="退订", clock=clock)


@pytest.mark.parametrize("act", list(PRIVILEGED_ACTS))
@pytest.mark.parametrize("role", ["manager", "counter", "production"])
def test_privileged_acts_matrix(session, studio, clock, tmp_path, act, role):
    who = getattr(studio, role)
    audited_before = len(session.scalars(select(AuditEntry)).all())
    if role == "manager":
        PRIVILEGED_ACTS[act](session, studio, who, clock, tmp_path)
        assert len(session.scalars(select(AuditEntry).where(AuditEntry.staff_id == who.staff_id)).all()) > 0
        assert len(session.scalars(select(AuditEntry)).all()) > audited_before
    else:
        with pytest.raises(NotAllowed):
            PRIVILEGED_ACTS[act](session, studio, who, clock, tmp_path)
