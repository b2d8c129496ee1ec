"""Derived progress of sessions and orders."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models import DesignStatus as D, ItemStatus as S, Progress as P, SessionState as St
from app.services.progress import order_progress, session_progress

TODAY = dt.date(2026, 11, 23)
N, A, W = D.NOT_NEEDED, D.APPROVED, D.AWAITING_APPROVAL


@pytest.mark.parametrize(("items", "state", "expected"), [
    ([(S.WAITING, N)], St.BOOKED, P.BOOKED),
    ([(S.WAITING, N)], St.NO_SHOW, P.NO_SHOW),
    ([(S.WAITING, N)], St.SHOT, P.SHOT),
    ([(S.WAITING, N)], St.SELECTED, P.SELECTED),
    ([(S.WAITING, W), (S.WAITING, N)], St.SELECTED, P.AWAITING_APPROVAL),
    ([(S.WAITING, D.DESIGNING)], St.SELECTED, P.AWAITING_APPROVAL),
    ([(S.WAITING, A)], St.SELECTED, P.SELECTED),
    ([(S.WAITING, W), (S.SENT, A)], St.SELECTED, P.IN_PRODUCTION),
    ([(S.READY, N), (S.REWORK, N)], St.SELECTED, P.IN_PRODUCTION),
    ([(S.READY, N), (S.READY, N), (S.CANCELLED, W)], St.SELECTED, P.READY),
    ([(S.READY, N), (S.PICKED_UP, N)], St.SELECTED, P.PARTLY_PICKED_UP),
    ([(S.PICKED_UP, N), (S.CANCELLED, N)], St.SELECTED, P.DONE),
    ([(S.CANCELLED, N)], St.SELECTED, P.CANCELLED),
    ([(S.WAITING, N)], St.CANCELLED, P.CANCELLED),
    ([], St.BOOKED, P.BOOKED),
])
def test_session_progress_comes_from_what_happened(items, state, expected):
    assert session_progress(items, state) is expected


def test_order_shows_its_first_unfinished_session():
    assert order_progress([P.DONE, P.READY, P.BOOKED]) is P.READY
    assert order_progress([P.DONE, P.DONE]) is P.DONE
    assert order_progress([P.CANCELLED, P.DONE]) is P.DONE
    assert order_progress([P.READY], cancelled=True) is P.CANCELLED


def test_order_progress_does_not_move_when_a_shoot_date_passes(session, studio, clock):
    """A customer who did not come is not "shot": only what staff record moves progress."""
    from app.models import Order
    from app.services.customers import NewCustomer, create_customer
    from app.services.orders import BookOrder, SessionPlan, book_order
    from app.services.progress import refresh_due_progress

    customer = create_customer(session, NewCustomer("张三", ["13800138000"]), studio.counter, clock=clock)
    shoot, selection = dt.date(2026, 11, 25), dt.date(2026, 12, 2)
    order = book_order(session, BookOrder(customer.id, studio.single, sessions=[
        SessionPlan("婚纱照", shoot, selection, dt.date(2026, 12, 30))]), studio.counter, clock=clock)
    assert (order.progress, order.progress_due) == (P.BOOKED, None)
    refresh_due_progress(session, selection + dt.timedelta(days=1))
    assert session.get(Order, order.id).progress is P.BOOKED
