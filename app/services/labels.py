"""What goes on item labels: one per item of an order (or one item, for a reprint)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Customer, Item, Order, ProductType, ShootSession
from . import codes
from .errors import NotFound
from .phone import item_address, phone_address


@dataclass(frozen=True)
class LabelData:
    code: str
    order_number: str  # as printed: with its check character (YYMM-NNNN-C)
    customer_name: str
    product: str
    session_name: str
    address: str | None = None  # the item's address on the phone server (printed as a QR code), when it is on


def order_labels(session: Session, scanned: str) -> list[LabelData]:
    """Labels of every item of an order (order number with its check character), or of
    one item (item code).

    A malformed or mistyped code, or an order number without its check character,
    raises BadInput; an unknown one NotFound.
    """
    parsed = codes.parse_checked(scanned)
    query = (
        select(Item.code, Order.number, Customer.name, Customer.partner_name, ProductType.name, ShootSession.name,
               Item.seq)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .join(ShootSession, ShootSession.id == Item.session_id)
        .where(Order.number == parsed.order_number)
        .order_by(Item.seq)
    )
    if parsed.is_item:
        query = query.where(Item.seq == parsed.item_seq)
    rows = session.execute(query).all()
    if not rows:
        if parsed.is_item:
            raise NotFound("No item has the code {code}.", code=codes.clean(scanned))
        raise NotFound("No order has the number {number}.", number=codes.display_order_number(parsed.order_number))
    base = phone_address(session)
    return [
        LabelData(code, codes.display_order_number(number), name + (f" & {partner}" if partner else ""),
                  product, session_name, item_address(base, code) if base else None)
        for code, number, name, partner, product, session_name, _seq in rows
    ]
