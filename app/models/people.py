"""Staff and customers, with the derived columns customer search runs on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, search_key_type
from .enums import Channel, Position, Role, SurveyKind, SurveyPhase, Tier, enum_type


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    # argon2id hash of the password or PIN; None: the person cannot log in.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # Issued by StudioDesk (services.codes.badge_code), never typed by hand.
    badge_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # The login throttle, shared by every station: consecutive failures, the last one, and
    # when the account was locked (None: not locked). A success or an unlock resets them.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    positions: Mapped[list[StaffPosition]] = relationship(
        back_populates="staff", cascade="all, delete-orphan", order_by="StaffPosition.id"
    )


class StaffPosition(Base):
    """One position (岗位) a staff member holds; apart from their program ``role``."""

    __tablename__ = "staff_positions"
    __table_args__ = (UniqueConstraint("staff_id", "position", name="uq_staff_positions_staff_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    position: Mapped[Position] = mapped_column(enum_type(Position), index=True)

    staff: Mapped[Staff] = relationship(back_populates="positions")


class Customer(Base):
    """A person or a couple (both names), the unit the studio serves."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    partner_name: Mapped[str | None] = mapped_column(String(40))
    birthday: Mapped[dt.date | None] = mapped_column(Date)
    partner_birthday: Mapped[dt.date | None] = mapped_column(Date)
    wedding_date: Mapped[dt.date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(200))
    family_notes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[Channel] = mapped_column(enum_type(Channel), default=Channel.NATURAL)
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    tier: Mapped[Tier | None] = mapped_column(enum_type(Tier), index=True)
    # The composite score the tier was computed from (services.tiers.recompute_tiers).
    tier_score: Mapped[float | None] = mapped_column(Float)
    # Consent under the personal information law (PIPL): when given, None when not given or
    # withdrawn; who recorded it is in the audit log. Marketing messages (greetings, offers)
    # go only to customers with marketing consent; survey facts are kept only with survey consent.
    marketing_consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    survey_consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Erased on request (PIPL): personal data anonymised, orders and payments kept for the accounts.
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    erased_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    phones: Mapped[list[CustomerPhone]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerPhone.id"
    )
    referrer: Mapped[Customer | None] = relationship(remote_side=[id])


class CustomerPhone(Base):
    """A phone as typed, beside its normalised digits and those digits reversed.

    ``digits_reversed`` turns "ends with 1234" into a prefix range on an index.
    """

    __tablename__ = "customer_phones"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(String(20))
    raw: Mapped[str] = mapped_column(String(40))
    digits: Mapped[str] = mapped_column(String(20), index=True)
    digits_reversed: Mapped[str] = mapped_column(search_key_type(20), index=True)

    customer: Mapped[Customer] = relationship(back_populates="phones")


class CustomerSearchKey(Base):
    """Derived search keys of a customer's names: every suffix of each name, of its
    pinyin initials and of its Latin spelling, lower-cased. A name fragment is then
    a prefix range on this index instead of a scan of every customer.
    """

    __tablename__ = "customer_search_keys"
    __table_args__ = (Index("ix_customer_search_keys_key_customer", "key", "customer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(search_key_type(60))


class SurveyQuestion(Base):
    """A question of the customer information survey (客户信息采集), asked before, during or
    after the shoot; the studio edits the list. ``options``: a choice question's answers, one a line."""

    __tablename__ = "survey_questions"
    __table_args__ = (Index("ix_survey_questions_phase_position", "phase", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable name of a seeded question; None for a studio's own.
    key: Mapped[str | None] = mapped_column(String(40), unique=True)
    phase: Mapped[SurveyPhase] = mapped_column(enum_type(SurveyPhase))
    kind: Mapped[SurveyKind] = mapped_column(enum_type(SurveyKind))
    text_zh: Mapped[str | None] = mapped_column(String(200))
    text_en: Mapped[str | None] = mapped_column(String(200))
    options: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SurveyAnswer(Base):
    """A customer's answer to one survey question: kept only while survey consent is given."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("customer_id", "question_id", name="uq_survey_answers_customer_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id"), index=True)
    value: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
