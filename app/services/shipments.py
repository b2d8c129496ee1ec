"""Send-out (发件): a shipment (发件单) for one lab, built scan by scan, then closed.

A shipment under construction is a row (``closed_at`` NULL) opened at one station for one
lab; each accepted scan commits one :class:`ShipmentLine` and changes nothing else (the item
stays waiting or in rework), so a scan shown as accepted survives a dead PC, and another
station scanning the same item into another shipment is told where it already is. Closing
(:func:`close_shipment`) sends every line's item through the lifecycle in one transaction,
with its expected return from the lab's turnaround and the lab's price at that moment; a
line the lifecycle refuses then (cancelled meanwhile) is reported and dropped, the rest go.

An item is in at most one open shipment: checked here under the item's lock
(:func:`lifecycle.lock_items`) and kept by the database (``shipment_lines.open_item_id`` is
unique and NULL once closed).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, and_, bindparam, delete, exists, func, insert, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import (
    Customer, DesignStatus, Item, ItemStatus, Lab, LabPrice, Order, ProductType, Shipment, ShipmentLine, Staff,
)
from . import codes, lifecycle
from .clock import STUDIO_TZ, SYSTEM_CLOCK, Clock, require_aware
from .errors import BadInput, ConcurrentChange, NotFound, ScanRefused, StudioError
from .messages import Message, phrases
from .staff import Actor, Permission, record, require

log = logging.getLogger(__name__)
S = ItemStatus
PAGE_SIZE = 100
SENDABLE = (S.WAITING, S.REWORK)
APPROVED_ENOUGH = (DesignStatus.NOT_NEEDED, DesignStatus.APPROVED)

# Why a design holds an item back (English; translated where shown).
DESIGN_TEXT = phrases({
    DesignStatus.DESIGNING: "still being designed",
    DesignStatus.AWAITING_APPROVAL: "waiting for the customer to approve its design",
})


@dataclass(frozen=True)
class LineView:
    line_id: int
    item_id: int
    code: str
    customer_name: str
    product: str
    order_number: str  # as printed and scanned: with its check character
    lab_price_fen: int | None  # None: the lab has no price for this product
    added_at: dt.datetime
    added_by: str | None


@dataclass(frozen=True)
class ShipmentView:
    id: int
    lab_id: int
    lab_name: str
    sent_at: dt.datetime  # opened at while open; left at once closed
    closed_at: dt.datetime | None
    station: str | None
    staff_name: str | None
    lines: list[LineView]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def total_fen(self) -> int:
        return sum(line.lab_price_fen or 0 for line in self.lines)

    @property
    def unpriced(self) -> int:
        """Lines whose lab has no price for the product."""
        return sum(line.lab_price_fen is None for line in self.lines)


@dataclass(frozen=True)
class Added:
    shipment_id: int
    line: LineView
    added: bool  # False: it was on this shipment already; nothing changed
    message: Message


@dataclass(frozen=True)
class Closed:
    shipment_id: int
    sent: list[str]  # item codes now at the lab
    refused: list[tuple[str, Message]]  # dropped from the shipment, and why
    total_fen: int
    unpriced: int


@dataclass(frozen=True)
class WaitingRow:
    item_id: int
    code: str
    customer_name: str
    product: str
    order_number: str
    status: ItemStatus
    lab_price_fen: int | None


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(STUDIO_TZ).strftime("%Y-%m-%d %H:%M")


def _product(name: str, description: str | None) -> str:
    return f"{name} ({description})" if description else name


def _price(session: Session, lab_id: int, product_type_id: int) -> int | None:
    return session.scalar(select(LabPrice.price_fen).where(
        LabPrice.lab_id == lab_id, LabPrice.product_type_id == product_type_id))


def _lab(session: Session, lab_id: int) -> Lab:
    lab = session.get(Lab, lab_id)
    if lab is None:
        raise NotFound("Lab {id} does not exist.", id=lab_id)
    return lab


def _line_query():  # type: ignore[no-untyped-def]
    return (
        select(ShipmentLine.id, Item.id, Item.code, Customer.name, ProductType.name, Item.description, Order.number,
               ShipmentLine.lab_price_fen, ShipmentLine.added_at, Staff.name)
        .join(Item, Item.id == ShipmentLine.item_id)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .outerjoin(Staff, Staff.id == ShipmentLine.added_by)
    )


def _line_view(row) -> LineView:  # type: ignore[no-untyped-def]
    line_id, item_id, code, customer, product, description, number, price, added_at, staff = row
    return LineView(line_id, item_id, code, customer, _product(product, description),
                    codes.display_order_number(number), price, added_at, staff)


def shipment(session: Session, shipment_id: int) -> ShipmentView:
    """A shipment with its lines in the order they were added."""
    ship = session.get(Shipment, shipment_id)
    if ship is None:
        raise NotFound("Shipment {number} does not exist.", number=shipment_id)
    lines = [_line_view(r) for r in session.execute(
        _line_query().where(ShipmentLine.shipment_id == shipment_id).order_by(ShipmentLine.id))]
    staff = session.get(Staff, ship.staff_id) if ship.staff_id else None
    return ShipmentView(ship.id, ship.lab_id, ship.lab.name, ship.sent_at, ship.closed_at, ship.station,
                        staff.name if staff else None, lines)


def open_shipment(session: Session, lab_id: int, actor: Actor) -> ShipmentView | None:
    """The shipment open for this lab at the actor's station (the newest), to resume after a
    restart; None when there is none (the first accepted scan opens one)."""
    ship_id = session.scalar(
        select(Shipment.id).where(Shipment.lab_id == lab_id, Shipment.closed_at.is_(None),
                                  Shipment.station == actor.station).order_by(Shipment.id.desc()).limit(1))
    return shipment(session, ship_id) if ship_id is not None else None


def _where_is(session: Session, item_id: int) -> tuple[int, str, str | None, dt.datetime] | None:
    """The open shipment holding this item: (number, lab, added by, added at), or None."""
    row = session.execute(
        select(Shipment.id, Lab.name, Staff.name, ShipmentLine.added_at)
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
        .join(Lab, Lab.id == Shipment.lab_id)
        .outerjoin(Staff, Staff.id == ShipmentLine.added_by)
        .where(ShipmentLine.open_item_id == item_id)).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


def _item_code(code_text: str) -> str:
    parsed = codes.parse_code(code_text)
    if not parsed.is_item:
        raise BadInput("{code} is an order number; scan an item label.", code=codes.clean(code_text))
    return codes.item_code(parsed.order_number, parsed.item_seq or 0)


@dataclass(frozen=True)
class _Candidate:
    """What a scan needs to know about an item, read in one statement."""

    id: int
    code: str
    status: ItemStatus
    design_status: DesignStatus
    lab_id: int | None
    expected_return: dt.date | None
    in_house: bool
    view: tuple[str, str, str]  # customer, product, order number (checked)
    lab_price_fen: int | None  # the shipment's lab's price for it
    holder: int | None  # the open shipment it is on


def _sendable(session: Session, item: _Candidate | Item, lab_id: int, lab_name: str, in_house: bool) -> None:
    """Why this item may not go on a shipment to this lab (raised), checked at once on a scan
    rather than when the shipment closes. Nothing is written."""
    if item.status is S.SENT:
        at_lab = session.get(Lab, item.lab_id) if item.lab_id else None
        raise ScanRefused(
            "{code} is already at the lab {lab} (expected back {expected}); receive it first. Nothing changed.",
            code=item.code, lab=at_lab.name if at_lab else "?",
            expected=item.expected_return.isoformat() if item.expected_return else "?")
    if item.status not in SENDABLE:
        raise ScanRefused("{code} is {state}; it cannot be sent to a lab. Nothing changed.",
                          code=item.code, state=lifecycle.STATUS_TEXT[item.status])
    if item.design_status not in APPROVED_ENOUGH:
        raise ScanRefused("{code} is {design}: it goes to a lab once the customer approves it. Nothing changed.",
                          code=item.code, design=DESIGN_TEXT[item.design_status])
    if item.lab_id is not None and item.lab_id != lab_id:
        other = session.get(Lab, item.lab_id)
        raise ScanRefused(
            "{code} is meant for {other}, not {lab}: put it on a shipment to {other}, or change its lab on the "
            "order. Nothing changed.", code=item.code, other=other.name if other else "?", lab=lab_name)
    if in_house:
        raise ScanRefused("{code} is made in the studio, not by a lab. Nothing changed.", code=item.code)


# Built once: a scan runs these, and making the statement anew cost as much as running it.
# They run as Core on the session's connection: the ORM's per-statement
# bookkeeping cost more than the statements themselves, and a scan needs no ORM objects.
_ADD_LINE = insert(cast(Table, ShipmentLine.__table__))
_CANDIDATE = (
    select(Item.id, Item.code, Item.status, Item.design_status, Item.lab_id, Item.expected_return,
           ProductType.in_house, Customer.name, ProductType.name, Item.description, Order.number,
           LabPrice.price_fen, ShipmentLine.shipment_id)
    .join(Order, Order.id == Item.order_id)
    .join(Customer, Customer.id == Order.customer_id)
    .join(ProductType, ProductType.id == Item.product_type_id)
    .outerjoin(LabPrice, and_(LabPrice.lab_id == bindparam("lab_id"), LabPrice.product_type_id == Item.product_type_id))
    .outerjoin(ShipmentLine, ShipmentLine.open_item_id == Item.id)
    .where(Item.code == bindparam("code"))
    .with_for_update(of=Item.__table__, key_share=True))
_SHIPMENT = (select(Shipment.id, Shipment.closed_at, Lab.id, Lab.name, Lab.active)
             .join(Lab, Lab.id == Shipment.lab_id)
             .with_for_update(of=Shipment.__table__, read=True, key_share=True))
_SHIPMENT_BY_ID = _SHIPMENT.where(Shipment.id == bindparam("shipment_id"))
_OPEN_SHIPMENT_OF_STATION = (
    _SHIPMENT.where(Shipment.lab_id == bindparam("lab_id"), Shipment.closed_at.is_(None),
                    Shipment.station == bindparam("station")).order_by(Shipment.id.desc()).limit(1))


def _candidate(session: Session, item_code: str, lab_id: int) -> _Candidate:
    """The scanned item with what the screen shows and what the rules need, its row locked
    (PostgreSQL: two stations scanning it wait for each other; SQLite has one writer)."""
    row = session.connection().execute(_CANDIDATE, {"code": item_code, "lab_id": lab_id}).first()
    if row is None:
        raise NotFound("No item has the code {code}.", code=item_code)
    (item_id, code, status, design, item_lab, expected, in_house, customer, product, description, number,
     price, holder) = row
    return _Candidate(item_id, code, status, design, item_lab, expected, bool(in_house),
                      (customer, _product(product, description), codes.display_order_number(number)), price, holder)


def _shipment_to_fill(
    session: Session, shipment_id: int | None, lab_id: int | None, station: str | None,
) -> tuple[int | None, int, str, bool]:
    """(open shipment or None, lab, lab name, lab in use) for a scan. The shipment's row is
    share-locked, so a close at another station waits for this scan (and this scan sees a
    close that came first)."""
    if shipment_id is not None:
        row = session.connection().execute(_SHIPMENT_BY_ID, {"shipment_id": shipment_id}).first()
        if row is None:
            raise NotFound("Shipment {number} does not exist.", number=shipment_id)
        if row[1] is not None:
            raise ScanRefused("Shipment {number} was closed at {time}; start a new one. Nothing changed.",
                              number=row[0], time=_local(row[1]))
        return row[0], row[2], row[3], row[4]
    assert lab_id is not None
    if station is not None:
        row = session.connection().execute(_OPEN_SHIPMENT_OF_STATION, {"lab_id": lab_id, "station": station}).first()
    else:  # "= NULL" would find nothing
        row = session.execute(_SHIPMENT.where(Shipment.lab_id == lab_id, Shipment.closed_at.is_(None),
                                              Shipment.station.is_(None)).order_by(Shipment.id.desc()).limit(1)).first()
    if row is not None:
        return row[0], row[2], row[3], row[4]
    lab = _lab(session, lab_id)
    return None, lab.id, lab.name, lab.active


def add_to_shipment(
    session: Session, code: str, actor: Actor, *, shipment_id: int | None = None, lab_id: int | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Added:
    """One scan in send-out: put the item on the open shipment (``shipment_id``), or on this
    station's open shipment for ``lab_id`` (opened by the first accepted scan), and commit.

    Refused with the reason and nothing written: an order slip, an unknown code, an item at a
    lab already, cancelled, picked up or ready, awaiting design approval, meant for another
    lab, made in the studio, or on another open shipment (which, of which lab, by whom, when).
    Three statements and a commit: this runs once per scan."""
    require(actor, Permission.TRACK_ITEMS)
    now = require_aware(clock.now(), "time")
    if (shipment_id is None) == (lab_id is None):
        raise ValueError("add_to_shipment takes a shipment or a lab")
    try:
        item_code = _item_code(code)
        ship_id, lab_id, lab_name, lab_active = _shipment_to_fill(session, shipment_id, lab_id, actor.station)
        item = _candidate(session, item_code, lab_id)
        customer, product, order_number = item.view
        if item.holder is not None and item.holder == ship_id:
            line = session.execute(_line_query().where(ShipmentLine.open_item_id == item.id)).one()
            session.rollback()
            return Added(ship_id, _line_view(line), False, Message(
                "{code} is on this shipment already; nothing changed.", {"code": item.code}))
        if item.holder is not None:
            holder = _where_is(session, item.id)
            assert holder is not None
            number, holder_lab, by, at = holder
            raise ScanRefused(
                "{code} is already in shipment {number} to {lab}, added by {staff} at {time}. Nothing changed.",
                code=item.code, number=number, lab=holder_lab, staff=by or "?", time=_local(at))
        _sendable(session, item, lab_id, lab_name, item.in_house)
        if not lab_active:
            raise ScanRefused("{lab} is no longer a lab the studio uses; choose another. Nothing changed.",
                              lab=lab_name)
        if ship_id is None:
            ship = Shipment(lab_id=lab_id, sent_at=now, staff_id=actor.staff_id, station=actor.station)
            ship.building = True  # open: filled scan by scan
            session.add(ship)
            session.flush()
            ship_id = ship.id
        inserted = cast(CursorResult, session.connection().execute(_ADD_LINE, {
            "shipment_id": ship_id, "item_id": item.id, "open_item_id": item.id, "added_at": now,
            "added_by": actor.staff_id, "lab_price_fen": item.lab_price_fen}))
        key = inserted.inserted_primary_key
        assert key is not None
        line_id = int(key[0])
        session.commit()
    except IntegrityError:
        # another station put it on its shipment between our check and our line
        session.rollback()
        raise ConcurrentChange("{code} was put on another shipment at another station just now; scan it again "
                               "to see where.", code=code) from None
    except Exception:
        session.rollback()
        raise
    view = LineView(line_id, item.id, item.code, customer, product, order_number, item.lab_price_fen, now, actor.name)
    return Added(ship_id, view, True, Message("{code}: {customer} · {product} · {order}", {
        "code": view.code, "customer": customer, "product": product, "order": order_number}))


def add_many(
    session: Session, item_codes: Sequence[str], actor: Actor, *, shipment_id: int | None = None,
    lab_id: int | None = None, clock: Clock = SYSTEM_CLOCK,
) -> tuple[int | None, list[Added], list[tuple[str, Message]]]:
    """Ticked rows: each added as if scanned (one commit each); returns the shipment, what
    was added and what was refused with why."""
    added: list[Added] = []
    refused: list[tuple[str, Message]] = []
    for code in item_codes:
        try:
            result = add_to_shipment(session, code, actor, shipment_id=shipment_id, lab_id=lab_id, clock=clock)
        except StudioError as exc:
            refused.append((code, exc.as_message()))
            continue
        shipment_id, lab_id = result.shipment_id, None
        added.append(result)
    return shipment_id, added, refused


def _open(session: Session, shipment_id: int, *, lock: bool = False) -> Shipment:
    query = select(Shipment).where(Shipment.id == shipment_id).execution_options(populate_existing=True)
    if lock:
        query = query.with_for_update()
    ship = session.scalar(query)
    if ship is None:
        raise NotFound("Shipment {number} does not exist.", number=shipment_id)
    if ship.closed_at is not None:
        raise ScanRefused("Shipment {number} was closed at {time}; nothing changed.",
                          number=ship.id, time=_local(ship.closed_at))
    return ship


def remove_line(session: Session, line_id: int, actor: Actor) -> str:
    """Take a line off an open shipment (the item stays where it was); returns its code."""
    require(actor, Permission.TRACK_ITEMS)
    try:
        line = session.get(ShipmentLine, line_id)
        if line is None:
            raise NotFound("That line is no longer on the shipment.")
        _open(session, line.shipment_id)
        code = session.scalar(select(Item.code).where(Item.id == line.item_id)) or ""
        session.delete(line)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return code


def discard_shipment(session: Session, shipment_id: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Throw away an open shipment and its lines (nothing was sent); audited. Returns how
    many lines it had."""
    require(actor, Permission.TRACK_ITEMS)
    try:
        ship = _open(session, shipment_id, lock=True)
        count = session.scalar(select(func.count()).where(ShipmentLine.shipment_id == ship.id)) or 0
        session.execute(delete(ShipmentLine).where(ShipmentLine.shipment_id == ship.id))
        record(session, actor, "shipment.discard", f"shipment:{ship.id}",
               Message("lab {lab}; {n} lines", {"lab": ship.lab_id, "n": count}), clock=clock)
        session.delete(ship)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return count


