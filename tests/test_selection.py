"""Selection day (选片): photos chosen, extras at catalogue prices, the pickup date, the balance
and the extras paid in one transaction; refusals change nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    AuditEntry, DesignStatus, Item, ItemEvent, ItemStatus, Order, Payment, PaymentKind, PaymentMethod, Position,
    ProductType, Progress, Role, SessionChange, SessionChangeKind, SessionState, ShootSession, StaffPosition,
)
from app.models.db import make_session_factory
from app.services import codes
from app.services.balance import order_balance
from app.services.errors import BadInput, ConcurrentChange, NotAllowed, NotFound
from app.services.orders import BookOrder, book_order, cancel_order, take_payment
from app.services.selection import (
    MAX_PHOTOS, ExtraLine, SelectionDay, record_selection, selectable_sessions, selection_summary,
)
from app.services.staff import create_staff

from .helpers import new_order

ALBUM_EXTRA = 50000  # ¥500.00, its design needs the customer's approval
FRAME_EXTRA = 8000  # ¥80.00


@dataclass
class Day:
    """A shot session of a ¥5,999.00 order with ¥1,000.00 paid, and the studio's extras."""

    order: Order
    session_id: int
    album: int
    frame: int
    digital: int  # not sold as an extra
    sales: int  # a selection salesperson


@pytest.fixture
def day(session: Session, studio, clock) -> Day:
    types = {pt.id: pt for pt in session.scalars(select(ProductType))}
    types[studio.album].extra_price_fen, types[studio.album].needs_approval = ALBUM_EXTRA, True
    types[studio.frame].extra_price_fen = FRAME_EXTRA
    sales = create_staff(session, "赵选片", Role.COUNTER, "4444", by=studio.manager, clock=clock)
    session.add(StaffPosition(staff_id=sales.id, position=Position.SELECTION_SALES))
    session.commit()
    order = new_order(session, studio, clock)
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 100000, studio.counter, clock=clock)
    ss = order.sessions[0]
    ss.state, ss.shoot_date, ss.selection_date = SessionState.SHOT, clock.today() - dt.timedelta(days=7), clock.today()
    session.commit()
    return Day(order, ss.id, studio.album, studio.frame, studio.digital, sales.id)


def _selection(day: Day, clock, **kw) -> SelectionDay:  # type: ignore[no-untyped-def]
    values = dict(session_id=day.session_id, photos_chosen=36, pickup_date=clock.today() + dt.timedelta(days=21))
    values.update(kw)
    return SelectionDay(**values)  # type: ignore[arg-type]


def _snapshot(session: Session, order_id: int) -> tuple:
    """Everything a selection writes, to show a refusal changed nothing."""
    session.expire_all()
    ss = session.scalars(select(ShootSession).where(ShootSession.order_id == order_id)).all()
    return (
        [(s.state, s.photos_chosen, s.pickup_date, s.selection_date, s.selection_sales_id) for s in ss],
        session.scalar(select(func.count(Item.id))), session.scalar(select(func.count(ItemEvent.id))),
        session.scalar(select(func.count(Payment.id))), session.scalar(select(func.count(SessionChange.id))),
        session.scalar(select(func.count(AuditEntry.id))), session.get(Order, order_id).progress,
    )


def _new_items(session: Session, order: Order) -> list[Item]:
    session.expire_all()
    return list(session.scalars(select(Item).where(Item.order_id == order.id, Item.seq > 4).order_by(Item.seq)))


def test_extras_are_sold_at_the_catalogue_price_and_become_items_with_codes_events_and_design_status(
        session, studio, clock, day):
    result = record_selection(session, _selection(day, clock, extras=[ExtraLine(day.album), ExtraLine(day.frame, 2)]),
                              studio.counter, clock=clock)
    items = _new_items(session, day.order)
    assert [(i.seq, i.product_type_id, i.extra_price_fen, i.price_reason) for i in items] == [
        (5, day.album, ALBUM_EXTRA, None), (6, day.frame, FRAME_EXTRA, None), (7, day.frame, FRAME_EXTRA, None)]
    assert [i.code for i in items] == [codes.item_code(day.order.number, s) for s in (5, 6, 7)] == result.new_codes
    assert all(i.session_id == day.session_id and i.lab_id == studio.lab and i.status is ItemStatus.WAITING
               for i in items)
    assert [i.design_status for i in items] == [DesignStatus.DESIGNING, DesignStatus.NOT_NEEDED,
                                                DesignStatus.NOT_NEEDED]
    for item in items:
        [event] = session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id)).all()
        assert (event.from_status, event.to_status, event.staff_id, event.station) == (
            None, ItemStatus.WAITING, studio.counter.staff_id, "前台1")
    assert result.extras_fen == ALBUM_EXTRA + 2 * FRAME_EXTRA
    assert order_balance(session, day.order.id).total_fen == 599900 + ALBUM_EXTRA + 2 * FRAME_EXTRA


