"""The counter's one search box: customers and their orders, as you type.

Text is read as an order number or item code, as the last 4+ digits of a phone, or
as a name fragment (characters, pinyin initials or Latin). Results come in pages of
customers, newest first, so the list stays smooth on ten years of orders.

An order number typed without its check character lists its order with the customer's
name, marked ``unchecked``: the counter reads the name back before opening it. A number
or code typed with a wrong check character is refused (WrongCheck), never matched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Customer, Order, Progress
from . import codes
from .balance import BALANCE_COLUMNS, balance_of
from .customers import customer_ids_matching, phones_of_customer
from .errors import BadInput
from .text import is_storable

PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchRow:
    customer_id: int
    customer_name: str
    partner_name: str | None
    phones: str
    order_id: int | None
    order_number: str | None
    package_name: str | None
    booked_at: dt.datetime | None
    progress: Progress | None
    due_fen: int | None
    unchecked: bool = False  # found by an order number typed without its check character

    @property
    def checked_number(self) -> str | None:
        """The order number as people read and type it (with its check character)."""
        return None if self.order_number is None else codes.display_order_number(self.order_number)


MIN_NAME_FRAGMENT = 2  # one character matches a tenth of all customers: wait for the second


_PHONES = phones_of_customer()


def search(session: Session, text: str, *, offset: int = 0, limit: int = PAGE_SIZE) -> list[SearchRow]:
    """One page of results: ``limit`` customers from ``offset`` with all their orders, newest
    customer first. Empty when the text is too short to mean anything; a code or checked
    order number with a wrong check character raises WrongCheck."""
    if not isinstance(text, str) or not text.strip() or not is_storable(text):
        return []  # a NUL or half a character: nothing stored holds one
    base = select(
        Customer.id, Customer.name, Customer.partner_name, _PHONES, Order.id, Order.number, Order.package_name,
        Order.booked_at, Order.progress, *BALANCE_COLUMNS,
    ).select_from(Customer)
    try:
        parsed = codes.parse_code(text)
    except codes.WrongCheck:
        raise
    except BadInput:
        parsed = None
    if parsed is not None:
        if offset:
            return []
        query = base.join(Order, Order.customer_id == Customer.id).where(Order.number == parsed.order_number)
    else:
        ids_query = customer_ids_matching(text, min_name_fragment=MIN_NAME_FRAGMENT)
        if ids_query is None:
            return []
        ids = list(session.scalars(ids_query.offset(offset).limit(limit)))
        if not ids:
            return []
        query = (
            base.outerjoin(Order, Order.customer_id == Customer.id)
            .where(Customer.id.in_(ids))
            .order_by(Customer.id.desc(), Order.booked_at.desc(), Order.id.desc())
        )
    rows = session.execute(query).all()
    return [
        SearchRow(customer_id=r[0], customer_name=r[1], partner_name=r[2], phones=r[3] or "", order_id=r[4],
                  order_number=r[5], package_name=r[6], booked_at=r[7], progress=r[8],
                  due_fen=None if r[4] is None else balance_of(*r[9:12]).due_fen,
                  unchecked=parsed is not None and not parsed.checked)
        for r in rows
    ]
