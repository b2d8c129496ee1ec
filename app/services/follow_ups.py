"""Follow-up calls and their questionnaires (回访): the daily worklist, the call, referral
leads and the staff service scores they add up to.

What happened becomes a call to make: a session shot (after shoot), a selection done
(after selection), an order fully picked up (after pickup) each give one :class:`FollowUp`
row due some days later (offsets in settings). A call still to make is a row with
``due_on`` set and ``called_at`` NULL; other screens (the Today view) list those rows
directly. The row's ``source_key`` is UNIQUE, so generating the worklist twice, or on two
stations at once, never makes a second call for the same stage of a session or order.

A call either does not reach the customer (the attempt is counted, the call is due again
the next day, and after ``follow_up_max_attempts`` attempts it is given up: no longer due,
shown as given up) or reaches them: a 1-5 score per question of the stage's questionnaire,
what they said, and the people they recommended, each of whom becomes a prospect (a
customer with channel referral whose referrer is the called customer; a phone already
known links that customer instead). The overall question's answer is also the call's
``score_overall``. A complaint's follow-up call (``complaint_id``) is recorded by
:func:`app.services.complaints.record_follow_up_call`, which closes its Anticipate step.

Staff service scores: answers to a question that scores a position count for the staff
member who held it on the call's session (photographer, make-up, selection sales) or, for
the counter, who booked the order; averaged per month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    Channel, Customer, CustomerPhone, FollowUp, FollowUpQuestion, FollowUpScore, FollowUpStage, Item, ItemEvent,
    ItemStatus, Order, Position, Progress, ReferralLead, SessionState, ShootSession, Staff,
)
from .clock import STUDIO_TZ, SYSTEM_CLOCK, Clock
from .codes import display_order_number
from .customers import NewCustomer, add_customer_in_transaction, normalise_phone
from .errors import BadInput, NotFound, as_enum
from .lab_month import Month
from .messages import Message, phrases
from .staff import Actor, Permission, record, require
from .studio import get_setting
from .text import checked_text

STAGES = (FollowUpStage.AFTER_SHOOT, FollowUpStage.AFTER_SELECTION, FollowUpStage.AFTER_PICKUP)
OFFSET_KEYS = {FollowUpStage.AFTER_SHOOT: "follow_up_days_after_shoot",
               FollowUpStage.AFTER_SELECTION: "follow_up_days_after_selection",
               FollowUpStage.AFTER_PICKUP: "follow_up_days_after_pickup"}
DEFAULT_OFFSETS = {FollowUpStage.AFTER_SHOOT: 1, FollowUpStage.AFTER_SELECTION: 2, FollowUpStage.AFTER_PICKUP: 3}
MAX_ATTEMPTS_KEY = "follow_up_max_attempts"
DEFAULT_MAX_ATTEMPTS = 3
MAX_OFFSET_DAYS = 60
LOOK_BACK_DAYS = 30  # the generator looks only this far back for what happened
RETRY_DAYS = 1
# Positions a question may score: those the order journey gives a person on each order.
SCORED_POSITIONS = (Position.PHOTOGRAPHER, Position.MAKEUP, Position.SELECTION_SALES, Position.COUNTER)
_SESSION_STAFF = {Position.PHOTOGRAPHER: ShootSession.photographer_id, Position.MAKEUP: ShootSession.makeup_id,
                  Position.SELECTION_SALES: ShootSession.selection_sales_id}

# How a message names a stage and a field (English; translated where shown).
STAGE_TEXT = phrases({
    FollowUpStage.AFTER_SHOOT: "after the shoot", FollowUpStage.AFTER_SELECTION: "after the selection",
    FollowUpStage.AFTER_PICKUP: "after pickup", FollowUpStage.ANNUAL: "yearly",
})
FOLLOW_UP_TEXT = phrases({
    "notes": "What the customer said",
    "lead_name": "The lead's name",
    "lead_relation": "The lead's relation",
    "question_zh": "The question in Chinese",
    "question_en": "The question in English",
})


def _source_key(stage: FollowUpStage, *, session_id: int | None = None, order_id: int | None = None) -> str:
    return f"{stage.value}:s{session_id}" if session_id is not None else f"{stage.value}:o{order_id}"


# -- settings ------------------------------------------------------------------------------
def _int_setting(session: Session, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(get_setting(session, key) or default)
    except ValueError:
        return default
    return value if low <= value <= high else default


def offsets(session: Session) -> dict[FollowUpStage, int]:
    """Days after each stage its follow-up call is due."""
    return {stage: _int_setting(session, OFFSET_KEYS[stage], DEFAULT_OFFSETS[stage], 0, MAX_OFFSET_DAYS)
            for stage in STAGES}


def max_attempts(session: Session) -> int:
    """Calls that do not reach the customer before the follow-up is given up."""
    return _int_setting(session, MAX_ATTEMPTS_KEY, DEFAULT_MAX_ATTEMPTS, 1, 10)


def set_follow_up_settings(
    session: Session, days: Mapping[FollowUpStage | str, int], attempts: int, actor: Actor, *,
    clock: Clock = SYSTEM_CLOCK,
) -> None:
    """The offsets per stage and the attempts before giving up (manager, audited)."""
    from ..models import Setting

    require(actor, Permission.MANAGE_SETTINGS)
    wanted: dict[str, int] = {}
    for stage, value in days.items():
        stage = as_enum(FollowUpStage, stage, "stage")
        if stage not in OFFSET_KEYS:
            raise BadInput("Follow-up calls are made after the shoot, the selection or pickup.")
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_OFFSET_DAYS:
            raise BadInput("A follow-up call is due 0 to {limit} days after its stage.", limit=MAX_OFFSET_DAYS)
        wanted[OFFSET_KEYS[stage]] = value
    if not isinstance(attempts, int) or isinstance(attempts, bool) or not 1 <= attempts <= 10:
        raise BadInput("A follow-up is tried 1 to 10 times before it is given up.")
    wanted[MAX_ATTEMPTS_KEY] = attempts
    for key, value in wanted.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=str(value)))
        elif row.value != str(value):
            row.value = str(value)
        else:
            continue
        record(session, actor, "setting.change", key, str(value), clock=clock)
    session.commit()


# -- questionnaires ------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    id: int
    stage: FollowUpStage
    key: str | None
    text_zh: str | None
    text_en: str | None
    position: Position | None
    overall: bool
    required: bool
    active: bool
    seq: int


def question_text(question: Question, language: str) -> str:
    """The question in ``language``, else in the other one (a studio's own shows as typed)."""
    if language.lower().startswith("zh"):
        return question.text_zh or question.text_en or ""
    return question.text_en or question.text_zh or ""


def _question(row: FollowUpQuestion) -> Question:
    return Question(row.id, row.stage, row.key, row.text_zh, row.text_en, row.position, row.overall, row.required,
                    row.active, row.seq)


def questions(session: Session, stage: FollowUpStage | str, *, include_inactive: bool = False) -> list[Question]:
    """A stage's questionnaire in the order it is asked."""
    stage = as_enum(FollowUpStage, stage, "stage")
    query = select(FollowUpQuestion).where(FollowUpQuestion.stage == stage)
    if not include_inactive:
        query = query.where(FollowUpQuestion.active.is_(True))
    return [_question(q) for q in session.scalars(query.order_by(FollowUpQuestion.seq, FollowUpQuestion.id))]


def save_question(
    session: Session, question_id: int | None, stage: FollowUpStage | str, text_zh: str | None, text_en: str | None,
    position: Position | str | None, required: bool, active: bool, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> Question:
    """Add a question to a stage (``question_id`` None) or change one (manager, audited). The
    overall-satisfaction question stays on and required; a question scores one of the
    positions of an order, or none."""
    require(actor, Permission.MANAGE_SETTINGS)
    stage = as_enum(FollowUpStage, stage, "stage")
    zh = checked_text(" ".join((text_zh or "").split()), FOLLOW_UP_TEXT["question_zh"], FollowUpQuestion.text_zh)
    en = checked_text(" ".join((text_en or "").split()), FOLLOW_UP_TEXT["question_en"], FollowUpQuestion.text_en)
    if not zh and not en:
        raise BadInput("A question needs its text, in Chinese or in English.")
    pos = None if position in (None, "") else as_enum(Position, position, "position")
    if pos is not None and pos not in SCORED_POSITIONS:
        raise BadInput("A question scores a photographer, make-up artist, selection salesperson or counter clerk.")
    if question_id is None:
        last = session.scalar(select(func.max(FollowUpQuestion.seq)).where(FollowUpQuestion.stage == stage)) or 0
        row = FollowUpQuestion(stage=stage, key=None, overall=False, seq=last + 1)
        session.add(row)
        action = "follow_up.question.add"
    else:
        found = session.get(FollowUpQuestion, question_id)
        if found is None:
            raise NotFound("There is no follow-up question {id}.", id=question_id)
        row = found
        if row.overall and (not active or not required or pos is not None):
            raise BadInput("The overall satisfaction question is always asked and scores no one.")
        action = "follow_up.question.change"
    row.text_zh, row.text_en, row.position = zh or None, en or None, pos
    row.required, row.active = bool(required), bool(active)
    session.flush()
    record(session, actor, action, f"follow_up_question:{row.id}",
           Message("{stage}: {text}", {"stage": STAGE_TEXT[row.stage], "text": zh or en or ""}), clock=clock)
    session.commit()
    return _question(row)


def move_question(session: Session, question_id: int, step: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> None:
    """Move a question up (-1) or down (+1) in its stage's questionnaire (manager, audited)."""
    require(actor, Permission.MANAGE_SETTINGS)
    row = session.get(FollowUpQuestion, question_id)
    if row is None:
        raise NotFound("There is no follow-up question {id}.", id=question_id)
    rows = list(session.scalars(select(FollowUpQuestion).where(FollowUpQuestion.stage == row.stage)
                                .order_by(FollowUpQuestion.seq, FollowUpQuestion.id)))
    i = rows.index(row)
    j = max(0, min(len(rows) - 1, i + (1 if step > 0 else -1)))
    if i == j:
        return
    rows[i], rows[j] = rows[j], rows[i]
    for seq, r in enumerate(rows, start=1):
        r.seq = seq
    record(session, actor, "follow_up.question.move", f"follow_up_question:{row.id}", str(j + 1), clock=clock)
    session.commit()


# -- generating the worklist ---------------------------------------------------------------
def _local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(STUDIO_TZ).date()


def due_candidates(session: Session, today: dt.date) -> list[dict]:
    """What happened in the last :data:`LOOK_BACK_DAYS` days that asks for a call: rows
    ready to insert (with their ``source_key``), whether or not they exist already."""
    days = offsets(session)
    first = today - dt.timedelta(days=LOOK_BACK_DAYS)
    out: list[dict] = []
    # an order not cancelled, of a customer not erased (an erased customer is never called)
    live = Order.cancelled_at.is_(None) & Order.customer_id.in_(select(Customer.id).where(Customer.erased_at.is_(None)))
    shot = session.execute(
        select(ShootSession.id, ShootSession.order_id, Order.customer_id, ShootSession.shoot_date)
        .join(Order, Order.id == ShootSession.order_id)
        .where(ShootSession.shoot_date >= first, ShootSession.shoot_date <= today,
               ShootSession.state.in_((SessionState.SHOT, SessionState.SELECTED)), live))
    for sid, order_id, customer_id, day in shot:
        assert day is not None
        out.append(dict(stage=FollowUpStage.AFTER_SHOOT, source_key=_source_key(FollowUpStage.AFTER_SHOOT, session_id=sid),
                        session_id=sid, order_id=order_id, customer_id=customer_id,
                        due_on=day + dt.timedelta(days=days[FollowUpStage.AFTER_SHOOT])))
    selected = session.execute(
        select(ShootSession.id, ShootSession.order_id, Order.customer_id, ShootSession.selection_date)
        .join(Order, Order.id == ShootSession.order_id)
        .where(ShootSession.selection_date >= first, ShootSession.selection_date <= today,
               ShootSession.state == SessionState.SELECTED, live))
    for sid, order_id, customer_id, day in selected:
        assert day is not None
        out.append(dict(stage=FollowUpStage.AFTER_SELECTION,
                        source_key=_source_key(FollowUpStage.AFTER_SELECTION, session_id=sid),
                        session_id=sid, order_id=order_id, customer_id=customer_id,
                        due_on=day + dt.timedelta(days=days[FollowUpStage.AFTER_SELECTION])))
    since = dt.datetime.combine(first, dt.time(), STUDIO_TZ)
    picked = session.execute(
        select(Item.order_id, func.max(ItemEvent.at))
        .join(Item, Item.id == ItemEvent.item_id)
        .where(ItemEvent.to_status == ItemStatus.PICKED_UP, ItemEvent.at >= since)
        .group_by(Item.order_id)).all()
    if picked:
        last_pickup = dict(picked)
        done = session.execute(
            select(Order.id, Order.customer_id, func.max(ShootSession.id))
            .join(ShootSession, ShootSession.order_id == Order.id)
            .where(Order.id.in_(list(last_pickup)), Order.progress == Progress.DONE, live)
            .group_by(Order.id, Order.customer_id))
        for order_id, customer_id, sid in done:
            out.append(dict(stage=FollowUpStage.AFTER_PICKUP,
                            source_key=_source_key(FollowUpStage.AFTER_PICKUP, order_id=order_id),
                            session_id=sid, order_id=order_id, customer_id=customer_id,
                            due_on=_local_day(last_pickup[order_id]) + dt.timedelta(
                                days=days[FollowUpStage.AFTER_PICKUP])))
    return out


def generate_due_calls(session: Session, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Turn what happened lately into calls to make (idempotent: a stage's call for a
    session or order is made once, whoever generates it). Returns how many were added."""
    for attempt in range(2):
        try:
            candidates = due_candidates(session, clock.today())
            keys = [c["source_key"] for c in candidates]
            existing: set[str] = set()
            for i in range(0, len(keys), 500):
                existing.update(session.scalars(select(FollowUp.source_key).where(
                    FollowUp.source_key.in_(keys[i:i + 500]))))
            new = [c for c in candidates if c["source_key"] not in existing]
            for c in new:
                session.add(FollowUp(**c, called_at=None, reached=False, attempts=0))
            session.commit()
            return len(new)
        except IntegrityError:
            session.rollback()  # another station added the same calls meanwhile: look again
            if attempt:
                raise
    return 0


# -- the worklist --------------------------------------------------------------------------
@dataclass(frozen=True)
class DueCall:
    follow_up_id: int
    due_on: dt.date
    customer_id: int
    customer_name: str
    phone: str | None
    order_id: int | None
    order_number: str | None  # as people read it (YYMM-NNNN-C)
    stage: FollowUpStage
    attempt: int  # this call's attempt, 1 for the first
    complaint_id: int | None


def _first_phones(session: Session, customer_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(customer_ids))
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        for cid, raw in session.execute(select(CustomerPhone.customer_id, CustomerPhone.raw)
                                        .where(CustomerPhone.customer_id.in_(ids[i:i + 500]))
                                        .order_by(CustomerPhone.id)):
            out.setdefault(cid, raw)
    return out


def worklist(session: Session, day: dt.date) -> list[DueCall]:
    """Calls due on or before ``day`` not made yet, oldest first (overdue ones lead)."""
    rows = session.execute(
        select(FollowUp.id, FollowUp.due_on, FollowUp.customer_id, Customer.name, FollowUp.order_id, Order.number,
               FollowUp.stage, FollowUp.attempts, FollowUp.complaint_id)
        .join(Customer, Customer.id == FollowUp.customer_id)
        .outerjoin(Order, Order.id == FollowUp.order_id)
        .where(FollowUp.due_on <= day, FollowUp.called_at.is_(None), Customer.erased_at.is_(None))
        .order_by(FollowUp.due_on, FollowUp.id)).all()
    phones = _first_phones(session, (r[2] for r in rows))
    return [DueCall(fid, due, cid, name, phones.get(cid), oid,  # type: ignore[arg-type]  # due_on <= day: set
                    display_order_number(number) if number else None,
                    stage, attempts + 1, complaint_id)
            for fid, due, cid, name, oid, number, stage, attempts, complaint_id in rows]


@dataclass(frozen=True)
class GivenUpCall:
    follow_up_id: int
    given_up_at: dt.datetime
    customer_name: str
    order_number: str | None
    stage: FollowUpStage
    attempts: int


def given_up(session: Session, day: dt.date, *, days: int = 30) -> list[GivenUpCall]:
    """Follow-ups given up (never reached) in the ``days`` days up to ``day``, latest first."""
    since = dt.datetime.combine(day - dt.timedelta(days=days), dt.time(), STUDIO_TZ)
    rows = session.execute(
        select(FollowUp.id, FollowUp.given_up_at, Customer.name, Order.number, FollowUp.stage, FollowUp.attempts)
        .join(Customer, Customer.id == FollowUp.customer_id).outerjoin(Order, Order.id == FollowUp.order_id)
        .where(FollowUp.called_at >= since, FollowUp.given_up_at.is_not(None))
        .order_by(FollowUp.given_up_at.desc(), FollowUp.id.desc())).all()
    return [GivenUpCall(fid, at, name,  # type: ignore[arg-type]  # given_up_at is not None
                        display_order_number(number) if number else None, stage, attempts)
            for fid, at, name, number, stage, attempts in rows]


# -- a call --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lead:
    """Someone the customer recommended: name, phone, how they know each other."""

    name: str
    phone: str
    relation: str | None = None


@dataclass(frozen=True)
class CallResult:
    follow_up_id: int
    reached: bool
    given_up: bool
    next_due: dt.date | None  # a retry's day
    lead_customer_ids: tuple[int, ...] = ()


def _quoted(question: Question) -> str | None:
    """A studio's own question with no English text is quoted as typed in a refusal; the
    others are named by their number only (the built-in ones are translated, and never shown
    in Chinese on an English station)."""
    return None if question.text_en or not question.text_zh else question.text_zh


def check_scores(session: Session, stage: FollowUpStage, scores: Mapping[int, object]) -> dict[int, int]:
    """Every required active question of the stage answered, each answer a whole 1-5, no
    question of another stage; refused before anything is written."""
    asked = {q.id: q for q in questions(session, stage)}
    number = {qid: n for n, qid in enumerate(asked, 1)}
    out: dict[int, int] = {}
    for qid, score in scores.items():
        if qid not in asked:
            raise BadInput("Question {id} is not asked {stage}.", id=qid, stage=STAGE_TEXT[stage])
        if score is None:
            continue
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            quoted = _quoted(asked[qid])
            if quoted is None:
                raise BadInput("Question {n}: a score is a whole number from 1 to 5, not {score}.", n=number[qid],
                               score=score)
            raise BadInput("Question {n} ({question}): a score is a whole number from 1 to 5, not {score}.",
                           n=number[qid], question=quoted, score=score)
        out[qid] = score
    for q in asked.values():
        if q.required and q.id not in out:
            quoted = _quoted(q)
            if quoted is None:
                raise BadInput("Question {n}: this question needs a score.", n=number[q.id])
            raise BadInput("Question {n} ({question}): this question needs a score.", n=number[q.id], question=quoted)
    return out


def _lead_customer(session: Session, lead: Lead, referrer_id: int, actor: Actor, now: dt.datetime) -> tuple[int, bool]:
    """The customer a lead is: the one already holding that phone, else a new prospect with
    channel referral and the referrer set."""
    digits = normalise_phone(lead.phone)
    known = session.scalar(select(CustomerPhone.customer_id).where(CustomerPhone.digits == digits)
                           .order_by(CustomerPhone.customer_id).limit(1))
    if known is not None:
        return known, False
    customer = add_customer_in_transaction(session, NewCustomer(
        name=lead.name, phones=[lead.phone], channel=Channel.REFERRAL, referrer_id=referrer_id, phone_labels=["本人"]),
        actor.staff_id, now)
    return customer.id, True


def record_call(
    session: Session, follow_up_id: int, reached: bool, actor: Actor, *, scores: Mapping[int, int] | None = None,
    notes: str | None = None, leads: Sequence[Lead] = (), clock: Clock = SYSTEM_CLOCK,
) -> CallResult:
    """One call of a follow-up. Not reached: the attempt is counted and the call is due
    again the next day, until the last allowed attempt gives it up. Reached: the scores
    (1-5 for every required question), what the customer said and the people they
    recommended (each a prospect customer). Audited; nothing is written when refused."""
    require(actor, Permission.HANDLE_COMPLAINTS)
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound("There is no follow-up call {id}.", id=follow_up_id)
    if follow_up.complaint_id is not None:
        from .complaints import record_follow_up_call

        overall_ids = [q.id for q in questions(session, follow_up.stage) if q.overall]
        score = (scores or {}).get(overall_ids[0]) if overall_ids and reached else None
        record_follow_up_call(session, follow_up_id, reached, actor, score=score, notes=notes, clock=clock)
        done = session.get(FollowUp, follow_up_id)
        assert done is not None
        return CallResult(follow_up_id, reached, False, None if reached else done.due_on)
    if follow_up.called_at is not None:
        raise BadInput("This follow-up call was already made.")
    now = clock.now()
    try:
        notes = checked_text(notes, FOLLOW_UP_TEXT["notes"], FollowUp.notes)
        if not reached:
            if scores and any(v is not None for v in scores.values()) or leads:
                raise BadInput("A call that did not reach the customer has no scores and no leads.")
            follow_up.attempts += 1
            if notes:
                follow_up.notes = notes
            if follow_up.attempts >= max_attempts(session):
                follow_up.called_at = follow_up.given_up_at = now
                follow_up.staff_id = actor.staff_id
                follow_up.reached = False
                record(session, actor, "follow_up.given_up", f"follow_up:{follow_up.id}", Message(
                    "Customer {id}, {stage}: not reached {attempts} times, given up",
                    {"id": follow_up.customer_id, "stage": STAGE_TEXT[follow_up.stage], "attempts": follow_up.attempts}), clock=clock)
                session.commit()
                return CallResult(follow_up.id, False, True, None)
            follow_up.due_on = clock.today() + dt.timedelta(days=RETRY_DAYS)
            record(session, actor, "follow_up.not_reached", f"follow_up:{follow_up.id}", Message(
                "Customer {id}, {stage}: not reached (attempt {attempt}), again on {day}",
                {"id": follow_up.customer_id, "stage": STAGE_TEXT[follow_up.stage], "attempt": follow_up.attempts,
                 "day": follow_up.due_on.isoformat()}), clock=clock)
            session.commit()
            return CallResult(follow_up.id, False, False, follow_up.due_on)
        answers = check_scores(session, follow_up.stage, scores or {})
        cleaned: list[Lead] = []
        for lead in leads:
            lead_name = checked_text(lead.name, FOLLOW_UP_TEXT["lead_name"], ReferralLead.name)
            if not lead_name:
                raise BadInput("A referral lead needs a name.")
            if not (lead.phone or "").strip():
                raise BadInput("{name}: a referral lead needs a phone number.", name=lead_name)
            normalise_phone(lead.phone)  # refused here, before anything is written
            relation = checked_text(lead.relation, FOLLOW_UP_TEXT["lead_relation"], ReferralLead.relation)
            cleaned.append(Lead(lead_name, lead.phone.strip(), relation or None))
        overall = next((q.id for q in questions(session, follow_up.stage) if q.overall), None)
        follow_up.called_at = now
        follow_up.staff_id = actor.staff_id
        follow_up.reached = True
        follow_up.notes = notes or None
        follow_up.score_overall = answers.get(overall) if overall is not None else None
        session.add_all(FollowUpScore(follow_up_id=follow_up.id, question_id=qid, score=s) for qid, s in answers.items())
        lead_ids = []
        for lead in cleaned:
            cid, new = _lead_customer(session, lead, follow_up.customer_id, actor, now)
            lead_ids.append(cid)
            session.add(ReferralLead(follow_up_id=follow_up.id, customer_id=cid, referrer_id=follow_up.customer_id,
                                     name=lead.name, phone=normalise_phone(lead.phone), relation=lead.relation,
                                     created_at=now, new_customer=new))
        record(session, actor, "follow_up.call", f"follow_up:{follow_up.id}", Message(
            "Customer {id}, {stage}: overall {score}, {leads} referral leads",
            {"id": follow_up.customer_id, "stage": STAGE_TEXT[follow_up.stage], "score": follow_up.score_overall or "-",
             "leads": len(cleaned)}), clock=clock)
        session.commit()
        return CallResult(follow_up.id, True, False, None, tuple(lead_ids))
    except Exception:
        session.rollback()
        raise


# -- staff service scores ------------------------------------------------------------------
@dataclass(frozen=True)
class StaffScore:
    position: Position
    staff_id: int
    name: str
    answers: int
    total: int

    @property
    def average(self) -> float:
        return self.total / self.answers


def staff_scores(session: Session, month: Month | str) -> list[StaffScore]:
    """Per position and staff member: the answers in ``month`` to questions scoring that
    position, on the orders where they held it; by position, then best average first."""
    month = Month.parse(month) if isinstance(month, str) else month
    start, end = month.bounds()
    base = (select(func.count(FollowUpScore.id), func.sum(FollowUpScore.score))
            .join(FollowUpQuestion, FollowUpQuestion.id == FollowUpScore.question_id)
            .join(FollowUp, FollowUp.id == FollowUpScore.follow_up_id)
            .where(FollowUp.called_at >= start, FollowUp.called_at < end))
    out: list[StaffScore] = []
    for position in SCORED_POSITIONS:
        column = _SESSION_STAFF.get(position)
        if column is not None:
            query = base.add_columns(column).join(ShootSession, ShootSession.id == FollowUp.session_id)
        else:
            column = Order.booked_by
            query = base.add_columns(column).join(Order, Order.id == FollowUp.order_id)
        query = query.where(FollowUpQuestion.position == position, column.is_not(None)).group_by(column)
        counted = {sid: (n, int(total or 0)) for n, total, sid in session.execute(query)}
        names = {i: n for i, n in session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(list(counted))))}
        rows = [StaffScore(position, sid, names.get(sid, ""), n, total) for sid, (n, total) in counted.items()]
        out += sorted(rows, key=lambda r: (-r.average, r.name))
    return out


def position_months(session: Session, last: Month | str, months: int = 12) -> dict[tuple[Position, str], float]:
    """Average score per position and month for the ``months`` months ending with ``last``
    (month as "YYYY-MM"); a month without answers is left out. One query: the database
    sorts the answers into months by their call's time (bounds in the studio's time zone)."""
    last = Month.parse(last) if isinstance(last, str) else last
    spans: list[tuple[str, dt.datetime, dt.datetime]] = []
    month = last
    for _ in range(months):
        start, end = month.bounds()
        spans.append((str(month), start, end))
        month = Month.parse((month.first_day - dt.timedelta(days=1)).strftime("%Y-%m"))
    spans.reverse()
    bucket = case(*((FollowUp.called_at < end, i) for i, (_m, _s, end) in enumerate(spans)), else_=len(spans))
    rows = session.execute(
        select(bucket, FollowUpQuestion.position, func.count(FollowUpScore.id), func.sum(FollowUpScore.score))
        .join(FollowUpQuestion, FollowUpQuestion.id == FollowUpScore.question_id)
        .join(FollowUp, FollowUp.id == FollowUpScore.follow_up_id)
        .where(FollowUp.called_at >= spans[0][1], FollowUp.called_at < spans[-1][2],
               FollowUpQuestion.position.is_not(None))
        .group_by(bucket, FollowUpQuestion.position))
    return {(position, spans[i][0]): int(total or 0) / n for i, position, n, total in rows
            if position is not None and i < len(spans) and n}


# -- a month in figures (the monthly workbook) ---------------------------------------------
@dataclass(frozen=True)
class StageMonth:
    stage: FollowUpStage
    due: int  # calls due in the month (made or not)
    made: int  # calls made in the month that reached the customer or were given up
    reached: int
    given_up: int
    overall_answers: int
    overall_total: int

    @property
    def satisfaction(self) -> float | None:
        return self.overall_total / self.overall_answers if self.overall_answers else None


def month_figures(session: Session, month: Month | str) -> list[StageMonth]:
    """Per stage: calls due in ``month``, made, reached, given up, and the overall satisfaction
    (a complaint's recovery call is the complaint's, not a stage's satisfaction call)."""
    month = Month.parse(month) if isinstance(month, str) else month
    start, end = month.bounds()
    due = dict(session.execute(select(FollowUp.stage, func.count()).where(
        FollowUp.due_on >= month.first_day, FollowUp.due_on < month.next_first_day, FollowUp.complaint_id.is_(None))
        .group_by(FollowUp.stage)).all())
    made: dict[FollowUpStage, tuple[int, int, int, int, int]] = {}
    for stage, n, reached, gave_up, answers, total in session.execute(
            select(FollowUp.stage, func.count(), func.count(FollowUp.id).filter(FollowUp.reached.is_(True)),
                   func.count(FollowUp.given_up_at), func.count(FollowUp.score_overall),
                   func.coalesce(func.sum(FollowUp.score_overall), 0))
            .where(FollowUp.called_at >= start, FollowUp.called_at < end, FollowUp.complaint_id.is_(None))
            .group_by(FollowUp.stage)):
        made[stage] = (n, reached, gave_up, answers, int(total or 0))
    return [StageMonth(stage, due.get(stage, 0), *made.get(stage, (0, 0, 0, 0, 0))) for stage in STAGES]


def stage_position_averages(session: Session, month: Month | str) -> dict[tuple[FollowUpStage, Position], tuple[int, int]]:
    """(stage, position) -> (answers, total) of the month's answers to questions scoring a
    position (complaints' recovery calls left out)."""
    month = Month.parse(month) if isinstance(month, str) else month
    start, end = month.bounds()
    rows = session.execute(
        select(FollowUp.stage, FollowUpQuestion.position, func.count(FollowUpScore.id), func.sum(FollowUpScore.score))
        .join(FollowUpQuestion, FollowUpQuestion.id == FollowUpScore.question_id)
        .join(FollowUp, FollowUp.id == FollowUpScore.follow_up_id)
        .where(FollowUp.called_at >= start, FollowUp.called_at < end, FollowUpQuestion.position.is_not(None),
               FollowUp.complaint_id.is_(None))
        .group_by(FollowUp.stage, FollowUpQuestion.position))
    return {(stage, position): (n, int(total or 0)) for stage, position, n, total in rows if position is not None}