def test_a_typed_price_without_a_reason_is_refused_and_nothing_is_changed(session, studio, clock, day):
    before = _snapshot(session, day.order.id)
    with pytest.raises(BadInput, match="needs a reason"):
        record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame), ExtraLine(day.album, 1, 40000)],
                                             payment_fen=100), studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before


def test_a_typed_price_with_a_reason_is_kept_on_the_item_and_audited(session, studio, clock, day):
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.album, 2, 40000, " 老客户优惠 ")]),
                     studio.counter, clock=clock)
    items = _new_items(session, day.order)
    assert [(i.extra_price_fen, i.price_reason) for i in items] == [(40000, "老客户优惠")] * 2
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "selection.extra_price")
                              .order_by(AuditEntry.id)).all()
    assert [(e.staff_id, e.target) for e in entries] == [(studio.counter.staff_id, f"item:{items[0].code}")]
    assert "40000" in entries[0].detail and "50000" in entries[0].detail and "老客户优惠" in entries[0].detail


def test_the_catalogue_price_typed_again_needs_no_reason_and_is_not_audited(session, studio, clock, day):
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame, 1, FRAME_EXTRA)]),
                     studio.counter, clock=clock)
    [item] = _new_items(session, day.order)
    assert (item.extra_price_fen, item.price_reason) == (FRAME_EXTRA, None)
    assert session.scalar(select(func.count()).where(AuditEntry.action == "selection.extra_price")) == 0


def test_a_product_without_an_extra_price_is_sold_only_at_a_typed_price_with_a_reason(session, studio, clock, day):
    before = _snapshot(session, day.order.id)
    with pytest.raises(BadInput, match="no extra price in the catalogue"):
        record_selection(session, _selection(day, clock, extras=[ExtraLine(day.digital)]), studio.counter, clock=clock)
    with pytest.raises(BadInput, match="not sold as an extra"):
        record_selection(session, _selection(day, clock, extras=[ExtraLine(day.digital, 1, 20000)]),
                         studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.digital, 1, 20000, "加修10张")]),
                     studio.counter, clock=clock)
    [item] = _new_items(session, day.order)
    assert (item.extra_price_fen, item.price_reason, item.lab_id) == (20000, "加修10张", None)


def test_the_balance_and_the_extras_are_paid_in_the_same_transaction(session, studio, clock, day):
    due = 599900 - 100000 + ALBUM_EXTRA + FRAME_EXTRA
    result = record_selection(session, _selection(day, clock, extras=[ExtraLine(day.album), ExtraLine(day.frame)],
                                                  payment_fen=due, method=PaymentMethod.WECHAT),
                              studio.counter, clock=clock)
    payments = session.scalars(select(Payment).where(Payment.order_id == day.order.id).order_by(Payment.id)).all()
    assert [(p.kind, p.method, p.amount_fen, p.staff_id, p.paid_at) for p in payments[1:]] == [
        (PaymentKind.BALANCE, PaymentMethod.WECHAT, due, studio.counter.staff_id, clock.now())]
    assert result.paid_fen == due and result.balance.due_fen == 0
    assert order_balance(session, day.order.id).due_fen == 0


def test_a_part_payment_leaves_the_rest_due_and_no_payment_writes_no_payment_row(session, studio, clock, day):
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame)], payment_fen=0),
                     studio.counter, clock=clock)
    assert session.scalar(select(func.count(Payment.id))) == 1  # the deposit only
    assert order_balance(session, day.order.id).due_fen == 599900 - 100000 + FRAME_EXTRA


def test_paying_more_than_the_balance_and_the_extras_is_refused_and_nothing_is_changed(session, studio, clock, day):
    before = _snapshot(session, day.order.id)
    due = 599900 - 100000 + FRAME_EXTRA
    with pytest.raises(BadInput, match="more than is due") as err:
        record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame)], payment_fen=due + 1),
                         studio.counter, clock=clock)
    assert "¥5,079.00" in err.value.message  # the sum that is due, in yuan
    assert _snapshot(session, day.order.id) == before
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame)], payment_fen=due),
                     studio.counter, clock=clock)
    assert order_balance(session, day.order.id).due_fen == 0


