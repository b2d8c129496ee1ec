"""Reminders: every default rule and offset on a fixed clock, idempotence (twice, two
processes at once), leap-day birthdays, a rescheduled session, overdue until handled."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.models import (
    FollowUp, FollowUpStage, Item, ItemStatus, OutboxStatus, PaymentKind, PaymentMethod, Reminder, ReminderEvent,
    ReminderOutcome, ReminderRule, Role, Setting, ShootSession,
)
from app.services import lifecycle, reminders, schedule, today
from app.services.balance import order_balance
from app.services.clock import FixedClock
from app.services.errors import BadInput
from app.services.orders import take_payment

from .pickup_helpers import item_codes, move
from .reminders_helpers import TODAY, booked, customer, day, made, outbox, rule_id

E = ReminderEvent


def _session_id(session, order) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(ShootSession.id).where(ShootSession.order_id == order.id))


def _generate(session, clock, n: int):  # type: ignore[no-untyped-def]
    return reminders.generate(session, day=day(n), clock=clock)


def test_a_shoot_is_reminded_a_week_and_the_eve_before_and_on_no_other_day(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(7), selection=day(20), pickup=day(40), deposit_fen=599900)
    sid = _session_id(session, order)
    for n in range(0, 8):
        _generate(session, clock, n)
    shoot = [r for r in made(session) if r[0] is E.SHOOT]
    assert shoot == [(E.SHOOT, -7, "session", sid, day(0)), (E.SHOOT, -1, "session", sid, day(6))]


def test_a_selection_is_reminded_three_days_and_the_eve_before(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(1), selection=day(10), pickup=day(40), deposit_fen=599900)
    sid = _session_id(session, order)
    for n in range(0, 11):
        _generate(session, clock, n)
    assert [r for r in made(session) if r[0] is E.SELECTION] == [
        (E.SELECTION, -3, "session", sid, day(7)), (E.SELECTION, -1, "session", sid, day(9))]


def test_the_promised_pickup_date_is_reminded_the_eve_before_with_the_balance_still_due(session, studio, clock):
    owing = booked(session, studio, clock, shoot=day(1), selection=day(5), pickup=day(12), deposit_fen=100000)
    paid = booked(session, studio, clock, shoot=day(1), selection=day(5), pickup=day(12), deposit_fen=599900,
                  name="王五", phone="13700137000")
    assert order_balance(session, paid.id).due_fen == 0
    _generate(session, clock, 11)
    rows = [r for r in made(session) if r[0] in (E.PICKUP_DATE, E.BALANCE_DUE)]
    assert sorted(rows, key=str) == sorted([
        (E.PICKUP_DATE, -1, "session", _session_id(session, owing), day(11)),
        (E.PICKUP_DATE, -1, "session", _session_id(session, paid), day(11)),
        (E.BALANCE_DUE, -1, "order", owing.id, day(11))], key=str)
    [balance] = [m for m in outbox(session) if m.template == "balance_due"]
    assert "4,999.00" in balance.body and balance.order_id == owing.id


def test_a_balance_paid_withdraws_its_reminder_and_its_message_not_yet_sent(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(1), selection=day(5), pickup=day(12), deposit_fen=100000)
    _generate(session, clock, 11)
    assert [m.template for m in outbox(session)].count("balance_due") == 1
    clock.moment += dt.timedelta(days=11)
    take_payment(session, order.id, PaymentKind.BALANCE, PaymentMethod.CASH, order_balance(session, order.id).due_fen,
                 studio.counter, clock=clock)
    reminders.generate(session, day=day(11), clock=clock)
    assert E.BALANCE_DUE not in [r[0] for r in made(session)]
    assert "balance_due" not in [m.template for m in outbox(session)]


def test_all_items_ready_is_reminded_that_day_and_uncollected_ones_after_fourteen_days(session, studio, clock):
    order = booked(session, studio, clock, deposit_fen=599900)
    for code in item_codes(session, order.id):
        move(session, studio, clock, code, ItemStatus.READY)
    ready_day = clock.today()
    for n in range(0, 15):
        reminders.generate(session, day=ready_day + dt.timedelta(days=n), clock=clock)
    rows = [r for r in made(session) if r[0] in (E.ALL_READY, E.UNCOLLECTED)]
    assert rows == [(E.ALL_READY, 0, "order", order.id, ready_day),
                    (E.UNCOLLECTED, 14, "order", order.id, ready_day + dt.timedelta(days=14))]
    [nudge] = [m for m in outbox(session) if m.template == "uncollected"]
    assert "30P 相册×1" in nudge.body and "7寸 摆台×2" in nudge.body


def test_an_order_collected_before_fourteen_days_gets_no_uncollected_reminder(session, studio, clock):
    order = booked(session, studio, clock, deposit_fen=599900)
    codes = item_codes(session, order.id)
    for code in codes:
        move(session, studio, clock, code, ItemStatus.READY)
    ready_day = clock.today()
    for code in codes:
        lifecycle.transition(session, code, ItemStatus.PICKED_UP, studio.counter, clock=clock)
    reminders.generate(session, day=ready_day + dt.timedelta(days=14), clock=clock)
    assert E.UNCOLLECTED not in [r[0] for r in made(session)]


def test_birthdays_and_anniversaries_are_reminded_only_for_customers_who_consented(session, studio, clock):
    yes = customer(session, studio, clock, name="愿意", birthday=dt.date(1990, 11, 25), wedding=dt.date(2020, 11, 25))
    customer(session, studio, clock, name="不愿意", birthday=dt.date(1990, 11, 25), consent=False, phone="13600136000")
    _generate(session, clock, 2)
    rows = [r for r in made(session) if r[0] in (E.BIRTHDAY, E.WEDDING_ANNIVERSARY)]
    assert sorted(rows, key=str) == sorted([(E.BIRTHDAY, 0, "customer", yes.id, day(2)),
                                            (E.WEDDING_ANNIVERSARY, 0, "customer", yes.id, day(2))], key=str)
    greetings = [m for m in outbox(session) if m.marketing]
    assert len(greetings) == 2 and {m.customer_id for m in greetings} == {yes.id}


def test_a_partners_birthday_is_reminded_under_the_partners_name(session, studio, clock):
    c = customer(session, studio, clock, partner_birthday=dt.date(1992, 11, 24))
    _generate(session, clock, 1)
    assert [r for r in made(session) if r[0] is E.BIRTHDAY] == [(E.BIRTHDAY, 0, "partner", c.id, day(1))]
    [greeting] = [m for m in outbox(session) if m.marketing]
    assert "李四的爱人" in greeting.body


def test_the_wedding_day_itself_is_no_anniversary(session, studio, clock):
    customer(session, studio, clock, wedding=dt.date(2026, 11, 24))
    _generate(session, clock, 1)
    assert made(session) == []


@pytest.mark.parametrize(("generated_on", "reminded"), [
    (dt.date(2027, 2, 28), True), (dt.date(2027, 3, 1), False),  # not a leap year: on 28 February
    (dt.date(2028, 2, 28), False), (dt.date(2028, 2, 29), True),  # a leap year: on the day itself
])
def test_a_birthday_on_29_february_falls_on_28_february_in_other_years(session, studio, clock, generated_on, reminded):
    c = customer(session, studio, clock, birthday=dt.date(2000, 2, 29))
    reminders.generate(session, day=generated_on, clock=clock)
    assert made(session) == ([(E.BIRTHDAY, 0, "customer", c.id, generated_on)] if reminded else [])


def test_generating_twice_makes_no_duplicates(session, studio, clock):
    booked(session, studio, clock, shoot=day(7), selection=day(10), pickup=day(30))
    first = _generate(session, clock, 0)
    again = _generate(session, clock, 0)
    assert first.added == 1 and again.added == 0
    assert len(made(session)) == 1 and len(outbox(session)) == 1


def test_the_database_itself_refuses_a_second_reminder_with_the_same_key(session, studio, clock):
    booked(session, studio, clock, shoot=day(7))
    _generate(session, clock, 0)
    row = session.scalars(select(Reminder)).one()
    copy = {c.key: getattr(row, c.key) for c in Reminder.__table__.columns if c.key != "id"}
    session.add(Reminder(**copy))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_without_the_python_check_the_unique_key_alone_keeps_one_copy(session, studio, clock, monkeypatch):
    """What two stations racing see: neither finds the other's rows before inserting."""
    booked(session, studio, clock, shoot=day(1), selection=day(3))
    _generate(session, clock, 0)
    monkeypatch.setattr(reminders, "_existing", lambda *_a: {})
    session.execute(delete(Setting).where(Setting.key == reminders.GENERATED_THROUGH))  # today is made again
    session.commit()
    _generate(session, clock, 0)
    assert len(made(session)) == 2 and len(outbox(session)) == 2


