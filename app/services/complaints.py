"""Complaints (客诉) handled through the 4A steps, the monthly complaint board (投诉曝光台) and
the lab scorecard.

A complaint is recorded for a customer (found by phone tail or name), with its category (the
studio's list), severity, channel, the staff member it is about and the items it names (only
items of that customer's orders). Its four steps — Acknowledge, Apologize, Amend, Anticipate —
are done in that order, each by someone at a time, each before a deadline set from the
severity when the complaint is recorded (settings ``complaint_deadline_hours.<severity>``:
hours after receiving it, one per step). A step past its deadline and not done is overdue.

Amend is one of: a redo (the named items go back to rework through the lifecycle, with the
complaint as the reason and whose fault it was: lab, studio or customer), a discount, a gift,
or a refund (through the payment service, by a manager). When every redone item has been
picked up again, a follow-up call is scheduled (a :class:`FollowUp` of stage after_pickup
with ``due_on`` and the complaint); the call's outcome closes Anticipate. Otherwise Anticipate
is closed with a note of what changes so it does not recur.

A complaint closes with the customer's satisfaction (1-5) only when no step is open; reopening
it keeps its history (``complaint_events``, only ever added) and opens Amend and Anticipate again
with new deadlines.

The monthly board counts the complaints received in a month by category, by position and by
staff member; the complaint rate is complaints ÷ orders delivered in the month, where an order
is delivered in a month when at least one of its items was picked up in it (an order picked up
in two visits in two months counts in both). The lab scorecard, per lab and month: items
returned from the lab in the month, their turnaround (local days from being sent to being
returned; median), the share returned late (after the sent day plus the lab's turnaround for
the product, as the lifecycle sets the expected return), reworks ÷ returns (as in the rework
statistics) and the complaints traced to the lab. Months are the studio's local months.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from ..models import (
    AmendKind, Choice, ChoiceKind, Complaint, ComplaintChannel, ComplaintEvent, ComplaintEventKind, ComplaintItem,
    ComplaintSeverity, ComplaintStatus, ComplaintStep, Customer, CustomerPhone, FaultParty, FollowUp,
    Item, ItemEvent, ItemStatus, Lab, LabPrice, Order, PaymentKind, PaymentMethod, Position, ProductType, Setting,
    Staff,
)
from . import choices, codes, lifecycle
from .choices import ChoiceEntry
from .clock import SYSTEM_CLOCK, Clock, require_aware
from .complaint_follow_up import (  # noqa: F401 - after_pickup: the lifecycle's hook, documented here
    DEFAULT_FOLLOW_UP_DAYS, FOLLOW_UP_DAYS_KEY, add_event as _event, after_pickup, follow_up_days, pending_follow_up,
    redo_waiting,
)
from .errors import BadInput, NotFound, as_enum, whole_fen
from .messages import phrases
from .orders import take_payment
from .staff import Actor, Permission, record, require
from .studio import get_setting, studio_name
from .text import checked_text

S = ComplaintStep
STEPS: tuple[ComplaintStep, ...] = (S.ACKNOWLEDGE, S.APOLOGIZE, S.AMEND, S.ANTICIPATE)

# What a message calls each field or step (English; translated where shown).
COMPLAINT_TEXT = phrases({
    "description": "The complaint's description",
    "action": "What was done",
    "note": "The note",
    "reason": "The reason",
    "letter": "The apology letter",
    "follow_up_notes": "The call's notes",
    S.ACKNOWLEDGE: "acknowledge", S.APOLOGIZE: "apologize", S.AMEND: "amend", S.ANTICIPATE: "anticipate",
})

# Hours after a complaint is received by which each step is due, per severity (the defaults
# of the settings ``complaint_deadline_hours.<severity>``, "a,b,c,d").
DEFAULT_HOURS: dict[ComplaintSeverity, tuple[int, int, int, int]] = {
    ComplaintSeverity.SEVERE: (2, 24, 72, 336),
    ComplaintSeverity.NORMAL: (4, 48, 168, 720),
    ComplaintSeverity.MINOR: (24, 72, 336, 720),
}
DEADLINE_KEY = "complaint_deadline_hours.{severity}"
LETTER_KEY = "complaint_apology_letter"
RETRY_DAYS = 1  # a call that did not reach the customer is due again the next day
MAX_HOURS = 24 * 366

_DUE = {S.ACKNOWLEDGE: "acknowledge_due", S.APOLOGIZE: "apologize_due", S.AMEND: "amend_due",
        S.ANTICIPATE: "anticipate_due"}
_DONE = {S.ACKNOWLEDGE: "acknowledged_at", S.APOLOGIZE: "apologized_at", S.AMEND: "amended_at",
         S.ANTICIPATE: "anticipated_at"}
_BY = {S.ACKNOWLEDGE: "acknowledged_by", S.APOLOGIZE: "apologized_by", S.AMEND: "amended_by",
       S.ANTICIPATE: "anticipated_by"}


# -- settings ------------------------------------------------------------------------------------

def deadline_hours(session: Session, severity: ComplaintSeverity | str) -> dict[ComplaintStep, int]:
    """Hours after receiving a complaint of ``severity`` by which each step is due."""
    level: ComplaintSeverity = as_enum(ComplaintSeverity, severity, "severity")
    hours = DEFAULT_HOURS[level]
    raw = get_setting(session, DEADLINE_KEY.format(severity=level.value))
    if raw:
        try:
            parsed = tuple(int(part) for part in raw.split(","))
        except ValueError:
            parsed = ()
        if len(parsed) == len(STEPS) and all(0 < h <= MAX_HOURS for h in parsed):
            hours = parsed  # type: ignore[assignment]
    return dict(zip(STEPS, hours, strict=True))


def set_deadline_hours(
    session: Session, severity: ComplaintSeverity | str, hours: Sequence[int], actor: Actor, *,
    clock: Clock = SYSTEM_CLOCK,
) -> dict[ComplaintStep, int]:
    """A manager sets the four deadlines (hours after receiving) of one severity; audited.
    Complaints already recorded keep theirs."""
    require(actor, Permission.MANAGE_SETTINGS)
    level: ComplaintSeverity = as_enum(ComplaintSeverity, severity, "severity")
    values = list(hours)
    if len(values) != len(STEPS) or not all(isinstance(h, int) and not isinstance(h, bool) for h in values):
        raise BadInput("Give a whole number of hours for each of the four steps.")
    if not all(0 < h <= MAX_HOURS for h in values):
        raise BadInput("A step's deadline is from 1 hour to {max} hours after the complaint.", max=MAX_HOURS)
    _put_setting(session, DEADLINE_KEY.format(severity=level.value), ",".join(map(str, values)))
    record(session, actor, "setting.change", DEADLINE_KEY.format(severity=level.value), ",".join(map(str, values)),
           clock=clock)
    session.commit()
    return dict(zip(STEPS, values, strict=True))


def _put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def letter_template(session: Session) -> str | None:
    """The studio's apology letter (None: the window offers its default)."""
    return get_setting(session, LETTER_KEY) or None


