"""What went to each lab and came back in a month: the studio's side of month-end 对账.

One line per *sending*: an item leaving for a lab on a shipment (its SENT event). A line
belongs to a month when the item left in it or came back from that sending in it, so a
product sent on the 28th and returned on the 3rd is on both months' lists (a lab bills
when it sends back as often as when it receives). A rework going back to the lab is a
sending of its own, flagged, with the reason the studio gave; whether the lab may bill it
is the lab's ``bills_rework``. The price is the lab's price recorded on the shipment line
when the item left (``ShipmentLine.lab_price_fen``), never today's price list.

Both the reconciliation export and the statement check read these lines, so both agree on
what the studio sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import and_, func, select, union
from sqlalchemy.orm import Session, aliased

from ..models import (
    Choice, Customer, Item, ItemEvent, ItemStatus, Lab, Order, ProductType, Shipment, ShipmentLine,
)
from . import codes
from .clock import STUDIO_TZ
from .errors import BadInput, NotFound

S = ItemStatus
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Month:
    """A calendar month in the studio's time zone."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-10`` → Month; anything else is refused with what was typed."""
        found = _MONTH.match((text or "").strip())
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
            raise BadInput("“{text}” is not a month: write it as YYYY-MM, for example 2026-10.", text=text)
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def next_first_day(self) -> dt.date:
        return dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) of the month as aware UTC instants (events are stored in UTC)."""
        start = dt.datetime.combine(self.first_day, dt.time(), STUDIO_TZ)
        end = dt.datetime.combine(self.next_first_day, dt.time(), STUDIO_TZ)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class LabLine:
    """One sending of one item to a lab."""

    lab_id: int
    lab_name: str
    item_code: str
    order_number: str  # as printed and scanned: YYMM-NNNN-C
    product_type_id: int
    product_name: str
    shipment_id: int | None
    sent_at: dt.datetime  # aware UTC
    returned_at: dt.datetime | None  # aware UTC; None while still at the lab
    rework: bool  # this sending was a rework going back
    rework_reason_id: int | None  # the studio's list entry (choices) given at the rework
    rework_reason_zh: str | None
    rework_reason_en: str | None
    rework_note: str | None  # what was typed with the rework
    price_fen: int | None  # the lab's price when the item left; None: no price on the list
    customer_name: str

    def rework_reason(self, language: str) -> str | None:
        """The reason in ``language`` (zh…/en…), else in the other one, else what was typed."""
        names = (self.rework_reason_zh, self.rework_reason_en)
        if not language.lower().startswith("zh"):
            names = names[::-1]
        return names[0] or names[1] or self.rework_note


def lab_of(session: Session, name_or_id: str | int) -> Lab:
    """A lab by its id or its exact name (the command line names labs as staff write them)."""
    lab = (session.get(Lab, name_or_id) if isinstance(name_or_id, int)
           else session.scalar(select(Lab).where(Lab.name == str(name_or_id).strip())))
    if lab is None:
        known = session.scalars(select(Lab.name).order_by(Lab.name)).all()
        raise NotFound("There is no lab called {name}. Labs: {known}.", name=str(name_or_id),
                       known="、".join(known) or "—")
    return lab


def lab_lines(session: Session, month: Month, *, lab_id: int | None = None) -> list[LabLine]:
    """Every sending of ``month`` (left or came back in it), for one lab or all of them,
    ordered by lab, then when it left, then item code."""
    start, end = month.bounds()
    sent, back, prev_event, next_event = (aliased(ItemEvent) for _ in range(4))
    # The sendings that left in the month …
    left = (select(sent.id.label("event_id"))
            .where(sent.to_status == S.SENT, sent.at >= start, sent.at < end))
    # … and the sendings the month's returns came back from (the item's last SENT before).
    came_back = (select(
        select(func.max(prev_event.id))
        .where(prev_event.item_id == back.item_id, prev_event.to_status == S.SENT, prev_event.id < back.id)
        .correlate(back).scalar_subquery().label("event_id"))
        .where(back.to_status == S.RETURNED, back.at >= start, back.at < end))
    sendings = union(left, came_back).subquery("sendings")

    event = aliased(ItemEvent, name="sending")
    following, before = aliased(ItemEvent, name="following"), aliased(ItemEvent, name="before")
    next_id = (select(func.min(next_event.id)).where(next_event.item_id == event.item_id, next_event.id > event.id)
               .correlate(event).scalar_subquery())
    prev_id = (select(func.max(prev_event.id)).where(prev_event.item_id == event.item_id, prev_event.id < event.id)
               .correlate(event).scalar_subquery())
    query = (
        select(Shipment.lab_id, Lab.name, Item.code, Order.number, Item.product_type_id, ProductType.name,
               event.shipment_id, event.at, event.from_status, following.to_status, following.at,
               before.to_status, before.rework_reason_id, Choice.name_zh, Choice.name_en, before.reason,
               ShipmentLine.lab_price_fen, Customer.name)
        .select_from(sendings)
        .join(event, event.id == sendings.c.event_id)
        .join(Shipment, Shipment.id == event.shipment_id)
        .join(Lab, Lab.id == Shipment.lab_id)
        .join(Item, Item.id == event.item_id)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .outerjoin(following, following.id == next_id)
        .outerjoin(before, before.id == prev_id)
        .outerjoin(Choice, and_(Choice.id == before.rework_reason_id, before.to_status == S.REWORK))
        .outerjoin(ShipmentLine, and_(ShipmentLine.shipment_id == event.shipment_id,
                                      ShipmentLine.item_id == event.item_id))
        .order_by(Shipment.lab_id, event.at, Item.code, event.id)
    )
    if lab_id is not None:
        query = query.where(Shipment.lab_id == lab_id)
    lines = []
    for (lab, lab_name, code, number, product_id, product, shipment, sent_at, came_from, next_status, next_at,
         prev_status, reason_id, reason_zh, reason_en, reason_text, price, customer) in session.execute(query):
        rework = came_from is S.REWORK or (came_from is None and prev_status is S.REWORK)
        lines.append(LabLine(
            lab, lab_name, code, codes.display_order_number(number), product_id, product, shipment,
            sent_at, next_at if next_status is S.RETURNED else None, rework,
            reason_id if rework else None, reason_zh if rework else None, reason_en if rework else None,
            reason_text if rework else None, price, customer))
    return lines

