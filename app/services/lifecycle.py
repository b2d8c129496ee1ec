"""The item lifecycle (DESIGN.md §3): the one place item status changes.

Each legal transition writes the item's cached status and an append-only event in
one transaction. Repeating a transition changes nothing and says so; an illegal one
is refused naming the current state and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, event, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.util import identity_key

from ..models import (
    ChoiceKind, DesignStatus, Item, ItemEvent, ItemStatus, Lab, LabPrice, Order, ProductType, Progress, Shipment,
    ShipmentLine,
)
from . import choices, codes
from .balance import order_balance
from .complaint_follow_up import after_pickup
from .clock import SYSTEM_CLOCK, Clock, require_aware
from .errors import BadInput, ConcurrentChange, NotFound, ScanRefused, StudioError, as_enum
from .money import amount
from .pickup_ready import queue_if_all_ready
from .progress import refresh_order_progress, refresh_progress_of
from .staff import Actor, Permission, record, require
from .messages import Message, phrases
from .text import FIELD_TEXT, checked_text, max_length

log = logging.getLogger(__name__)
T = TypeVar("T")
S = ItemStatus

# to-status -> the statuses it may be reached from
ALLOWED_FROM: dict[ItemStatus, frozenset[ItemStatus]] = {
    S.SENT: frozenset({S.WAITING, S.REWORK}),  # first send-out, or back to the lab for rework
    S.RETURNED: frozenset({S.SENT}),
    # QC failed on return, a flaw found on the shelf, or (only through a complaint's redo,
    # ``brought_back``) a picked-up item the customer brought back
    S.REWORK: frozenset({S.RETURNED, S.READY, S.PICKED_UP}),
    S.READY: frozenset({S.RETURNED, S.WAITING}),  # checked (理件); waiting -> ready: made in-house
    S.PICKED_UP: frozenset({S.READY}),
    S.CANCELLED: frozenset({S.WAITING, S.SENT, S.RETURNED, S.REWORK, S.READY}),
}

# What a refusal says about where the item is (English; translated where shown).
STATUS_TEXT = phrases({
    S.WAITING: "waiting to be made", S.SENT: "at the lab", S.RETURNED: "back from the lab, not yet checked",
    S.REWORK: "waiting to go back to the lab for rework", S.READY: "ready for pickup",
    S.PICKED_UP: "already picked up", S.CANCELLED: "cancelled",
})


# What a refusal says the item would have become.
TARGET_TEXT = phrases({
    S.WAITING: "waiting", S.SENT: "sent to a lab", S.RETURNED: "returned", S.REWORK: "sent to rework",
    S.READY: "ready", S.PICKED_UP: "picked up", S.CANCELLED: "cancelled",
})


# What a refusal says about an item's design approval (看样) (English; translated where shown).
DESIGN_TEXT = phrases({
    DesignStatus.NOT_NEEDED: "needs no approval", DesignStatus.DESIGNING: "still being designed",
    DesignStatus.AWAITING_APPROVAL: "waiting for the customer's approval", DesignStatus.APPROVED: "approved",
})
UNAPPROVED = frozenset({DesignStatus.DESIGNING, DesignStatus.AWAITING_APPROVAL})


# Who may make each move: production tracks items (send, receive, QC), the counter hands
# them over, a manager cancels. Checked before anything is read or written.
TRANSITION_PERMISSION: dict[ItemStatus, Permission] = {
    S.WAITING: Permission.TRACK_ITEMS, S.SENT: Permission.TRACK_ITEMS, S.RETURNED: Permission.TRACK_ITEMS,
    S.REWORK: Permission.TRACK_ITEMS, S.READY: Permission.TRACK_ITEMS, S.PICKED_UP: Permission.PICKUP,
    S.CANCELLED: Permission.CANCEL,
}


def is_allowed(current: ItemStatus, target: ItemStatus) -> bool:
    return current in ALLOWED_FROM.get(target, frozenset())


def may_go_to_lab(current: ItemStatus, design: DesignStatus | None) -> bool:
    """The approval gate: an item's first send-out waits for its design to be approved (or
    to need no approval); back to the lab for rework needs no new approval."""
    return not (current is S.WAITING and design in UNAPPROVED)


def check_transition(
    code: str, current: ItemStatus, target: ItemStatus, reason: str | None, *, from_list: bool = False,
    design: DesignStatus | None = None, brought_back: bool = False,
) -> str | None:
    """The rules every transition obeys, whoever makes it (a scan, a batch, the demo builder):
    the move is one of ALLOWED_FROM, an item goes to a lab only with its design approved
    (``design``, the item's design status; None: not checked), and rework and cancelling
    give a reason (for rework, a reason picked from the studio's list, ``from_list``, will
    do). A picked-up item goes back to rework only when a complaint redoes it (``brought_back``).
    Returns the reason without surrounding blanks (None when empty)."""
    if current is S.PICKED_UP and target is S.REWORK and not brought_back:
        raise ScanRefused(
            "{code} is {state}; a customer's item is redone through a complaint (Complaints tab). Nothing changed.",
            code=code, state=STATUS_TEXT[current],
        )
    if not is_allowed(current, target):
        raise ScanRefused(
            "{code} is {state}; it cannot be marked {target}. Nothing changed.",
            code=code, state=STATUS_TEXT[current], target=TARGET_TEXT[target],
        )
    if target is S.SENT and not may_go_to_lab(current, design):
        assert design is not None
        raise ScanRefused(
            "{code} cannot go to a lab yet: its design is {design}, and the customer must approve it first. "
            "Nothing changed.", code=code, design=DESIGN_TEXT[design],
        )
    reason = checked_text(reason, FIELD_TEXT["reason"], ItemEvent.reason)
    if target is S.REWORK and not reason and not from_list:
        raise BadInput("Rework needs a reason.")
    if target is S.CANCELLED and not reason:
        raise BadInput("Cancelling needs a reason.")
    return reason


def event_values(
    item_id: int, code: str, current: ItemStatus | None, target: ItemStatus, *, at: dt.datetime,
    staff_id: int | None, station: str | None, shipment_id: int | None = None, reason: str | None = None,
    note: str | None = None, rework_reason_id: int | None = None, design: DesignStatus | None = None,
    brought_back: bool = False,
) -> dict[str, Any]:
    """The append-only event of one transition, as column values, once the rules are checked:
    the one place an item event is made (the ORM path adds it as an ItemEvent, the demo builder
    bulk-inserts it). ``current`` None is the item's creation, which is always as waiting."""
    if current is None:
        if target is not S.WAITING:
            raise ValueError(f"item {code} is created as waiting, not {target.value}")
        reason = checked_text(reason, FIELD_TEXT["reason"], ItemEvent.reason)
    else:
        reason = check_transition(code, current, target, reason, from_list=rework_reason_id is not None,
                                  design=design, brought_back=brought_back)
    note = checked_text(note, FIELD_TEXT["note"], ItemEvent.note)
    station = checked_text(station, FIELD_TEXT["station"], ItemEvent.station)
    return {"item_id": item_id, "from_status": current, "to_status": target, "at": require_aware(at, "event time"),
            "staff_id": staff_id, "station": station, "shipment_id": shipment_id if target is S.SENT else None,
            "reason": reason, "note": note, "rework_reason_id": rework_reason_id}


@dataclass(frozen=True)
class TransitionResult:
    code: str
    from_status: ItemStatus
    to_status: ItemStatus
    changed: bool
    message: Message  # for people: translated where shown; str() gives the English


def _find_item(session: Session, code_text: str) -> Item:
    parsed = codes.parse_code(code_text)
    if not parsed.is_item:
        raise BadInput("{code} is an order number; scan an item label.", code=codes.clean(code_text))
    code = codes.item_code(parsed.order_number, parsed.item_seq or 0)
    item = session.scalar(select(Item).where(Item.code == code))
    if item is None:
        raise NotFound("No item has the code {code}.", code=code)
    return item


# SQLSTATEs of a transaction the database gave up on so that another could go on:
# serialization_failure and deadlock_detected. Retried once, then ConcurrentChange.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def _is_retryable(exc: BaseException) -> bool:
    """A serialization failure or a deadlock the database broke (PostgreSQL)."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return state in _RETRYABLE_SQLSTATES


def with_retry(session: Session, work: Callable[[], T], changed: Callable[[], ConcurrentChange], what: str) -> T:
    """Run ``work`` (one transaction that commits itself) the way every write at a scan does:
    a row another station changed meanwhile refuses with ``changed()``; a deadlock or
    serialization failure the database still reports is tried once more, then refused the
    same way; anything else rolls back and propagates. Nothing is left half-written."""
    for attempt in (1, 2):
        try:
            return work()
        except StaleDataError:
            session.rollback()
            raise changed() from None
        except DBAPIError as exc:
            session.rollback()
            if not _is_retryable(exc):
                raise
            log.warning("%s: %s (attempt %d)", what, type(exc.orig).__name__, attempt)
        except Exception:
            session.rollback()
            raise
    raise changed()


def lock_items(session: Session, item_codes: Iterable[str]) -> None:
    """Lock the rows of these items, then of their orders, each in id order, before anything
    is changed: every station takes its locks in the same order, so two batches over the
    same items wait for each other instead of deadlocking (PostgreSQL; SQLite has one writer).
    The rows are read again as locked (``populate_existing``), so the version check that
    still runs at the update compares against what is in the database now."""
    wanted = sorted(set(item_codes))
    if not wanted:
        return
    items = session.scalars(
        select(Item).where(Item.code.in_(wanted)).order_by(Item.id)
        .with_for_update(key_share=True).execution_options(populate_existing=True)).all()
    order_ids = sorted({item.order_id for item in items})
    orders = session.scalars(select(Order).where(Order.id.in_(order_ids)).order_by(Order.id)
                             .with_for_update(key_share=True).execution_options(populate_existing=True)
                             ).all() if order_ids else []
    # The session's identity map holds rows weakly: kept here until the transaction ends, the
    # rows just read are what the next session.get() of this transaction finds, without
    # asking the database again (two round trips less per scan on PostgreSQL).
    session.info.setdefault(_LOCKED_ROWS, []).extend([*items, *orders])


_LOCKED_ROWS = "lifecycle.locked_rows"


@event.listens_for(Session, "after_transaction_end")
def _let_go_of_locked_rows(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction: its locks are released now
        session.info.pop(_LOCKED_ROWS, None)


def _item_code(code_text: str) -> str | None:
    """The item code a scanned text names, or None (the refusal comes later, per line)."""
    try:
        parsed = codes.parse_code(code_text)
    except StudioError:  # a malformed code is refused where it is looked up, line by line
        return None
    return codes.item_code(parsed.order_number, parsed.item_seq or 0) if parsed.is_item else None


def expected_return(session: Session, item: Item, lab_id: int, today: dt.date) -> dt.date:
    """Today plus the lab's turnaround for this product type (else the lab's default)."""
    days = session.scalar(select(LabPrice.turnaround_days).where(
        LabPrice.lab_id == lab_id, LabPrice.product_type_id == item.product_type_id))
    if days is None:
        days = session.scalar(select(Lab.default_turnaround_days).where(Lab.id == lab_id))
    return today + dt.timedelta(days=days or 0)


def _apply(
    session: Session, item: Item, target: ItemStatus, actor: Actor, *, lab_id: int | None, shipment_id: int | None,
    reason: str | None, note: str | None, shelf: str | None, override_reason: str | None, clock: Clock,
    rework_reason_id: int | None = None, brought_back: bool = False, approver: Actor | None = None,
) -> TransitionResult:
    """``approver``: the manager who approved a balance override at this station (name and PIN
    checked by the caller), audited as the one who overrode; else ``actor`` must have the right."""
    # a complaint's redo is made by whoever handles complaints (the caller checked that)
    if not brought_back:
        require(actor, TRANSITION_PERMISSION[target])
    current = item.status
    if current is target:
        return _unchanged(item.code, target)
    note = checked_text(note, FIELD_TEXT["note"], ItemEvent.note)
    checked_text(actor.station, FIELD_TEXT["station"], ItemEvent.station)
    if rework_reason_id is not None:
        if target is not S.REWORK:
            raise BadInput("A rework reason goes only with sending an item to rework.")
        choices.usable(session, ChoiceKind.REWORK_REASON, rework_reason_id)
    reason = check_transition(item.code, current, target, reason, from_list=rework_reason_id is not None,
                              design=item.design_status, brought_back=brought_back)
    now = require_aware(clock.now(), "time")
    if target is S.CANCELLED:
        require(actor, Permission.CANCEL)
    today = clock.today()
    row_changes: dict[str, Any] = {}  # set on the item together with its status: one UPDATE
    if target is S.SENT:
        lab_id = lab_id or item.lab_id
        if lab_id is None:
            raise BadInput("Choose the lab {code} goes to.", code=item.code)
        if session.get(Lab, lab_id) is None:
            raise NotFound("Lab {id} does not exist.", id=lab_id)
        # The row is written once, with its status below: an earlier change would be flushed by
        # the next query on its own (a second UPDATE and version of the item in one move).
        row_changes.update(lab_id=lab_id, expected_return=expected_return(session, item, lab_id, today))
        shipment_id = _on_shipment(session, item, lab_id, shipment_id, actor, now)
        row_changes["shipment_id"] = shipment_id
    if target is S.READY and current is S.WAITING:
        in_house = session.scalar(select(ProductType.in_house).where(ProductType.id == item.product_type_id))
        if not in_house:
            raise ScanRefused("{code} is {state} and is made by a lab: send it out before marking it ready. "
                              "Nothing changed.", code=item.code, state=STATUS_TEXT[current])
    if target is S.READY:
        row_changes["shelf"] = checked_text(shelf, FIELD_TEXT["shelf"], Item.shelf) or item.shelf
    order = session.get(Order, item.order_id)
    assert order is not None
    if target is S.PICKED_UP:
        due = order_balance(session, order.id).due_fen
        if due > 0:
            if not (override_reason or "").strip():
                raise ScanRefused(
                    "Order {order} still owes ¥{due}; take the balance first, or a manager overrides with a reason. "
                    "Nothing changed.", order=codes.display_order_number(order.number), due=amount(due),
                )
            overrider = approver or actor
            require(overrider, Permission.OVERRIDE_BALANCE)
            prefix = "balance override: "
            limit = (max_length(ItemEvent.reason) or 0) - len(prefix)
            reason = prefix + (checked_text(override_reason, FIELD_TEXT["reason"], limit) or "")
            if approver is not None:  # a manager at someone else's station: the clerk handed them over
                detail = Message("due {due} fen; {reason}; handed over by {name}",
                                 {"due": due, "reason": override_reason, "name": actor.name})
            else:
                detail = Message("due {due} fen; {reason}", {"due": due, "reason": override_reason})
            record(session, overrider, "pickup.override_balance", f"item:{item.code}", detail, clock=clock)
    if target is S.CANCELLED:
        record(session, actor, "item.cancel", f"item:{item.code}", reason, clock=clock)

    event = event_values(item.id, item.code, current, target, at=now, staff_id=actor.staff_id, station=actor.station,
                         shipment_id=shipment_id, reason=reason, note=note, rework_reason_id=rework_reason_id,
                         design=item.design_status, brought_back=brought_back)
    for name, value in row_changes.items():
        setattr(item, name, value)
    item.status = target
    item.status_at = now
    session.add(ItemEvent(**event))
    if target is S.PICKED_UP:
        after_pickup(session, item, actor, clock)  # a complaint's redone item: its follow-up call is scheduled
    refresh_order_progress(session, order, today)
    if target is S.READY:  # the last open item ready: the customer is told (once)
        queue_if_all_ready(session, order, item, actor.staff_id, now)
    return _moved(item.code, current, target)


def _unchanged(code: str, target: ItemStatus) -> TransitionResult:
    return TransitionResult(code, target, target, False, Message(
        "{code} is already {state}; nothing changed.", {"code": code, "state": STATUS_TEXT[target]}))


def _moved(code: str, current: ItemStatus, target: ItemStatus) -> TransitionResult:
    return TransitionResult(code, current, target, True, Message(
        "{code}: {before} → {after}", {"code": code, "before": STATUS_TEXT[current], "after": STATUS_TEXT[target]}))


@dataclass(frozen=True)
class ItemRow:
    """An item read as a row with its order, locked by the caller (a scan's one query)."""
    id: int
    code: str
    status: ItemStatus
    design_status: DesignStatus
    version: int
    order_id: int
    order_cancelled: bool
    order_progress: Progress
    order_progress_due: dt.date | None


_ITEMS, _EVENTS = cast(Table, Item.__table__), cast(Table, ItemEvent.__table__)
# Built once: the receiving desk's scan runs them. The version check is the ORM's own
# (``version_id_col``): a row another station moved meanwhile updates nothing.
_MOVE = (update(_ITEMS).where(_ITEMS.c.id == bindparam("item_id"), _ITEMS.c.version == bindparam("old_version"))
         .values(status=bindparam("to_status"), status_at=bindparam("at"), version=bindparam("new_version")))
_ADD_EVENT = insert(_EVENTS)


def receive_row(session: Session, row: ItemRow, actor: Actor, *, clock: Clock) -> TransitionResult:
    """Receive (回件, at the lab -> returned) an item read as a row: the move of :func:`_apply`
    with the same rules, event and order progress, written as three plain statements instead
    of loading the item and its order as objects (the receiving desk's most frequent scan; a
    test holds both ways to the same rows). Inside the caller's transaction."""
    target = S.RETURNED
    require(actor, TRANSITION_PERMISSION[target])
    if row.status is target:
        return _unchanged(row.code, target)
    # in _apply's order: the station's name, the move, then the clock
    checked_text(actor.station, FIELD_TEXT["station"], ItemEvent.station)
    check_transition(row.code, row.status, target, None, design=row.design_status)
    now = require_aware(clock.now(), "time")
    event = event_values(row.id, row.code, row.status, target, at=now, staff_id=actor.staff_id, station=actor.station,
                         design=row.design_status)
    connection = session.connection()
    moved = connection.execute(_MOVE, {"item_id": row.id, "old_version": row.version, "to_status": target,
                                       "at": now, "new_version": row.version + 1})
    if moved.rowcount != 1:
        raise StaleDataError(f"item {row.code} changed since it was read")
    connection.execute(_ADD_EVENT, event)
    loaded = session.identity_map.get(identity_key(Item, row.id))
    if loaded is not None:  # this session's object of the item is read again when next used
        session.expire(loaded)
    refresh_progress_of(session, row.order_id, cancelled=row.order_cancelled, progress=row.order_progress,
                        progress_due=row.order_progress_due)
    return _moved(row.code, row.status, target)


def _on_shipment(
    session: Session, item: Item, lab_id: int, shipment_id: int | None, actor: Actor, now: dt.datetime,
) -> int:
    """Every item that leaves for a lab is a line of a shipment, with the lab's price for it
    then (month-end reconciliation reads the lines). Send-out built the line already; a
    batch gives its shipment; a single send gets a shipment of its own."""
    if shipment_id is None:
        single = Shipment(lab_id=lab_id, sent_at=now, staff_id=actor.staff_id, station=actor.station)
        session.add(single)
        session.flush()
        shipment_id = single.id
    listed = session.scalar(select(ShipmentLine.id).where(ShipmentLine.shipment_id == shipment_id,
                                                          ShipmentLine.item_id == item.id))
    if listed is None:
        price = session.scalar(select(LabPrice.price_fen).where(
            LabPrice.lab_id == lab_id, LabPrice.product_type_id == item.product_type_id))
        session.add(ShipmentLine(shipment_id=shipment_id, item_id=item.id, open_item_id=None, added_at=now,
                                 added_by=actor.staff_id, lab_price_fen=price))
    return shipment_id


def cancel_item_in_transaction(session: Session, item: Item, actor: Actor, reason: str, clock: Clock) -> None:
    """Cancel one item inside the caller's transaction (used when a whole order is cancelled)."""
    _apply(session, item, S.CANCELLED, actor, lab_id=None, shipment_id=None, reason=reason, note=None, shelf=None,
           override_reason=None, clock=clock)


def move_in_transaction(
    session: Session, item: Item, target: ItemStatus, actor: Actor, *, reason: str | None = None,
    shelf: str | None = None, rework_reason_id: int | None = None, clock: Clock,
) -> TransitionResult:
    """Move one item (locked by the caller, :func:`lock_items`) to ``target`` inside the
    caller's transaction, for a service that moves it in several steps and commits once
    (receive-and-pass at the receiving desk). Every rule of a transition holds."""
    return _apply(session, item, target, actor, lab_id=None, shipment_id=None, reason=reason, note=None, shelf=shelf,
                  override_reason=None, clock=clock, rework_reason_id=rework_reason_id)


def pick_up_in_transaction(
    session: Session, item: Item, actor: Actor, *, override_reason: str | None, approver: Actor | None,
    clock: Clock,
) -> TransitionResult:
    """Hand one item (locked by the caller, :func:`lock_items`) over inside the caller's
    transaction: the pickup station hands an order's chosen items over together and commits
    once. ``approver``: the manager who let a balance due go (name and PIN checked by the
    caller), audited as the one who overrode. Every rule of a transition holds."""
    return _apply(session, item, S.PICKED_UP, actor, lab_id=None, shipment_id=None, reason=None, note=None,
                  shelf=None, override_reason=override_reason, clock=clock, approver=approver)


def rework_for_complaint(session: Session, item: Item, actor: Actor, *, reason: str, clock: Clock) -> TransitionResult:
    """A complaint's redo: one item (locked by the caller, :func:`lock_items`) back to rework
    inside the caller's transaction, with the complaint as the reason; a picked-up item the
    customer brought back may go too. Every other rule of a transition holds."""
    if item.status is S.REWORK:
        raise ScanRefused("{code} is {state} already. Nothing changed.", code=item.code, state=STATUS_TEXT[S.REWORK])
    return _apply(session, item, S.REWORK, actor, lab_id=None, shipment_id=None, reason=reason, note=None, shelf=None,
                  override_reason=None, clock=clock, brought_back=True)


def send_in_transaction(
    session: Session, item: Item, actor: Actor, *, lab_id: int, shipment_id: int, clock: Clock,
) -> TransitionResult:
    """Send one item (locked by the caller, :func:`lock_items`) to a lab inside the caller's
    transaction: the closing of a shipment built line by line (services/shipments.py). Every
    rule of a transition holds; a refusal raises with nothing of this item written."""
    return _apply(session, item, S.SENT, actor, lab_id=lab_id, shipment_id=shipment_id, reason=None, note=None,
                  shelf=None, override_reason=None, clock=clock)


def transition(
    session: Session, code: str, target: ItemStatus, actor: Actor, *, lab_id: int | None = None,
    shipment_id: int | None = None, reason: str | None = None, note: str | None = None, shelf: str | None = None,
    override_reason: str | None = None, clock: Clock = SYSTEM_CLOCK, rework_reason_id: int | None = None,
) -> TransitionResult:
    """Move one item (by its scanned or typed code) to ``target`` and commit.

    Raises BadInput / NotFound / ScanRefused / NotAllowed / ConcurrentChange with
    nothing written.
    """
    target = as_enum(ItemStatus, target, "item status")

    def attempt() -> TransitionResult:
        item_code = _item_code(code)
        if item_code is not None:
            lock_items(session, [item_code])
        item = _find_item(session, code)
        result = _apply(session, item, target, actor, lab_id=lab_id, shipment_id=shipment_id, reason=reason,
                        note=note, shelf=shelf, override_reason=override_reason, clock=clock,
                        rework_reason_id=rework_reason_id)
        if result.changed:
            session.commit()
        else:
            session.rollback()
        return result

    return with_retry(session, attempt, lambda: item_changed(code), f"item {code}")


def item_changed(code: str) -> ConcurrentChange:
    """The refusal of a scan whose item another station changed at the same moment."""
    return ConcurrentChange("{code} was changed at another station just now; scan it again.", code=code)


@dataclass(frozen=True)
class BatchResult:
    done: list[TransitionResult]
    unchanged: list[TransitionResult]
    refused: list[tuple[str, Message]]  # (code as given, why)
    shipment_id: int | None = None


_BATCH_CHANGED = ("Another station changed some of these items just now; nothing was saved. "
                  "Scan the batch again.")


def transition_many(
    session: Session, codes_: Iterable[str], target: ItemStatus, actor: Actor, *, lab_id: int | None = None,
    reason: str | None = None, note: str | None = None, clock: Clock = SYSTEM_CLOCK, rework_reason_id: int | None = None,
) -> BatchResult:
    """Ticked rows or a stack of scans: each legal one is applied, each refusal listed;
    all applied ones are committed together. Sending out creates one shipment per lab.

    The batch's items are locked first, in id order (:func:`lock_items`); a deadlock or
    serialization failure the database still reports is retried once, then refused as
    ConcurrentChange with nothing written."""
    target = as_enum(ItemStatus, target, "item status")
    require(actor, TRANSITION_PERMISSION[target])  # the whole batch, not item by item
    require_aware(clock.now(), "time")  # a wrong clock refuses the whole batch, not each line
    note = checked_text(note, FIELD_TEXT["note"], min(max_length(ItemEvent.note) or 0, max_length(Shipment.note) or 0))
    checked_text(actor.station, FIELD_TEXT["station"], ItemEvent.station)
    raws = list(codes_)
    return with_retry(
        session, lambda: _batch(session, raws, target, actor, lab_id=lab_id, reason=reason, note=note, clock=clock,
                                rework_reason_id=rework_reason_id),
        lambda: ConcurrentChange(_BATCH_CHANGED), f"batch of {len(raws)}")


def _batch(
    session: Session, raws: list[str], target: ItemStatus, actor: Actor, *, lab_id: int | None,
    reason: str | None, note: str | None, clock: Clock, rework_reason_id: int | None,
) -> BatchResult:
    """One attempt at a batch, committed; the caller rolls back on any exception."""
    done: list[TransitionResult] = []
    unchanged: list[TransitionResult] = []
    refused: list[tuple[str, Message]] = []
    shipments: dict[int, Shipment] = {}
    lock_items(session, [c for c in map(_item_code, raws) if c is not None])
    for raw in raws:
        try:
            item = _find_item(session, raw)
            ship_id = None
            if target is S.SENT:
                item_lab = lab_id or item.lab_id
                # no shipment for an item the rules will refuse (a shipment never stands empty)
                if (item_lab is not None and session.get(Lab, item_lab) is not None and is_allowed(item.status, S.SENT)
                        and may_go_to_lab(item.status, item.design_status)):
                    if item_lab not in shipments:
                        shipments[item_lab] = Shipment(lab_id=item_lab, sent_at=clock.now(),
                                                       staff_id=actor.staff_id, note=note)
                        session.add(shipments[item_lab])
                        session.flush()
                    ship_id = shipments[item_lab].id
            with session.no_autoflush:
                result = _apply(session, item, target, actor, lab_id=lab_id, shipment_id=ship_id, reason=reason,
                                note=note, shelf=None, override_reason=None, clock=clock,
                                rework_reason_id=rework_reason_id)
            session.flush()
            (done if result.changed else unchanged).append(result)
        except StudioError as exc:
            refused.append((raw, exc.as_message()))
    session.commit()
    only = next(iter(shipments.values())).id if len(shipments) == 1 else None
    return BatchResult(done, unchanged, refused, only)


def overdue_items(session: Session, today: dt.date, *, lab_id: int | None = None, limit: int | None = None) -> list[Item]:
    """Items still at a lab after their expected return date, oldest first."""
    query = (
        select(Item)
        .where(Item.status == S.SENT, Item.expected_return < today)
        .order_by(Item.expected_return, Item.id)
    )
    if lab_id is not None:
        query = query.where(Item.lab_id == lab_id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def item_history(session: Session, item_id: int) -> list[ItemEvent]:
    return list(session.scalars(select(ItemEvent).where(ItemEvent.item_id == item_id).order_by(ItemEvent.id)))
