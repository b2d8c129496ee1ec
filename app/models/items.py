"""Products (客件), their append-only event history, and lab shipments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime
from .enums import ApprovalVia, DesignStatus, ItemStatus, enum_type

if TYPE_CHECKING:
    from .catalog import Lab, ProductType
    from .orders import Order, ShootSession


class Item(Base):
    """One physical or digital product with its own barcode label.

    ``status`` caches the ``to_status`` of the item's last event; the lifecycle
    service keeps both in one transaction. ``version`` makes a concurrent change
    from another station fail loudly instead of being overwritten.
    """

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_order_seq", "order_id", "seq", unique=True),
        Index("ix_items_status_expected", "status", "expected_return"),
        Index("ix_items_lab_status", "lab_id", "status"),
        Index("ix_items_design_status", "design_status"),  # the designs waiting for customers
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    session_id: Mapped[int] = mapped_column(ForeignKey("shoot_sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    product_type_id: Mapped[int] = mapped_column(ForeignKey("product_types.id"), index=True)
    description: Mapped[str | None] = mapped_column(String(100))
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id"))
    # Price of an extra bought on top of the package (加选/二消); 0 for package items.
    extra_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    # Why an extra's price differs from the catalogue's (typed by hand; also audited).
    price_reason: Mapped[str | None] = mapped_column(String(200))
    # Design approval (看样/看效果图): an item whose product type needs it may go to a lab
    # only once approved; who approved, when and how are kept.
    design_status: Mapped[DesignStatus] = mapped_column(
        enum_type(DesignStatus), default=DesignStatus.NOT_NEEDED, server_default=DesignStatus.NOT_NEEDED.value
    )
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approved_via: Mapped[ApprovalVia | None] = mapped_column(enum_type(ApprovalVia))
    status: Mapped[ItemStatus] = mapped_column(enum_type(ItemStatus), default=ItemStatus.WAITING)
    status_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expected_return: Mapped[dt.date | None] = mapped_column(Date)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    shelf: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)

    order: Mapped[Order] = relationship(back_populates="items")
    session: Mapped[ShootSession] = relationship(back_populates="items")
    product_type: Mapped[ProductType] = relationship()
    lab: Mapped[Lab | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ItemEvent(Base):
    """One transition of one item. Rows are only ever inserted, never changed."""

    __tablename__ = "item_events"
    __table_args__ = (
        Index("ix_item_events_item_id_id", "item_id", "id"),
        # Rework statistics and month-end counts: events of one kind in a period, answered
        # from the index alone (the item and the rework reason ride along).
        Index("ix_item_events_to_status_at", "to_status", "at", "item_id", "rework_reason_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    from_status: Mapped[ItemStatus | None] = mapped_column(enum_type(ItemStatus))
    to_status: Mapped[ItemStatus] = mapped_column(enum_type(ItemStatus))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    station: Mapped[str | None] = mapped_column(String(40))
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    # A rework's reason from the studio's list (``choices``, kind rework_reason); the text
    # ``reason`` holds what was typed (a detail, or the reason when it is not on the list).
    rework_reason_id: Mapped[int | None] = mapped_column(ForeignKey("choices.id"))
    reason: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(200))


@event.listens_for(ItemEvent, "before_update")
@event.listens_for(ItemEvent, "before_delete")
def _events_are_append_only(_mapper, _connection, target: ItemEvent) -> None:
    raise PermissionError(f"item event {target.id} is history: events are only ever added, never changed")


class Shipment(Base):
    """A batch of items sent to one lab at one time (发件单).

    Built line by line while open (``closed_at`` NULL): each accepted scan adds a
    :class:`ShipmentLine` and the item stays waiting; closing sends every line's item in one
    transaction. While open, ``sent_at`` is when it was opened; closing sets both to the
    moment it left. ``station`` is where it was opened, so that station resumes it."""

    __tablename__ = "shipments"
    __table_args__ = (Index("ix_shipments_lab_closed", "lab_id", "closed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id"), index=True)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    station: Mapped[str | None] = mapped_column(String(40))

    lab: Mapped[Lab] = relationship()

    # Set (not stored) by send-out when it opens a shipment to fill scan by scan.
    building: bool = False


@event.listens_for(Shipment, "before_insert")
def _sent_shipments_are_closed(_mapper, _connection, target: Shipment) -> None:
    """A shipment made as its items leave (a batch transition, lifecycle.transition_many) is
    closed when sent; only send-out opens one to fill (``building``)."""
    if target.closed_at is None and not target.building:
        target.closed_at = target.sent_at


class ShipmentLine(Base):
    """One item on a shipment, with the lab's price for it (the basis of month-end 对账).

    ``lab_price_fen`` is the lab's price when the item was added, and again when the
    shipment closed (what the lab will bill); None when the lab has no price for the product.
    ``open_item_id`` is the item while the shipment is open and NULL once it is closed: a
    unique column (NULLs never collide), so the database itself keeps an item in at most
    one open shipment, on SQLite and PostgreSQL alike."""

    __tablename__ = "shipment_lines"
    __table_args__ = (
        Index("ix_shipment_lines_shipment_id", "shipment_id", "id"),
        # Unique over the open lines only: a plain unique column would be almost all NULL,
        # and SQLite's statistics then make the planner scan every line instead of using it.
        Index("uq_shipment_lines_open_item_id", "open_item_id", unique=True,
              sqlite_where=text("open_item_id IS NOT NULL"), postgresql_where=text("open_item_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    open_item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    lab_price_fen: Mapped[int | None] = mapped_column(Integer)
