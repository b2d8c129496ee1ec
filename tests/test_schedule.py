"""The shoot schedule (档期): capacity per slot, booking into a full slot refused with free slots
offered, reschedules (改期) with their reason and history, no-shows and rebooking, cancelling one
session of a growth package, staff by position."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models import (
    AuditEntry, Item, ItemStatus, Order, Position, Progress, SessionChange, SessionChangeKind, SessionState,
    ShootSession, SlotKind, TimeSlot,
)
from app.services import positions, schedule
from app.services.customers import NewCustomer, create_customer
from app.services.errors import BadInput, NotAllowed
from app.services.orders import BookOrder, SessionPlan, book_order, cancel_order
from app.services.staff import Role, create_staff

TODAY = dt.date(2026, 11, 23)  # the FixedClock's day
DAY = dt.date(2026, 12, 5)


def _slots(session, kind: SlotKind) -> list[int]:
    return [s.slot_id for s in schedule.time_slots(session, kind, active_only=True)]


def _capacity(session, slot_id: int, capacity: int) -> None:
    session.get(TimeSlot, slot_id).capacity = capacity
    session.commit()


_phone = iter(range(13800000000, 13900000000))


def _book(session, studio, clock, *plans: SessionPlan, package: int | None = None, name: str = "张三") -> Order:
    customer = create_customer(session, NewCustomer(name=name, phones=[str(next(_phone))]), studio.counter,
                               clock=clock)
    return book_order(session, BookOrder(customer.id, package or studio.single, sessions=list(plans)),
                      studio.counter, clock=clock)


def _shoot(session, studio, clock, day: dt.date, slot: int, name: str = "张三") -> ShootSession:
    order = _book(session, studio, clock, SessionPlan("婚纱照", day, shoot_slot_id=slot), name=name)
    return order.sessions[0]


def _orders(session) -> int:
    session.expire_all()
    return len(session.scalars(select(Order)).all())


def _lines(session, session_id: int) -> list[SessionChange]:
    session.expire_all()
    return list(session.scalars(select(SessionChange).where(SessionChange.session_id == session_id)
                                .order_by(SessionChange.id)))


def _audit(session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def _crew(session, studio, clock, name: str, *held: Position):
    staff = create_staff(session, name, Role.COUNTER, None, by=studio.manager, clock=clock)
    positions.set_positions(session, staff.id, held, studio.manager, clock=clock)
    return staff.id


# -- capacity ------------------------------------------------------------------------------
def test_booking_into_a_full_slot_is_refused_with_the_next_free_slots_offered_and_nothing_booked(
        session, studio, clock):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    _capacity(session, first, 1)
    _shoot(session, studio, clock, DAY, first)
    before = _orders(session)
    with pytest.raises(schedule.SlotFull) as refused:
        _shoot(session, studio, clock, DAY, first, name="李四")
    exc = refused.value
    assert (exc.kind, exc.day, exc.slot_id, exc.session_index) == (SlotKind.SHOOT, DAY, first, 0)
    assert (exc.offers[0].day, exc.offers[0].slot.slot_id, exc.offers[0].free) == (DAY, second, 2)
    assert all((o.day, o.slot.slot_id) != (DAY, first) for o in exc.offers)
    assert (dt.date(2026, 12, 6), first) in {(o.day, o.slot.slot_id) for o in exc.offers}  # the next days too
    assert "full" in exc.message and "2026-12-05" in exc.message
    assert _orders(session) == before  # the customer stays, no order and no number used up


def test_a_full_days_offers_start_on_the_following_day(session, studio, clock):
    slots = _slots(session, SlotKind.SHOOT)
    for slot in slots:
        _capacity(session, slot, 1)
        _shoot(session, studio, clock, DAY, slot)
    with pytest.raises(schedule.SlotFull) as refused:
        _shoot(session, studio, clock, DAY, slots[0], name="李四")
    assert [(o.day, o.slot.slot_id) for o in refused.value.offers[:2]] == [
        (DAY + dt.timedelta(days=1), slots[0]), (DAY + dt.timedelta(days=1), slots[1])]


def test_capacity_counts_ignore_no_shows_cancelled_sessions_and_cancelled_orders(session, studio, clock):
    slot = _slots(session, SlotKind.SHOOT)[0]
    _capacity(session, slot, 1)
    clock.moment = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.timezone.utc)  # the shoot day
    no_show = _shoot(session, studio, clock, DAY, slot)
    schedule.mark_no_show(session, no_show.id, studio.counter, clock=clock)
    assert schedule.taken_places(session, SlotKind.SHOOT, DAY, DAY) == {}
    taken = _shoot(session, studio, clock, DAY, slot, name="李四")  # the no-show's place is free again
    cancel_order(session, taken.order_id, "客户退单", studio.manager, clock=clock)
    assert schedule.taken_places(session, SlotKind.SHOOT, DAY, DAY) == {}
    shot = _shoot(session, studio, clock, DAY, slot, name="王五")
    schedule.mark_shot(session, shot.id, studio.counter, clock=clock)
    assert schedule.taken_places(session, SlotKind.SHOOT, DAY, DAY) == {(DAY, slot): 1}  # shot still holds it
    with pytest.raises(schedule.SlotFull):
        _shoot(session, studio, clock, DAY, slot, name="赵六")


def test_the_sessions_of_one_new_order_count_each_other(session, studio, clock):
    slot = _slots(session, SlotKind.SHOOT)[0]
    _capacity(session, slot, 1)
    plans = [SessionPlan(n, DAY, shoot_slot_id=slot) for n in ("百天", "周岁")] + [SessionPlan("两周岁")]
    with pytest.raises(schedule.SlotFull) as refused:
        _book(session, studio, clock, *plans, package=studio.growth)
    assert refused.value.session_index == 1


def test_a_slot_needs_its_date_and_its_own_kind(session, studio, clock):
    shoot, selection = _slots(session, SlotKind.SHOOT)[0], _slots(session, SlotKind.SELECTION)[0]
    with pytest.raises(BadInput, match="needs its date"):
        _book(session, studio, clock, SessionPlan("婚纱照", None, shoot_slot_id=shoot))
    with pytest.raises(BadInput, match="not a shoot time"):
        _book(session, studio, clock, SessionPlan("婚纱照", DAY, shoot_slot_id=selection))
    order = _book(session, studio, clock, SessionPlan("婚纱照", DAY, DAY + dt.timedelta(days=7), shoot_slot_id=shoot,
                                                      selection_slot_id=selection))
    assert (order.sessions[0].shoot_slot_id, order.sessions[0].selection_slot_id) == (shoot, selection)


def test_day_places_show_the_free_places_of_each_slot(session, studio, clock):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    _shoot(session, studio, clock, DAY, first)
    places = schedule.day_places(session, SlotKind.SHOOT, DAY)
    assert [(p.slot.slot_id, p.taken, p.free) for p in places[:2]] == [(first, 1, 1), (second, 0, 2)]


# -- the calendar ---------------------------------------------------------------------------
def test_the_week_calendar_lists_each_slots_sessions_with_order_customer_state_and_staff(session, studio, clock):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    photographer = _crew(session, studio, clock, "黄摄影", Position.PHOTOGRAPHER)
    order = _book(session, studio, clock, SessionPlan("婚纱照", DAY, shoot_slot_id=first, photographer_id=photographer))
    _shoot(session, studio, clock, DAY, first, name="李四")
    _book(session, studio, clock, SessionPlan("婚纱照", DAY))  # the day agreed, the time not yet
    monday, sunday = schedule.week_of(DAY)
    week = schedule.calendar(session, SlotKind.SHOOT, monday, sunday)
    assert len(week.days) == 7 and week.taken(DAY, first) == 2 and week.is_full(DAY, first)
    assert week.taken(DAY, second) == 0 and not week.is_full(DAY, second)
    entry = week.sessions(DAY, first)[0]
    assert (entry.customer, entry.session_name, entry.state, entry.photographer) == (
        "张三", "婚纱照", SessionState.BOOKED, "黄摄影")
    assert entry.order_number.startswith(order.number + "-")  # as printed, with its check character
    assert [e.customer for e in week.unslotted(DAY)] == ["张三"]
    assert schedule.calendar(session, SlotKind.SELECTION, monday, sunday).entries == []


# -- changes ---------------------------------------------------------------------------------
def test_a_reschedule_needs_a_reason_and_is_kept_in_the_history_and_the_audit_log(session, studio, clock):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    shoot = _shoot(session, studio, clock, DAY, first)
    for reason in ("", "   "):
        with pytest.raises(BadInput, match="reason"):
            schedule.reschedule(session, shoot.id, SlotKind.SHOOT, DAY + dt.timedelta(days=1), second, reason,
                                studio.counter, clock=clock)
    assert _lines(session, shoot.id) == []
    schedule.reschedule(session, shoot.id, SlotKind.SHOOT, DAY + dt.timedelta(days=1), second, "客户出差",
                        studio.counter, clock=clock)
    [line] = _lines(session, shoot.id)
    assert (line.kind, line.slot_kind, line.from_date, line.from_slot_id, line.to_date, line.to_slot_id,
            line.reason, line.staff_id) == (SessionChangeKind.RESCHEDULED, SlotKind.SHOOT, DAY, first,
                                             DAY + dt.timedelta(days=1), second, "客户出差", studio.counter.staff_id)
    [audit] = _audit(session, "session.reschedule")
    assert "客户出差" in audit.detail and audit.staff_id == studio.counter.staff_id
    [history] = schedule.order_history(session, shoot.order_id)
    assert (history.staff, history.from_slot, history.to_date) == ("李前台", "09:00–11:00", DAY + dt.timedelta(days=1))


def test_a_reschedule_into_a_full_slot_is_refused_and_nothing_changes(session, studio, clock):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    _capacity(session, second, 1)
    _shoot(session, studio, clock, DAY, second)
    moving = _shoot(session, studio, clock, DAY, first, name="李四")
    with pytest.raises(schedule.SlotFull) as refused:
        schedule.reschedule(session, moving.id, SlotKind.SHOOT, DAY, second, "换时间", studio.counter, clock=clock)
    assert refused.value.offers and refused.value.session_index is None
    session.expire_all()
    assert (moving.shoot_date, moving.shoot_slot_id) == (DAY, first)
    assert _lines(session, moving.id) == [] and _audit(session, "session.reschedule") == []
    # moving within its own slot (the day only) does not count the session against itself
    _capacity(session, first, 1)
    schedule.reschedule(session, moving.id, SlotKind.SHOOT, DAY + dt.timedelta(days=2), first, "换日子",
                        studio.counter, clock=clock)


def test_the_date_of_a_later_growth_session_is_set_when_agreed_without_a_reason(session, studio, clock):
    order = _book(session, studio, clock, package=studio.growth)
    later = order.sessions[1]
    slot = _slots(session, SlotKind.SHOOT)[2]
    schedule.schedule(session, later.id, SlotKind.SHOOT, dt.date(2027, 3, 1), slot, studio.counter, clock=clock)
    [line] = _lines(session, later.id)
    assert (line.kind, line.from_date, line.to_date, line.to_slot_id, line.reason) == (
        SessionChangeKind.SCHEDULED, None, dt.date(2027, 3, 1), slot, None)
    assert _audit(session, "session.reschedule") == []
    with pytest.raises(BadInput, match="reason"):  # from now on a change is a move
        schedule.schedule(session, later.id, SlotKind.SHOOT, dt.date(2027, 3, 2), slot, studio.counter, clock=clock)


def test_a_past_day_or_a_shoot_after_its_selection_is_refused(session, studio, clock):
    slot = _slots(session, SlotKind.SHOOT)[0]
    order = _book(session, studio, clock, SessionPlan("婚纱照", DAY, DAY + dt.timedelta(days=7), shoot_slot_id=slot))
    sid = order.sessions[0].id
    with pytest.raises(BadInput, match="has passed"):
        schedule.reschedule(session, sid, SlotKind.SHOOT, TODAY - dt.timedelta(days=1), slot, "x", studio.counter,
                            clock=clock)
    with pytest.raises(BadInput, match="move the selection first"):
        schedule.reschedule(session, sid, SlotKind.SHOOT, DAY + dt.timedelta(days=8), slot, "x", studio.counter,
                            clock=clock)


def test_a_no_show_is_progress_no_show_not_shot_and_rebooking_puts_it_back_to_booked(session, studio, clock):
    first, second, *_ = _slots(session, SlotKind.SHOOT)
    shoot = _shoot(session, studio, clock, DAY, first)
    with pytest.raises(BadInput, match="not yet"):  # the day has not come
        schedule.mark_no_show(session, shoot.id, studio.counter, clock=clock)
    clock.moment = dt.datetime(2026, 12, 6, 2, 0, tzinfo=dt.timezone.utc)  # the day after the shoot
    schedule.mark_no_show(session, shoot.id, studio.counter, clock=clock)
    session.expire_all()
    assert shoot.state is SessionState.NO_SHOW and shoot.order.progress is Progress.NO_SHOW
    with pytest.raises(BadInput, match="rebook"):
        schedule.reschedule(session, shoot.id, SlotKind.SHOOT, dt.date(2026, 12, 10), second, "x", studio.counter,
                            clock=clock)
    schedule.rebook(session, shoot.id, dt.date(2026, 12, 10), second, studio.counter, clock=clock)
    session.expire_all()
    assert (shoot.state, shoot.shoot_date, shoot.shoot_slot_id) == (SessionState.BOOKED, dt.date(2026, 12, 10), second)
    assert shoot.order.progress is Progress.BOOKED
    assert [(c.kind, c.from_date, c.to_date) for c in _lines(session, shoot.id)] == [
        (SessionChangeKind.NO_SHOW, DAY, None), (SessionChangeKind.RESCHEDULED, DAY, dt.date(2026, 12, 10))]
    assert len(_audit(session, "session.rebook")) == 1


def test_marking_shot_needs_the_shoot_day_and_moves_progress(session, studio, clock):
    shoot = _shoot(session, studio, clock, DAY, _slots(session, SlotKind.SHOOT)[0])
    with pytest.raises(BadInput, match="not yet"):
        schedule.mark_shot(session, shoot.id, studio.counter, clock=clock)
    clock.moment = dt.datetime(2026, 12, 5, 8, 0, tzinfo=dt.timezone.utc)
    schedule.mark_shot(session, shoot.id, studio.counter, clock=clock)
    session.expire_all()
    assert shoot.order.progress is Progress.SHOT
    assert [c.kind for c in _lines(session, shoot.id)] == [SessionChangeKind.SHOT]
    with pytest.raises(BadInput, match="already"):
        schedule.mark_shot(session, shoot.id, studio.counter, clock=clock)


def test_cancelling_one_growth_session_cancels_its_waiting_items_and_the_last_one_is_refused(session, studio, clock):
    order = _book(session, studio, clock, package=studio.growth)
    first, second, third = (s.id for s in order.sessions)
    with pytest.raises(NotAllowed):
        schedule.cancel_session(session, third, "客户放弃两周岁", studio.counter, clock=clock)
    with pytest.raises(BadInput, match="reason"):
        schedule.cancel_session(session, third, " ", studio.manager, clock=clock)
    schedule.cancel_session(session, third, "客户放弃两周岁", studio.manager, clock=clock)
    session.expire_all()
    items = session.scalars(select(Item).where(Item.order_id == order.id)).all()
    assert {i.status for i in items if i.session_id == third} == {ItemStatus.CANCELLED}
    assert {i.status for i in items if i.session_id != third} == {ItemStatus.WAITING}
    assert session.get(ShootSession, third).state is SessionState.CANCELLED
    assert [c.kind for c in _lines(session, third)] == [SessionChangeKind.CANCELLED]
    assert len(_audit(session, "session.cancel")) == 1 and len(_audit(session, "item.cancel")) == 2
    assert session.get(Order, order.id).progress is Progress.BOOKED  # the order lives on
    schedule.cancel_session(session, second, "不拍了", studio.manager, clock=clock)
    with pytest.raises(BadInput, match="cancel the order instead"):
        schedule.cancel_session(session, first, "不拍了", studio.manager, clock=clock)
    session.expire_all()
    assert session.get(ShootSession, first).state is SessionState.BOOKED
    assert {i.status for i in session.scalars(select(Item).where(Item.session_id == first))} == {ItemStatus.WAITING}


def test_a_cancelled_session_cannot_change_and_leaves_the_calendar(session, studio, clock):
    slot = _slots(session, SlotKind.SHOOT)[0]
    order = _book(session, studio, clock, SessionPlan("百天", DAY, shoot_slot_id=slot), SessionPlan("周岁"),
                  package=studio.growth)
    schedule.cancel_session(session, order.sessions[0].id, "不拍了", studio.manager, clock=clock)
    assert schedule.calendar(session, SlotKind.SHOOT, DAY, DAY).entries == []
    with pytest.raises(BadInput, match="cancelled"):
        schedule.reschedule(session, order.sessions[0].id, SlotKind.SHOOT, DAY, None, "x", studio.counter, clock=clock)


# -- staff ------------------------------------------------------------------------------------
def test_staff_are_assigned_only_to_a_position_they_hold(session, studio, clock):
    photographer = _crew(session, studio, clock, "黄摄影", Position.PHOTOGRAPHER)
    makeup = _crew(session, studio, clock, "林化妆", Position.MAKEUP)
    shoot = _shoot(session, studio, clock, DAY, _slots(session, SlotKind.SHOOT)[0])
    with pytest.raises(BadInput, match="not a photographer"):
        schedule.assign_staff(session, shoot.id, Position.PHOTOGRAPHER, makeup, studio.counter, clock=clock)
    schedule.assign_staff(session, shoot.id, Position.PHOTOGRAPHER, photographer, studio.counter, clock=clock)
    schedule.assign_staff(session, shoot.id, Position.MAKEUP, makeup, studio.counter, clock=clock)
    session.expire_all()
    assert (shoot.photographer_id, shoot.makeup_id) == (photographer, makeup)
    history = schedule.session_history(session, shoot.id)
    assert [(h.kind, h.position, h.reason) for h in history] == [
        (SessionChangeKind.STAFF, Position.PHOTOGRAPHER, "— → 黄摄影"), (SessionChangeKind.STAFF, Position.MAKEUP,
                                                                     "— → 林化妆")]
    with pytest.raises(BadInput, match="not a make-up artist"):  # booking checks it too
        _book(session, studio, clock, SessionPlan("婚纱照", DAY, makeup_id=photographer))
    assert [c.name for c in positions.staff_holding(session, Position.PHOTOGRAPHER)] == ["黄摄影"]


def test_positions_are_set_by_a_manager_only_and_audited(session, studio, clock):
    staff_id = studio.counter.staff_id
    with pytest.raises(NotAllowed):
        positions.set_positions(session, staff_id, [Position.PHOTOGRAPHER], studio.counter, clock=clock)
    assert positions.set_positions(session, staff_id, [Position.SELECTION_SALES, Position.COUNTER],
                                   studio.manager, clock=clock) == [Position.SELECTION_SALES, Position.COUNTER]
    positions.set_positions(session, staff_id, ["counter"], studio.manager, clock=clock)
    assert positions.positions_by_staff(session)[staff_id] == [Position.COUNTER]
    assert [a.detail for a in _audit(session, "staff.positions")] == [
        "李前台: selection salesperson, counter clerk", "李前台: counter clerk"]


def test_time_slots_are_changed_by_a_manager_only_and_audited(session, studio, clock):
    slot = schedule.time_slots(session, SlotKind.SHOOT)[0]
    with pytest.raises(NotAllowed):
        schedule.update_slot(session, slot.slot_id, slot.starts, slot.ends, 3, True, studio.counter, clock=clock)
    with pytest.raises(BadInput):
        schedule.update_slot(session, slot.slot_id, slot.ends, slot.starts, 3, True, studio.manager, clock=clock)
    with pytest.raises(BadInput):
        schedule.update_slot(session, slot.slot_id, slot.starts, slot.ends, 0, True, studio.manager, clock=clock)
    changed = schedule.update_slot(session, slot.slot_id, slot.starts, slot.ends, 3, False, studio.manager, clock=clock)
    assert changed.capacity == 3 and not changed.active
    assert slot.slot_id not in _slots(session, SlotKind.SHOOT)  # no longer offered
    added = schedule.add_slot(session, SlotKind.SHOOT, dt.time(19), dt.time(21), 1, studio.manager, clock=clock)
    assert added.label == "19:00–21:00" and added.slot_id in _slots(session, SlotKind.SHOOT)
    assert len(_audit(session, "slot.change")) == 1 and len(_audit(session, "slot.add")) == 1
    with pytest.raises(BadInput, match="no longer offered"):
        _shoot(session, studio, clock, DAY, slot.slot_id)


def test_counter_staff_may_move_sessions_but_production_may_not(session, studio, clock):
    shoot = _shoot(session, studio, clock, DAY, _slots(session, SlotKind.SHOOT)[0])
    with pytest.raises(NotAllowed):
        schedule.reschedule(session, shoot.id, SlotKind.SHOOT, DAY, None, "x", studio.production, clock=clock)


def test_a_selection_is_moved_like_a_shoot_and_counted_on_its_own_slots(session, studio, clock):
    shoot_slot, selection_slot = _slots(session, SlotKind.SHOOT)[0], _slots(session, SlotKind.SELECTION)[0]
    _capacity(session, selection_slot, 1)
    order = _book(session, studio, clock, SessionPlan("婚纱照", DAY, DAY + dt.timedelta(days=7), shoot_slot_id=shoot_slot,
                                                      selection_slot_id=selection_slot))
    other = _book(session, studio, clock, SessionPlan("婚纱照", DAY, DAY + dt.timedelta(days=8),
                                                      selection_slot_id=selection_slot), name="李四")
    with pytest.raises(schedule.SlotFull) as refused:
        schedule.reschedule(session, other.sessions[0].id, SlotKind.SELECTION, DAY + dt.timedelta(days=7),
                            selection_slot, "提前", studio.counter, clock=clock)
    assert refused.value.kind is SlotKind.SELECTION
    with pytest.raises(BadInput, match="before the shoot"):
        schedule.reschedule(session, order.sessions[0].id, SlotKind.SELECTION, DAY - dt.timedelta(days=1),
                            selection_slot, "提前", studio.counter, clock=clock)


def test_an_orders_history_lists_the_changes_of_all_its_sessions_in_order_with_names(session, studio, clock):
    slot = _slots(session, SlotKind.SHOOT)[0]
    order = _book(session, studio, clock, SessionPlan("百天", DAY, shoot_slot_id=slot), SessionPlan("周岁"),
                  SessionPlan("两周岁"), package=studio.growth)
    first, second, third = (s.id for s in order.sessions)
    schedule.schedule(session, second, SlotKind.SHOOT, dt.date(2027, 9, 1), None, studio.counter, clock=clock)
    clock.advance(minutes=5)
    schedule.reschedule(session, first, SlotKind.SHOOT, DAY + dt.timedelta(days=1), slot, "宝宝感冒", studio.counter,
                        clock=clock)
    clock.advance(minutes=5)
    schedule.cancel_session(session, third, "不拍了", studio.manager, clock=clock)
    history = schedule.order_history(session, order.id)
    assert [(h.session_name, h.kind, h.staff) for h in history] == [
        ("周岁", SessionChangeKind.SCHEDULED, "李前台"), ("百天", SessionChangeKind.RESCHEDULED, "李前台"),
        ("两周岁", SessionChangeKind.CANCELLED, "王店长")]
    assert (history[1].from_slot, history[1].reason, history[2].reason) == ("09:00–11:00", "宝宝感冒", "不拍了")
    assert [d.name for d in schedule.sessions_of_order(session, order.id)] == ["百天", "周岁", "两周岁"]
