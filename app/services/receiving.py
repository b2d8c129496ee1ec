"""Receiving (回件) and checking (理件) one scanned item at a time.

A scan at the production desk is one step of the item lifecycle in one transaction, or
two when the studio receives and passes with one scan (the item's ``returned`` and
``ready`` events are then committed together, or neither). Every step goes through
:mod:`app.services.lifecycle` (its rules, permissions, events and order progress).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..models import Choice, ChoiceKind, Customer, Item, ItemStatus, Lab, Order, ProductType
from ..models.prepared import PreparedQuery
from . import codes, lifecycle
from .choices import OTHER_KEY
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .messages import Message
from .staff import Actor, require
from .studio import get_setting

log = logging.getLogger(__name__)
S = ItemStatus
RECEIVE_AND_PASS = "receive_and_pass"  # studio setting: "1" makes one scan receive and pass an item


class ScanMode(enum.StrEnum):
    RECEIVE = "receive"  # 回件: sent -> returned
    PASS = "pass"  # 理件合格: returned -> ready (with a shelf place)
    REWORK = "rework"  # 返工: returned/ready -> rework, with a reason (an item still at the lab is received first)
    RECEIVE_AND_PASS = "receive_and_pass"  # 回件并理件: sent -> returned -> ready in one scan


def steps(mode: ScanMode, current: ItemStatus) -> list[ItemStatus]:
    """The lifecycle steps one scan in ``mode`` makes on an item that is ``current``."""
    if mode is ScanMode.RECEIVE:
        return [S.RETURNED]
    if mode is ScanMode.PASS:
        return [S.READY]
    if mode is ScanMode.REWORK:
        return [S.RETURNED, S.REWORK] if current is S.SENT else [S.REWORK]
    return [S.RETURNED, S.READY] if current is S.SENT else [S.READY]


def receive_and_pass_default(session: Session) -> bool:
    return (get_setting(session, RECEIVE_AND_PASS) or "0") == "1"


@dataclass(frozen=True)
class ScannedItem:
    item_id: int
    code: str
    order_number: str  # with its check character
    customer_name: str
    product: str
    lab_name: str | None
    status: ItemStatus


@dataclass(frozen=True)
class ScanAnswer:
    item: ScannedItem  # as it is after the scan
    before: ItemStatus
    changed: bool
    message: Message  # the last step's: "code: before -> after", or "already ..."


_I, _O, _C, _PT, _L = (Item.__table__, Order.__table__, Customer.__table__, ProductType.__table__, Lab.__table__)
_INFO = (
    select(_I.c.id, _I.c.code, _O.c.number, _C.c.name, _PT.c.name, _L.c.name, _I.c.status)
    .select_from(_I).join(_O, _O.c.id == _I.c.order_id).join(_C, _C.c.id == _O.c.customer_id)
    .join(_PT, _PT.c.id == _I.c.product_type_id).outerjoin(_L, _L.c.id == _I.c.lab_id)
)


# The receive scan's one read: the answer line's names and what the move needs, the item's and
# its order's rows locked (PostgreSQL: two stations scanning it wait for each other).
_RECEIVING = PreparedQuery(
    _INFO.add_columns(_I.c.design_status, _I.c.version, _I.c.order_id, _O.c.cancelled_at, _O.c.progress,
                      _O.c.progress_due)
    .where(_I.c.code == bindparam("code")).with_for_update(of=[_I, _O], key_share=True), "code")


def _code(code_text: str) -> str:
    parsed = codes.parse_code(code_text)
    if not parsed.is_item:
        raise BadInput("{code} is an order number; scan an item label.", code=codes.clean(code_text))
    return codes.item_code(parsed.order_number, parsed.item_seq or 0)


def scanned_item(session: Session, code_text: str) -> ScannedItem:
    """The item a scanned or typed code names, with its customer, product and order."""
    code = _code(code_text)
    row = session.execute(_INFO.where(_I.c.code == code)).first()
    if row is None:
        raise NotFound("No item has the code {code}.", code=code)
    return ScannedItem(row[0], row[1], codes.display_order_number(row[2]), row[3], row[4], row[5], row[6])


def check_scan(session: Session, code_text: str, mode: ScanMode, actor: Actor) -> ScannedItem:
    """Would a scan in ``mode`` be taken? The item, or the refusal the scan would get;
    nothing is written. Rework asks this before the reason is picked."""
    mode = as_enum(ScanMode, mode, "scan mode")
    item = scanned_item(session, code_text)
    current = item.status
    for target in steps(mode, item.status):
        require(actor, lifecycle.TRANSITION_PERMISSION[target])
        if current is target:
            raise BadInput("{code} is already {state}; nothing changed.", code=item.code,
                           state=lifecycle.STATUS_TEXT[target])
        lifecycle.check_transition(item.code, current, target, None, from_list=True)
        current = target
    return item


def _rework_reason(session: Session, rework_reason_id: int | None, detail: str | None) -> None:
    if rework_reason_id is None:
        if not (detail or "").strip():
            raise BadInput("Rework needs a reason.")
        return
    row = session.get(Choice, rework_reason_id)
    if row is not None and row.kind is ChoiceKind.REWORK_REASON and row.key == OTHER_KEY and not (detail or "").strip():
        raise BadInput("The rework reason “other” needs a note saying what is wrong.")


def apply_scan(
    session: Session, code_text: str, mode: ScanMode, actor: Actor, *, shelf: str | None = None,
    rework_reason_id: int | None = None, detail: str | None = None, clock: Clock = SYSTEM_CLOCK,
) -> ScanAnswer:
    """One scan at the production desk, committed as one transaction.

    ``shelf`` goes with passing (the pickup shelf place); ``rework_reason_id`` (from the
    studio's list) and ``detail`` (typed; required for "other") go with rework. Refusals
    (a wrong state, a bad code, a role that may not) write nothing; scanning an item into
    the state it is in changes nothing and says so."""
    mode = as_enum(ScanMode, mode, "scan mode")
    if mode is ScanMode.REWORK:
        _rework_reason(session, rework_reason_id, detail)
    elif rework_reason_id is not None:
        raise BadInput("A rework reason goes only with sending an item to rework.")
    return lifecycle.with_retry(
        session, lambda: _apply_scan(session, code_text, mode, actor, shelf=shelf, rework_reason_id=rework_reason_id,
                                     detail=detail, clock=clock),
        lambda: lifecycle.item_changed(code_text), f"scan {code_text}")


def _apply_scan(
    session: Session, code_text: str, mode: ScanMode, actor: Actor, *, shelf: str | None,
    rework_reason_id: int | None, detail: str | None, clock: Clock,
) -> ScanAnswer:
    code = _code(code_text)
    if mode is ScanMode.RECEIVE:
        return _receive(session, code, actor, clock)
    info = scanned_item(session, code)  # the answer line's names; NotFound for a code of no item
    lifecycle.lock_items(session, [code])  # the item and its order, read again as locked
    item = session.get(Item, info.item_id)
    assert item is not None
    before = item.status
    results = []
    for target in steps(mode, before):
        rework = target is S.REWORK
        results.append(lifecycle.move_in_transaction(
            session, item, target, actor, reason=detail if rework else None,
            shelf=shelf if target is S.READY else None, rework_reason_id=rework_reason_id if rework else None,
            clock=clock))
    changed = any(r.changed for r in results)
    if changed:
        session.commit()
    else:
        session.rollback()
    message = results[-1].message
    if changed and len(results) > 1:  # two steps in one scan: said as one, from where it was to where it is
        message = Message("{code}: {before} → {after}", {
            "code": item.code, "before": lifecycle.STATUS_TEXT[before], "after": lifecycle.STATUS_TEXT[item.status]})
    return ScanAnswer(_after(info, item.status), before, changed, message)


def _receive(session: Session, code: str, actor: Actor, clock: Clock) -> ScanAnswer:
    """回件, the desk's most frequent scan, in one read and three writes (lifecycle.receive_row)."""
    rows = _RECEIVING.rows(session.connection(), code)
    if not rows:
        raise NotFound("No item has the code {code}.", code=code)
    (item_id, code, number, customer, product, lab, status, design, version, order_id, cancelled_at, progress,
     progress_due) = rows[0]
    info = ScannedItem(item_id, code, codes.display_order_number(number), customer, product, lab, status)
    result = lifecycle.receive_row(session, lifecycle.ItemRow(
        item_id, code, status, design, version, order_id, cancelled_at is not None, progress, progress_due),
        actor, clock=clock)
    if result.changed:
        session.commit()
    else:
        session.rollback()
    return ScanAnswer(_after(info, result.to_status), status, result.changed, result.message)


def _after(info: ScannedItem, status: ItemStatus) -> ScannedItem:
    return ScannedItem(info.item_id, info.code, info.order_number, info.customer_name, info.product, info.lab_name,
                       status)
