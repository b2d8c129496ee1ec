"""Customer information surveys (客户信息采集, seed 000): an editable question set asked
before, during and after the shoot, whose answers live in the customer file.

Answers are kept only with the customer's survey consent (personal information law):
:func:`save_answers` refuses without it, and withdrawing it deletes them
(:func:`app.services.privacy.set_consent`). An empty answer removes the stored one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import Customer, SurveyAnswer, SurveyKind, SurveyPhase, SurveyQuestion
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, NotFound, as_enum
from .messages import Message
from .staff import Actor, Permission, record, require
from .text import FIELD_TEXT, checked_text

YES, NO = "yes", "no"


@dataclass(frozen=True)
class Question:
    id: int
    key: str | None
    phase: SurveyPhase
    kind: SurveyKind
    text_zh: str | None
    text_en: str | None
    options: list[str]
    position: int
    active: bool


def _question(q: SurveyQuestion) -> Question:
    return Question(q.id, q.key, q.phase, q.kind, q.text_zh, q.text_en,
                    [o for o in (q.options or "").splitlines() if o.strip()], q.position, q.active)


def questions(session: Session, *, active_only: bool = True) -> list[Question]:
    """The questions by phase and position (only the active ones unless asked)."""
    query = select(SurveyQuestion)
    if active_only:
        query = query.where(SurveyQuestion.active.is_(True))
    order = {phase: i for i, phase in enumerate(SurveyPhase)}
    found = [_question(q) for q in session.scalars(query.order_by(SurveyQuestion.position, SurveyQuestion.id))]
    return sorted(found, key=lambda q: (order[q.phase], q.position, q.id))


@dataclass
class QuestionEdit:
    phase: SurveyPhase | str
    kind: SurveyKind | str
    text_zh: str | None
    text_en: str | None
    options: list[str] | None = None
    active: bool = True
    position: int | None = None


def save_question(session: Session, question_id: int | None, edit: QuestionEdit, actor: Actor, *,
                  clock: Clock = SYSTEM_CLOCK) -> Question:
    """Add (``question_id`` None) or change a question; a manager's setting, audited. A question
    is never deleted (answers refer to it): it is made inactive."""
    require(actor, Permission.MANAGE_SETTINGS)
    phase = as_enum(SurveyPhase, edit.phase, "survey phase")
    kind = as_enum(SurveyKind, edit.kind, "survey answer kind")
    zh = checked_text(edit.text_zh, FIELD_TEXT["survey_question"], SurveyQuestion.text_zh)
    en = checked_text(edit.text_en, FIELD_TEXT["survey_question"], SurveyQuestion.text_en)
    if not zh and not en:
        raise BadInput("A question needs its text in Chinese or in English.")
    options = [checked_text(o, FIELD_TEXT["survey_options"]) or "" for o in (edit.options or [])]
    options = [o for o in options if o]
    if kind is SurveyKind.CHOICE and len(options) < 2:
        raise BadInput("A choice question needs at least two answers to choose from.")
    if question_id is None:
        row = SurveyQuestion(position=edit.position if edit.position is not None else
                             (session.scalar(select(func.max(SurveyQuestion.position))) or 0) + 1)
        session.add(row)
    else:
        found = session.get(SurveyQuestion, question_id)
        if found is None:
            raise NotFound("Survey question {id} does not exist.", id=question_id)
        row = found
        if edit.position is not None:
            row.position = edit.position
    row.phase, row.kind, row.text_zh, row.text_en = phase, kind, zh, en
    row.options = "\n".join(options) if kind is SurveyKind.CHOICE else None
    row.active = bool(edit.active)
    session.flush()
    record(session, actor, "survey.question", f"survey_question:{row.id}", zh or en, clock=clock)
    session.commit()
    return _question(row)


def answers(session: Session, customer_id: int) -> dict[int, str]:
    """The customer's answers by question id."""
    return dict(session.execute(select(SurveyAnswer.question_id, SurveyAnswer.value)
                                .where(SurveyAnswer.customer_id == customer_id)).all())  # type: ignore[arg-type]


def checked_answer(question: Question, value: str | None) -> str | None:
    """The answer as stored, or None for an empty one; refused when it cannot be an answer to
    this question (a date that is no date, a choice not offered, yes/no otherwise)."""
    text = checked_text(value, FIELD_TEXT["survey_answer"], SurveyAnswer.value)
    if not text:
        return None
    if question.kind is SurveyKind.DATE:
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise BadInput("“{text}” is not a date: write it as YYYY-MM-DD.", text=text) from None
    if question.kind is SurveyKind.YES_NO and text not in (YES, NO):
        raise BadInput("Answer “{question}” with yes or no.", question=question.text_zh or question.text_en or "")
    if question.kind is SurveyKind.CHOICE and text not in question.options:
        raise BadInput("“{text}” is not one of the answers of “{question}”.", text=text,
                       question=question.text_zh or question.text_en or "")
    return text


def save_answers(session: Session, customer_id: int, values: Mapping[int, str | None], actor: Actor, *,
                 clock: Clock = SYSTEM_CLOCK) -> Message:
    """Store the answers typed (an empty one removes the stored answer); only with the
    customer's survey consent. Every answer is checked before anything is written."""
    require(actor, Permission.EDIT_CUSTOMERS)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("Customer {id} does not exist.", id=customer_id)
    if customer.erased_at is not None:
        raise NotAllowed("This customer's data was erased on request; nothing more is collected.")
    if customer.survey_consent_at is None:
        raise NotAllowed("{name} has not consented to the survey: answers are kept only with consent.",
                         name=customer.name)
    known = {q.id: q for q in questions(session, active_only=False)}
    checked: dict[int, str | None] = {}
    for qid, value in values.items():
        if qid not in known:
            raise NotFound("Survey question {id} does not exist.", id=qid)
        checked[qid] = checked_answer(known[qid], value)
    stored = {a.question_id: a for a in session.scalars(select(SurveyAnswer)
                                                          .where(SurveyAnswer.customer_id == customer_id))}
    changed = 0
    for qid, text in checked.items():
        row = stored.get(qid)
        if text is None:
            if row is not None:
                session.delete(row)
                changed += 1
        elif row is None:
            session.add(SurveyAnswer(customer_id=customer_id, question_id=qid, value=text, answered_at=clock.now(),
                                     staff_id=actor.staff_id))
            changed += 1
        elif row.value != text:
            row.value, row.answered_at, row.staff_id = text, clock.now(), actor.staff_id
            changed += 1
    if changed:
        record(session, actor, "survey.answers", f"customer:{customer_id}",
               Message("{n} survey answers changed.", {"n": changed}), clock=clock)
    session.commit()
    return Message("{n} survey answers changed.", {"n": changed})


def delete_answers(session: Session, customer_id: int) -> int:
    """Remove every answer of the customer inside the caller's transaction (consent withdrawn, erasure)."""
    count = session.scalar(select(func.count(SurveyAnswer.id)).where(SurveyAnswer.customer_id == customer_id)) or 0
    session.execute(delete(SurveyAnswer).where(SurveyAnswer.customer_id == customer_id))
    return count
