"""The follow-up call after a complaint's redone items are picked up again (the hook the
lifecycle calls at every pickup; kept apart from :mod:`app.services.complaints`, which
itself goes through the lifecycle, so the services import each other without a cycle)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Complaint, ComplaintEvent, ComplaintEventKind, ComplaintItem, ComplaintStep, FollowUp, FollowUpStage, Item,
)
from .clock import Clock
from .staff import Actor
from .studio import get_setting

FOLLOW_UP_DAYS_KEY = "complaint_follow_up_days"  # days after a redone item's pickup the call is due
DEFAULT_FOLLOW_UP_DAYS = 3


def follow_up_days(session: Session) -> int:
    try:
        days = int(get_setting(session, FOLLOW_UP_DAYS_KEY) or DEFAULT_FOLLOW_UP_DAYS)
    except ValueError:
        return DEFAULT_FOLLOW_UP_DAYS
    return days if 0 <= days <= 365 else DEFAULT_FOLLOW_UP_DAYS


def add_event(session: Session, complaint: Complaint, kind: ComplaintEventKind, actor: Actor, now: dt.datetime, *,
              step: ComplaintStep | None = None, score: int | None = None, detail: str | None = None) -> None:
    """One line of a complaint's history (only ever added)."""
    session.add(ComplaintEvent(complaint_id=complaint.id, kind=kind, step=step, at=now, staff_id=actor.staff_id,
                               station=actor.station, score=score, detail=detail))


def pending_follow_up(session: Session, complaint_id: int) -> FollowUp | None:
    """The complaint's follow-up call still to make, if any."""
    return session.scalar(select(FollowUp).where(FollowUp.complaint_id == complaint_id, FollowUp.called_at.is_(None))
                          .order_by(FollowUp.id))


def redo_waiting(session: Session, complaint_id: int) -> bool:
    """Redone items not yet picked up again (the follow-up call closes Anticipate then)."""
    return session.scalar(select(ComplaintItem.id).where(
        ComplaintItem.complaint_id == complaint_id, ComplaintItem.redo_at.is_not(None),
        ComplaintItem.picked_up_at.is_(None)).limit(1)) is not None


def after_pickup(session: Session, item: Item, actor: Actor, clock: Clock) -> None:
    """Called by the lifecycle when ``item`` is picked up, inside its transaction: a redone
    item of a complaint is handed over again; once all of a complaint's redone items are, a
    follow-up call is scheduled (a FollowUp of stage after_pickup, due in
    ``complaint_follow_up_days`` days; its outcome closes Anticipate)."""
    links = list(session.scalars(select(ComplaintItem).where(
        ComplaintItem.item_id == item.id, ComplaintItem.redo_at.is_not(None), ComplaintItem.picked_up_at.is_(None))))
    now = clock.now()
    for link in links:
        link.picked_up_at = now
        session.flush()
        if redo_waiting(session, link.complaint_id) or pending_follow_up(session, link.complaint_id) is not None:
            continue
        complaint = session.get(Complaint, link.complaint_id)
        assert complaint is not None
        due = clock.today() + dt.timedelta(days=follow_up_days(session))
        session.add(FollowUp(customer_id=complaint.customer_id, order_id=item.order_id, stage=FollowUpStage.AFTER_PICKUP,
                             due_on=due, called_at=None, reached=False, complaint_id=complaint.id))
        add_event(session, complaint, ComplaintEventKind.FOLLOW_UP_SCHEDULED, actor, now, detail=due.isoformat())