@pytest.mark.parametrize("days, problem", [(-1, "before the selection"), (367, "more than a year")])
def test_the_pickup_date_is_not_before_the_selection_day_nor_a_year_away(session, studio, clock, day, days, problem):
    before = _snapshot(session, day.order.id)
    with pytest.raises(BadInput, match=problem):
        record_selection(session, _selection(day, clock, pickup_date=clock.today() + dt.timedelta(days=days)),
                         studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before


def test_the_pickup_date_may_be_the_selection_day_and_is_kept(session, studio, clock, day):
    record_selection(session, _selection(day, clock, pickup_date=clock.today()), studio.counter, clock=clock)
    assert session.get(ShootSession, day.session_id).pickup_date == clock.today()


def test_the_selection_is_recorded_on_the_session_with_a_history_line(session, studio, clock, day):
    record_selection(session, _selection(day, clock, photos_chosen=48, selection_sales_id=day.sales),
                     studio.counter, clock=clock)
    session.expire_all()
    ss = session.get(ShootSession, day.session_id)
    assert (ss.state, ss.photos_chosen, ss.selection_sales_id, ss.pickup_date) == (
        SessionState.SELECTED, 48, day.sales, clock.today() + dt.timedelta(days=21))
    [line] = ss.changes
    assert (line.kind, line.at, line.staff_id, line.station, line.to_date) == (
        SessionChangeKind.SELECTED, clock.now(), studio.counter.staff_id, "前台1", clock.today())


def test_a_selection_on_another_day_than_planned_moves_the_selection_date_to_today(session, studio, clock, day):
    planned = clock.today() + dt.timedelta(days=3)
    ss = session.get(ShootSession, day.session_id)
    ss.selection_date = planned
    session.commit()
    record_selection(session, _selection(day, clock), studio.counter, clock=clock)
    session.expire_all()
    ss = session.get(ShootSession, day.session_id)
    assert ss.selection_date == clock.today()
    assert [(c.kind, c.from_date, c.to_date) for c in ss.changes] == [
        (SessionChangeKind.SELECTED, planned, clock.today())]


def test_a_booked_session_whose_shoot_day_came_is_recorded_as_shot_and_selected(session, studio, clock, day):
    ss = session.get(ShootSession, day.session_id)
    ss.state, ss.shoot_date = SessionState.BOOKED, clock.today()
    session.commit()
    record_selection(session, _selection(day, clock), studio.counter, clock=clock)
    session.expire_all()
    ss = session.get(ShootSession, day.session_id)
    assert ss.state is SessionState.SELECTED
    assert [c.kind for c in ss.changes] == [SessionChangeKind.SHOT, SessionChangeKind.SELECTED]


@pytest.mark.parametrize("state, shoot_in_days, problem", [
    (SessionState.BOOKED, 1, "not been shot"),
    (SessionState.BOOKED, None, "not been shot"),
    (SessionState.NO_SHOW, -1, "did not come"),
    (SessionState.CANCELLED, -1, "cancelled"),
    (SessionState.SELECTED, -1, "already recorded"),
])
def test_a_session_not_shot_no_show_cancelled_or_already_selected_is_refused_and_nothing_is_changed(
        session, studio, clock, day, state, shoot_in_days, problem):
    ss = session.get(ShootSession, day.session_id)
    ss.state = state
    ss.shoot_date = None if shoot_in_days is None else clock.today() + dt.timedelta(days=shoot_in_days)
    session.commit()
    before = _snapshot(session, day.order.id)
    with pytest.raises(BadInput, match=problem):
        record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame)], payment_fen=100),
                         studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before


