"""Customer care: complaints (4A), follow-up calls, reminders and the SMS outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event, false, true
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime
from .enums import (
    AmendKind,
    ComplaintChannel,
    ComplaintEventKind,
    ComplaintSeverity,
    ComplaintStatus,
    ComplaintStep,
    FaultParty,
    FollowUpStage,
    Position,
    MessageChannel,
    OutboxStatus,
    ReminderEvent,
    ReminderOutcome,
    Role,
    enum_type,
)


class Complaint(Base):
    """A complaint handled through the 4A steps: Acknowledge, Apologize, Amend,
    Anticipate. Each step has a deadline (set from the severity when recorded or reopened)
    and is done when its time is set, by whom is kept. ``due_at`` is the deadline of the
    first step not yet done (None when all are), so overdue complaints are one index range.
    What happened is also in :class:`ComplaintEvent` rows, which reopening never erases."""

    __tablename__ = "complaints"
    __table_args__ = (Index("ix_complaints_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    # A row of ``choices`` of kind complaint_category (a list the studio edits).
    category_id: Mapped[int] = mapped_column(ForeignKey("choices.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[ComplaintStatus] = mapped_column(enum_type(ComplaintStatus), default=ComplaintStatus.OPEN)
    severity: Mapped[ComplaintSeverity] = mapped_column(
        enum_type(ComplaintSeverity), default=ComplaintSeverity.NORMAL, server_default=ComplaintSeverity.NORMAL.value)
    channel: Mapped[ComplaintChannel | None] = mapped_column(enum_type(ComplaintChannel))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # The staff member the complaint is about, and in which position (the monthly board).
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    staff_position: Mapped[Position | None] = mapped_column(enum_type(Position))
    # Whose fault it was, and the lab when a lab's (the lab scorecard counts these).
    fault: Mapped[FaultParty | None] = mapped_column(enum_type(FaultParty))
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id"), index=True)
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledge_due: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    apologize_due: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    amend_due: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    anticipate_due: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    apologized_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    apologized_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    amend_kind: Mapped[AmendKind | None] = mapped_column(enum_type(AmendKind))
    amend_action: Mapped[str | None] = mapped_column(Text)
    # A discount's or refund's amount (fen); a refund's payment row.
    amend_fen: Mapped[int | None] = mapped_column(Integer)
    refund_payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    amended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    amended_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    anticipate_note: Mapped[str | None] = mapped_column(Text)
    anticipated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    anticipated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # 1-5: how satisfied the customer was with the resolution.
    resolution_score: Mapped[int | None] = mapped_column(Integer)


class ComplaintItem(Base):
    """An item a complaint is about (a product complaint names its items). ``redo_at`` is
    when the complaint sent it back to rework; ``picked_up_at`` when the redone item was
    handed over again (the follow-up call is scheduled then)."""

    __tablename__ = "complaint_items"
    __table_args__ = (UniqueConstraint("complaint_id", "item_id", name="uq_complaint_items_complaint_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    redo_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    picked_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ComplaintEvent(Base):
    """One line of a complaint's history: recorded, a step done, a redo, a follow-up, closed
    with its score, reopened with its reason. Rows are only ever added."""

    __tablename__ = "complaint_events"
    __table_args__ = (Index("ix_complaint_events_complaint_id", "complaint_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"))
    kind: Mapped[ComplaintEventKind] = mapped_column(enum_type(ComplaintEventKind))
    step: Mapped[ComplaintStep | None] = mapped_column(enum_type(ComplaintStep))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    station: Mapped[str | None] = mapped_column(String(40))
    score: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)


@event.listens_for(ComplaintEvent, "before_update")
def _complaint_history_is_append_only(_mapper, _connection, target: ComplaintEvent) -> None:
    raise PermissionError(f"complaint event {target.id} is history: it is only ever added, never changed")


class FollowUp(Base):
    """A follow-up call or survey (回访) after a stage, with 1-5 scores; or, with
    ``called_at`` still None, a call due on ``due_on``."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    stage: Mapped[FollowUpStage] = mapped_column(enum_type(FollowUpStage))
    # A call still to make has ``due_on`` and no ``called_at`` (the daily worklist).
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    called_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    # The complaint whose redone items this call follows up; its outcome closes Anticipate.
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reached: Mapped[bool] = mapped_column(Boolean, default=True)
    score_service: Mapped[int | None] = mapped_column(Integer)
    score_photography: Mapped[int | None] = mapped_column(Integer)
    score_makeup: Mapped[int | None] = mapped_column(Integer)
    score_product: Mapped[int | None] = mapped_column(Integer)
    # The customer's overall satisfaction 1-5 for that call: the answer to the stage
    # questionnaire's overall question (other services average it). score_service,
    # _photography, _makeup, _product and referral_leads are an early sketch, kept for old
    # rows: a call's answers are FollowUpScore rows, its leads ReferralLead rows.
    score_overall: Mapped[int | None] = mapped_column(Integer)
    referral_leads: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # A stage's call made once per session (after shoot / selection) or order (after pickup):
    # "after_shoot:s<session id>", "after_pickup:o<order id>". None for a complaint's call.
    source_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    # The session whose staff the answers score (for the pickup stage: the order's last one).
    session_id: Mapped[int | None] = mapped_column(ForeignKey("shoot_sessions.id"), index=True)
    # Calls that did not reach the customer so far; after the last allowed one it is given up.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    given_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class FollowUpQuestion(Base):
    """A question of a stage's questionnaire (回访问卷), scored 1-5. The studio edits the
    list (zh/en text, order, on/off); a question may score a position (its answers count
    for the staff member who held it on the order). Each stage has exactly one ``overall``
    question, whose answer is also the call's ``score_overall``."""

    __tablename__ = "follow_up_questions"
    __table_args__ = (Index("ix_follow_up_questions_stage_seq", "stage", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[FollowUpStage] = mapped_column(enum_type(FollowUpStage))
    key: Mapped[str | None] = mapped_column(String(40))  # stable name of a seeded question
    text_zh: Mapped[str | None] = mapped_column(String(200))
    text_en: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[Position | None] = mapped_column(enum_type(Position))
    overall: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    required: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    seq: Mapped[int] = mapped_column(Integer, default=0)


class FollowUpScore(Base):
    """One answer of a call: a question's score 1-5."""

    __tablename__ = "follow_up_scores"
    __table_args__ = (UniqueConstraint("follow_up_id", "question_id", name="uq_follow_up_scores_call_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("follow_up_questions.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)


class ReferralLead(Base):
    """Someone a called customer recommended (转介绍): they become a prospect, a customer
    with channel referral whose referrer is the called customer (or the existing customer
    with that phone)."""

    __tablename__ = "referral_leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    referrer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20))
    relation: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    new_customer: Mapped[bool] = mapped_column(Boolean, default=True)


class MessageTemplate(Base):
    """A text sent to customers, with fields in braces (``{customer}``, ``{date}`` …, see
    ``services.templates.FIELDS``). ``key`` names it for the program (``ready_for_pickup``);
    a marketing template (greetings, offers) goes only to customers who consented."""

    __tablename__ = "message_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    channel: Mapped[MessageChannel] = mapped_column(
        enum_type(MessageChannel), default=MessageChannel.SMS, server_default=MessageChannel.SMS.value)
    marketing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ReminderRule(Base):
    """When to remind whom of what: ``offset_days`` from the ``event``'s date (negative:
    before, e.g. -7 = a week before the shoot; positive: after, e.g. +14 = two weeks after
    all items were ready), handled by ``role``, optionally queueing ``template``'s text."""

    __tablename__ = "reminder_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[ReminderEvent] = mapped_column(enum_type(ReminderEvent))
    offset_days: Mapped[int] = mapped_column(Integer)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    template_id: Mapped[int | None] = mapped_column(ForeignKey("message_templates.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Reminder(Base):
    """A due task for staff, made by the generator from a rule and a subject (a session, an
    order or a customer). The unique key (rule, subject, due date) is what makes generating
    idempotent, on one station or several at once. Handled (``outcome`` done or skipped, with
    ``done_by``/``done_at``) or ``withdrawn_at`` (its date moved, its reason gone); until then
    it stays on the Today view, overdue or not."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("rule_id", "subject_kind", "subject_id", "due_date", name="uq_reminders_rule_subject_due"),
        Index("ix_reminders_due_done", "due_date", "done_at"),
        Index("ix_reminders_subject", "subject_kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("reminder_rules.id"))
    event: Mapped[ReminderEvent] = mapped_column(enum_type(ReminderEvent))
    subject_kind: Mapped[str] = mapped_column(String(10))  # session, order, customer
    subject_id: Mapped[int] = mapped_column(Integer)
    event_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[ReminderOutcome | None] = mapped_column(enum_type(ReminderOutcome))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """A text message rendered from a template, waiting to be sent or marked sent. WeChat
    messages are copied and pasted by staff; SMS ones are exported for the studio's SMS
    platform (or a sender plugin). ``reminder_id`` (unique) ties a message to the reminder
    that queued it, so generating twice never queues it twice."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    phone: Mapped[str] = mapped_column(String(20))
    template: Mapped[str | None] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(enum_type(OutboxStatus), default=OutboxStatus.PENDING)
    channel: Mapped[MessageChannel] = mapped_column(
        enum_type(MessageChannel), default=MessageChannel.SMS, server_default=MessageChannel.SMS.value)
    marketing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reminder_id: Mapped[int | None] = mapped_column(ForeignKey("reminders.id"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