def _generate_in_a_process(url: str, when: str, barrier) -> int:  # type: ignore[no-untyped-def]
    from app.models.db import make_engine, make_session_factory, resolve_url
    from app.services import reminders
    from app.services.clock import FixedClock

    engine = make_engine(resolve_url(url))
    try:
        barrier.wait(timeout=30)
        with make_session_factory(engine)() as session:
            clock = FixedClock(moment=dt.datetime.fromisoformat(when))
            return reminders.generate(session, clock=clock).added
    finally:
        engine.dispose()


def test_two_stations_generating_at_once_make_each_reminder_once(session, studio, clock, engine):
    for n in range(6):
        booked(session, studio, clock, shoot=day(1), selection=day(3), name=f"客{n}", phone=f"1380013800{n}")
    url = engine.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(2)
        with context.Pool(2) as pool:
            results = pool.starmap(_generate_in_a_process, [(url, clock.now().isoformat(), barrier)] * 2)
    assert sum(results) >= 12  # each saw work to do; the key kept one copy
    rows = made(session)
    assert len(rows) == 12 and len(set(rows)) == 12
    assert len(outbox(session)) == 12


def test_a_rescheduled_session_withdraws_its_old_reminders_and_makes_new_ones(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(1), selection=day(10), pickup=day(30))
    sid = _session_id(session, order)
    _generate(session, clock, 0)
    assert made(session) == [(E.SHOOT, -1, "session", sid, day(0))]
    assert [m.template for m in outbox(session)] == ["shoot_reminder"]
    schedule.reschedule(session, sid, "shoot", day(3), None, "客户出差", studio.counter, clock=clock)
    assert made(session) == []  # withdrawn: not shown, its message taken out of the outbox
    assert outbox(session) == []
    assert [line.id for line in reminders.reminders_due(session, clock=clock)] == []
    _generate(session, clock, 2)
    assert made(session) == [(E.SHOOT, -1, "session", sid, day(2))]
    assert day(3).isoformat() in outbox(session)[0].body


