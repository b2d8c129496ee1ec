"""Reminders (提醒): rules and the studio's data make the reminders of a day.

A rule counts ``offset_days`` from an event's date (negative: before it): a week and the
eve before a shoot, three days and the eve before the selection, the eve of the promised
pickup date, the day all items are ready, N days after they were ready and still not
collected, birthdays and wedding anniversaries (customers who consented to marketing only),
a balance still due on the eve of the pickup date.

:func:`generate` is idempotent in the database: a reminder's key (rule, subject, due date)
is unique, rows are added with INSERT … ON CONFLICT DO NOTHING, so generating twice, or on
two stations at once, never makes a duplicate. It runs at start and at midnight while the
program is open (the window's timer calls it) and catches up on the days it was not run
(at most :data:`CATCH_UP_DAYS`). A reminder whose reason went away (its session moved or
was cancelled, its balance paid, consent withdrawn) is withdrawn, not deleted; one that is
merely overdue stays until someone marks it done or skipped.

"Follow-up due" reminders are not made here: they are the follow-up worklist itself, which
the Today view shows beside the others (:func:`app.services.today.due_list`), never copied
into ``reminders`` (this module stays below the follow-up service: no import cycle).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, extract, func, or_, select, update
from sqlalchemy.orm import Session

from ..models import (
    Customer, CustomerPhone, Item, ItemStatus, MessageTemplate, Order, OutboxMessage, OutboxStatus,
    ProductType, Progress, Reminder, ReminderEvent, ReminderOutcome, ReminderRule, Role, SessionState, Setting,
    ShootSession, TimeSlot,
)
from ..models.db import insert_many_unless_present, insert_unless_present
from . import codes, money
from .balance import BALANCE_COLUMNS, balance_of
from .clock import STUDIO_TZ, SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .messages import Message, phrases
from .staff import Actor, Permission, record, require
from .studio import studio_name
from .templates import render

SESSION, ORDER, CUSTOMER, PARTNER = "session", "order", "customer", "partner"
CATCH_UP_DAYS = 7  # days missed while the program was closed that are still made up for
GENERATED_THROUGH = "reminders_generated_through"  # setting: the last day generated (ISO)
OUTCOME_TEXT = phrases({ReminderOutcome.DONE: "done", ReminderOutcome.SKIPPED: "skipped"})
_KEY = ("rule_id", "subject_kind", "subject_id", "due_date")
_SESSION_EVENTS = {ReminderEvent.SHOOT: ShootSession.shoot_date, ReminderEvent.SELECTION: ShootSession.selection_date,
                   ReminderEvent.PICKUP_DATE: ShootSession.pickup_date}
_SESSION_STATES = {
    ReminderEvent.SHOOT: (SessionState.BOOKED,),
    ReminderEvent.SELECTION: (SessionState.BOOKED, SessionState.SHOT),
    ReminderEvent.PICKUP_DATE: (SessionState.BOOKED, SessionState.SHOT, SessionState.SELECTED),
}
_READY_PROGRESS = {ReminderEvent.ALL_READY: (Progress.READY,),
                   ReminderEvent.UNCOLLECTED: (Progress.READY, Progress.PARTLY_PICKED_UP)}
_OPEN_PROGRESS = (Progress.DONE, Progress.CANCELLED)


@dataclass(frozen=True)
class Occasion:
    """An event of one subject on a date (a session's shoot, an order ready, a birthday)."""

    subject_kind: str
    subject_id: int
    event_date: dt.date
    customer_id: int
    order_id: int | None
    title: str  # the customer's name and the order number: plain values, never translated


@dataclass(frozen=True)
class RuleRow:
    id: int
    event: ReminderEvent
    offset_days: int
    role: Role
    template_id: int | None
    template_key: str | None
    active: bool


# --- occasions: what happens on which date ----------------------------------------------------


def _title(name: str, number: str | None) -> str:
    return f"{name} {codes.display_order_number(number)}" if number else name


def _session_occasions(session: Session, event: ReminderEvent, *, between: tuple[dt.date, dt.date] | None = None,
                       ids: Iterable[int] | None = None) -> list[Occasion]:
    column = _SESSION_EVENTS[event]
    q = (select(ShootSession.id, column, Order.customer_id, Order.id, Customer.name, Order.number)
         .join(Order, Order.id == ShootSession.order_id).join(Customer, Customer.id == Order.customer_id)
         .where(ShootSession.state.in_(_SESSION_STATES[event]), Order.cancelled_at.is_(None), column.is_not(None)))
    if event is ReminderEvent.PICKUP_DATE:
        q = q.where(Order.progress.not_in(_OPEN_PROGRESS))
    if between is not None:
        q = q.where(column.between(*between))
    if ids is not None:
        q = q.where(ShootSession.id.in_(list(ids)))
    return [Occasion(SESSION, sid, day, cid, oid, _title(name, number))
            for sid, day, cid, oid, name, number in session.execute(q) if day is not None]


def _ready_occasions(session: Session, event: ReminderEvent, *, between: tuple[dt.date, dt.date] | None = None,
                     ids: Iterable[int] | None = None) -> list[Occasion]:
    """Orders whose items are all ready (or, for "uncollected", ready and some not picked up),
    dated by the local day the last of them became ready."""
    q = (select(Order.id, Order.customer_id, Customer.name, Order.number, func.max(Item.status_at))
         .join(Item, Item.order_id == Order.id).join(Customer, Customer.id == Order.customer_id)
         .where(Order.progress.in_(_READY_PROGRESS[event]), Order.cancelled_at.is_(None),
                Item.status == ItemStatus.READY)
         .group_by(Order.id, Order.customer_id, Customer.name, Order.number))
    if between is not None:  # a day either way: local days are not UTC days
        lo = dt.datetime.combine(between[0] - dt.timedelta(days=1), dt.time(), STUDIO_TZ)
        hi = dt.datetime.combine(between[1] + dt.timedelta(days=2), dt.time(), STUDIO_TZ)
        q = q.having(func.max(Item.status_at).between(lo, hi))
    if ids is not None:
        q = q.where(Order.id.in_(list(ids)))
    out = []
    for oid, cid, name, number, last in session.execute(q):
        day = last.astimezone(STUDIO_TZ).date()
        if between is None or between[0] <= day <= between[1]:
            out.append(Occasion(ORDER, oid, day, cid, oid, _title(name, number)))
    return out


def _balance_occasions(session: Session, *, between: tuple[dt.date, dt.date] | None = None,
                       ids: Iterable[int] | None = None) -> list[Occasion]:
    """Orders still owing money, dated by their (first) promised pickup date."""
    pickup = func.min(ShootSession.pickup_date)
    q = (select(Order.id, Order.customer_id, Customer.name, Order.number, pickup, *BALANCE_COLUMNS)
         .join(ShootSession, ShootSession.order_id == Order.id).join(Customer, Customer.id == Order.customer_id)
         .where(Order.cancelled_at.is_(None), Order.progress.not_in(_OPEN_PROGRESS),
                ShootSession.state != SessionState.CANCELLED, ShootSession.pickup_date.is_not(None))
         .group_by(Order.id, Order.customer_id, Customer.name, Order.number))
    if between is not None:
        q = q.having(pickup.between(*between))
    if ids is not None:
        q = q.where(Order.id.in_(list(ids)))
    return [Occasion(ORDER, oid, day, cid, oid, _title(name, number))
            for oid, cid, name, number, day, total, paid, cancelled in session.execute(q)
            if balance_of(total, paid, cancelled).due_fen > 0]


def on_this_day(date: dt.date, year: int) -> dt.date:
    """``date``'s anniversary in ``year``: 29 February falls on 28 February in other years."""
    try:
        return date.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def _days(between: tuple[dt.date, dt.date]) -> list[dt.date]:
    first, last = between
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _greeting_occasions(session: Session, event: ReminderEvent, *, between: tuple[dt.date, dt.date] | None = None,
                        ids: Iterable[int] | None = None, partners: Iterable[int] | None = None) -> list[Occasion]:
    """Birthdays (the customer's and the partner's) and wedding anniversaries of customers
    who consented to marketing messages, on the days of ``between``."""
    kinds: list[tuple[str, Any, Any, Iterable[int] | None]] = [(CUSTOMER, Customer.birthday, Customer.name, ids)]
    if event is ReminderEvent.BIRTHDAY:
        kinds.append((PARTNER, Customer.partner_birthday, Customer.partner_name, partners))
    else:
        kinds = [(CUSTOMER, Customer.wedding_date, Customer.name, ids)]
    days = _days(between) if between is not None else []
    out = []
    for kind, column, name_col, only in kinds:
        if between is None and only is None:
            continue
        q = select(Customer.id, column, name_col, Customer.name).where(
            Customer.marketing_consent_at.is_not(None), column.is_not(None))
        if only is not None:
            q = q.where(Customer.id.in_(list(only)))
        if between is not None:
            pairs = {(d.month, d.day) for d in days}
            pairs |= {(2, 29) for d in days if (d.month, d.day) == (2, 28)}
            q = q.where(or_(*(and_(extract("month", column) == m, extract("day", column) == d) for m, d in pairs)))
        for cid, date, name, customer_name in session.execute(q):
            if date is None:
                continue
            if between is None:  # the validity check: the caller looks at the stored date's year
                out.append(Occasion(kind, cid, date, cid, None, name or customer_name))
                continue
            for year in {d.year for d in days}:
                day = on_this_day(date, year)
                if event is ReminderEvent.WEDDING_ANNIVERSARY and year <= date.year:
                    continue  # the wedding itself is no anniversary
                if between[0] <= day <= between[1]:
                    out.append(Occasion(kind, cid, day, cid, None, name or customer_name))
    return out


def occasions(session: Session, event: ReminderEvent, between: tuple[dt.date, dt.date]) -> list[Occasion]:
    """The occasions of ``event`` dated within ``between`` (first, last)."""
    if event in _SESSION_EVENTS:
        return _session_occasions(session, event, between=between)
    if event in _READY_PROGRESS:
        return _ready_occasions(session, event, between=between)
    if event is ReminderEvent.BALANCE_DUE:
        return _balance_occasions(session, between=between)
    if event in (ReminderEvent.BIRTHDAY, ReminderEvent.WEDDING_ANNIVERSARY):
        return _greeting_occasions(session, event, between=between)
    return []  # follow-ups due: the worklist, not a rule


# --- rules ---------------------------------------------------------------------------------


def list_rules(session: Session) -> list[RuleRow]:
    q = (select(ReminderRule, MessageTemplate.key).outerjoin(MessageTemplate, MessageTemplate.id == ReminderRule.template_id)
         .order_by(ReminderRule.id))
    return [RuleRow(r.id, r.event, r.offset_days, r.role, r.template_id, key, r.active) for r, key in session.execute(q)]


def save_rule(
    session: Session, rule_id: int | None, event: ReminderEvent, offset_days: int, role: Role,
    template_id: int | None, active: bool, actor: Actor, *, clock: Clock = SYSTEM_CLOCK, commit: bool = True,
) -> RuleRow:
    """Change a rule (or add one: ``rule_id`` None). Follow-ups due come from the follow-up
    worklist and have no rule of their own. ``commit=False``: part of a larger change (a
    settings import), committed by the caller."""
    require(actor, Permission.MANAGE_SETTINGS)
    event = as_enum(ReminderEvent, event, "event")
    role = as_enum(Role, role, "role")
    if event is ReminderEvent.FOLLOW_UP_DUE:
        raise BadInput("Follow-up calls due come from the follow-up worklist; they need no rule. Nothing was saved.")
    if not isinstance(offset_days, int) or not -366 <= offset_days <= 366:
        raise BadInput("{value} is not a valid {what}.", value=offset_days, what="number of days (-366 to 366)")
    if template_id is not None and session.get(MessageTemplate, template_id) is None:
        raise NotFound("There is no message template {id}.", id=template_id)
    if rule_id is None:
        row = ReminderRule()
        session.add(row)
    else:
        found = session.get(ReminderRule, rule_id)
        if found is None:
            raise NotFound("There is no reminder rule {id}.", id=rule_id)
        row = found
    row.event, row.offset_days, row.role, row.template_id, row.active = event, offset_days, role, template_id, bool(active)
    session.flush()
    record(session, actor, "reminder_rule.save", f"rule:{row.id}", f"{event.value} {offset_days:+d}d {role.value}",
           clock=clock)
    if commit:
        session.commit()
    return next(r for r in list_rules(session) if r.id == row.id)


# --- generating ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    day: dt.date
    first_day: dt.date
    added: int
    withdrawn: int
    queued: int


def _candidates(session: Session, rules: Sequence[ReminderRule], first: dt.date, last: dt.date
                ) -> dict[tuple[int, str, int, dt.date], tuple[ReminderRule, Occasion]]:
    """Every reminder the rules make due on a day of [first, last]."""
    by_event: dict[ReminderEvent, list[ReminderRule]] = defaultdict(list)
    for rule in rules:
        by_event[rule.event].append(rule)
    out = {}
    for event, its_rules in by_event.items():
        offsets = [r.offset_days for r in its_rules]
        found = occasions(session, event, (first - dt.timedelta(days=max(offsets)),
                                           last - dt.timedelta(days=min(offsets))))
        for rule in its_rules:
            for occ in found:
                due = occ.event_date + dt.timedelta(days=rule.offset_days)
                if first <= due <= last:
                    out[(rule.id, occ.subject_kind, occ.subject_id, due)] = (rule, occ)
    return out


def _existing(session: Session, first: dt.date, last: dt.date) -> dict[tuple, Any]:
    """The reminders of rules due in [first, last] by key: those to leave alone (or bring
    back). What another station adds meanwhile is not here: the unique key refuses it."""
    return {(r.rule_id, r.subject_kind, r.subject_id, r.due_date): r for r in session.execute(
        select(Reminder.rule_id, Reminder.subject_kind, Reminder.subject_id, Reminder.due_date, Reminder.id,
               Reminder.withdrawn_at, Reminder.event_date)
        .where(Reminder.due_date.between(first, last), Reminder.rule_id.is_not(None)))}


def _add(session: Session, candidates: dict, now: dt.datetime) -> int:
    """Insert the candidates not there yet (ON CONFLICT DO NOTHING: another station may be
    adding the same ones right now); bring back withdrawn ones whose reason returned."""
    if not candidates:
        return 0
    days = [k[3] for k in candidates]
    existing = _existing(session, min(days), max(days))
    new = []
    for key, (rule, occ) in candidates.items():
        there = existing.get(key)
        if there is None:
            new.append(dict(
                rule_id=rule.id, event=rule.event, subject_kind=occ.subject_kind, subject_id=occ.subject_id,
                event_date=occ.event_date, due_date=key[3], role=rule.role, customer_id=occ.customer_id,
                order_id=occ.order_id, title=occ.title[:200], created_at=now))
        elif there.withdrawn_at is not None and there.event_date == occ.event_date:
            session.execute(update(Reminder).where(Reminder.id == there.id).values(withdrawn_at=None))
    insert_many_unless_present(session, Reminder, new, _KEY)
    added = len(new)
    return added


def _still_valid(session: Session, rows: Sequence[Any]) -> set[int]:
    """The ids of ``rows`` (pending reminders) whose reason still holds: the session has the
    same date and is not cancelled, the order still owes / is still not collected, the
    customer still consents and has the same birthday."""
    by_event: dict[ReminderEvent, list[Any]] = defaultdict(list)
    for r in rows:
        by_event[r.event].append(r)
    valid: set[int] = set()
    for event, its in by_event.items():
        if event in _SESSION_EVENTS:
            now = {o.subject_id: o.event_date for o in _session_occasions(
                session, event, ids={r.subject_id for r in its})}
            valid |= {r.id for r in its if now.get(r.subject_id) == r.event_date}
        elif event in _READY_PROGRESS or event is ReminderEvent.BALANCE_DUE:
            ids = {r.subject_id for r in its}
            found = (_balance_occasions(session, ids=ids) if event is ReminderEvent.BALANCE_DUE
                     else _ready_occasions(session, event, ids=ids))
            now = {o.subject_id: o.event_date for o in found}
            if event is ReminderEvent.ALL_READY:  # ready once is ready: only a cancelled order withdraws it
                live = set(session.scalars(select(Order.id).where(Order.id.in_(ids), Order.cancelled_at.is_(None))))
                valid |= {r.id for r in its if r.subject_id in live}
            else:
                valid |= {r.id for r in its if r.subject_id in now}
        elif event in (ReminderEvent.BIRTHDAY, ReminderEvent.WEDDING_ANNIVERSARY):
            found = _greeting_occasions(session, event, ids={r.subject_id for r in its if r.subject_kind == CUSTOMER},
                                        partners={r.subject_id for r in its if r.subject_kind == PARTNER})
            dates = {(o.subject_kind, o.subject_id): o.event_date for o in found}
            valid |= {r.id for r in its if (r.subject_kind, r.subject_id) in dates
                      and on_this_day(dates[(r.subject_kind, r.subject_id)], r.event_date.year) == r.event_date}
        else:
            valid |= {r.id for r in its}
    return valid


def _withdraw_stale(session: Session, now: dt.datetime, *, where: Sequence = ()) -> int:
    """Withdraw the pending reminders (of rules) whose reason went away; their messages not
    yet sent are taken out of the outbox."""
    pending = session.execute(select(  # the columns the check reads, not whole rows: there may be thousands
        Reminder.id, Reminder.event, Reminder.subject_kind, Reminder.subject_id, Reminder.event_date).where(
        Reminder.outcome.is_(None), Reminder.withdrawn_at.is_(None), Reminder.rule_id.is_not(None), *where)).all()
    if not pending:
        return 0
    valid = _still_valid(session, pending)
    stale = [r.id for r in pending if r.id not in valid]
    if stale:
        session.execute(update(Reminder).where(Reminder.id.in_(stale)).values(withdrawn_at=now))
        session.execute(delete(OutboxMessage).where(OutboxMessage.reminder_id.in_(stale),
                                                   OutboxMessage.status == OutboxStatus.PENDING))
    return len(stale)


def _queue_messages(session: Session, first: dt.date, last: dt.date, now: dt.datetime, *,
                    where: Sequence = ()) -> int:
    """Queue the text of every pending reminder due in [first, last] whose rule has a
    template and that has no message yet (its reminder id is unique in the outbox). A
    marketing text only for a customer who consented; nothing without a phone number."""
    q = (select(Reminder, MessageTemplate)
         .join(ReminderRule, ReminderRule.id == Reminder.rule_id)
         .join(MessageTemplate, MessageTemplate.id == ReminderRule.template_id)
         .outerjoin(OutboxMessage, OutboxMessage.reminder_id == Reminder.id)
         .where(Reminder.due_date.between(first, last), Reminder.outcome.is_(None), Reminder.withdrawn_at.is_(None),
                OutboxMessage.id.is_(None), *where))
    rows = session.execute(q).all()
    if not rows:
        return 0
    studio = studio_name(session)
    values = message_values(session, [r for r, _t in rows], studio)
    messages = []
    for reminder, template in rows:
        found = values.get(reminder.id)
        if found is None:
            continue
        phone, consent, fields = found
        if (template.marketing and not consent) or not phone:
            continue  # a marketing text only with consent; nothing without a phone number
        messages.append(dict(
            customer_id=reminder.customer_id, order_id=reminder.order_id, phone=phone[:20], template=template.key,
            body=render(template.body, fields), status=OutboxStatus.PENDING, channel=template.channel,
            marketing=template.marketing, reminder_id=reminder.id, created_at=now))
    insert_many_unless_present(session, OutboxMessage, messages, ["reminder_id"])
    return len(messages)


def first_phone(session: Session, customer_id: int) -> str | None:
    return session.scalar(select(CustomerPhone.digits).where(CustomerPhone.customer_id == customer_id)
                          .order_by(CustomerPhone.id).limit(1))


def ready_items_text(session: Session, order_id: int) -> str:
    """The order's items ready for pickup, as the message lists them: 相册×1、摆台×2."""
    counts = session.execute(
        select(ProductType.name, func.count(Item.id)).join(Item, Item.product_type_id == ProductType.id)
        .where(Item.order_id == order_id, Item.status == ItemStatus.READY)
        .group_by(ProductType.name).order_by(ProductType.name)).all()
    return "、".join(f"{name}×{n}" for name, n in counts)


def message_values(session: Session, rows: Sequence[Reminder], studio: str
                   ) -> dict[int, tuple[str | None, bool, dict[str, object]]]:
    """Per reminder id: (phone, consented to marketing, the template's fields) of its
    message; read for all of ``rows`` at once (a day has a few hundred)."""
    customer_ids = {r.customer_id for r in rows if r.customer_id is not None}
    order_ids = {r.order_id for r in rows if r.order_id is not None}
    session_ids = {r.subject_id for r in rows if r.subject_kind == SESSION}
    customers = {cid: (name, partner, consent) for cid, name, partner, consent in session.execute(
        select(Customer.id, Customer.name, Customer.partner_name, Customer.marketing_consent_at)
        .where(Customer.id.in_(customer_ids)))}
    phones: dict[int, str] = {}
    for cid, digits in session.execute(select(CustomerPhone.customer_id, CustomerPhone.digits)
                                       .where(CustomerPhone.customer_id.in_(customer_ids)).order_by(CustomerPhone.id)):
        phones.setdefault(cid, digits)
    starts = dict(session.execute(select(TimeSlot.id, TimeSlot.starts)).all())
    slots = {sid: (shoot, selection) for sid, shoot, selection in session.execute(
        select(ShootSession.id, ShootSession.shoot_slot_id, ShootSession.selection_slot_id)
        .where(ShootSession.id.in_(session_ids)))}
    orders = {oid: (number, balance_of(total, paid, cancelled).due_fen)
              for oid, number, total, paid, cancelled in session.execute(
                  select(Order.id, Order.number, *BALANCE_COLUMNS).where(Order.id.in_(order_ids)))}
    ready: dict[int, list[str]] = defaultdict(list)
    for oid, name, n in session.execute(
            select(Item.order_id, ProductType.name, func.count(Item.id))
            .join(ProductType, ProductType.id == Item.product_type_id)
            .where(Item.order_id.in_(order_ids), Item.status == ItemStatus.READY)
            .group_by(Item.order_id, ProductType.name).order_by(Item.order_id, ProductType.name)):
        ready[oid].append(f"{name}×{n}")
    out = {}
    for r in rows:
        if r.customer_id not in customers:
            continue
        name, partner, consent = customers[r.customer_id]
        fields: dict[str, object] = {"customer": partner or name if r.subject_kind == PARTNER else name,
                                     "date": r.event_date.isoformat(), "time": "", "studio": studio}
        if r.subject_kind == SESSION and r.subject_id in slots:
            shoot, selection = slots[r.subject_id]
            slot = selection if r.event is ReminderEvent.SELECTION else shoot if r.event is ReminderEvent.SHOOT else None
            if slot in starts:
                fields["time"] = starts[slot].strftime("%H:%M")
        order_id = r.order_id
        if order_id is not None and order_id in orders:
            number, due = orders[order_id]
            fields.update(order=codes.display_order_number(number), items="、".join(ready[order_id]),
                          balance=money.amount(due))
        out[r.id] = (phones.get(r.customer_id), consent is not None, fields)
    return out


def _generated_through(session: Session) -> dt.date | None:
    value = session.scalar(select(Setting.value).where(Setting.key == GENERATED_THROUGH))
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def generate(session: Session, *, day: dt.date | None = None, clock: Clock = SYSTEM_CLOCK) -> Generated:
    """Make the reminders due on ``day`` (default: today), and those of the days since the
    last run (at most :data:`CATCH_UP_DAYS` back); withdraw those whose reason went away;
    queue their messages. Idempotent: the unique key refuses a second copy, on this station
    or another one generating at the same moment."""
    today = day or clock.today()
    now = clock.now()
    last = _generated_through(session)
    first = today if last is None or last >= today else max(last + dt.timedelta(days=1),
                                                             today - dt.timedelta(days=CATCH_UP_DAYS))
    rules = session.scalars(select(ReminderRule).where(ReminderRule.active.is_(True),
                                                       ReminderRule.event != ReminderEvent.FOLLOW_UP_DUE)).all()
    added = _add(session, _candidates(session, rules, first, today), now)
    session.flush()
    withdrawn = _withdraw_stale(session, now, where=[Reminder.due_date <= today])
    queued = _queue_messages(session, first, today, now)
    insert_unless_present(session, Setting, {"key": GENERATED_THROUGH, "value": today.isoformat()}, ["key"])
    session.execute(update(Setting).where(Setting.key == GENERATED_THROUGH, Setting.value < today.isoformat())
                    .values(value=today.isoformat()))
    session.commit()
    return Generated(today, first, added, withdrawn, queued)


def refresh_session(session: Session, session_id: int, clock: Clock) -> None:
    """A session was moved, rebooked or cancelled (inside the caller's transaction): its
    reminders still pending that no longer fit are withdrawn, and those due today for its
    new dates are made (later ones come on their day)."""
    now, today = clock.now(), clock.today()
    row = session.get(ShootSession, session_id)
    if row is None:
        return
    session.flush()
    subject = or_(and_(Reminder.subject_kind == SESSION, Reminder.subject_id == session_id),
                  and_(Reminder.subject_kind == ORDER, Reminder.subject_id == row.order_id))
    _withdraw_stale(session, now, where=[subject])
    rules = session.scalars(select(ReminderRule).where(ReminderRule.active.is_(True),
                                                       ReminderRule.event.in_(list(_SESSION_EVENTS)))).all()
    mine = {k: v for k, v in _candidates(session, rules, today, today).items()
            if k[1] == SESSION and k[2] == session_id}
    _add(session, mine, now)
    session.flush()
    _queue_messages(session, today, today, now, where=[Reminder.subject_kind == SESSION,
                                                      Reminder.subject_id == session_id])


# --- the Today view ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderLine:
    id: int | None  # None: a follow-up call of the worklist (handled in its own dialog)
    event: ReminderEvent
    due_date: dt.date
    event_date: dt.date
    role: Role
    title: str
    customer_id: int | None
    order_id: int | None
    outcome: ReminderOutcome | None
    done_by: str | None
    done_at: dt.datetime | None
    follow_up_id: int | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.outcome is None and self.due_date < today


def reminders_due(session: Session, *, clock: Clock = SYSTEM_CLOCK, day: dt.date | None = None) -> list[ReminderLine]:
    """The stored reminders the Today view lists: every reminder due today or before and not
    yet handled (overdue ones stay until handled), and those handled today (with who and when).
    The Today view adds the follow-up calls due: :func:`app.services.today.due_list`."""
    from ..models import Staff

    today = day or clock.today()
    start = dt.datetime.combine(today, dt.time(), STUDIO_TZ)
    q = (select(Reminder, Staff.name).outerjoin(Staff, Staff.id == Reminder.done_by)
         .where(Reminder.due_date <= today, Reminder.withdrawn_at.is_(None),
                or_(Reminder.outcome.is_(None), Reminder.done_at >= start))
         .order_by(Reminder.due_date, Reminder.id))
    lines = [ReminderLine(r.id, r.event, r.due_date, r.event_date, r.role, r.title, r.customer_id, r.order_id,
                          r.outcome, name, r.done_at) for r, name in session.execute(q)]
    return lines


def mark_reminder(session: Session, reminder_id: int, outcome: ReminderOutcome, actor: Actor, *,
                  clock: Clock = SYSTEM_CLOCK) -> ReminderLine:
    """Mark a reminder done or skipped, with who and when. A reminder already handled or
    withdrawn is refused (another station may have been first)."""
    outcome = as_enum(ReminderOutcome, outcome, "outcome")
    row = session.get(Reminder, reminder_id, with_for_update=True)
    if row is None:
        raise NotFound("There is no reminder {id}.", id=reminder_id)
    if row.withdrawn_at is not None:
        raise BadInput("This reminder was withdrawn (its date moved or its reason went away); nothing was changed.")
    if row.outcome is not None:
        raise BadInput("This reminder is already marked {outcome}; nothing was changed.",
                       outcome=OUTCOME_TEXT[row.outcome])
    row.outcome, row.done_at, row.done_by = outcome, clock.now(), actor.staff_id
    record(session, actor, "reminder.mark", f"reminder:{row.id}",
           Message("{title}: {outcome}", {"title": row.title, "outcome": OUTCOME_TEXT[outcome]}), clock=clock)
    session.commit()
    return ReminderLine(row.id, row.event, row.due_date, row.event_date, row.role, row.title, row.customer_id,
                        row.order_id, row.outcome, actor.name, row.done_at)
