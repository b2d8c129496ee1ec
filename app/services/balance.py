"""What an order costs, what was paid, and what is due either way: the one definition.

An order costs its package price plus the extras of items not cancelled, minus the
discount; what was paid is every payment minus refunds. A live order shows the
difference as the balance due. A cancelled order owes nothing: it shows what was paid
(and not yet refunded) as the refund due.

The SQL here only reads the two sums (cost, paid) and whether the order is cancelled;
every "due" shown anywhere is then worked out by :class:`Balance`, so search results,
the pickup sheet, the order detail and the pickup rule agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from ..models import Item, ItemStatus, Order, Payment, PaymentKind
from .errors import NotFound


@dataclass(frozen=True)
class Balance:
    total_fen: int
    paid_fen: int  # payments minus refunds
    cancelled: bool = False

    @property
    def due_fen(self) -> int:
        """What the customer still owes: nothing for a cancelled order."""
        return 0 if self.cancelled else self.total_fen - self.paid_fen

    @property
    def refund_due_fen(self) -> int:
        """What the studio still owes back: what was paid for an order since cancelled."""
        return max(self.paid_fen, 0) if self.cancelled else 0


# What an order costs and what was paid, as scalar subqueries over one order row, so a
# query over orders reads the balance in the same statement (one round trip).
_ORDERS, _ITEMS, _PAYMENTS = Order.__table__, Item.__table__, Payment.__table__
EXTRAS_FEN = (
    select(func.coalesce(func.sum(_ITEMS.c.extra_price_fen), 0))
    .where(_ITEMS.c.order_id == _ORDERS.c.id, _ITEMS.c.status != ItemStatus.CANCELLED)
    .correlate(_ORDERS)  # only orders: the pickup query also joins items outside
    .scalar_subquery()
)
PAID_FEN = (
    select(func.coalesce(func.sum(case((_PAYMENTS.c.kind == PaymentKind.REFUND, -_PAYMENTS.c.amount_fen),
                                       else_=_PAYMENTS.c.amount_fen)), 0))
    .where(_PAYMENTS.c.order_id == _ORDERS.c.id)
    .correlate(_ORDERS)
    .scalar_subquery()
)
TOTAL_FEN = _ORDERS.c.package_price_fen + EXTRAS_FEN - _ORDERS.c.discount_fen
CANCELLED = _ORDERS.c.cancelled_at.is_not(None)
# Select these three (in this order) next to an order and hand them to balance_of.
BALANCE_COLUMNS = (TOTAL_FEN, PAID_FEN, CANCELLED)

_BALANCE = select(*BALANCE_COLUMNS).where(_ORDERS.c.id == bindparam("order_id"))


def balance_of(total_fen: Any, paid_fen: Any, cancelled: Any) -> Balance:
    """A Balance from the values of BALANCE_COLUMNS as a row holds them."""
    return Balance(int(total_fen), int(paid_fen), bool(cancelled))


def order_balance(session: Session, order_id: int) -> Balance:
    """What the order costs (package + extras not cancelled − discount) and what was paid."""
    row = session.connection().execute(_BALANCE, {"order_id": order_id}).first()
    if row is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    return balance_of(*row)
