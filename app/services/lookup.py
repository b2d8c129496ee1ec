"""One scan of any label or the order slip → the whole order (the pickup query).

This runs on every scan at the pickup station, so its statements are built once
at import and run on the session's connection as one statement: one round trip, no ORM
bookkeeping, and its SQL compiled once (:class:`~app.models.prepared.PreparedQuery`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, case, literal_column, select
from sqlalchemy.orm import Session

from ..models import (
    Customer, CustomerPhone, Item, ItemEvent, ItemStatus, Order, ProductType, Progress, ShootSession, Staff, Tier,
)
from ..models.prepared import PreparedQuery
from . import codes
from .balance import BALANCE_COLUMNS, Balance, balance_of
from .customers import phones_of_customer, split_phones
from .errors import NotFound

_O, _C, _I = Order.__table__, Customer.__table__, Item.__table__
_PT, _SS, _PH = ProductType.__table__, ShootSession.__table__, CustomerPhone.__table__
_EV, _ST = ItemEvent.__table__, Staff.__table__

_PHONES = phones_of_customer()
# When and by whom a picked-up item left (the pickup station shows it): the item's last move
# is its pickup (nothing follows it), and the staff of that event, read only for picked-up
# items (its latest pickup: an item brought back under a complaint leaves twice). A subquery,
# not two more joins: PostgreSQL plans it in half the time, on every scan.
_PICKED = _I.c.status == ItemStatus.PICKED_UP
_PICKED_BY = (select(_ST.c.name).select_from(_EV.join(_ST, _ST.c.id == _EV.c.staff_id))
              .where(_EV.c.item_id == _I.c.id, _EV.c.to_status == ItemStatus.PICKED_UP)
              .correlate(_I).order_by(_EV.c.id.desc()).limit(literal_column("1")).scalar_subquery())
# One round trip: the order's head (customer, phones, balance) repeated on each of its
# item rows. On a PostgreSQL shared over the studio's network every round trip counts.
_SHEET = (
    select(_O.c.id, _O.c.number, _O.c.package_name, _O.c.progress, _C.c.name, _C.c.partner_name, _PHONES,
           *BALANCE_COLUMNS,
           _I.c.code, _I.c.seq, _PT.c.name, _I.c.description, _SS.c.name, _I.c.status, _I.c.expected_return,
           _I.c.shelf, _SS.c.seq, case((_PICKED, _I.c.status_at)), case((_PICKED, _PICKED_BY)), _C.c.tier)
    .select_from(_O)
    .join(_C, _C.c.id == _O.c.customer_id)
    .outerjoin(_I, _I.c.order_id == _O.c.id)
    .outerjoin(_PT, _PT.c.id == _I.c.product_type_id)
    .outerjoin(_SS, _SS.c.id == _I.c.session_id)
    .where(_O.c.number == bindparam("number"))
    .order_by(_I.c.seq)
)
_SHEET_QUERY = PreparedQuery(_SHEET, "number")  # run as plain SQL: a scan waits for it


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
    session_seq: int = 1  # which shoot session of the order (a growth package has several)
    picked_up_at: dt.datetime | None = None
    picked_up_by: str | None = None


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
    tier: Tier | None = None  # the customer's (shown at pickup); None until computed

    @property
    def checked_number(self) -> str:
        """The order number as people read and scan it (with its check character)."""
        return codes.display_order_number(self.number)


def order_sheet(session: Session, scanned: str) -> OrderSheet:
    """Parse a scanned item code or order number and return every item of its order.

    A malformed code or a wrong check character raises BadInput; so does an order
    number without its check character (scanners read the slip's checked form; a bare
    number is a person's typing, which only the search may take); a well-formed code of
    no order raises NotFound. Never the nearest match.
    """
    parsed = codes.parse_checked(scanned)
    return _sheet(session, parsed.order_number, parsed.item_seq)


def sheet_of_order(session: Session, number: str) -> OrderSheet:
    """The whole order of a number the program already holds (a search result row, a
    customer's order): as stored, ``YYMM-NNNN``."""
    return _sheet(session, number, None)


def _sheet(session: Session, order_number: str, item_seq: int | None) -> OrderSheet:
    rows = _SHEET_QUERY.rows(session.connection(), order_number)
    if not rows:
        raise NotFound("No order has the number {number}.", number=codes.display_order_number(order_number))
    order_id, number, package_name, progress, name, partner, phones, total, paid, cancelled = rows[0][:10]
    items = [ItemLine(code=r[10], seq=r[11], product=r[12], description=r[13], session_name=r[14], status=r[15],
                      expected_return=r[16], shelf=r[17], session_seq=r[18], picked_up_at=r[19], picked_up_by=r[20])
             for r in rows if r[10] is not None]
    if item_seq is not None and not any(i.seq == item_seq for i in items):
        raise NotFound("Order {number} has no item {seq}.", number=codes.display_order_number(number), seq=item_seq)
    return OrderSheet(order_id, number, name, partner, split_phones(phones),
                      package_name, progress, balance_of(total, paid, cancelled), items, item_seq, rows[0][21])
