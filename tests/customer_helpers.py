"""Customers, orders, payments, follow-ups and complaints written straight into the tables,
for tests that compute numbers from known data."""

from __future__ import annotations

import datetime as dt
import itertools

from app.models import (
    Channel, Choice, ChoiceKind, Complaint, Customer, FollowUp, FollowUpStage, Order, Payment, PaymentKind,
    PaymentMethod,
)
from app.services.clock import STUDIO_TZ

_numbers = itertools.count(1)


def at(day: str, hour: int = 12) -> dt.datetime:
    """Noon (studio time) of a YYYY-MM-DD day, as aware UTC."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), STUDIO_TZ).astimezone(dt.UTC)


def customer(session, name: str, channel: Channel = Channel.NATURAL, referrer: Customer | None = None,
             **kw) -> Customer:
    c = Customer(name=name, channel=channel, referrer_id=referrer.id if referrer else None,
                 created_at=at("2026-01-01"), **kw)
    session.add(c)
    session.flush()
    return c


def order(session, who: Customer, price_fen: int, booked: str, *, paid_fen: int = 0, refund_fen: int = 0,
          cancelled: bool = False, discount_fen: int = 0) -> Order:
    o = Order(number=f"9901-{next(_numbers):04d}", customer_id=who.id, package_name="套系", package_price_fen=price_fen,
              discount_fen=discount_fen, booked_at=at(booked), cancelled_at=at(booked, 15) if cancelled else None)
    session.add(o)
    session.flush()
    if paid_fen:
        session.add(Payment(order_id=o.id, kind=PaymentKind.DEPOSIT, method=PaymentMethod.CASH, amount_fen=paid_fen,
                            paid_at=at(booked)))
    if refund_fen:
        session.add(Payment(order_id=o.id, kind=PaymentKind.REFUND, method=PaymentMethod.CASH,
                            amount_fen=refund_fen, paid_at=at(booked, 16)))
    session.flush()
    return o


def follow_up(session, who: Customer, score: int | None, *, reached: bool = True, called: bool = True) -> FollowUp:
    f = FollowUp(customer_id=who.id, stage=FollowUpStage.AFTER_PICKUP, reached=reached, score_overall=score,
                 called_at=at("2026-03-01") if called else None, due_on=dt.date(2026, 3, 1), notes="很满意，下次再来")
    session.add(f)
    session.flush()
    return f


def complaint(session, who: Customer, score: int | None = None, description: str = "相册有划痕") -> Complaint:
    category = session.query(Choice).filter(Choice.kind == ChoiceKind.COMPLAINT_CATEGORY).first()
    c = Complaint(customer_id=who.id, category_id=category.id, description=description, received_at=at("2026-02-01"),
                  resolution_score=score)
    session.add(c)
    session.flush()
    return c
