"""Builders for the pickup tests: orders whose items are in chosen states."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Item, ItemStatus, ProductType
from app.services import lifecycle

from .helpers import ROUTE

S = ItemStatus


def item_codes(session, order_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return list(session.scalars(select(Item.code).where(Item.order_id == order_id).order_by(Item.seq)))


def move(session, studio, clock, code: str, state: ItemStatus, *, shelf: str | None = "A-03") -> None:  # type: ignore[no-untyped-def]
    """Take one waiting item to ``state`` by the legal route (in-house items go straight to ready)."""
    in_house = session.scalar(select(ProductType.in_house).join(Item, Item.product_type_id == ProductType.id)
                              .where(Item.code == code))
    route = [S.READY] if in_house and state is S.READY else ROUTE[state]
    if in_house and state is S.PICKED_UP:
        route = [S.READY, S.PICKED_UP]
    for step in route:
        clock.advance(minutes=1)
        actor = studio.counter if step is S.PICKED_UP else studio.manager if step is S.CANCELLED else studio.production
        lifecycle.transition(session, code, step, actor, reason="测试原因", shelf=shelf if step is S.READY else None,
                             clock=clock)
