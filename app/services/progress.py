"""Session and order progress, derived from items and dates; never typed in.

booked → shot → selected → in production → ready → partly picked up → done
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Item, ItemStatus, Order, Progress, ShootSession

_IN_PRODUCTION = {ItemStatus.SENT, ItemStatus.RETURNED, ItemStatus.REWORK}


def session_progress(
    statuses: Iterable[ItemStatus], shoot_date: dt.date | None, selection_date: dt.date | None, today: dt.date
) -> Progress:
    all_statuses = list(statuses)
    live = [s for s in all_statuses if s is not ItemStatus.CANCELLED]
    if live:
        picked = sum(s is ItemStatus.PICKED_UP for s in live)
        if picked == len(live):
            return Progress.DONE
        if picked:
            return Progress.PARTLY_PICKED_UP
        if all(s is ItemStatus.READY for s in live):
            return Progress.READY
        if any(s in _IN_PRODUCTION or s is ItemStatus.READY for s in live):
            return Progress.IN_PRODUCTION
    elif all_statuses:  # every item cancelled
        return Progress.CANCELLED
    if selection_date is not None and selection_date <= today:
        return Progress.SELECTED
    if shoot_date is not None and shoot_date <= today:
        return Progress.SHOT
    return Progress.BOOKED


def order_progress(session_progresses: Sequence[Progress], *, cancelled: bool = False) -> Progress:
    """An order is where its first unfinished session is; done when all are done.

    For a growth package that shows what the counter must act on next (the 100-day
    album waiting on the shelf), not the one-year shoot months away.
    """
    if cancelled:
        return Progress.CANCELLED
    open_ones = [p for p in session_progresses if p not in (Progress.DONE, Progress.CANCELLED)]
    if open_ones:
        return open_ones[0]
    if any(p is Progress.DONE for p in session_progresses):
        return Progress.DONE
    return Progress.CANCELLED if session_progresses else Progress.BOOKED


def next_date_change(
    sessions: Sequence[tuple[dt.date | None, dt.date | None]], progresses: Sequence[Progress], today: dt.date
) -> dt.date | None:
    """When the order's progress next moves by the calendar alone: the first unfinished
    session's next shoot or selection date after today (None once items drive it)."""
    for (shoot, selection), progress in zip(sessions, progresses):
        if progress in (Progress.DONE, Progress.CANCELLED):
            continue
        if progress not in (Progress.BOOKED, Progress.SHOT):
            return None
        upcoming = [d for d in (shoot, selection) if d is not None and d > today]
        return min(upcoming) if upcoming else None
    return None


def derive_order_progress(session: Session, order: Order, today: dt.date) -> tuple[Progress, list[Progress]]:
    """(order progress, progress of each session in order) read fresh from the database."""
    progress, per_session, _due = _derive(session, order, today)
    return progress, per_session


def _derive(session: Session, order: Order, today: dt.date) -> tuple[Progress, list[Progress], dt.date | None]:
    sessions = session.execute(
        select(ShootSession.id, ShootSession.shoot_date, ShootSession.selection_date)
        .where(ShootSession.order_id == order.id)
        .order_by(ShootSession.seq)
    ).all()
    statuses: dict[int, list[ItemStatus]] = {s.id: [] for s in sessions}
    for session_id, status in session.execute(
        select(Item.session_id, Item.status).where(Item.order_id == order.id)
    ):
        statuses.setdefault(session_id, []).append(status)
    per_session = [session_progress(statuses[s.id], s.shoot_date, s.selection_date, today) for s in sessions]
    progress = order_progress(per_session, cancelled=order.cancelled_at is not None)
    due = None if progress is Progress.CANCELLED else next_date_change(
        [(s.shoot_date, s.selection_date) for s in sessions], per_session, today)
    return progress, per_session, due


def refresh_order_progress(session: Session, order: Order, today: dt.date) -> Progress:
    """Update the cached ``orders.progress`` (and when it next changes by date) inside the
    caller's transaction."""
    progress, _, due = _derive(session, order, today)
    if order.progress is not progress:
        order.progress = progress
    if order.progress_due != due:
        order.progress_due = due
    return progress


def refresh_due_progress(session: Session, today: dt.date) -> int:
    """Re-derive the orders whose progress moved by the calendar (run once a day, at start);
    returns how many were looked at. Commits."""
    due = list(session.scalars(select(Order).where(Order.progress_due <= today)))
    for order in due:
        refresh_order_progress(session, order, today)
    session.commit()
    return len(due)