def test_a_session_moved_to_tomorrow_is_reminded_at_once(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(5), selection=day(10), pickup=day(30))
    sid = _session_id(session, order)
    schedule.reschedule(session, sid, "shoot", day(1), None, "提前", studio.counter, clock=clock)
    assert made(session) == [(E.SHOOT, -1, "session", sid, day(0))]


def test_a_session_moved_back_to_its_first_date_gets_its_reminder_back(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(1), selection=day(10), pickup=day(30))
    sid = _session_id(session, order)
    _generate(session, clock, 0)
    schedule.reschedule(session, sid, "shoot", day(3), None, "改期", studio.counter, clock=clock)
    schedule.reschedule(session, sid, "shoot", day(1), None, "又改回来", studio.counter, clock=clock)
    assert made(session) == [(E.SHOOT, -1, "session", sid, day(0))]
    assert session.scalar(select(func.count(Reminder.id))) == 1


def test_an_overdue_reminder_stays_until_it_is_handled(session, studio, clock):
    order = booked(session, studio, clock, shoot=day(1), selection=day(10), pickup=day(30))
    _generate(session, clock, 0)
    later = reminders.reminders_due(session, clock=clock, day=day(3))
    assert [(line.event, line.overdue(day(3))) for line in later] == [(E.SHOOT, True)]
    clock.moment += dt.timedelta(days=3)
    done = reminders.mark_reminder(session, later[0].id, ReminderOutcome.DONE, studio.counter, clock=clock)
    assert (done.outcome, done.done_by, done.done_at) == (ReminderOutcome.DONE, "李前台", clock.now())
    [shown] = reminders.reminders_due(session, clock=clock)  # handled today: still listed, with who and when
    assert (shown.outcome, shown.done_by) == (ReminderOutcome.DONE, "李前台")
    assert reminders.reminders_due(session, clock=clock, day=day(4)) == []
    assert order.id == shown.order_id


def test_a_reminder_is_marked_only_once(session, studio, clock):
    booked(session, studio, clock, shoot=day(1))
    _generate(session, clock, 0)
    [line] = reminders.reminders_due(session, clock=clock)
    reminders.mark_reminder(session, line.id, ReminderOutcome.SKIPPED, studio.counter, clock=clock)
    with pytest.raises(BadInput, match="already marked"):
        reminders.mark_reminder(session, line.id, ReminderOutcome.DONE, studio.manager, clock=clock)


def test_follow_ups_due_come_from_the_worklist_and_are_never_copied_into_reminders(session, studio, clock):
    order = booked(session, studio, clock)
    session.add_all([
        FollowUp(customer_id=order.customer_id, order_id=order.id, stage=FollowUpStage.AFTER_PICKUP, due_on=day(-2)),
        FollowUp(customer_id=order.customer_id, order_id=order.id, stage=FollowUpStage.AFTER_SHOOT, due_on=day(3)),
        FollowUp(customer_id=order.customer_id, stage=FollowUpStage.ANNUAL, due_on=day(-5),
                 called_at=clock.now())])
    session.commit()
    _generate(session, clock, 0)
    lines = [line for line in today.due_list(session, clock=clock) if line.event is E.FOLLOW_UP_DUE]
    assert [(line.due_date, line.id, line.follow_up_id is not None) for line in lines] == [(day(-2), None, True)]
    assert session.scalar(select(func.count(Reminder.id))) == 0