def test_a_cancelled_order_is_refused_and_nothing_is_changed(session, studio, clock, day):
    cancel_order(session, day.order.id, "客户退单", studio.manager, clock=clock)
    before = _snapshot(session, day.order.id)
    with pytest.raises(BadInput, match="is cancelled"):
        record_selection(session, _selection(day, clock), studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before
    assert selectable_sessions(session, day.order.id, clock=clock) == []


@pytest.mark.parametrize("change, problem", [
    (dict(payment_fen=-100), "cannot be negative"),
    (dict(extras=[ExtraLine(2, 1, -100, "x")]), "negative price"),
    (dict(extras=[ExtraLine(2, 0)]), "quantity"),
    (dict(extras=[ExtraLine(2, -1)]), "quantity"),
    (dict(extras=[ExtraLine(2, 51)]), "quantity"),
    (dict(photos_chosen=0), "photos chosen"),
    (dict(photos_chosen=-5), "photos chosen"),
    (dict(photos_chosen=MAX_PHOTOS + 1), "photos chosen"),
    (dict(payment_fen=100.0), "whole fen"),
    (dict(extras=[ExtraLine(999)]), "does not exist"),
])
def test_negative_zero_or_absurd_values_are_refused_and_nothing_is_changed(session, studio, clock, day, change,
                                                                           problem):
    assert studio.frame == 2  # the extras above name the frame
    before = _snapshot(session, day.order.id)
    with pytest.raises((BadInput, NotFound), match=problem):
        record_selection(session, _selection(day, clock, **change), studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before


def test_the_selection_salesperson_must_hold_that_position(session, studio, clock, day):
    before = _snapshot(session, day.order.id)
    with pytest.raises(BadInput, match="not a selection salesperson"):
        record_selection(session, _selection(day, clock, selection_sales_id=studio.production.staff_id),
                         studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before


def test_production_staff_may_not_record_a_selection(session, studio, clock, day):
    with pytest.raises(NotAllowed):
        record_selection(session, _selection(day, clock), studio.production, clock=clock)


def test_an_order_holds_at_most_99_items_with_its_extras(session, studio, clock, day):
    before = _snapshot(session, day.order.id)
    extras = [ExtraLine(day.frame, 50), ExtraLine(day.frame, 46)]  # 4 package items + 96 = 100
    with pytest.raises(BadInput, match="at most 99 items"):
        record_selection(session, _selection(day, clock, extras=extras), studio.counter, clock=clock)
    assert _snapshot(session, day.order.id) == before


def test_progress_moves_to_awaiting_design_when_an_extra_needs_approval_else_to_selected(session, studio, clock, day):
    other = new_order(session, studio, clock, name="李四", phone="13900001111")
    other_ss = other.sessions[0]
    other_ss.state, other_ss.shoot_date = SessionState.SHOT, clock.today()
    for item in session.scalars(select(Item)):  # package items approved already: only the extras decide
        item.design_status = DesignStatus.APPROVED
    session.commit()
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.album)]), studio.counter, clock=clock)
    record_selection(session, SelectionDay(other_ss.id, 20, clock.today(), [ExtraLine(day.frame)]), studio.counter,
                     clock=clock)
    session.expire_all()
    assert session.get(Order, day.order.id).progress is Progress.AWAITING_APPROVAL
    assert session.get(Order, other.id).progress is Progress.SELECTED


def test_a_station_that_recorded_the_same_selection_first_wins(engine, session, studio, clock, day):
    stale = session.get(ShootSession, day.session_id)  # this station read the session as shot
    assert stale.state is SessionState.SHOT
    session.commit()
    with make_session_factory(engine)() as other:
        record_selection(other, _selection(day, clock, extras=[ExtraLine(day.frame)]), studio.counter, clock=clock)
    with pytest.raises(ConcurrentChange):
        record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame)]), studio.counter, clock=clock)
    session.expire_all()
    assert len(_new_items(session, day.order)) == 1


def test_the_summary_names_the_customer_items_extras_balance_and_catalogue_prices(session, studio, clock, day):
    record_selection(session, _selection(day, clock, extras=[ExtraLine(day.frame)]), studio.counter, clock=clock)
    summary = selection_summary(session, day.order.id, clock=clock)
    assert (summary.customer_name, summary.checked_number, summary.package_name) == (
        "张三", codes.display_order_number(day.order.number), "经典套系")
    assert summary.session_id == day.session_id and summary.chosen.state is SessionState.SELECTED
    assert [i.product for i in summary.package_items] == ["30P 相册", "7寸 摆台", "7寸 摆台", "精修电子档"]
    assert [(i.product, i.extra_price_fen) for i in summary.extras] == [("7寸 摆台", FRAME_EXTRA)]
    assert summary.balance.due_fen == 599900 - 100000 + FRAME_EXTRA
    assert [(c.name, c.extra_price_fen, c.needs_approval) for c in summary.catalogue] == [
        ("30P 相册", ALBUM_EXTRA, True), ("7寸 摆台", FRAME_EXTRA, False), ("精修电子档", None, False)]
    assert summary.sales_staff == [(day.sales, "赵选片")]
    assert summary.default_pickup == clock.today() + dt.timedelta(days=21)


def test_the_summary_starts_on_the_first_session_that_may_be_selected(session, studio, clock, day):
    customer_id = day.order.customer_id
    growth = book_order(session, BookOrder(customer_id=customer_id, package_id=studio.growth), studio.counter,
                        clock=clock)
    first, second, _third = growth.sessions
    first.state, second.state, second.shoot_date = SessionState.SELECTED, SessionState.BOOKED, clock.today()
    session.commit()
    assert selectable_sessions(session, growth.id, clock=clock) == [second.id]
    summary = selection_summary(session, growth.id, clock=clock)
    assert summary.session_id == second.id
    assert [s.refusal for s in summary.sessions] == ["selected", None, "not_shot"]


def test_a_catalogue_extra_is_found_by_part_of_its_name_or_its_pinyin(session, studio, clock, day):
    frame = next(c for c in selection_summary(session, day.order.id, clock=clock).catalogue if c.name == "7寸 摆台")
    assert all(frame.matches(typed) for typed in ("摆台", "7寸摆台", "BT", "bai tai", "7cbt"))
    assert not any(frame.matches(typed) for typed in ("相册", "xc", "", "  "))
