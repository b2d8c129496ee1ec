"""An item's whole history (every event, who, where, which shipment, why) and its order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Choice, Item, ItemEvent, ItemStatus, Lab, Shipment, Staff
from . import lookup
from .choices import ChoiceEntry, view
from .receiving import ScannedItem, scanned_item


@dataclass(frozen=True)
class HistoryEvent:
    at: dt.datetime
    from_status: ItemStatus | None  # None: the item was made (as waiting)
    to_status: ItemStatus
    staff_name: str | None
    station: str | None
    shipment_id: int | None
    shipment_lab: str | None
    rework_reason: ChoiceEntry | None
    reason: str | None
    note: str | None


@dataclass(frozen=True)
class ItemHistory:
    item: ScannedItem
    expected_return: dt.date | None
    shelf: str | None
    events: list[HistoryEvent]
    order: lookup.OrderSheet  # the order's items with their statuses


_E, _SH = ItemEvent.__table__, Shipment.__table__


def item_history(session: Session, code: str) -> ItemHistory:
    """Every event of the item ``code`` names, oldest first, and its order's items."""
    item = scanned_item(session, code)
    row = session.execute(select(Item.expected_return, Item.shelf).where(Item.id == item.item_id)).one()
    events = []
    query = (
        select(_E.c.at, _E.c.from_status, _E.c.to_status, Staff.name, _E.c.station, _E.c.shipment_id, Lab.name,
               Choice, _E.c.reason, _E.c.note)
        .select_from(_E)
        .outerjoin(Staff, Staff.id == _E.c.staff_id)
        .outerjoin(_SH, _SH.c.id == _E.c.shipment_id)
        .outerjoin(Lab, Lab.id == _SH.c.lab_id)
        .outerjoin(Choice, Choice.id == _E.c.rework_reason_id)
        .where(_E.c.item_id == item.item_id)
        .order_by(_E.c.id)
    )
    for at, before, after, staff, station, shipment, lab, choice, reason, note in session.execute(query):
        events.append(HistoryEvent(at, before, after, staff, station, shipment, lab,
                                   view(choice) if choice is not None else None, reason, note))
    number = item.order_number.rsplit("-", 1)[0]
    return ItemHistory(item, row.expected_return, row.shelf, events, lookup.sheet_of_order(session, number))
