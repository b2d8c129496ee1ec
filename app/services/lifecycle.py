"""The item lifecycle (DESIGN.md §3): the one place item status changes.

Each legal transition writes the item's cached status and an append-only event in
one transaction. Repeating a transition changes nothing and says so; an illegal one
is refused naming the current state and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..models import ChoiceKind, Item, ItemEvent, ItemStatus, Lab, LabPrice, Order, ProductType, Shipment
from . import choices, codes
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, ConcurrentChange, NotFound, ScanRefused, as_enum
from .orders import order_balance
from .progress import refresh_order_progress
from .staff import Actor, Permission, record, require
from .messages import Message, phrases

log = logging.getLogger(__name__)
S = ItemStatus

# to-status -> the statuses it may be reached from
ALLOWED_FROM: dict[ItemStatus, frozenset[ItemStatus]] = {
    S.SENT: frozenset({S.WAITING, S.REWORK}),  # first send-out, or back to the lab for rework
    S.RETURNED: frozenset({S.SENT}),
    S.REWORK: frozenset({S.RETURNED, S.READY}),  # QC failed on return, or a flaw found on the shelf
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


# Who may make each move: production tracks items (send, receive, QC), the counter hands
# them over, a manager cancels. Checked before anything is read or written.
TRANSITION_PERMISSION: dict[ItemStatus, Permission] = {
    S.WAITING: Permission.TRACK_ITEMS, S.SENT: Permission.TRACK_ITEMS, S.RETURNED: Permission.TRACK_ITEMS,
    S.REWORK: Permission.TRACK_ITEMS, S.READY: Permission.TRACK_ITEMS, S.PICKED_UP: Permission.PICKUP,
    S.CANCELLED: Permission.CANCEL,
}


def is_allowed(current: ItemStatus, target: ItemStatus) -> bool:
    return current in ALLOWED_FROM.get(target, frozenset())


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
        raise BadInput("{code} is an order number; scan an item label.", code=parsed.order_number)
    code = codes.item_code(parsed.order_number, parsed.item_seq or 0)
    item = session.scalar(select(Item).where(Item.code == code))
    if item is None:
        raise NotFound("No item has the code {code}.", code=code)
    return item


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
    rework_reason_id: int | None = None,
) -> TransitionResult:
    require(actor, TRANSITION_PERMISSION[target])
    current = item.status
    if current is target:
        return TransitionResult(item.code, current, target, False, Message(
            "{code} is already {state}; nothing changed.", {"code": item.code, "state": STATUS_TEXT[target]}))
    if not is_allowed(current, target):
        raise ScanRefused(
            "{code} is {state}; it cannot be marked {target}. Nothing changed.",
            code=item.code, state=STATUS_TEXT[current], target=TARGET_TEXT[target],
        )
    reason = (reason or "").strip() or None
    if rework_reason_id is not None:
        if target is not S.REWORK:
            raise BadInput("A rework reason goes only with sending an item to rework.")
        choices.usable(session, ChoiceKind.REWORK_REASON, rework_reason_id)
    if target is S.REWORK and not reason and rework_reason_id is None:
        raise BadInput("Rework needs a reason.")
    if target is S.CANCELLED and not reason:
        raise BadInput("Cancelling needs a reason.")
    today = clock.today()
    if target is S.SENT:
        lab_id = lab_id or item.lab_id
        if lab_id is None:
            raise BadInput("Choose the lab {code} goes to.", code=item.code)
        if session.get(Lab, lab_id) is None:
            raise NotFound("Lab {id} does not exist.", id=lab_id)
        item.lab_id = lab_id
        item.expected_return = expected_return(session, item, lab_id, today)
        item.shipment_id = shipment_id
    if target is S.READY and current is S.WAITING:
        in_house = session.scalar(select(ProductType.in_house).where(ProductType.id == item.product_type_id))
        if not in_house:
            raise ScanRefused("{code} is {state} and is made by a lab: send it out before marking it ready. "
                              "Nothing changed.", code=item.code, state=STATUS_TEXT[current])
    if target is S.READY:
        item.shelf = (shelf or "").strip() or item.shelf
    order = session.get(Order, item.order_id)
    assert order is not None
    if target is S.PICKED_UP:
        due = order_balance(session, order.id).due_fen
        if due > 0:
            if not (override_reason or "").strip():
                raise ScanRefused(
                    "Order {order} still owes ¥{due}; take the balance first, or a manager overrides with a reason. "
                    "Nothing changed.", order=order.number, due=f"{due // 100:,}.{due % 100:02d}",
                )
            require(actor, Permission.OVERRIDE_BALANCE)
            reason = f"balance override: {override_reason.strip()}"  # type: ignore[union-attr]
            record(session, actor, "pickup.override_balance", f"item:{item.code}",
                   f"due {due} fen; {override_reason}", clock=clock)
    if target is S.CANCELLED:
        record(session, actor, "item.cancel", f"item:{item.code}", reason, clock=clock)

    now = clock.now()
    item.status = target
    item.status_at = now
    session.add(ItemEvent(
        item_id=item.id, from_status=current, to_status=target, at=now, staff_id=actor.staff_id,
        station=actor.station, shipment_id=shipment_id if target is S.SENT else None, reason=reason, note=note,
        rework_reason_id=rework_reason_id,
    ))
    refresh_order_progress(session, order, today)
    return TransitionResult(item.code, current, target, True, Message(
        "{code}: {before} → {after}", {"code": item.code, "before": STATUS_TEXT[current], "after": STATUS_TEXT[target]}))


def cancel_item_in_transaction(session: Session, item: Item, actor: Actor, reason: str, clock: Clock) -> None:
    """Cancel one item inside the caller's transaction (used when a whole order is cancelled)."""
    _apply(session, item, S.CANCELLED, actor, lab_id=None, shipment_id=None, reason=reason, note=None, shelf=None,
           override_reason=None, clock=clock)


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
    try:
        item = _find_item(session, code)
        result = _apply(session, item, target, actor, lab_id=lab_id, shipment_id=shipment_id, reason=reason,
                        note=note, shelf=shelf, override_reason=override_reason, clock=clock,
                        rework_reason_id=rework_reason_id)
        if result.changed:
            session.commit()
        else:
            session.rollback()
        return result
    except StaleDataError:
        session.rollback()
        raise ConcurrentChange("{code} was changed at another station just now; scan it again.", code=code) from None
    except Exception:
        session.rollback()
        raise


