"""Derived progress of sessions and orders."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models import ItemStatus as S, Progress as P
from app.services.progress import order_progress, session_progress

TODAY = dt.date(2026, 11, 23)
PAST, FUTURE = TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=3)


@pytest.mark.parametrize(("statuses", "shoot", "selection", "expected"), [
    ([S.WAITING], FUTURE, FUTURE, P.BOOKED),
    ([S.WAITING], PAST, FUTURE, P.SHOT),
    ([S.WAITING], PAST, TODAY, P.SELECTED),
    ([S.WAITING, S.SENT], PAST, PAST, P.IN_PRODUCTION),
    ([S.READY, S.REWORK], PAST, PAST, P.IN_PRODUCTION),
    ([S.READY, S.READY, S.CANCELLED], PAST, PAST, P.READY),
    ([S.READY, S.PICKED_UP], PAST, PAST, P.PARTLY_PICKED_UP),
    ([S.PICKED_UP, S.CANCELLED], PAST, PAST, P.DONE),
    ([S.CANCELLED], PAST, PAST, P.CANCELLED),
    ([], None, None, P.BOOKED),
])
def test_session_progress(statuses, shoot, selection, expected):
    assert session_progress(statuses, shoot, selection, TODAY) is expected


def test_order_shows_its_first_unfinished_session():
    assert order_progress([P.DONE, P.READY, P.BOOKED]) is P.READY
    assert order_progress([P.DONE, P.DONE]) is P.DONE
    assert order_progress([P.CANCELLED, P.DONE]) is P.DONE
    assert order_progress([P.READY], cancelled=True) is P.CANCELLED


def test_order_progress_follows_the_calendar_after_a_daily_refresh(session, studio, clock):
    from app.models import Order
    from app.services.customers import NewCustomer, create_customer
    from app.services.orders import BookOrder, SessionPlan, book_order
    from app.services.progress import refresh_due_progress

    customer = create_customer(session, NewCustomer("张三", ["13800138000"]), studio.counter, clock=clock)
    shoot, selection = dt.date(2026, 11, 25), dt.date(2026, 12, 2)
    order = book_order(session, BookOrder(customer.id, studio.single, sessions=[
        SessionPlan("婚纱照", shoot, selection, dt.date(2026, 12, 30))]), studio.counter, clock=clock)
    assert (order.progress, order.progress_due) == (P.BOOKED, shoot)
    assert refresh_due_progress(session, dt.date(2026, 11, 24)) == 0  # nothing due yet: nothing read
    assert refresh_due_progress(session, shoot) == 1
    order = session.get(Order, order.id)
    assert (order.progress, order.progress_due) == (P.SHOT, selection)
    refresh_due_progress(session, selection)
    assert (session.get(Order, order.id).progress, session.get(Order, order.id).progress_due) == (P.SELECTED, None)


def test_next_date_change_looks_at_the_first_unfinished_session():
    from app.services.progress import next_date_change

    d = dt.date
    sessions = [(d(2026, 1, 1), d(2026, 1, 9)), (d(2026, 12, 1), d(2026, 12, 9))]
    assert next_date_change(sessions, [P.DONE, P.BOOKED], TODAY) == d(2026, 12, 1)
    assert next_date_change(sessions, [P.IN_PRODUCTION, P.BOOKED], TODAY) is None
    assert next_date_change([(None, None)], [P.BOOKED], TODAY) is None
