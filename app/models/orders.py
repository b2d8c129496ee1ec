"""Orders, their payments and their shoot sessions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime
from .enums import PaymentKind, PaymentMethod, Progress, enum_type

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


class ShootSession(Base):
    """One shoot with its selection and pickup dates (拍摄阶段). Dates are the
    studio's local calendar dates."""

    __tablename__ = "shoot_sessions"
    __table_args__ = (Index("ix_shoot_sessions_order_seq", "order_id", "seq", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    shoot_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    selection_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    pickup_date: Mapped[dt.date | None] = mapped_column(Date, index=True)

    order: Mapped[Order] = relationship(back_populates="sessions")
    items: Mapped[list[Item]] = relationship(back_populates="session", order_by="Item.seq")


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
