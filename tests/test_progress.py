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
