"""Helpers of the reminder and outbox tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.models import Customer, OutboxMessage, Reminder, ReminderEvent, ReminderRule
from app.services.customers import NewCustomer, create_customer
from app.services.orders import BookOrder, SessionPlan, book_order

TODAY = dt.date(2026, 11, 23)  # the FixedClock's day (10:00 in Shanghai)


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def booked(session, studio, clock, *, shoot=None, selection=None, pickup=None, name="张三",  # type: ignore[no-untyped-def]
           phone="13800138000", deposit_fen=0):
    """An order of the single package with one session on the given days."""
    customer = create_customer(session, NewCustomer(name=name, phones=[phone] if phone else []), studio.counter,
                               clock=clock)
    return book_order(session, BookOrder(customer_id=customer.id, package_id=studio.single, deposit_fen=deposit_fen,
                                         sessions=[SessionPlan("婚纱照", shoot, selection, pickup)]),
                      studio.counter, clock=clock)


def customer(session, studio, clock, *, name="李四", birthday=None, partner_birthday=None, wedding=None,  # type: ignore[no-untyped-def]
             consent=True, phone="13900139000"):
    c = create_customer(session, NewCustomer(name=name, phones=[phone] if phone else []), studio.counter, clock=clock)
    row = session.get(Customer, c.id)
    row.birthday, row.partner_birthday, row.wedding_date = birthday, partner_birthday, wedding
    if partner_birthday:
        row.partner_name = "李四的爱人"
    row.marketing_consent_at = clock.now() if consent else None
    session.commit()
    return row


def rule_id(session, event: ReminderEvent, offset: int) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(ReminderRule.id).where(ReminderRule.event == event, ReminderRule.offset_days == offset))


def made(session, *, live_only: bool = True) -> list[tuple]:  # type: ignore[no-untyped-def]
    """(event, offset of its rule, subject kind, subject id, due date) of every reminder."""
    session.expire_all()
    q = (select(Reminder.event, ReminderRule.offset_days, Reminder.subject_kind, Reminder.subject_id, Reminder.due_date)
         .join(ReminderRule, ReminderRule.id == Reminder.rule_id).order_by(Reminder.id))
    if live_only:
        q = q.where(Reminder.withdrawn_at.is_(None))
    return [tuple(r) for r in session.execute(q)]


def outbox(session) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
