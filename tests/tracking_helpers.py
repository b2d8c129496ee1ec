"""Builders for the item tracking tests: orders whose lab-made items are already sent."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Item, ItemStatus, ProductType
from app.services import lifecycle

from .helpers import new_order


def lab_items(session, studio, clock, orders: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Codes of the lab-made items (album + 2 frames) of ``orders`` new orders, waiting."""
    out: list[str] = []
    for n in range(orders):
        order = new_order(session, studio, clock, name=f"顾客{n:02d}", phone=f"1380013{n:04d}")
        out += session.scalars(select(Item.code).join(ProductType, ProductType.id == Item.product_type_id)
                               .where(Item.order_id == order.id, ProductType.in_house.is_(False))
                               .order_by(Item.seq)).all()
    return out


def sent_items(session, studio, clock, count: int = 30) -> list[str]:  # type: ignore[no-untyped-def]
    """``count`` items sent to the studio's lab in one shipment (lifecycle.transition_many)."""
    codes = lab_items(session, studio, clock, -(-count // 3))[:count]
    result = lifecycle.transition_many(session, codes, ItemStatus.SENT, studio.production, lab_id=studio.lab,
                                       clock=clock)
    assert len(result.done) == count and not result.refused
    return codes
