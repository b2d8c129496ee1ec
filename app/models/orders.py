"""Orders, their payments and their shoot sessions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime
from .enums import PaymentKind, PaymentMethod, Progress, SessionChangeKind, SessionState, SlotKind, enum_type

if TYPE_CHECKING:
    from .items import Item
    from .people import Customer


class Order(Base):
    """One customer's purchase of a package. Prices are copied at booking, so a
    later change to the catalogue never changes what was sold."""

    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_customer_booked", "customer_id", "booked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    package_id: Mapped[int | None] = mapped_column(ForeignKey("packages.id"))
    package_name: Mapped[str] = mapped_column(String(60))
    package_price_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    discount_reason: Mapped[str | None] = mapped_column(String(200))
    # Derived from sessions and items, refreshed by the services that change them.
    progress: Mapped[Progress] = mapped_column(enum_type(Progress), default=Progress.BOOKED, index=True)
    # The next calendar date on which ``progress`` changes without any scan (a shoot or a
    # selection date arriving); the daily refresh re-derives only orders due by today.
    progress_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    booked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    booked_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    customer: Mapped[Customer] = relationship()
    sessions: Mapped[list[ShootSession]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="ShootSession.seq"
    )
    items: Mapped[list[Item]] = relationship(back_populates="order", order_by="Item.seq")
    payments: Mapped[list[Payment]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Payment.id"
    )


class TimeSlot(Base):
    """A bookable time of day in the schedule (档期), with how many sessions fit in it
    at once (studio rooms or photographers for shoots, seats for selections)."""

    __tablename__ = "time_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SlotKind] = mapped_column(enum_type(SlotKind))
    starts: Mapped[dt.time] = mapped_column(Time)
    ends: Mapped[dt.time] = mapped_column(Time)
    capacity: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ShootSession(Base):
    """One shoot with its selection and pickup dates (拍摄阶段). Dates are the
    studio's local calendar dates; a slot gives the time of day (None: the day is agreed,
    the time not yet). ``state`` is what staff recorded, never inferred from the calendar."""

    __tablename__ = "shoot_sessions"
    __table_args__ = (
        Index("ix_shoot_sessions_order_seq", "order_id", "seq", unique=True),
        Index("ix_shoot_sessions_shoot_slot", "shoot_date", "shoot_slot_id"),
        Index("ix_shoot_sessions_selection_slot", "selection_date", "selection_slot_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    state: Mapped[SessionState] = mapped_column(
        enum_type(SessionState), default=SessionState.BOOKED, server_default=SessionState.BOOKED.value
    )
    shoot_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    shoot_slot_id: Mapped[int | None] = mapped_column(ForeignKey("time_slots.id"))
    selection_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    selection_slot_id: Mapped[int | None] = mapped_column(ForeignKey("time_slots.id"))
    pickup_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    photographer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    makeup_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    selection_sales_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Selection day (选片): how many photos the customer chose.
    photos_chosen: Mapped[int | None] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="sessions")
    items: Mapped[list[Item]] = relationship(back_populates="session", order_by="Item.seq")
    shoot_slot: Mapped[TimeSlot | None] = relationship(foreign_keys=[shoot_slot_id])
    selection_slot: Mapped[TimeSlot | None] = relationship(foreign_keys=[selection_slot_id])
    changes: Mapped[list[SessionChange]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionChange.id"
    )


class SessionChange(Base):
    """One line of a session's history: scheduled, rescheduled (改期) with its reason,
    no-show, shot, selected, cancelled, staff assigned. Rows are only ever added."""

    __tablename__ = "session_changes"
    __table_args__ = (Index("ix_session_changes_session_id", "session_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("shoot_sessions.id", ondelete="CASCADE"))
    kind: Mapped[SessionChangeKind] = mapped_column(enum_type(SessionChangeKind))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    station: Mapped[str | None] = mapped_column(String(40))
    # For (re)scheduling: which appointment moved (shoot or selection), from where to where.
    slot_kind: Mapped[SlotKind | None] = mapped_column(enum_type(SlotKind))
    from_date: Mapped[dt.date | None] = mapped_column(Date)
    from_slot_id: Mapped[int | None] = mapped_column(ForeignKey("time_slots.id"))
    to_date: Mapped[dt.date | None] = mapped_column(Date)
    to_slot_id: Mapped[int | None] = mapped_column(ForeignKey("time_slots.id"))
    reason: Mapped[str | None] = mapped_column(String(200))

    session: Mapped[ShootSession] = relationship(back_populates="changes")


@event.listens_for(SessionChange, "before_update")
def _session_history_is_append_only(_mapper, _connection, target: SessionChange) -> None:
    raise PermissionError(f"session change {target.id} is history: it is only ever added, never changed")


class Payment(Base):
    """Money in (deposit, balance) or out (refund); amounts are positive integer fen."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PaymentKind] = mapped_column(enum_type(PaymentKind))
    method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(String(200))

    order: Mapped[Order] = relationship(back_populates="payments")