_CLOSE_CHANGED = "Another station changed items of this shipment just now; nothing was sent. Close it again."


def close_shipment(session: Session, shipment_id: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> Closed:
    """Send every item of the open shipment (one transaction): each becomes ``sent`` through
    the lifecycle, with its expected return, and its line keeps the lab's price now. A line
    the lifecycle refuses is dropped and reported; the rest are sent. When none can go, the
    refused lines are dropped and the shipment stays open and empty."""
    require(actor, Permission.TRACK_ITEMS)
    now = require_aware(clock.now(), "time")
    return lifecycle.with_retry(session, lambda: _close(session, shipment_id, actor, now, clock),
                                lambda: ConcurrentChange(_CLOSE_CHANGED), f"closing shipment {shipment_id}")


def _close(session: Session, shipment_id: int, actor: Actor, now: dt.datetime, clock: Clock) -> Closed:
    ship = _open(session, shipment_id, lock=True)
    # A write first: the transaction is open (on SQLite the driver begins it before a write,
    # not before a SAVEPOINT), so each line's savepoint below nests inside this one transaction.
    session.execute(update(Shipment).where(Shipment.id == ship.id).values(staff_id=actor.staff_id))
    lines = list(session.scalars(select(ShipmentLine).where(ShipmentLine.shipment_id == ship.id)
                                 .order_by(ShipmentLine.id)))
    if not lines:
        raise BadInput("Shipment {number} has no items yet: scan or tick items first.", number=ship.id)
    item_codes = dict(session.execute(select(Item.id, Item.code).where(Item.id.in_([ln.item_id for ln in lines]))).all())
    lifecycle.lock_items(session, item_codes.values())
    sent: list[str] = []
    refused: list[tuple[str, Message]] = []
    total = unpriced = 0
    for line in lines:
        item = session.get(Item, line.item_id)
        assert item is not None
        try:
            with session.no_autoflush, session.begin_nested():
                _sendable(session, item, ship.lab_id, ship.lab.name, bool(session.scalar(
                    select(ProductType.in_house).where(ProductType.id == item.product_type_id))))
                result = lifecycle.send_in_transaction(session, item, actor, lab_id=ship.lab_id,
                                                       shipment_id=ship.id, clock=clock)
                if not result.changed:
                    raise ScanRefused("{code} is at the lab already; nothing changed.", code=item.code)
                session.flush()
        except StudioError as exc:
            refused.append((item.code, exc.as_message()))
            session.delete(line)
            continue
        line.lab_price_fen = _price(session, ship.lab_id, item.product_type_id)
        line.open_item_id = None
        total += line.lab_price_fen or 0
        unpriced += line.lab_price_fen is None
        sent.append(item.code)
    if sent:
        ship.closed_at = ship.sent_at = now
    session.commit()
    return Closed(ship.id, sent, refused, total, unpriced)


def waiting_for_lab(
    session: Session, lab_id: int, *, offset: int = 0, limit: int = PAGE_SIZE,
) -> tuple[list[WaitingRow], bool]:
    """Items that may go to this lab now, oldest first, a page at a time: waiting or back for
    rework, design approved (or not needed), meant for this lab or no lab yet, made by a lab,
    and on no open shipment. Returns the page and whether more may follow."""
    on_open_shipment = exists().where(ShipmentLine.open_item_id == Item.id)
    # the page's ids first (index on lab and status), then the details of those rows only
    page = (
        select(Item.id)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .where(or_(Item.lab_id == lab_id, Item.lab_id.is_(None)), Item.status.in_(SENDABLE),
               Item.design_status.in_(APPROVED_ENOUGH), ProductType.in_house.is_(False), ~on_open_shipment)
        .order_by(Item.status_at, Item.id).offset(offset).limit(limit + 1)
    ).scalar_subquery()
    query = (
        select(Item.id, Item.code, Customer.name, ProductType.name, Item.description, Order.number, Item.status,
               LabPrice.price_fen)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .outerjoin(LabPrice, and_(LabPrice.lab_id == lab_id, LabPrice.product_type_id == Item.product_type_id))
        .where(Item.id.in_(page))
        .order_by(Item.status_at, Item.id)
    )
    rows = [WaitingRow(r[0], r[1], r[2], _product(r[3], r[4]), codes.display_order_number(r[5]), r[6], r[7])
            for r in session.execute(query)]
    return rows[:limit], len(rows) > limit