def test_no_rule_can_be_made_for_follow_ups_due(session, studio, clock):
    with pytest.raises(BadInput, match="follow-up worklist"):
        reminders.save_rule(session, None, E.FOLLOW_UP_DUE, 0, Role.COUNTER, None, True, studio.manager, clock=clock)


def test_an_inactive_rule_makes_nothing_and_a_changed_offset_counts(session, studio, clock):
    booked(session, studio, clock, shoot=day(7), selection=day(10), pickup=day(30))
    week = rule_id(session, E.SHOOT, -7)
    reminders.save_rule(session, week, E.SHOOT, -7, Role.COUNTER, None, False, studio.manager, clock=clock)
    eve = rule_id(session, E.SHOOT, -1)
    reminders.save_rule(session, eve, E.SHOOT, -2, Role.MANAGER, None, True, studio.manager, clock=clock)
    for n in range(0, 7):
        _generate(session, clock, n)
    assert [(r[0], r[1], r[4]) for r in made(session)] == [(E.SHOOT, -2, day(5))]
    assert session.scalar(select(Reminder.role)) is Role.MANAGER


def test_days_missed_while_closed_are_caught_up_and_no_more_than_a_week(session, studio, clock):
    booked(session, studio, clock, shoot=day(2), selection=day(12), pickup=day(30))  # eve: day 1
    booked(session, studio, clock, shoot=day(12), selection=day(20), pickup=day(30), name="晚", phone="13700000001")
    _generate(session, clock, 0)
    result = _generate(session, clock, 5)  # closed for days 1..4
    assert result.first_day == day(1)
    assert sorted((r[4], r[0], r[1]) for r in made(session)) == [(day(1), E.SHOOT, -1), (day(5), E.SHOOT, -7)]
    assert _generate(session, clock, 30).first_day == day(23)


def test_the_generator_uses_the_injected_clock(session, studio, clock):
    booked(session, studio, clock, shoot=day(8), selection=day(12), pickup=day(30))
    clock.moment += dt.timedelta(days=1)
    assert reminders.generate(session, clock=clock).day == day(1)
    assert [r[4] for r in made(session)] == [day(1)]
    assert session.scalar(select(Reminder.created_at)) == clock.now()


def test_a_cancelled_order_withdraws_its_reminders(session, studio, clock):
    from app.services.orders import cancel_order

    order = booked(session, studio, clock, shoot=day(1), selection=day(10), pickup=day(30))
    _generate(session, clock, 0)
    cancel_order(session, order.id, "客户取消", studio.manager, clock=clock)
    _generate(session, clock, 0)
    assert made(session) == []


def test_rules_and_templates_have_chinese_defaults_for_every_event(session):
    rules = session.execute(select(ReminderRule.event, ReminderRule.offset_days)).all()
    assert {e for e, _o in rules} == set(E) - {E.FOLLOW_UP_DUE}
    assert sorted(o for e, o in rules if e is E.SHOOT) == [-7, -1]
    assert sorted(o for e, o in rules if e is E.SELECTION) == [-3, -1]


def test_a_message_is_not_queued_without_a_phone_but_the_reminder_is_made(session, studio, clock):
    booked(session, studio, clock, shoot=day(1), phone=None)
    _generate(session, clock, 0)
    assert len(made(session)) == 1 and outbox(session) == []


def test_a_pending_message_is_marked_with_its_channel_and_marketing_flag(session, studio, clock):
    booked(session, studio, clock, shoot=day(1))
    customer(session, studio, clock, birthday=dt.date(1990, 11, 23))
    _generate(session, clock, 0)
    kinds = {(m.template, m.channel.value, m.marketing, m.status) for m in outbox(session)}
    assert kinds == {("shoot_reminder", "wechat", False, OutboxStatus.PENDING),
                     ("birthday_greeting", "wechat", True, OutboxStatus.PENDING)}


def test_items_not_ready_are_not_listed_in_the_message(session, studio, clock):
    order = booked(session, studio, clock)
    codes = item_codes(session, order.id)
    move(session, studio, clock, codes[0], ItemStatus.READY)
    assert reminders.ready_items_text(session, order.id) == "30P 相册×1"
    session.execute(update(Item).where(Item.order_id == order.id).values(status=ItemStatus.WAITING))
    assert reminders.ready_items_text(session, order.id) == ""
    session.rollback()


def test_the_clock_of_a_process_is_not_the_wall_clock():
    assert FixedClock().today() == TODAY
