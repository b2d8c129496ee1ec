"""Session and order progress, derived from what staff recorded and from the items;
never typed in, and never moved by the calendar alone (a no-show is not "shot").

booked (or no-show) → shot → selected → awaiting design approval → in production → ready
→ partly picked up → done
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ..models import DesignStatus, Item, ItemStatus, Order, Progress, SessionState, ShootSession

_IN_PRODUCTION = {ItemStatus.SENT, ItemStatus.RETURNED, ItemStatus.REWORK}
_UNAPPROVED = {DesignStatus.DESIGNING, DesignStatus.AWAITING_APPROVAL}
_BY_STATE = {
    SessionState.BOOKED: Progress.BOOKED,
    SessionState.NO_SHOW: Progress.NO_SHOW,
    SessionState.SHOT: Progress.SHOT,
    SessionState.SELECTED: Progress.SELECTED,
    SessionState.CANCELLED: Progress.CANCELLED,
}


def session_progress(
    items: Iterable[tuple[ItemStatus, DesignStatus]], state: SessionState = SessionState.BOOKED
) -> Progress:
    """Progress of one session from its items' (status, design status) and its recorded state."""
    all_items = list(items)
    live = [(s, d) for s, d in all_items if s is not ItemStatus.CANCELLED]
    if state is SessionState.CANCELLED:
        return Progress.CANCELLED
    if live:
        statuses = [s for s, _ in live]
        picked = sum(s is ItemStatus.PICKED_UP for s in statuses)
        if picked == len(statuses):
            return Progress.DONE
        if picked:
            return Progress.PARTLY_PICKED_UP
        if all(s is ItemStatus.READY for s in statuses):
            return Progress.READY
        if any(s in _IN_PRODUCTION or s is ItemStatus.READY for s in statuses):
            return Progress.IN_PRODUCTION
    elif all_items:  # every item cancelled
        return Progress.CANCELLED
    if state is SessionState.SELECTED and any(d in _UNAPPROVED for _, d in live):
        return Progress.AWAITING_APPROVAL
    return _BY_STATE[state]


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


def derive_order_progress(session: Session, order: Order, today: dt.date) -> tuple[Progress, list[Progress]]:
    """(order progress, progress of each session in order) read fresh from the database."""
    progress, per_session, _due = _derive(session, order.id, cancelled=order.cancelled_at is not None)
    return progress, per_session


_SS, _I, _O = ShootSession.__table__, Item.__table__, cast(Table, Order.__table__)
# Built once: it runs at every scan. Each session of the order in order, with its items' states.
_STATES = (
    select(_SS.c.id, _SS.c.state, _I.c.status, _I.c.design_status).select_from(_SS)
    .outerjoin(_I, (_I.c.session_id == _SS.c.id) & (_I.c.order_id == bindparam("order_id")))
    .where(_SS.c.order_id == bindparam("order_id")).order_by(_SS.c.seq, _SS.c.id))
_WRITE = update(_O).where(_O.c.id == bindparam("order_id")).values(
    progress=bindparam("new_progress"), progress_due=bindparam("new_due"))


def _derive(session: Session, order_id: int, *, cancelled: bool) -> tuple[Progress, list[Progress], dt.date | None]:
    session.flush()  # what the caller changed in this transaction (the item just moved) counts
    states: dict[int, SessionState] = {}
    items: dict[int, list[tuple[ItemStatus, DesignStatus]]] = {}
    for session_id, state, status, design in session.connection().execute(_STATES, {"order_id": order_id}):
        states.setdefault(session_id, state)
        if status is not None:
            items.setdefault(session_id, []).append((status, design))
    per_session = [session_progress(items.get(sid, []), state) for sid, state in states.items()]
    progress = order_progress(per_session, cancelled=cancelled)
    # Nothing moves by the calendar any more: ``progress_due`` is only ever cleared (orders of
    # databases from before revision 0005 are re-derived once at the next start).
    return progress, per_session, None


def refresh_order_progress(session: Session, order: Order, today: dt.date) -> Progress:
    """Update the cached ``orders.progress`` (and when it next changes by date) inside the
    caller's transaction."""
    progress, _, due = _derive(session, order.id, cancelled=order.cancelled_at is not None)
    if order.progress is not progress:
        order.progress = progress
    if order.progress_due != due:
        order.progress_due = due
    return progress


def refresh_progress_of(session: Session, order_id: int, *, cancelled: bool, progress: Progress,
                        progress_due: dt.date | None) -> Progress:
    """:func:`refresh_order_progress` for an order read as a row, not loaded as an object (a
    scan written as plain statements): ``progress`` and ``progress_due`` are what the row holds;
    one UPDATE when either moved, and the order's object, if this session holds one, is
    expired so it is read again."""
    new, _, due = _derive(session, order_id, cancelled=cancelled)
    if new is not progress or due != progress_due:
        session.connection().execute(_WRITE, {"order_id": order_id, "new_progress": new, "new_due": due})
        loaded = session.identity_map.get(identity_key(Order, order_id))
        if loaded is not None:
            session.expire(loaded, ["progress", "progress_due"])
    return new


def refresh_due_progress(session: Session, today: dt.date) -> int:
    """Re-derive the orders marked due (run at start; since revision 0005 only orders of an
    older database are ever marked); returns how many were looked at. Commits."""
    due = list(session.scalars(select(Order).where(Order.progress_due <= today)))
    for order in due:
        refresh_order_progress(session, order, today)
    session.commit()
    return len(due)
