"""One scan of any label or the order slip → the whole order (the pickup query)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Customer, CustomerPhone, Item, ItemStatus, Order, ProductType, Progress, ShootSession
from . import codes
from .errors import NotFound
from .orders import Balance, order_balance


@dataclass(frozen=True)
class ItemLine:
    code: str
    seq: int
    product: str
    description: str | None
    session_name: str
    status: ItemStatus
    expected_return: dt.date | None
    shelf: str | None


@dataclass(frozen=True)
class OrderSheet:
    order_id: int
    number: str
    customer_name: str
    partner_name: str | None
    phones: list[str]
    package_name: str
    progress: Progress
    balance: Balance
    items: list[ItemLine]
    scanned_item_seq: int | None  # which label was scanned, to highlight it


def order_items_query(order_id: int):  # type: ignore[no-untyped-def]
    """Items of one order with product and session names, in label order."""
    return (
        select(Item.code, Item.seq, ProductType.name, Item.description, ShootSession.name, Item.status,
               Item.expected_return, Item.shelf)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .join(ShootSession, ShootSession.id == Item.session_id)
        .where(Item.order_id == order_id)
        .order_by(Item.seq)
    )


def order_sheet(session: Session, scanned: str) -> OrderSheet:
    """Parse an item code or order number and return every item of its order.

    A malformed code or a wrong check character raises BadInput; a well-formed code
    of no order raises NotFound. Never the nearest match.
    """
    parsed = codes.parse_code(scanned)
    row = session.execute(
        select(Order.id, Order.number, Order.package_name, Order.progress, Customer.id, Customer.name,
               Customer.partner_name)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Order.number == parsed.order_number)
    ).first()
    if row is None:
        raise NotFound("No order has the number {number}.", number=parsed.order_number)
    order_id, number, package_name, progress, customer_id, name, partner = row
    items = [ItemLine(*r) for r in session.execute(order_items_query(order_id))]
    if parsed.is_item and not any(i.seq == parsed.item_seq for i in items):
        raise NotFound("Order {number} has no item {seq}.", number=number, seq=parsed.item_seq)
    phones = list(session.scalars(
        select(CustomerPhone.raw).where(CustomerPhone.customer_id == customer_id).order_by(CustomerPhone.id)))
    return OrderSheet(order_id, number, name, partner, phones, package_name, progress,
                      order_balance(session, order_id), items, parsed.item_seq)