@dataclass(frozen=True)
class BatchResult:
    done: list[TransitionResult]
    unchanged: list[TransitionResult]
    refused: list[tuple[str, Message]]  # (code as given, why)
    shipment_id: int | None = None


def transition_many(
    session: Session, codes_: Iterable[str], target: ItemStatus, actor: Actor, *, lab_id: int | None = None,
    reason: str | None = None, note: str | None = None, clock: Clock = SYSTEM_CLOCK, rework_reason_id: int | None = None,
) -> BatchResult:
    """Ticked rows or a stack of scans: each legal one is applied, each refusal listed;
    all applied ones are committed together. Sending out creates one shipment per lab."""
    from .errors import StudioError

    target = as_enum(ItemStatus, target, "item status")
    require(actor, TRANSITION_PERMISSION[target])  # the whole batch, not item by item
    done: list[TransitionResult] = []
    unchanged: list[TransitionResult] = []
    refused: list[tuple[str, Message]] = []
    shipments: dict[int, Shipment] = {}
    try:
        for raw in codes_:
            try:
                item = _find_item(session, raw)
                ship_id = None
                if target is S.SENT:
                    item_lab = lab_id or item.lab_id
                    if item_lab is not None and session.get(Lab, item_lab) is not None and is_allowed(item.status, S.SENT):
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
    except StaleDataError:
        session.rollback()
        raise ConcurrentChange("Another station changed some of these items just now; nothing was saved. "
                               "Scan the batch again.") from None
    except Exception:
        session.rollback()
        raise
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
