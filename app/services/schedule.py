"""The shoot schedule (档期): time slots with their capacity, the day and week calendar of
shoots and selections, and what happens to a session after booking — set or move (改期) its
shoot or selection, shot, no-show (未到店) and rebook, cancel one session of a growth
package, its photographer, make-up artist and selection salesperson.

A slot's capacity is how many sessions of its kind fit in it on one day. A place is taken by
a session that is booked, shot or selected on that day in that slot (a no-show or a cancelled
session, or one of a cancelled order, frees its place). Booking or moving into a full slot is
refused with :class:`SlotFull`, which carries the nearest free slots for the screen to offer.
Every change keeps a line in the session's history (:class:`SessionChange`) and re-derives
the order's progress in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from ..models import (
    Customer, Item, ItemStatus, Order, Position, SessionChange, SessionChangeKind, SessionState, ShootSession,
    SlotKind, Staff, TimeSlot,
)
from . import codes, reminders
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, StudioError, as_enum
from .lifecycle import cancel_item_in_transaction, lock_items
from .messages import Message, phrases
from .positions import POSITION_TEXT, check_holds
from .progress import refresh_order_progress
from .staff import Actor, Permission, record, require
from .text import FIELD_TEXT, checked_text

# Sessions that hold their place in a slot.
LIVE_STATES = (SessionState.BOOKED, SessionState.SHOT, SessionState.SELECTED)
OFFER_DAYS = 14  # how far ahead a refusal looks for free slots
OFFER_LIMIT = 6  # and how many it offers
MAX_CAPACITY = 99

# How a message names an appointment and a session's state (English; translated where shown).
SLOT_KIND_TEXT = phrases({SlotKind.SHOOT: "shoot", SlotKind.SELECTION: "selection"})
STATE_TEXT = phrases({
    SessionState.BOOKED: "booked", SessionState.NO_SHOW: "a no-show", SessionState.SHOT: "shot",
    SessionState.SELECTED: "selected", SessionState.CANCELLED: "cancelled",
})
PICKUP_TEXT = phrases({"pickup": "pickup"})
PICKUP = PICKUP_TEXT["pickup"]
# Which staff field a position fills on a session.
STAFF_FIELDS = {Position.PHOTOGRAPHER: "photographer_id", Position.MAKEUP: "makeup_id",
                Position.SELECTION_SALES: "selection_sales_id"}


# -- time slots -------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    slot_id: int
    kind: SlotKind
    starts: dt.time
    ends: dt.time
    capacity: int
    active: bool

    @property
    def label(self) -> str:
        return f"{self.starts:%H:%M}–{self.ends:%H:%M}"


def _slot(row: TimeSlot) -> Slot:
    return Slot(row.id, row.kind, row.starts, row.ends, row.capacity, row.active)


def time_slots(session: Session, kind: SlotKind | None = None, *, active_only: bool = False) -> list[Slot]:
    """The slots (of one kind), by kind and time of day."""
    query = select(TimeSlot).order_by(TimeSlot.kind, TimeSlot.starts, TimeSlot.id)
    if kind is not None:
        query = query.where(TimeSlot.kind == as_enum(SlotKind, kind, "kind of slot"))
    if active_only:
        query = query.where(TimeSlot.active.is_(True))
    return [_slot(s) for s in session.scalars(query)]


def _checked_slot_values(starts: dt.time, ends: dt.time, capacity: int) -> None:
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        raise BadInput("A slot holds from 1 to {limit} sessions.", limit=MAX_CAPACITY)
    if ends <= starts:
        raise BadInput("A slot must end after it starts ({starts}–{ends}).", starts=f"{starts:%H:%M}",
                       ends=f"{ends:%H:%M}")


def add_slot(
    session: Session, kind: SlotKind, starts: dt.time, ends: dt.time, capacity: int, actor: Actor, *,
    clock: Clock = SYSTEM_CLOCK,
) -> Slot:
    """A new time slot (manager, audited)."""
    require(actor, Permission.MANAGE_SETTINGS)
    kind = as_enum(SlotKind, kind, "kind of slot")
    _checked_slot_values(starts, ends, capacity)
    row = TimeSlot(kind=kind, starts=starts, ends=ends, capacity=capacity, active=True)
    session.add(row)
    session.flush()
    record(session, actor, "slot.add", f"slot:{row.id}", Message("{kind} {slot} × {capacity}", {
        "kind": SLOT_KIND_TEXT[kind], "slot": _slot(row).label, "capacity": capacity}), clock=clock)
    session.commit()
    return _slot(row)


def update_slot(
    session: Session, slot_id: int, starts: dt.time, ends: dt.time, capacity: int, active: bool, actor: Actor, *,
    clock: Clock = SYSTEM_CLOCK,
) -> Slot:
    """Change a slot's times, capacity or whether it is still offered (manager, audited).
    Sessions already in it stay: a lower capacity only stops new bookings."""
    require(actor, Permission.MANAGE_SETTINGS)
    _checked_slot_values(starts, ends, capacity)
    row = session.get(TimeSlot, slot_id)
    if row is None:
        raise NotFound("Time slot {id} does not exist.", id=slot_id)
    before = f"{_slot(row).label} × {row.capacity}{'' if row.active else ' (not used)'}"
    row.starts, row.ends, row.capacity, row.active = starts, ends, capacity, bool(active)
    after = f"{_slot(row).label} × {row.capacity}{'' if row.active else ' (not used)'}"
    if before != after:
        record(session, actor, "slot.change", f"slot:{row.id}", Message("{kind} {before} → {after}", {
            "kind": SLOT_KIND_TEXT[row.kind], "before": before, "after": after}), clock=clock)
    session.commit()
    return _slot(row)


# -- places -------------------------------------------------------------------------------
def _columns(kind: SlotKind) -> tuple[Any, Any]:
    if kind is SlotKind.SHOOT:
        return ShootSession.shoot_date, ShootSession.shoot_slot_id
    return ShootSession.selection_date, ShootSession.selection_slot_id


def taken_places(
    session: Session, kind: SlotKind, first: dt.date, last: dt.date, *, ignore_session_id: int | None = None,
) -> dict[tuple[dt.date, int], int]:
    """(day, slot id) -> places taken, for the days from ``first`` to ``last``."""
    kind = as_enum(SlotKind, kind, "kind of slot")
    day, slot = _columns(kind)
    query = (select(day, slot, func.count()).join(Order, Order.id == ShootSession.order_id)
             .where(day >= first, day <= last, slot.is_not(None), ShootSession.state.in_(LIVE_STATES),
                    Order.cancelled_at.is_(None))
             .group_by(day, slot))
    if ignore_session_id is not None:
        query = query.where(ShootSession.id != ignore_session_id)
    return {(d, s): n for d, s, n in session.execute(query)}


@dataclass(frozen=True)
class Place:
    """One slot on one day: how many it holds and how many are taken."""

    day: dt.date
    slot: Slot
    taken: int

    @property
    def free(self) -> int:
        return max(0, self.slot.capacity - self.taken)


def day_places(
    session: Session, kind: SlotKind, day: dt.date, *, ignore_session_id: int | None = None,
) -> list[Place]:
    """The slots offered on ``day`` with their free places (for a slot combo)."""
    kind = as_enum(SlotKind, kind, "kind of slot")
    taken = taken_places(session, kind, day, day, ignore_session_id=ignore_session_id)
    return [Place(day, s, taken.get((day, s.slot_id), 0)) for s in time_slots(session, kind, active_only=True)]


def free_offers(
    session: Session, kind: SlotKind, day: dt.date, *, today: dt.date, ignore_session_id: int | None = None,
    pending: Mapping[tuple[dt.date, int], int] | None = None, skip: tuple[dt.date, int] | None = None,
    days: int = OFFER_DAYS, limit: int = OFFER_LIMIT,
) -> list[Place]:
    """The free slots nearest ``day``: the rest of that day first, then the following days."""
    first = max(day, today)
    last = first + dt.timedelta(days=days)
    slots = time_slots(session, kind, active_only=True)
    taken = Counter(taken_places(session, kind, first, last, ignore_session_id=ignore_session_id))
    taken.update(pending or {})
    offers: list[Place] = []
    current = first
    while current <= last and len(offers) < limit:
        for slot in slots:
            place = Place(current, slot, taken.get((current, slot.slot_id), 0))
            if place.free and (current, slot.slot_id) != skip:
                offers.append(place)
        current += dt.timedelta(days=1)
    return offers[:limit]


class SlotFull(BadInput):
    """A booking or move into a slot that is full. ``offers`` are the nearest free places
    (:class:`Place`); ``session_index`` names the session of a booking (0-based), None for a
    change to a booked session."""

    def __init__(self, template: str, *, slot_kind: SlotKind, day: dt.date, slot_id: int, offers: Sequence[Place],
                 session_index: int | None = None, **params: object) -> None:
        super().__init__(template, **params)
        self.kind = slot_kind
        self.day = day
        self.slot_id = slot_id
        self.offers = list(offers)
        self.session_index = session_index


def check_place(
    session: Session, kind: SlotKind, day: dt.date, slot_id: int, *, today: dt.date,
    ignore_session_id: int | None = None, pending: Mapping[tuple[dt.date, int], int] | None = None,
    session_index: int | None = None, new: bool = True,
) -> Slot:
    """The slot, when ``day`` has a free place in it; refuses a slot of the other kind, one no
    longer used (``new``: a booking or a move), and a full one (:class:`SlotFull`).

    The slot's row is locked first, so two stations taking its last place one after the other
    count each other (PostgreSQL; SQLite has one writer at a time)."""
    row = session.scalars(select(TimeSlot).where(TimeSlot.id == slot_id).with_for_update()).first()
    if row is None:
        raise NotFound("Time slot {id} does not exist.", id=slot_id)
    slot = _slot(row)
    if slot.kind is not kind:
        raise BadInput("{time} is a {slot_kind} time, not a {kind} time.", time=slot.label,
                       slot_kind=SLOT_KIND_TEXT[slot.kind], kind=SLOT_KIND_TEXT[kind])
    if new and not slot.active:
        raise BadInput("The {kind} time {time} is no longer offered; choose another.", kind=SLOT_KIND_TEXT[kind],
                       time=slot.label)
    taken = taken_places(session, kind, day, day, ignore_session_id=ignore_session_id).get((day, slot_id), 0)
    taken += (pending or {}).get((day, slot_id), 0)
    if taken >= slot.capacity:
        offers = free_offers(session, kind, day, today=today, ignore_session_id=ignore_session_id, pending=pending)
        params = dict(kind=SLOT_KIND_TEXT[kind], time=slot.label, when=day.isoformat(), capacity=slot.capacity)
        if offers:
            raise SlotFull("The {kind} time {time} on {when} is full ({capacity} booked); nothing was changed.",
                           slot_kind=kind, day=day, slot_id=slot_id, offers=offers, session_index=session_index,
                           **params)
        raise SlotFull("The {kind} time {time} on {when} is full ({capacity} booked), and nothing is free in the "
                       "{days} days after it; nothing was changed.", slot_kind=kind, day=day, slot_id=slot_id, offers=[],
                       session_index=session_index, days=OFFER_DAYS, **params)
    return slot


class _Plan(Protocol):
    name: str
    shoot_date: dt.date | None
    selection_date: dt.date | None
    shoot_slot_id: int | None
    selection_slot_id: int | None
    photographer_id: int | None
    makeup_id: int | None
    selection_sales_id: int | None


def check_plans(session: Session, plans: Sequence[_Plan], *, today: dt.date) -> None:
    """The slots and staff of the sessions of a new order (``orders.book_order``): a slot needs
    its day, the staff must hold their positions, and every slot must have a place (the
    order's own sessions counting each other)."""
    pending: Counter[tuple[SlotKind, dt.date, int]] = Counter()
    for index, plan in enumerate(plans):
        check_holds(session, plan.photographer_id, Position.PHOTOGRAPHER)
        check_holds(session, plan.makeup_id, Position.MAKEUP)
        check_holds(session, plan.selection_sales_id, Position.SELECTION_SALES)
        for kind, day, slot_id in ((SlotKind.SHOOT, plan.shoot_date, plan.shoot_slot_id),
                                   (SlotKind.SELECTION, plan.selection_date, plan.selection_slot_id)):
            if slot_id is None:
                continue
            if day is None:
                raise BadInput("Session {session}: a {kind} time needs its date.", session=plan.name,
                               kind=SLOT_KIND_TEXT[kind])
            per_kind = {(d, s): n for (k, d, s), n in pending.items() if k is kind}
            check_place(session, kind, day, slot_id, today=today, pending=per_kind, session_index=index)
            pending[(kind, day, slot_id)] += 1


# -- the calendar ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CalendarEntry:
    session_id: int
    order_id: int
    order_number: str  # as people read it, with its check character
    customer: str
    session_name: str
    state: SessionState
    day: dt.date
    slot_id: int | None  # None: the day is agreed, the time not yet
    photographer: str | None
    makeup: str | None
    selection_sales: str | None

    @property
    def holds_place(self) -> bool:
        return self.state in LIVE_STATES


@dataclass(frozen=True)
class Calendar:
    kind: SlotKind
    first: dt.date
    last: dt.date
    slots: list[Slot]  # the active slots, and any other one a session of these days is in
    entries: list[CalendarEntry]
    _cells: dict[tuple[dt.date, int | None], list[CalendarEntry]] = field(default_factory=dict, repr=False)

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def sessions(self, day: dt.date, slot_id: int | None) -> list[CalendarEntry]:
        return self._cells.get((day, slot_id), [])

    def taken(self, day: dt.date, slot_id: int) -> int:
        return sum(e.holds_place for e in self.sessions(day, slot_id))

    def capacity(self, slot_id: int) -> int:
        return next((s.capacity for s in self.slots if s.slot_id == slot_id), 0)

    def is_full(self, day: dt.date, slot_id: int) -> bool:
        return self.taken(day, slot_id) >= self.capacity(slot_id)

    def unslotted(self, day: dt.date) -> list[CalendarEntry]:
        return self.sessions(day, None)


MAX_CALENDAR_DAYS = 62


@functools.cache
def _calendar_query(kind: SlotKind) -> Select:
    """Built once per kind (the days are bound at each call): the week view is asked for at
    every step through the calendar."""
    day, slot = _columns(kind)
    photographer, makeup, sales = aliased(Staff), aliased(Staff), aliased(Staff)
    return (
        select(ShootSession.id, ShootSession.order_id, Order.number, Customer.name, ShootSession.name,
               ShootSession.state, day, slot, photographer.name, makeup.name, sales.name)
        .join(Order, Order.id == ShootSession.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(photographer, photographer.id == ShootSession.photographer_id)
        .outerjoin(makeup, makeup.id == ShootSession.makeup_id)
        .outerjoin(sales, sales.id == ShootSession.selection_sales_id)
        .where(day >= bindparam("first"), day <= bindparam("last"), ShootSession.state != SessionState.CANCELLED,
               Order.cancelled_at.is_(None))
        .order_by(day, Order.number, ShootSession.seq)
    )


def calendar(session: Session, kind: SlotKind, first: dt.date, last: dt.date) -> Calendar:
    """Shoots (or selections) from ``first`` to ``last``: per day and slot its sessions, with
    the order, customer, state and staff; cancelled sessions and orders are left out."""
    kind = as_enum(SlotKind, kind, "kind of slot")
    if last < first:
        raise BadInput("The end date {until} is before the start date {since}.", until=last.isoformat(),
                       since=first.isoformat())
    if (last - first).days >= MAX_CALENDAR_DAYS:
        raise BadInput("A calendar shows at most {days} days.", days=MAX_CALENDAR_DAYS)
    rows = session.execute(_calendar_query(kind), {"first": first, "last": last}).all()
    entries = [CalendarEntry(r[0], r[1], codes.display_order_number(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                             r[10]) for r in rows]
    used = {e.slot_id for e in entries if e.slot_id is not None}
    slots = [s for s in time_slots(session, kind) if s.active or s.slot_id in used]
    cells: dict[tuple[dt.date, int | None], list[CalendarEntry]] = {}
    for entry in entries:
        cells.setdefault((entry.day, entry.slot_id), []).append(entry)
    return Calendar(kind, first, last, slots, entries, cells)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


# -- one session ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionDetail:
    session_id: int
    order_id: int
    order_number: str
    customer: str
    name: str
    state: SessionState
    shoot_date: dt.date | None
    shoot_slot: Slot | None
    selection_date: dt.date | None
    selection_slot: Slot | None
    pickup_date: dt.date | None
    photographer_id: int | None
    photographer: str | None
    makeup_id: int | None
    makeup: str | None
    selection_sales_id: int | None
    selection_sales: str | None
    live_sessions: int  # sessions of the order not cancelled
    order_cancelled: bool

    def date_of(self, kind: SlotKind) -> dt.date | None:
        return self.shoot_date if kind is SlotKind.SHOOT else self.selection_date

    def slot_of(self, kind: SlotKind) -> Slot | None:
        return self.shoot_slot if kind is SlotKind.SHOOT else self.selection_slot


def _staff_name(session: Session, staff_id: int | None) -> str | None:
    return None if staff_id is None else session.scalar(select(Staff.name).where(Staff.id == staff_id))


def session_detail(session: Session, session_id: int) -> SessionDetail:
    row = _session(session, session_id)
    order = row.order
    live = session.scalar(select(func.count()).select_from(ShootSession).where(
        ShootSession.order_id == order.id, ShootSession.state != SessionState.CANCELLED)) or 0
    return SessionDetail(
        row.id, order.id, codes.display_order_number(order.number), order.customer.name, row.name, row.state,
        row.shoot_date, _slot(row.shoot_slot) if row.shoot_slot else None,
        row.selection_date, _slot(row.selection_slot) if row.selection_slot else None, row.pickup_date,
        row.photographer_id, _staff_name(session, row.photographer_id), row.makeup_id, _staff_name(session, row.makeup_id),
        row.selection_sales_id, _staff_name(session, row.selection_sales_id), live, order.cancelled_at is not None)


@dataclass(frozen=True)
class HistoryLine:
    session_id: int
    session_name: str
    kind: SessionChangeKind
    at: dt.datetime
    staff: str | None
    station: str | None
    slot_kind: SlotKind | None
    from_date: dt.date | None
    from_slot: str | None  # the slot's time, 09:00–11:00
    to_date: dt.date | None
    to_slot: str | None
    reason: str | None  # staff lines: the names, "王摄影 → 黄摄影"
    position: Position | None  # staff lines: which position changed


def order_history(session: Session, order_id: int) -> list[HistoryLine]:
    """Every change to the sessions of an order, oldest first."""
    return _history(session, ShootSession.order_id == order_id)


def session_history(session: Session, session_id: int) -> list[HistoryLine]:
    return _history(session, ShootSession.id == session_id)


def _history(session: Session, where: Any) -> list[HistoryLine]:
    slots = {s.slot_id: s.label for s in time_slots(session)}
    rows = session.execute(
        select(SessionChange, ShootSession.name, Staff.name)
        .join(ShootSession, ShootSession.id == SessionChange.session_id)
        .outerjoin(Staff, Staff.id == SessionChange.staff_id)
        .where(where).order_by(SessionChange.at, SessionChange.id)
    ).all()
    out = []
    for change, session_name, staff_name in rows:
        reason, position = change.reason, None
        if change.kind is SessionChangeKind.STAFF and reason and ": " in reason:
            head, rest = reason.split(": ", 1)
            if head in {p.value for p in Position}:
                position, reason = Position(head), rest
        out.append(HistoryLine(
            change.session_id, session_name, change.kind, change.at, staff_name, change.station, change.slot_kind,
            change.from_date, slots.get(change.from_slot_id) if change.from_slot_id else None,
            change.to_date, slots.get(change.to_slot_id) if change.to_slot_id else None, reason, position))
    return out


# -- changes ------------------------------------------------------------------------------------
def _session(session: Session, session_id: int, *, lock: bool = False) -> ShootSession:
    query = select(ShootSession).where(ShootSession.id == session_id)
    if lock:
        query = query.with_for_update()
    row = session.scalars(query).first()
    if row is None:
        raise NotFound("Session {id} does not exist.", id=session_id)
    return row


def _changeable(row: ShootSession) -> None:
    number = codes.display_order_number(row.order.number)
    if row.order.cancelled_at is not None:
        raise BadInput("Order {number} is cancelled; its sessions cannot change.", number=number)
    if row.state is SessionState.CANCELLED:
        raise BadInput("Session {session} of order {number} is cancelled; nothing was changed.", session=row.name,
                       number=number)


def _when(row: ShootSession, kind: SlotKind) -> tuple[dt.date | None, int | None]:
    if kind is SlotKind.SHOOT:
        return row.shoot_date, row.shoot_slot_id
    return row.selection_date, row.selection_slot_id


def _set_when(row: ShootSession, kind: SlotKind, day: dt.date | None, slot_id: int | None) -> None:
    if kind is SlotKind.SHOOT:
        row.shoot_date, row.shoot_slot_id = day, slot_id
    else:
        row.selection_date, row.selection_slot_id = day, slot_id


def _check_order_of_dates(row: ShootSession, kind: SlotKind, day: dt.date) -> None:
    """shoot ≤ selection ≤ pickup, once ``day`` replaces the ``kind`` date."""
    if kind is SlotKind.SHOOT:
        later = [(SLOT_KIND_TEXT[SlotKind.SELECTION], row.selection_date), (PICKUP, row.pickup_date)]
        for what, other in later:
            if other is not None and other < day:
                raise BadInput("Session {session}: the {other} is on {other_day}, before {day}; move the {other} "
                               "first. Nothing was changed.", session=row.name, other=what,
                               other_day=other.isoformat(), day=day.isoformat())
    else:
        if row.shoot_date is not None and day < row.shoot_date:
            raise BadInput("Session {session}: the selection cannot be before the shoot ({shoot}). Nothing was "
                           "changed.", session=row.name, shoot=row.shoot_date.isoformat())
        if row.pickup_date is not None and row.pickup_date < day:
            raise BadInput("Session {session}: the {other} is on {other_day}, before {day}; move the {other} "
                           "first. Nothing was changed.", session=row.name, other=PICKUP,
                           other_day=row.pickup_date.isoformat(), day=day.isoformat())


def _describe(day: dt.date | None, slot_id: int | None, session: Session) -> str | Message:
    if day is None:
        return Message("none")
    slot = session.get(TimeSlot, slot_id) if slot_id is not None else None
    return f"{day.isoformat()} {_slot(slot).label}" if slot is not None else day.isoformat()


def _line(row: ShootSession, kind: SessionChangeKind, actor: Actor, clock: Clock, **values: Any) -> SessionChange:
    change = SessionChange(session_id=row.id, kind=kind, at=clock.now(), staff_id=actor.staff_id,
                           station=actor.station, **values)
    row.changes.append(change)
    return change


def _finish(session: Session, row: ShootSession, clock: Clock) -> ShootSession:
    session.flush()
    refresh_order_progress(session, row.order, clock.today())
    reminders.refresh_session(session, row.id, clock)  # a moved session's old reminders go, new ones come
    session.commit()
    return row


def schedule(
    session: Session, session_id: int, kind: SlotKind, day: dt.date, slot_id: int | None, actor: Actor, *,
    reason: str | None = None, clock: Clock = SYSTEM_CLOCK,
) -> ShootSession:
    """Set or move the shoot (or the selection) of a booked session to ``day`` in ``slot_id``
    (None: the day only). Setting a date where there was none (a later session of a growth
    package, agreed now) is a SCHEDULED line; moving one (改期) needs a reason, is audited and
    kept as a RESCHEDULED line. A full slot is refused with the free ones near it."""
    require(actor, Permission.BOOK_ORDER)
    kind = as_enum(SlotKind, kind, "kind of slot")
    reason = checked_text(reason, FIELD_TEXT["reason"], SessionChange.reason)
    row = _session(session, session_id, lock=True)
    _changeable(row)
    today = clock.today()
    if kind is SlotKind.SHOOT and row.state is not SessionState.BOOKED:
        if row.state is SessionState.NO_SHOW:
            raise BadInput("Session {session} was a no-show: rebook it. Nothing was changed.", session=row.name)
        raise BadInput("Session {session} is already {state}; its shoot cannot move. Nothing was changed.",
                       session=row.name, state=STATE_TEXT[row.state])
    if kind is SlotKind.SELECTION and row.state not in (SessionState.BOOKED, SessionState.SHOT):
        raise BadInput("Session {session} is {state}; its selection cannot move. Nothing was changed.",
                       session=row.name, state=STATE_TEXT[row.state])
    old_day, old_slot = _when(row, kind)
    if (old_day, old_slot) == (day, slot_id):
        raise BadInput("Session {session} is already on {day} at that time; nothing was changed.", session=row.name,
                       day=day.isoformat())
    if day < today:
        raise BadInput("{day} has passed; choose today or a later day. Nothing was changed.", day=day.isoformat())
    is_move = old_day is not None and not (old_day == day and old_slot is None)
    if is_move and not reason:
        raise BadInput("Moving a session (改期) needs a reason; nothing was changed.")
    _check_order_of_dates(row, kind, day)
    if slot_id is not None:
        check_place(session, kind, day, slot_id, today=today, ignore_session_id=row.id)
    _set_when(row, kind, day, slot_id)
    _line(row, SessionChangeKind.RESCHEDULED if is_move else SessionChangeKind.SCHEDULED, actor, clock,
          slot_kind=kind, from_date=old_day, from_slot_id=old_slot, to_date=day, to_slot_id=slot_id, reason=reason)
    if is_move:
        record(session, actor, "session.reschedule", f"order:{row.order.number}",
               Message("{session} {kind}: {before} → {after}: {reason}", {
                   "session": row.name, "kind": SLOT_KIND_TEXT[kind], "before": _describe(old_day, old_slot, session),
                   "after": _describe(day, slot_id, session), "reason": reason}), clock=clock)
    return _finish(session, row, clock)


def reschedule(
    session: Session, session_id: int, kind: SlotKind, day: dt.date, slot_id: int | None, reason: str,
    actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> ShootSession:
    """Move (改期) a session's shoot or selection, with a reason (see :func:`schedule`)."""
    if not (reason or "").strip():
        raise BadInput("Moving a session (改期) needs a reason; nothing was changed.")
    return schedule(session, session_id, kind, day, slot_id, actor, reason=reason, clock=clock)


def mark_shot(session: Session, session_id: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> ShootSession:
    """The customer came and was photographed (a no-show who came after all, too)."""
    require(actor, Permission.BOOK_ORDER)
    row = _session(session, session_id, lock=True)
    _changeable(row)
    if row.state not in (SessionState.BOOKED, SessionState.NO_SHOW):
        raise BadInput("Session {session} is already {state}; nothing was changed.", session=row.name,
                       state=STATE_TEXT[row.state])
    _on_or_after_the_shoot(row, clock.today())
    row.state = SessionState.SHOT
    _line(row, SessionChangeKind.SHOT, actor, clock, slot_kind=SlotKind.SHOOT)
    return _finish(session, row, clock)


def _on_or_after_the_shoot(row: ShootSession, today: dt.date) -> None:
    if row.shoot_date is None:
        raise BadInput("Session {session} has no shoot date yet; nothing was changed.", session=row.name)
    if row.shoot_date > today:
        raise BadInput("The shoot of session {session} is on {day}, not yet; nothing was changed.", session=row.name,
                       day=row.shoot_date.isoformat())


def mark_no_show(session: Session, session_id: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> ShootSession:
    """The customer did not come (未到店): the place is freed and the session waits to be rebooked."""
    require(actor, Permission.BOOK_ORDER)
    row = _session(session, session_id, lock=True)
    _changeable(row)
    if row.state is not SessionState.BOOKED:
        raise BadInput("Session {session} is {state}, not booked; nothing was changed.", session=row.name,
                       state=STATE_TEXT[row.state])
    _on_or_after_the_shoot(row, clock.today())
    row.state = SessionState.NO_SHOW
    _line(row, SessionChangeKind.NO_SHOW, actor, clock, slot_kind=SlotKind.SHOOT, from_date=row.shoot_date,
          from_slot_id=row.shoot_slot_id)
    return _finish(session, row, clock)


def rebook(
    session: Session, session_id: int, day: dt.date, slot_id: int | None, actor: Actor, *, reason: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> ShootSession:
    """A no-show's new shoot date: back to booked (a RESCHEDULED line, audited)."""
    require(actor, Permission.BOOK_ORDER)
    reason = checked_text(reason, FIELD_TEXT["reason"], SessionChange.reason)
    row = _session(session, session_id, lock=True)
    _changeable(row)
    if row.state is not SessionState.NO_SHOW:
        raise BadInput("Session {session} is {state}, not a no-show; nothing was changed.", session=row.name,
                       state=STATE_TEXT[row.state])
    today = clock.today()
    if day < today:
        raise BadInput("{day} has passed; choose today or a later day. Nothing was changed.", day=day.isoformat())
    _check_order_of_dates(row, SlotKind.SHOOT, day)
    if slot_id is not None:
        check_place(session, SlotKind.SHOOT, day, slot_id, today=today, ignore_session_id=row.id)
    old_day, old_slot = row.shoot_date, row.shoot_slot_id
    row.state = SessionState.BOOKED
    row.shoot_date, row.shoot_slot_id = day, slot_id
    _line(row, SessionChangeKind.RESCHEDULED, actor, clock, slot_kind=SlotKind.SHOOT, from_date=old_day,
          from_slot_id=old_slot, to_date=day, to_slot_id=slot_id, reason=reason)
    moved = {"session": row.name, "before": _describe(old_day, old_slot, session),
             "after": _describe(day, slot_id, session)}
    record(session, actor, "session.rebook", f"order:{row.order.number}",
           Message("{session}: {before} (no-show) → {after}: {reason}", {**moved, "reason": reason}) if reason
           else Message("{session}: {before} (no-show) → {after}", moved), clock=clock)
    return _finish(session, row, clock)


def cancel_session(
    session: Session, session_id: int, reason: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> ShootSession:
    """Cancel one session of a growth package (manager, with a reason, audited): its items
    still waiting are cancelled through the item lifecycle. The last live session is not
    cancelled here: the whole order is (``orders.cancel_order``)."""
    require(actor, Permission.CANCEL)
    reason = checked_text(reason, FIELD_TEXT["reason"], SessionChange.reason) or ""
    if not reason:
        raise BadInput("Cancelling a session needs a reason; nothing was changed.")
    row = _session(session, session_id)
    items = session.scalars(select(Item).where(Item.session_id == row.id).order_by(Item.id)).all()
    try:
        lock_items(session, [i.code for i in items])  # items, then the order: the order every station locks in
        row = _session(session, session_id, lock=True)
        _changeable(row)
        others = session.scalar(select(func.count()).select_from(ShootSession).where(
            ShootSession.order_id == row.order_id, ShootSession.id != row.id,
            ShootSession.state != SessionState.CANCELLED)) or 0
        if not others:
            raise BadInput("Session {session} is the only one left of order {number}: cancel the order instead. "
                           "Nothing was changed.", session=row.name, number=codes.display_order_number(row.order.number))
        started = [i for i in items if i.status not in (ItemStatus.WAITING, ItemStatus.CANCELLED)]
        if started:
            raise BadInput("Session {session} has items already in the works ({code}); it cannot be cancelled. "
                           "Nothing was changed.", session=row.name, code=started[0].code)
        for item in items:
            if item.status is ItemStatus.WAITING:
                cancel_item_in_transaction(session, item, actor, reason, clock)
        row.state = SessionState.CANCELLED
        _line(row, SessionChangeKind.CANCELLED, actor, clock, reason=reason)
        record(session, actor, "session.cancel", f"order:{row.order.number}", f"{row.name}: {reason}", clock=clock)
        return _finish(session, row, clock)
    except StudioError:
        session.rollback()
        raise


def assign_staff(
    session: Session, session_id: int, position: Position, staff_id: int | None, actor: Actor, *,
    clock: Clock = SYSTEM_CLOCK,
) -> ShootSession:
    """Give a session its photographer, make-up artist or selection salesperson (None: nobody
    yet); the person must hold that position. Kept as a STAFF line."""
    require(actor, Permission.BOOK_ORDER)
    position = as_enum(Position, position, "position")
    if position not in STAFF_FIELDS:
        raise BadInput("A session has no {position}.", position=POSITION_TEXT[position])
    row = _session(session, session_id, lock=True)
    _changeable(row)
    attribute = STAFF_FIELDS[position]
    before = getattr(row, attribute)
    if before == staff_id:
        return row
    name = check_holds(session, staff_id, position)
    setattr(row, attribute, staff_id)
    _line(row, SessionChangeKind.STAFF, actor, clock,
          reason=f"{position.value}: {_staff_name(session, before) or '—'} → {name or '—'}")
    return _finish(session, row, clock)


def sessions_of_order(session: Session, order_id: int) -> list[SessionDetail]:
    """Every session of an order, in order (for the order dialog)."""
    ids: Iterable[int] = session.scalars(
        select(ShootSession.id).where(ShootSession.order_id == order_id).order_by(ShootSession.seq))
    return [session_detail(session, sid) for sid in ids]
