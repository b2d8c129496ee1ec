"""The pickup station (取件): what one scan shows, and handing the order over.

:func:`station_view` turns a scanned item label or order slip into what the station shows:
every item of the order across its sessions, grouped by session, each with its status, when
it is expected back (and whether that is overdue), its shelf place, and when and by whom it
was picked up; the summary (N of M ready, what is missing and when it is expected) and the
balance due. It is the pickup query (:func:`app.services.lookup.order_sheet`, one round trip)
seen through today's date.

:func:`hand_over` picks up the chosen ready items in one transaction (all or nothing, rows
locked, through the lifecycle): an empty selection, an item of another order or one not
ready is refused with the reason; a balance due is refused unless a manager's name and PIN,
checked in the same call, and a reason override it (audited). It returns what the pickup
receipt prints: the items handed over, the items still owed with their expected dates, and
the balance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Item, ItemStatus, Order, Progress, Tier
from . import codes, lifecycle, lookup
from .balance import Balance, order_balance
from .clock import SYSTEM_CLOCK, Clock, require_aware
from .errors import BadInput, ConcurrentChange, ScanRefused
from .staff import Actor, Permission, require, verify_manager
from .text import FIELD_TEXT, checked_text

S = ItemStatus
# Items the customer still waits for: not ready, not picked up, not cancelled.
MISSING = frozenset({S.WAITING, S.SENT, S.RETURNED, S.REWORK})


@dataclass(frozen=True)
class Tile:
    """One item as the station shows it."""

    code: str
    seq: int
    product: str
    description: str | None
    status: ItemStatus
    expected_return: dt.date | None  # when a lab should send it back (at the lab only)
    overdue: bool  # at the lab past its expected return date
    shelf: str | None  # where it waits (ready)
    picked_up_at: dt.datetime | None
    picked_up_by: str | None

    @property
    def ready(self) -> bool:
        return self.status is S.READY

    @property
    def missing(self) -> bool:
        return self.status in MISSING


@dataclass(frozen=True)
class SessionGroup:
    seq: int
    name: str
    tiles: list[Tile]


@dataclass(frozen=True)
class StationView:
    order_id: int
    number: str  # as stored, YYMM-NNNN
    customer_name: str
    partner_name: str | None
    phones: list[str]
    package_name: str
    progress: Progress
    balance: Balance
    groups: list[SessionGroup]
    scanned_code: str | None  # the label scanned (None: the order slip)
    today: dt.date
    tier: Tier | None = None  # the customer's, read with the order (one round trip per scan)

    @property
    def checked_number(self) -> str:
        return codes.display_order_number(self.number)

    @property
    def tiles(self) -> list[Tile]:
        return [t for g in self.groups for t in g.tiles]

    @property
    def ready(self) -> list[Tile]:
        return [t for t in self.tiles if t.ready]

    @property
    def missing(self) -> list[Tile]:
        """What the customer still waits for, the soonest expected first (unknown dates last)."""
        return sorted((t for t in self.tiles if t.missing),
                      key=lambda t: (t.expected_return is None, t.expected_return or dt.date.max, t.seq))

    @property
    def open_count(self) -> int:
        """M of "N of M ready": items neither picked up nor cancelled."""
        return sum(t.ready or t.missing for t in self.tiles)

    @property
    def picked_up_count(self) -> int:
        return sum(t.status is S.PICKED_UP for t in self.tiles)

    @property
    def due_fen(self) -> int:
        return self.balance.due_fen

    @property
    def complete(self) -> bool:
        """Everything still to collect is ready (and there is something)."""
        return bool(self.ready) and not self.missing

    @property
    def may_hand_over_all(self) -> bool:
        """One key or the slip scanned again hands everything over: all ready, nothing due."""
        return self.complete and self.due_fen <= 0


def view_of(sheet: lookup.OrderSheet, today: dt.date) -> StationView:
    """The station's view of a pickup sheet (no query)."""
    groups: dict[int, SessionGroup] = {}
    for line in sheet.items:
        group = groups.get(line.session_seq)
        if group is None:
            group = groups[line.session_seq] = SessionGroup(line.session_seq, line.session_name, [])
        at_lab = line.status is S.SENT
        group.tiles.append(Tile(
            code=line.code, seq=line.seq, product=line.product, description=line.description, status=line.status,
            expected_return=line.expected_return if at_lab else None,
            overdue=at_lab and line.expected_return is not None and line.expected_return < today,
            shelf=line.shelf if line.status is S.READY else None,
            picked_up_at=line.picked_up_at, picked_up_by=line.picked_up_by))
    scanned = None
    if sheet.scanned_item_seq is not None:
        scanned = next((i.code for i in sheet.items if i.seq == sheet.scanned_item_seq), None)
    return StationView(sheet.order_id, sheet.number, sheet.customer_name, sheet.partner_name, sheet.phones,
                       sheet.package_name, sheet.progress, sheet.balance,
                       [groups[k] for k in sorted(groups)], scanned, today, sheet.tier)


