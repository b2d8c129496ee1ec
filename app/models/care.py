"""Customer care: complaints (4A), follow-up calls, reminders and the SMS outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime
from .enums import (
    ComplaintStatus,
    FollowUpStage,
    OutboxStatus,
    ReminderKind,
    enum_type,
)


class Complaint(Base):
    """A complaint handled through the 4A steps: Acknowledge, Apologize, Amend,
    Anticipate. Each step is done when its time is set."""

    __tablename__ = "complaints"
    __table_args__ = (Index("ix_complaints_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    # A row of ``choices`` of kind complaint_category (a list the studio edits).
    category_id: Mapped[int] = mapped_column(ForeignKey("choices.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[ComplaintStatus] = mapped_column(enum_type(ComplaintStatus), default=ComplaintStatus.OPEN)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    apologized_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    amend_action: Mapped[str | None] = mapped_column(Text)
    amended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    anticipate_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # 1-5: how satisfied the customer was with the resolution.
    resolution_score: Mapped[int | None] = mapped_column(Integer)


class FollowUp(Base):
    """A follow-up call or survey (回访) after a stage, with 1-5 scores."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    stage: Mapped[FollowUpStage] = mapped_column(enum_type(FollowUpStage))
    called_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reached: Mapped[bool] = mapped_column(Boolean, default=True)
    score_service: Mapped[int | None] = mapped_column(Integer)
    score_photography: Mapped[int | None] = mapped_column(Integer)
    score_makeup: Mapped[int | None] = mapped_column(Integer)
    score_product: Mapped[int | None] = mapped_column(Integer)
    score_overall: Mapped[int | None] = mapped_column(Integer)
    referral_leads: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class Reminder(Base):
    """A due task for staff, generated from dates and rules."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_due_done", "due_date", "done_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReminderKind] = mapped_column(enum_type(ReminderKind))
    due_date: Mapped[dt.date] = mapped_column(Date)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    rule: Mapped[str | None] = mapped_column(String(40))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class OutboxMessage(Base):
    """A text message rendered from a template, waiting to be sent or marked sent."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    phone: Mapped[str] = mapped_column(String(20))
    template: Mapped[str | None] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(enum_type(OutboxStatus), default=OutboxStatus.PENDING)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