def set_letter_template(session: Session, text: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> str:
    """Change the studio's apology letter (a manager; audited). Placeholders: {customer}
    {date} {received} {order} {description} {amend} {studio} {staff}. Staff may still edit
    one letter before printing it."""
    require(actor, Permission.MANAGE_SETTINGS)
    text = checked_text(text, COMPLAINT_TEXT["letter"], Setting.value) or ""
    if not text:
        raise BadInput("The apology letter cannot be empty.")
    _put_setting(session, LETTER_KEY, text)
    record(session, actor, "setting.change", LETTER_KEY, text, clock=clock)
    session.commit()
    return text


# -- recording -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class NewComplaint:
    customer_id: int
    category_id: int
    description: str
    severity: ComplaintSeverity | str = ComplaintSeverity.NORMAL
    channel: ComplaintChannel | str = ComplaintChannel.PHONE
    order_id: int | None = None  # None: the order of the named items (when they are of one)
    item_ids: Sequence[int] = ()
    staff_id: int | None = None  # the staff member it is about
    staff_position: Position | str | None = None
    owner_id: int | None = None  # who handles it (None: whoever records it)


def _staff(session: Session, staff_id: int | None) -> Staff | None:
    if staff_id is None:
        return None
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("There is no staff member {id}.", id=staff_id)
    return staff


def _set_deadlines(complaint: Complaint, start: dt.datetime, hours: dict[ComplaintStep, int],
                   steps: Iterable[ComplaintStep] = STEPS) -> None:
    for step in steps:
        setattr(complaint, _DUE[step], start + dt.timedelta(hours=hours[step]))


def _refresh_due(complaint: Complaint) -> None:
    """``due_at``: the deadline of the first step not done (None when all are, or closed)."""
    open_steps = [s for s in STEPS if getattr(complaint, _DONE[s]) is None]
    complaint.due_at = (getattr(complaint, _DUE[open_steps[0]])
                        if open_steps and complaint.status is not ComplaintStatus.CLOSED else None)


def record_complaint(session: Session, data: NewComplaint, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Record a complaint; returns its id. Deadlines of the four steps follow from its severity."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    now = require_aware(clock.now(), "time")
    severity = as_enum(ComplaintSeverity, data.severity, "severity")
    channel = as_enum(ComplaintChannel, data.channel, "channel")
    position = as_enum(Position, data.staff_position, "position") if data.staff_position is not None else None
    customer = session.get(Customer, data.customer_id) if data.customer_id is not None else None
    if customer is None:
        raise BadInput("Choose the customer who complains.")
    description = checked_text(data.description, COMPLAINT_TEXT["description"], Complaint.description)
    if not description:
        raise BadInput("Describe the complaint.")
    if data.category_id is None:
        raise BadInput("Choose the complaint's category.")
    choices.usable(session, ChoiceKind.COMPLAINT_CATEGORY, data.category_id)
    staff = _staff(session, data.staff_id)
    owner = _staff(session, data.owner_id)
    if position is not None and staff is None:
        raise BadInput("Name the staff member as well as the position.")
    order_id = data.order_id
    if order_id is not None:
        order = session.get(Order, order_id)
        if order is None or order.customer_id != customer.id:
            raise BadInput("Order {id} is not an order of {name}.", id=order_id, name=customer.name)
    item_ids = sorted(set(data.item_ids))
    items = list(session.scalars(select(Item).where(Item.id.in_(item_ids)))) if item_ids else []
    if len(items) != len(item_ids):
        raise NotFound("Some of these items do not exist.")
    order_ids = {item.order_id for item in items}
    if order_ids:
        owners = set(session.scalars(select(Order.customer_id).where(Order.id.in_(order_ids))))
        if owners != {customer.id}:
            raise BadInput("A complaint names only items of {name}'s own orders.", name=customer.name)
        if order_id is None and len(order_ids) == 1:
            order_id = next(iter(order_ids))
        elif order_id is not None and order_ids != {order_id}:
            raise BadInput("The items named are not all of the order named.")
    complaint = Complaint(
        customer_id=customer.id, order_id=order_id, category_id=data.category_id, description=description,
        status=ComplaintStatus.OPEN, severity=severity, channel=channel, received_at=now, received_by=actor.staff_id,
        owner_id=owner.id if owner else actor.staff_id, staff_id=staff.id if staff else None, staff_position=position,
    )
    _set_deadlines(complaint, now, deadline_hours(session, severity))
    _refresh_due(complaint)
    session.add(complaint)
    session.flush()
    for item in items:
        session.add(ComplaintItem(complaint_id=complaint.id, item_id=item.id))
    _event(session, complaint, ComplaintEventKind.RECORDED, actor, now, detail=description)
    session.commit()
    return complaint.id


def _complaint(session: Session, complaint_id: int, *, lock: bool = True) -> Complaint:
    query = select(Complaint).where(Complaint.id == complaint_id)
    if lock:
        # FOR NO KEY UPDATE: a pickup adding a line of its history meanwhile only waits
        query = query.with_for_update(key_share=True).execution_options(populate_existing=True)
    complaint = session.scalar(query)
    if complaint is None:
        raise NotFound("There is no complaint {id}.", id=complaint_id)
    return complaint


def _refuse_closed(complaint: Complaint) -> None:
    if complaint.status is ComplaintStatus.CLOSED:
        raise BadInput("Complaint {id} is closed; reopen it first.", id=complaint.id)


def _require_before(complaint: Complaint, step: ComplaintStep) -> None:
    """The steps are done in order: Acknowledge, Apologize, Amend, Anticipate."""
    for earlier in STEPS[:STEPS.index(step)]:
        if getattr(complaint, _DONE[earlier]) is None:
            raise BadInput("Complaint {id}: {step} first.", id=complaint.id, step=COMPLAINT_TEXT[earlier])
    if getattr(complaint, _DONE[step]) is not None:
        raise BadInput("Complaint {id}: {step} is already done.", id=complaint.id, step=COMPLAINT_TEXT[step])


def _done(session: Session, complaint: Complaint, step: ComplaintStep, actor: Actor, now: dt.datetime,
          detail: str | None) -> None:
    setattr(complaint, _DONE[step], now)
    setattr(complaint, _BY[step], actor.staff_id)
    if complaint.status is ComplaintStatus.OPEN:
        complaint.status = ComplaintStatus.IN_PROGRESS
    _refresh_due(complaint)
    _event(session, complaint, ComplaintEventKind.STEP_DONE, actor, now, step=step, detail=detail)


def mark_step_done(
    session: Session, complaint_id: int, step: ComplaintStep | str, actor: Actor, *, note: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Acknowledge, Apologize or Anticipate done now by ``actor`` (Amend: :func:`amend`).
    Anticipate needs a note of what changes so it does not recur; after a redo it is closed
    by the follow-up call instead."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    which: ComplaintStep = as_enum(ComplaintStep, step, "step")
    now = require_aware(clock.now(), "time")
    try:
        complaint = _complaint(session, complaint_id)
        _refuse_closed(complaint)
        if which is S.AMEND:
            raise BadInput("Choose how to amend: a redo, a discount, a gift or a refund.")
        _require_before(complaint, which)
        note = checked_text(note, COMPLAINT_TEXT["note"], Complaint.anticipate_note)
        if which is S.ANTICIPATE:
            if redo_waiting(session, complaint.id) or pending_follow_up(session, complaint.id) is not None:
                raise BadInput("Complaint {id}: the follow-up call after the redone items are picked up "
                               "closes this step.", id=complaint.id)
            if not note:
                raise BadInput("Say what changes so that it does not happen again.")
            complaint.anticipate_note = note
        _done(session, complaint, which, actor, now, note)
        session.commit()
        return complaint.id
    except Exception:
        session.rollback()
        raise


def amend(
    session: Session, complaint_id: int, kind: AmendKind | str, actor: Actor, *, action: str | None = None,
    amount_fen: int | None = None, item_ids: Sequence[int] = (), fault: FaultParty | str | None = None,
    lab_id: int | None = None, method: PaymentMethod | str = PaymentMethod.CASH, approved_by: Actor | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """The Amend step. A redo sends ``item_ids`` (default: every item the complaint names) to
    rework through the lifecycle with the complaint as the reason and records whose fault it
    was (``fault``; a lab's fault names the lab, by default the items' lab). A discount or a
    refund has an amount; a refund is a payment of kind refund on the complaint's order, made
    by a manager (``approved_by``, checked with :func:`staff.verify_manager`, or the actor) and
    audited as every refund is (the manager named, the complaint in its note). A
    gift says what was given (``action``)."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    how: AmendKind = as_enum(AmendKind, kind, "amend")
    fault_party: FaultParty | None = as_enum(FaultParty, fault, "fault") if fault is not None else None
    pay_method: PaymentMethod = as_enum(PaymentMethod, method, "payment method")
    now = require_aware(clock.now(), "time")
    try:
        complaint = _complaint(session, complaint_id)
        _refuse_closed(complaint)
        _require_before(complaint, S.AMEND)
        action = checked_text(action, COMPLAINT_TEXT["action"], Complaint.amend_action)
        if fault_party is not FaultParty.LAB and lab_id is not None:
            raise BadInput("Name a lab only when it was the lab's fault.")
        if lab_id is not None and session.get(Lab, lab_id) is None:
            raise NotFound("Lab {id} does not exist.", id=lab_id)
        if how in (AmendKind.DISCOUNT, AmendKind.REFUND):
            if amount_fen is None or whole_fen(amount_fen) <= 0:
                raise BadInput("Give the amount, more than ¥0.00.")
        elif amount_fen is not None:
            raise BadInput("Only a discount or a refund has an amount.")
        if how is AmendKind.GIFT and not action:
            raise BadInput("Say what the gift is.")
        if how is AmendKind.REDO:
            if fault_party is None:
                raise BadInput("Say whose fault it was: the lab's, the studio's or the customer's.")
            lab_id = _redo(session, complaint, item_ids, fault_party, lab_id, actor, clock)
        complaint.amend_kind = how
        complaint.amend_action = action
        complaint.amend_fen = amount_fen
        complaint.fault = fault_party if fault_party is not None else complaint.fault
        complaint.lab_id = lab_id if fault_party is not None else complaint.lab_id
        # what was typed; the kind and amount are the complaint's own fields, shown translated
        _done(session, complaint, S.AMEND, actor, now, action)
        if how is AmendKind.REFUND:
            manager = approved_by or actor
            require(manager, Permission.REFUND)
            if complaint.order_id is None:
                raise BadInput("A refund goes back on an order; this complaint names none.")
            note = checked_text(f"complaint {complaint.id}: {action or ''}".strip(), COMPLAINT_TEXT["note"], 200)
            assert amount_fen is not None
            payment = take_payment(session, complaint.order_id, PaymentKind.REFUND, pay_method, amount_fen, manager,
                                   note=note, clock=clock)  # commits the complaint with it
            complaint.refund_payment_id = payment.id
        session.commit()
        return complaint.id
    except Exception:
        session.rollback()
        raise


def _redo(session: Session, complaint: Complaint, item_ids: Sequence[int], fault: FaultParty, lab_id: int | None,
          actor: Actor, clock: Clock) -> int | None:
    """Every named item back to rework (a picked-up item the customer brought back too), in
    the complaint's transaction; returns the lab at fault (None unless it was the lab's)."""
    links = {link.item_id: link for link in session.scalars(
        select(ComplaintItem).where(ComplaintItem.complaint_id == complaint.id))}
    wanted = sorted(set(item_ids)) or sorted(links)
    if not wanted:
        raise BadInput("A redo needs the items to make again; this complaint names none.")
    if not set(wanted) <= set(links):
        raise BadInput("A redo is of items the complaint names.")
    items = list(session.scalars(select(Item).where(Item.id.in_(wanted)).order_by(Item.id)))
    lifecycle.lock_items(session, [item.code for item in items])
    reason = f"complaint {complaint.id}: {complaint.description}"[:200]
    now = clock.now()
    for item in items:
        lifecycle.rework_for_complaint(session, item, actor, reason=reason, clock=clock)
        links[item.id].redo_at = now
        links[item.id].picked_up_at = None
    _event(session, complaint, ComplaintEventKind.REDO, actor, now, detail=", ".join(i.code for i in items))
    if fault is not FaultParty.LAB:
        return None
    if lab_id is None:
        labs = {item.lab_id for item in items if item.lab_id is not None}
        if len(labs) != 1:
            raise BadInput("Choose the lab at fault.")
        lab_id = labs.pop()
    return lab_id


def record_follow_up_call(
    session: Session, follow_up_id: int, reached: bool, actor: Actor, *, score: int | None = None,
    notes: str | None = None, clock: Clock = SYSTEM_CLOCK,
) -> int:
    """The follow-up call of a complaint: not reached, it is due again the next day; reached,
    the customer's score (1-5) and what they said are kept and Anticipate is done."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    now = require_aware(clock.now(), "time")
    try:
        follow_up = session.get(FollowUp, follow_up_id)
        if follow_up is None or follow_up.complaint_id is None:
            raise NotFound("There is no follow-up call {id} of a complaint.", id=follow_up_id)
        if follow_up.called_at is not None:
            raise BadInput("This follow-up call was already made.")
        notes = checked_text(notes, COMPLAINT_TEXT["follow_up_notes"], FollowUp.notes)
        complaint = _complaint(session, follow_up.complaint_id)
        if not reached:
            if score is not None:
                raise BadInput("A call that did not reach the customer has no score.")
            follow_up.due_on = clock.today() + dt.timedelta(days=RETRY_DAYS)
            # a call without a score is one that did not reach the customer (the window says so)
            _event(session, complaint, ComplaintEventKind.FOLLOW_UP_CALL, actor, now, detail=notes)
            session.commit()
            return complaint.id
        check_score(score)
        if not notes:
            raise BadInput("Write down what the customer said.")
        follow_up.called_at = now
        follow_up.staff_id = actor.staff_id
        follow_up.reached = True
        follow_up.score_overall = score
        follow_up.notes = notes
        _event(session, complaint, ComplaintEventKind.FOLLOW_UP_CALL, actor, now, score=score, detail=notes)
        # The call is kept whatever state the complaint is in; it closes Anticipate only when
        # the steps before are done (after a reopen Amend may be open again).
        if (complaint.status is not ComplaintStatus.CLOSED and complaint.anticipated_at is None
                and all(getattr(complaint, _DONE[step]) is not None for step in STEPS[:STEPS.index(S.ANTICIPATE)])):
            complaint.anticipate_note = notes
            _done(session, complaint, S.ANTICIPATE, actor, now, notes)
        session.commit()
        return complaint.id
    except Exception:
        session.rollback()
        raise


def check_score(score: object) -> int:
    """A satisfaction score is a whole number from 1 to 5."""
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise BadInput("A score is a whole number from 1 to 5.")
    return score


def close_complaint(
    session: Session, complaint_id: int, score: int, actor: Actor, *, note: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Close with the customer's satisfaction with the resolution (1-5); refused while a step is open."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    now = require_aware(clock.now(), "time")
    try:
        complaint = _complaint(session, complaint_id)
        _refuse_closed(complaint)
        check_score(score)
        note = checked_text(note, COMPLAINT_TEXT["note"], ComplaintEvent.detail)
        open_steps = [s for s in STEPS if getattr(complaint, _DONE[s]) is None]
        if open_steps:
            raise BadInput("Complaint {id} cannot be closed: {step} is not done yet.", id=complaint.id,
                           step=COMPLAINT_TEXT[open_steps[0]])
        complaint.status = ComplaintStatus.CLOSED
        complaint.closed_at = now
        complaint.closed_by = actor.staff_id
        complaint.resolution_score = score
        _refresh_due(complaint)
        _event(session, complaint, ComplaintEventKind.CLOSED, actor, now, score=score, detail=note)
        session.commit()
        return complaint.id
    except Exception:
        session.rollback()
        raise


def reopen_complaint(
    session: Session, complaint_id: int, reason: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Reopen a closed complaint (with a reason): its history stays; Amend and Anticipate are
    open again, due from now by the complaint's severity."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    now = require_aware(clock.now(), "time")
    try:
        complaint = _complaint(session, complaint_id)
        if complaint.status is not ComplaintStatus.CLOSED:
            raise BadInput("Complaint {id} is not closed.", id=complaint.id)
        why = checked_text(reason, COMPLAINT_TEXT["reason"], ComplaintEvent.detail)
        if not why:
            raise BadInput("Reopening needs a reason.")
        previous = complaint.resolution_score
        complaint.status = ComplaintStatus.IN_PROGRESS
        complaint.closed_at = complaint.closed_by = complaint.resolution_score = None
        for step in (S.AMEND, S.ANTICIPATE):
            setattr(complaint, _DONE[step], None)
            setattr(complaint, _BY[step], None)
        complaint.amend_kind = complaint.amend_action = complaint.amend_fen = None
        complaint.refund_payment_id = None
        complaint.anticipate_note = None
        hours = deadline_hours(session, complaint.severity)
        _set_deadlines(complaint, now, hours, (S.AMEND, S.ANTICIPATE))
        _refresh_due(complaint)
        _event(session, complaint, ComplaintEventKind.REOPENED, actor, now, score=previous, detail=why)
        session.commit()
        return complaint.id
    except Exception:
        session.rollback()
        raise


# -- reading -------------------------------------------------------------------------------------

def _overdue_terms(now: dt.datetime) -> list:  # type: ignore[type-arg]
    return [case((and_(getattr(Complaint, _DONE[s]).is_(None), getattr(Complaint, _DUE[s]) < now), 1), else_=0)
            for s in STEPS]


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    received_at: dt.datetime
    customer_id: int
    customer_name: str
    category: ChoiceEntry
    severity: ComplaintSeverity
    status: ComplaintStatus
    description: str
    owner: str | None
    next_step: ComplaintStep | None
    due_at: dt.datetime | None
    overdue_steps: int

    @property
    def overdue(self) -> bool:
        return self.overdue_steps > 0


def complaint_list(
    session: Session, *, include_closed: bool = False, limit: int = 500, clock: Clock = SYSTEM_CLOCK,
) -> list[ComplaintRow]:
    """Complaints to work on, the most pressing first (open ones by their next deadline);
    with ``include_closed``, the closed ones after them, newest first."""
    now = clock.now()
    overdue = sum(_overdue_terms(now)[1:], _overdue_terms(now)[0])
    owner = aliased(Staff)
    query = (
        select(Complaint, Customer.name, Choice, owner.name, overdue)
        .join(Customer, Customer.id == Complaint.customer_id).join(Choice, Choice.id == Complaint.category_id)
        .outerjoin(owner, owner.id == Complaint.owner_id)
    )
    if not include_closed:
        query = query.where(Complaint.status != ComplaintStatus.CLOSED)
    query = query.order_by(case((Complaint.status == ComplaintStatus.CLOSED, 1), else_=0),
                           Complaint.due_at.is_(None), Complaint.due_at, Complaint.received_at.desc()).limit(limit)
    rows = []
    for c, name, category, owner_name, late in session.execute(query):
        next_step = next((s for s in STEPS if getattr(c, _DONE[s]) is None), None)
        rows.append(ComplaintRow(c.id, c.received_at, c.customer_id, name, choices.view(category), c.severity,
                                 c.status, c.description, owner_name, next_step if c.status is not
                                 ComplaintStatus.CLOSED else None, c.due_at, int(late or 0)))
    return rows


def overdue_steps(session: Session, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """How many steps of open complaints are past their deadline and not done."""
    now = clock.now()
    terms = _overdue_terms(now)
    total = session.scalar(select(func.sum(sum(terms[1:], terms[0])))
                           .where(Complaint.status != ComplaintStatus.CLOSED))
    return int(total or 0)


@dataclass(frozen=True)
class StepView:
    step: ComplaintStep
    due: dt.datetime | None
    done_at: dt.datetime | None
    done_by: str | None
    overdue: bool


@dataclass(frozen=True)
class ItemView:
    item_id: int
    code: str
    order_number: str
    product: str
    status: ItemStatus
    lab: str | None
    redo_at: dt.datetime | None
    picked_up_at: dt.datetime | None


@dataclass(frozen=True)
class EventView:
    kind: ComplaintEventKind
    step: ComplaintStep | None
    at: dt.datetime
    staff: str | None
    score: int | None
    detail: str | None


@dataclass(frozen=True)
class ComplaintDetail:
    id: int
    customer_id: int
    customer_name: str
    phones: list[str]
    order_id: int | None
    order_number: str | None
    category: ChoiceEntry
    severity: ComplaintSeverity
    channel: ComplaintChannel | None
    status: ComplaintStatus
    description: str
    received_at: dt.datetime
    received_by: str | None
    owner: str | None
    staff: str | None
    staff_position: Position | None
    fault: FaultParty | None
    lab: str | None
    amend_kind: AmendKind | None
    amend_action: str | None
    amend_fen: int | None
    anticipate_note: str | None
    resolution_score: int | None
    steps: list[StepView]
    items: list[ItemView]
    events: list[EventView]
    follow_up_id: int | None  # the follow-up call still to make
    follow_up_due: dt.date | None
    redo_waiting: bool = False  # redone items not picked up yet: the follow-up call will close Anticipate

    @property
    def next_step(self) -> ComplaintStep | None:
        if self.status is ComplaintStatus.CLOSED:
            return None
        return next((s.step for s in self.steps if s.done_at is None), None)


def _names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())


def complaint_detail(session: Session, complaint_id: int, *, clock: Clock = SYSTEM_CLOCK) -> ComplaintDetail:
    c = _complaint(session, complaint_id, lock=False)
    now = clock.now()
    customer = session.get(Customer, c.customer_id)
    assert customer is not None
    phones = list(session.scalars(select(CustomerPhone.raw).where(CustomerPhone.customer_id == c.customer_id)
                                  .order_by(CustomerPhone.id)))
    category = session.get(Choice, c.category_id)
    assert category is not None
    order = session.get(Order, c.order_id) if c.order_id else None
    events = list(session.scalars(select(ComplaintEvent).where(ComplaintEvent.complaint_id == c.id)
                                  .order_by(ComplaintEvent.id)))
    names = _names(session, [c.received_by, c.owner_id, c.staff_id, *(getattr(c, _BY[s]) for s in STEPS),
                             *(e.staff_id for e in events)])
    steps = []
    for s in STEPS:
        done_at, due = getattr(c, _DONE[s]), getattr(c, _DUE[s])
        steps.append(StepView(s, due, done_at, names.get(getattr(c, _BY[s]) or 0),
                              done_at is None and due is not None and due < now
                              and c.status is not ComplaintStatus.CLOSED))
    items = [ItemView(item.id, item.code, codes.display_order_number(number), product, item.status, lab,
                      link.redo_at, link.picked_up_at)
             for link, item, number, product, lab in session.execute(
                 select(ComplaintItem, Item, Order.number, ProductType.name, Lab.name)
                 .join(Item, Item.id == ComplaintItem.item_id).join(Order, Order.id == Item.order_id)
                 .join(ProductType, ProductType.id == Item.product_type_id).outerjoin(Lab, Lab.id == Item.lab_id)
                 .where(ComplaintItem.complaint_id == c.id).order_by(Item.code))]
    follow_up = pending_follow_up(session, c.id)
    lab = session.get(Lab, c.lab_id) if c.lab_id else None
    return ComplaintDetail(
        c.id, c.customer_id, customer.name, phones, c.order_id,
        codes.display_order_number(order.number) if order else None, choices.view(category), c.severity, c.channel,
        c.status, c.description, c.received_at, names.get(c.received_by or 0), names.get(c.owner_id or 0),
        names.get(c.staff_id or 0), c.staff_position, c.fault, lab.name if lab else None, c.amend_kind,
        c.amend_action, c.amend_fen, c.anticipate_note, c.resolution_score, steps, items,
        [EventView(e.kind, e.step, e.at, names.get(e.staff_id or 0), e.score, e.detail) for e in events],
        follow_up.id if follow_up else None, follow_up.due_on if follow_up else None,
        redo_waiting(session, c.id),
    )


@dataclass(frozen=True)
class CustomerItem:
    item_id: int
    code: str
    order_id: int
    order_number: str
    product: str
    status: ItemStatus
    lab: str | None


def customer_items(session: Session, customer_id: int) -> list[CustomerItem]:
    """The items of a customer's orders (what a complaint may name), newest order first."""
    return [CustomerItem(i, code, oid, codes.display_order_number(number), product, status, lab)
            for i, code, oid, number, product, status, lab in session.execute(
                select(Item.id, Item.code, Order.id, Order.number, ProductType.name, Item.status, Lab.name)
                .join(Order, Order.id == Item.order_id).join(ProductType, ProductType.id == Item.product_type_id)
                .outerjoin(Lab, Lab.id == Item.lab_id).where(Order.customer_id == customer_id)
                .order_by(Order.booked_at.desc(), Item.seq))]


@dataclass(frozen=True)
class ItemOwner:
    customer_id: int
    customer_name: str
    phones: str
    code: str


def item_owner(session: Session, code_text: str) -> ItemOwner:
    """Whose item a scanned or typed label is (a customer brings a product back)."""
    parsed = codes.parse_code(code_text)
    if not parsed.is_item:
        raise BadInput("{code} is an order number; scan an item label.", code=codes.clean(code_text))
    code = codes.item_code(parsed.order_number, parsed.item_seq or 0)
    row = session.execute(select(Customer.id, Customer.name).join(Order, Order.customer_id == Customer.id)
                          .join(Item, Item.order_id == Order.id).where(Item.code == code)).first()
    if row is None:
        raise NotFound("No item has the code {code}.", code=code)
    phones = ", ".join(session.scalars(select(CustomerPhone.raw).where(CustomerPhone.customer_id == row[0])
                                       .order_by(CustomerPhone.id)))
    return ItemOwner(row[0], row[1], phones, code)


@dataclass(frozen=True)
class StaffOption:
    staff_id: int
    name: str
    positions: list[Position]


def staff_options(session: Session) -> list[StaffOption]:
    """Active staff with their positions (who a complaint may be about, who may own it)."""
    from .positions import positions_by_staff

    held = positions_by_staff(session)
    return [StaffOption(sid, name, held.get(sid, [])) for sid, name in session.execute(
        select(Staff.id, Staff.name).where(Staff.active.is_(True)).order_by(Staff.name))]


def lab_options(session: Session) -> list[tuple[int, str]]:
    return [(i, n) for i, n in session.execute(select(Lab.id, Lab.name).where(Lab.active.is_(True)).order_by(Lab.name))]


# -- the apology letter --------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def letter_fields(session: Session, complaint_id: int, *, clock: Clock = SYSTEM_CLOCK) -> dict[str, str]:
    """The values an apology letter's placeholders are filled with (as typed; dates local)."""
    c = _complaint(session, complaint_id, lock=False)
    customer = session.get(Customer, c.customer_id)
    order = session.get(Order, c.order_id) if c.order_id else None
    owner = session.get(Staff, c.owner_id) if c.owner_id else None
    return {
        "customer": customer.name if customer else "",
        "date": clock.today().isoformat(),
        "received": clock.local(c.received_at).date().isoformat(),
        "order": codes.display_order_number(order.number) if order else "",
        "description": c.description,
        "amend": c.amend_action or "",
        "studio": studio_name(session),
        "staff": owner.name if owner else "",
    }


def fill_letter(template: str, fields: dict[str, str]) -> str:
    """The template with each known {placeholder} replaced; anything else is left as typed
    (a customer's text is never read as a placeholder)."""
    return _PLACEHOLDER.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


# -- the monthly board ---------------------------------------------------------------------------

def month_bounds(year: int, month: int, clock: Clock) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments a local month starts and ends (end excluded)."""
    if not isinstance(year, int) or not isinstance(month, int) or not 1 <= month <= 12 or not 2000 <= year <= 2999:
        raise BadInput("There is no month {month} of {year}.", month=month, year=year)
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    start = dt.datetime.combine(first, dt.time(0), tzinfo=clock.tz).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(nxt, dt.time(0), tzinfo=clock.tz).astimezone(dt.timezone.utc)
    return start, end


def _months_back(year: int, month: int, n: int) -> list[tuple[int, int]]:
    index = year * 12 + month - 1
    return [divmod(i, 12) for i in range(index - n + 1, index + 1)]


@dataclass(frozen=True)
class BoardGroup:
    key: object  # a category's entry id, a position, a staff id; None: not named
    name: str  # a staff member's name ("" otherwise)
    count: int
    entry: ChoiceEntry | None = None  # categories


@dataclass(frozen=True)
class MonthPoint:
    year: int
    month: int
    complaints: int
    delivered: int

    @property
    def rate(self) -> float | None:
        return self.complaints / self.delivered if self.delivered else None


@dataclass(frozen=True)
class MonthlyBoard:
    year: int
    month: int
    complaints: int
    delivered: int
    by_category: list[BoardGroup]
    by_position: list[BoardGroup]
    by_staff: list[BoardGroup]
    trend: list[MonthPoint] = field(default_factory=list)  # 12 months ending with this one
    closed: int = 0
    satisfaction: float | None = None  # mean resolution score of the month's complaints closed

    @property
    def rate(self) -> float | None:
        return self.complaints / self.delivered if self.delivered else None


def _bucket(column, bounds: list[dt.datetime]):  # type: ignore[no-untyped-def]
    """Which of the months (bounds[i] .. bounds[i+1]) ``column`` falls in, as SQL."""
    return case(*((column < bounds[i + 1], i) for i in range(len(bounds) - 1)), else_=None)


def monthly_board(session: Session, year: int, month: int, *, clock: Clock = SYSTEM_CLOCK) -> MonthlyBoard:
    """The month's complaints by category, position and staff; complaints ÷ orders delivered;
    the 12-month trend ending with it (see the module)."""
    months = _months_back(year, month, 12)
    bounds = [month_bounds(y, m + 1, clock)[0] for y, m in months] + [month_bounds(year, month, clock)[1]]
    start, end = bounds[-2], bounds[-1]
    groups = session.execute(
        select(Complaint.category_id, Complaint.staff_position, Complaint.staff_id, func.count(),
               func.count(Complaint.resolution_score), func.sum(Complaint.resolution_score))
        .where(Complaint.received_at >= start, Complaint.received_at < end)
        .group_by(Complaint.category_id, Complaint.staff_position, Complaint.staff_id)).all()
    categories: dict[int, int] = {}
    positions: dict[Position | None, int] = {}
    staff: dict[int | None, int] = {}
    scored = score_sum = 0
    for category_id, position, staff_id, n, n_scored, total in groups:
        categories[category_id] = categories.get(category_id, 0) + n
        positions[position] = positions.get(position, 0) + n
        staff[staff_id] = staff.get(staff_id, 0) + n
        scored += n_scored
        score_sum += total or 0
    entries = {e.id: e for e in choices.entries(session, ChoiceKind.COMPLAINT_CATEGORY, include_inactive=True)}
    names = _names(session, staff)
    # Bucketed in a subquery and grouped by its column: PostgreSQL would not match a CASE
    # repeated in GROUP BY (its bound values are separate parameters).
    received = (select(_bucket(Complaint.received_at, bounds).label("m"))
                .where(Complaint.received_at >= bounds[0], Complaint.received_at < end).subquery())
    complaints_per: dict[int, int] = dict(session.execute(
        select(received.c.m, func.count()).group_by(received.c.m)).all())
    picked = (select(_bucket(ItemEvent.at, bounds).label("m"), Item.order_id.label("order_id"))
              .select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id)
              .where(ItemEvent.to_status == ItemStatus.PICKED_UP, ItemEvent.at >= bounds[0], ItemEvent.at < end)
              .subquery())
    delivered_per: dict[int, int] = dict(session.execute(
        select(picked.c.m, func.count(func.distinct(picked.c.order_id))).group_by(picked.c.m)).all())
    trend = [MonthPoint(y, m + 1, complaints_per.get(i, 0), delivered_per.get(i, 0)) for i, (y, m) in enumerate(months)]

    def ordered(d: dict, make) -> list[BoardGroup]:  # type: ignore[no-untyped-def, type-arg]
        return sorted((make(k, n) for k, n in d.items()), key=lambda g: (g.key is None, -g.count, g.name, str(g.key)))

    return MonthlyBoard(
        year, month, sum(categories.values()), trend[-1].delivered,
        by_category=ordered(categories, lambda k, n: BoardGroup(k, "", n, entries.get(k))),
        by_position=ordered(positions, lambda k, n: BoardGroup(k, "", n)),
        by_staff=ordered(staff, lambda k, n: BoardGroup(k, names.get(k, "") if k else "", n)),
        trend=trend, closed=scored, satisfaction=score_sum / scored if scored else None,
    )


# -- the lab scorecard ---------------------------------------------------------------------------

@dataclass(frozen=True)
class LabScore:
    lab_id: int | None
    name: str
    returned: int
    median_days: float | None
    late: int
    reworks: int
    complaints: int

    @property
    def late_share(self) -> float | None:
        return self.late / self.returned if self.returned else None

    @property
    def rework_rate(self) -> float | None:
        return self.reworks / self.returned if self.returned else None


def lab_scorecard(session: Session, year: int, month: int, *, clock: Clock = SYSTEM_CLOCK) -> list[LabScore]:
    """Per lab, for a local month: returns, their median turnaround and share late, reworks ÷
    returns, and complaints traced to the lab (see the module)."""
    start, end = month_bounds(year, month, clock)
    sent = aliased(ItemEvent)
    sent_at = (select(func.max(sent.at)).where(sent.item_id == ItemEvent.item_id, sent.to_status == ItemStatus.SENT,
                                               sent.id < ItemEvent.id).correlate(ItemEvent).scalar_subquery())
    returns = session.execute(
        select(Item.lab_id, ItemEvent.at, sent_at, func.coalesce(LabPrice.turnaround_days, Lab.default_turnaround_days))
        .select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id).outerjoin(Lab, Lab.id == Item.lab_id)
        .outerjoin(LabPrice, and_(LabPrice.lab_id == Item.lab_id, LabPrice.product_type_id == Item.product_type_id))
        .where(ItemEvent.to_status == ItemStatus.RETURNED, ItemEvent.at >= start, ItemEvent.at < end)).all()
    days: dict[int | None, list[int]] = {}
    late: dict[int | None, int] = {}
    returned: dict[int | None, int] = {}
    for lab_id, back_at, out_at, allowed in returns:
        returned[lab_id] = returned.get(lab_id, 0) + 1
        if out_at is None:
            continue
        out_day, back_day = clock.local(_aware(out_at)).date(), clock.local(_aware(back_at)).date()
        days.setdefault(lab_id, []).append((back_day - out_day).days)
        if back_day > out_day + dt.timedelta(days=allowed or 0):
            late[lab_id] = late.get(lab_id, 0) + 1
    reworks = dict(session.execute(
        select(Item.lab_id, func.count()).select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id)
        .where(ItemEvent.to_status == ItemStatus.REWORK, ItemEvent.at >= start, ItemEvent.at < end)
        .group_by(Item.lab_id)).all())
    complaints = dict(session.execute(
        select(Complaint.lab_id, func.count()).where(Complaint.lab_id.is_not(None), Complaint.received_at >= start,
                                                     Complaint.received_at < end)
        .group_by(Complaint.lab_id)).all())
    lab_ids = set(returned) | set(reworks) | set(complaints)
    names = dict(session.execute(select(Lab.id, Lab.name).where(Lab.id.in_([i for i in lab_ids if i]))).all())
    scores = [LabScore(i, names.get(i, "") if i else "", returned.get(i, 0),
                       statistics.median(days[i]) if days.get(i) else None, late.get(i, 0), reworks.get(i, 0),
                       complaints.get(i, 0)) for i in lab_ids]
    return sorted(scores, key=lambda s: (s.lab_id is None, s.name, s.lab_id or 0))


def _aware(moment: dt.datetime) -> dt.datetime:
    """A time read through a plain subquery column (no UTCDateTime processing on SQLite)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