def station_view(session: Session, scanned: str, *, clock: Clock = SYSTEM_CLOCK) -> StationView:
    """What the station shows for a scanned item label or order slip (one round trip).

    A malformed code or a wrong check character raises BadInput, a code of no order
    NotFound; a cancelled item's label is refused (ScanRefused): it is never handed over,
    and its order is not opened by it."""
    sheet = lookup.order_sheet(session, scanned)
    view = view_of(sheet, clock.today())
    if view.scanned_code is not None:
        tile = next(t for t in view.tiles if t.code == view.scanned_code)
        if tile.status is S.CANCELLED:
            raise ScanRefused("{code} was cancelled; it is not handed over. Nothing changed.", code=tile.code)
    return view


def view_of_order(session: Session, number: str, *, clock: Clock = SYSTEM_CLOCK) -> StationView:
    """The station's view of an order the program already holds (``YYMM-NNNN``)."""
    return view_of(lookup.sheet_of_order(session, number), clock.today())


@dataclass(frozen=True)
class Override:
    """A manager overrides the balance due at this station: name and PIN, and why."""

    manager_name: str
    pin: str
    reason: str


@dataclass(frozen=True)
class ReceiptLine:
    code: str
    product: str
    session_name: str
    expected_return: dt.date | None = None  # owed items: when a lab should send it back
    status: ItemStatus | None = None  # owed items: where it is now


@dataclass(frozen=True)
class PickupReceipt:
    """What the pickup receipt prints."""

    order_number: str  # as stored
    customer_name: str
    partner_name: str | None
    package_name: str
    at: dt.datetime
    staff_name: str
    handed_over: list[ReceiptLine]
    owed: list[ReceiptLine]  # still to collect, with expected dates where known
    balance: Balance  # after the hand-over
    override_by: str | None = None  # the manager who let it go with a balance due
    override_reason: str | None = None
    overridden_due_fen: int = 0

    @property
    def checked_number(self) -> str:
        return codes.display_order_number(self.order_number)


def hand_over(
    session: Session, order_number: str, item_codes: list[str], actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
    override: Override | None = None,
) -> PickupReceipt:
    """Pick up the chosen ready items of one order in one transaction and return the receipt.

    ``order_number`` as stored (``YYMM-NNNN``). Refused with nothing written: an empty
    selection, an item of another order, an item not ready (each named with its state), a
    balance due without an override, an override with a wrong manager name or PIN or
    without a reason. Another station changing the same items at that moment refuses as
    ConcurrentChange (tried once more on a deadlock)."""
    require(actor, Permission.PICKUP)
    now = require_aware(clock.now(), "time")
    wanted = sorted({codes.clean(c) for c in item_codes})
    if not wanted:
        raise BadInput("Choose the ready items to hand over; nothing was handed over.")
    approver: Actor | None = None
    reason: str | None = None
    if override is not None:
        reason = checked_text(override.reason, FIELD_TEXT["reason"], 200)
        if not reason:
            raise BadInput("A balance override needs a reason; nothing was handed over.")
        approver = verify_manager(session, override.manager_name, override.pin, station=actor.station)
        require(approver, Permission.OVERRIDE_BALANCE)
        session.rollback()  # end the read of the check: the hand-over locks its rows afresh

    def attempt() -> int:
        lifecycle.lock_items(session, wanted)
        items = {i.code: i for i in session.scalars(select(Item).where(Item.code.in_(wanted)))}
        order_id = session.scalar(select(Order.id).where(Order.number == order_number))
        for code in wanted:
            item = items.get(code)
            if item is None or item.order_id != order_id:
                raise BadInput("{code} is not an item of order {order}; nothing was handed over.", code=code,
                               order=codes.display_order_number(order_number))
            if item.status is not S.READY:
                raise ScanRefused("{code} is {state}; only ready items are handed over. Nothing was handed over.",
                                  code=code, state=lifecycle.STATUS_TEXT[item.status])
        due = order_balance(session, order_id).due_fen if order_id is not None else 0
        for code in wanted:
            lifecycle.pick_up_in_transaction(session, items[code], actor, override_reason=reason if due > 0 else None,
                                             approver=approver, clock=clock)
            session.flush()
        session.commit()
        return due

    due_before = lifecycle.with_retry(
        session, attempt,
        lambda: ConcurrentChange("Another station changed this order just now; nothing was handed over. "
                                 "Scan it again."),
        f"pickup of {order_number}")
    after = lookup.sheet_of_order(session, order_number)
    chosen = set(wanted)
    handed = [ReceiptLine(i.code, i.product, i.session_name) for i in after.items if i.code in chosen]
    owed = [ReceiptLine(i.code, i.product, i.session_name, i.expected_return if i.status is S.SENT else None,
                        i.status) for i in after.items if i.status in MISSING or i.status is S.READY]
    overridden = due_before > 0 and approver is not None
    return PickupReceipt(
        after.number, after.customer_name, after.partner_name, after.package_name, now, actor.name, handed, owed,
        after.balance, approver.name if overridden and approver else None, reason if overridden else None,
        due_before if overridden else 0)


def left_behind(view: StationView, chosen: list[str]) -> list[Tile]:
    """What stays behind when only ``chosen`` are handed over: every other item still to
    collect (ready ones not chosen, and missing ones), for the warning before a partial pickup."""
    picked = set(chosen)
    return [t for t in view.tiles if (t.ready and t.code not in picked) or t.missing]
