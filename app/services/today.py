"""The Today view (今日): the day's shoots, selections and pickups, and the morning-meeting
summary (早会): yesterday's and the last seven days' orders, revenue, extras, pickups and
complaints. What is due (:func:`due_list`): the stored reminders
(:func:`app.services.reminders.reminders_due`) and the follow-up worklist's calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, distinct, func, literal, select
from sqlalchemy.orm import Session

from ..models import (
    Complaint, Customer, Item, ItemEvent, ItemStatus, Order, Payment, PaymentKind, Progress, ReminderEvent, Role,
    SessionState, ShootSession, TimeSlot,
)
from . import codes, follow_ups, reminders
from .clock import STUDIO_TZ, SYSTEM_CLOCK, Clock
from .reminders import ReminderLine


@dataclass(frozen=True)
class Appointment:
    session_id: int
    order_id: int
    order: str
    customer: str
    session_name: str
    time: str  # "10:00" or "" (the day only)
    state: SessionState


def _appointments(session: Session, column, slot_column, day: dt.date, states) -> list[Appointment]:  # type: ignore[no-untyped-def]
    starts = TimeSlot.starts if slot_column is not None else literal(None)
    q = (select(ShootSession.id, Order.id, Order.number, Customer.name, ShootSession.name, starts,
                ShootSession.state)
         .join(Order, Order.id == ShootSession.order_id).join(Customer, Customer.id == Order.customer_id)
         .where(column == day, Order.cancelled_at.is_(None), ShootSession.state.in_(states)))
    if slot_column is not None:
        q = q.outerjoin(TimeSlot, TimeSlot.id == slot_column).order_by(TimeSlot.starts, ShootSession.id)
    else:
        q = q.order_by(Order.number, ShootSession.id)
    return [Appointment(sid, oid, codes.display_order_number(number), name, sname,
                        starts.strftime("%H:%M") if starts else "", state)
            for sid, oid, number, name, sname, starts, state in session.execute(q)]


@dataclass(frozen=True)
class Day:
    day: dt.date
    shoots: list[Appointment]
    selections: list[Appointment]
    pickups: list[Appointment]  # sessions whose promised pickup date is today, not yet collected


def day_board(session: Session, *, clock: Clock = SYSTEM_CLOCK, day: dt.date | None = None) -> Day:
    today = day or clock.today()
    live = (SessionState.BOOKED, SessionState.SHOT, SessionState.SELECTED, SessionState.NO_SHOW)
    pickups = _appointments(session, ShootSession.pickup_date, None, today, live)
    done = set(session.scalars(select(Order.id).where(Order.id.in_({a.order_id for a in pickups}),
                                                      Order.progress == Progress.DONE)))
    return Day(today,
               _appointments(session, ShootSession.shoot_date, ShootSession.shoot_slot_id, today, live),
               _appointments(session, ShootSession.selection_date, ShootSession.selection_slot_id, today, live),
               [a for a in pickups if a.order_id not in done])


@dataclass(frozen=True)
class Figures:
    first: dt.date
    last: dt.date
    orders: int  # booked in the period (cancelled ones too: they were booked)
    revenue_fen: int  # payments received minus refunds
    extras_fen: int  # extras sold (加选) on items of selections in the period, not cancelled
    extras: int
    pickups: int  # orders some items of which were handed over
    complaints: int  # received


@dataclass(frozen=True)
class MorningSummary:
    yesterday: Figures
    week: Figures  # the seven days up to yesterday


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime.combine(first, dt.time(), STUDIO_TZ),
            dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), STUDIO_TZ))


def figures(session: Session, first: dt.date, last: dt.date) -> Figures:
    lo, hi = _bounds(first, last)
    orders = session.scalar(select(func.count(Order.id)).where(Order.booked_at >= lo, Order.booked_at < hi)) or 0
    revenue = session.scalar(select(func.coalesce(func.sum(case(
        (Payment.kind == PaymentKind.REFUND, -Payment.amount_fen), else_=Payment.amount_fen)), 0))
        .where(Payment.paid_at >= lo, Payment.paid_at < hi)) or 0
    extras_fen, extras = session.execute(
        select(func.coalesce(func.sum(Item.extra_price_fen), 0), func.count(Item.id))
        .join(ShootSession, ShootSession.id == Item.session_id)
        .where(ShootSession.selection_date.between(first, last), Item.extra_price_fen > 0,
               Item.status != ItemStatus.CANCELLED)).one()
    pickups = session.scalar(select(func.count(distinct(Item.order_id))).join(ItemEvent, ItemEvent.item_id == Item.id)
                             .where(ItemEvent.to_status == ItemStatus.PICKED_UP, ItemEvent.at >= lo,
                                    ItemEvent.at < hi)) or 0
    complaints = session.scalar(select(func.count(Complaint.id)).where(Complaint.received_at >= lo,
                                                                      Complaint.received_at < hi)) or 0
    return Figures(first, last, int(orders), int(revenue), int(extras_fen or 0), int(extras or 0), int(pickups),
                   int(complaints))


def morning_summary(session: Session, *, clock: Clock = SYSTEM_CLOCK, day: dt.date | None = None) -> MorningSummary:
    """Yesterday's figures and those of the seven days up to yesterday, for the 早会."""
    today = day or clock.today()
    yesterday = today - dt.timedelta(days=1)
    return MorningSummary(figures(session, yesterday, yesterday),
                          figures(session, today - dt.timedelta(days=7), yesterday))


def due_list(session: Session, *, clock: Clock = SYSTEM_CLOCK, day: dt.date | None = None) -> list[ReminderLine]:
    """What the Today view lists as due: the stored reminders (overdue ones until handled, those
    handled today) and the follow-up calls due on the follow-up worklist, the one source of
    "follow-up due" (never copied into ``reminders``)."""
    today = day or clock.today()
    lines = reminders.reminders_due(session, clock=clock, day=today)
    for call in follow_ups.worklist(session, today):
        title = f"{call.customer_name} {call.order_number}" if call.order_number else call.customer_name
        lines.append(ReminderLine(None, ReminderEvent.FOLLOW_UP_DUE, call.due_on, call.due_on, Role.COUNTER, title,
                                  call.customer_id, call.order_id, None, None, None, follow_up_id=call.follow_up_id))
    return lines
