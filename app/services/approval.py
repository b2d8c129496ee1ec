"""Design approval (看样 / 看效果图): an item whose product type needs it is designed, shown or
sent to the customer, and approved before it may go to a lab (the gate is in
:mod:`app.services.lifecycle`).

    designing ──► awaiting approval ──► approved
        ▲   (sent to the customer)  │   (in store, or a photo sent by WeChat)
        └──── needs changes ◄───────┘   (a note says what the customer wants; audited)

An act covers one or more items of one order (the customer approves two designs at once)
and is all or nothing: one item that cannot take it refuses the whole act, naming that
item, and nothing is written. Every act re-derives the order's progress ("awaiting
design approval" while a selected session has unapproved designs).

What the customer asked to change is kept in the audit log (act ``design.changes``, target
``item:<code>``, the note as detail), so the counter sees it when the customer calls and the
manager sees who took it; the approval itself is kept on the item (when, by whom, how).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..models import (
    ApprovalVia, AuditEntry, Customer, DesignStatus, Item, ItemStatus, Order, ProductType, ShootSession, Staff,
)
from . import codes
from .clock import SYSTEM_CLOCK, Clock, require_aware
from .errors import BadInput, ConcurrentChange, NotFound, ScanRefused, as_enum
from .lifecycle import DESIGN_TEXT, STATUS_TEXT, UNAPPROVED, lock_items
from .messages import Message, phrases
from .progress import refresh_order_progress
from .staff import Actor, Permission, record, require
from .text import FIELD_TEXT, checked_text

D = DesignStatus
CHANGES_ACT = "design.changes"
NOTE_LIMIT = 200  # what the customer wants changed, as typed

# The three acts, as a refusal names them (English; translated where shown).
ACT_TEXT = phrases({
    "send": "marked as sent to the customer", "approve": "approved", "changes": "sent back for changes",
})

VIA_TEXT = phrases({ApprovalVia.IN_STORE: "in store", ApprovalVia.WECHAT: "WeChat"})

# Who records approvals: the counter shows designs to the customer, production sends them by WeChat.
_MAY_APPROVE = (Permission.BOOK_ORDER, Permission.TRACK_ITEMS)


@dataclass(frozen=True)
class DesignLine:
    """One item of an order with its design approval, for the order and approval dialogs."""

    id: int
    code: str
    seq: int
    product: str
    description: str | None
    session_name: str
    status: ItemStatus
    design_status: DesignStatus
    approved_at: dt.datetime | None
    approved_by: str | None
    approved_via: ApprovalVia | None
    changes_asked: int  # how many times the customer asked for changes
    last_change: str | None  # what the customer last asked to change

    @property
    def needs_approval(self) -> bool:
        return self.design_status is not D.NOT_NEEDED


@dataclass(frozen=True)
class AwaitingLine:
    """An item whose design waits for its customer, for the counter to chase."""

    item_id: int
    code: str
    order_id: int
    order_number: str  # as people read it, with its check character
    customer: str
    product: str
    design_status: DesignStatus
    selection_date: dt.date | None


@dataclass(frozen=True)
class ApprovalResult:
    order_id: int
    codes: list[str]
    design_status: DesignStatus  # what the items are now
    message: Message


def _may(actor: Actor) -> None:
    if not any(actor.may(p) for p in _MAY_APPROVE):
        require(actor, _MAY_APPROVE[0])


def order_designs(session: Session, order_id: int) -> list[DesignLine]:
    """Every item of the order with its design status, in item order (three queries)."""
    if session.get(Order, order_id) is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    rows = session.execute(
        select(Item, ProductType.name, ShootSession.name, Staff.name)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .join(ShootSession, ShootSession.id == Item.session_id)
        .outerjoin(Staff, Staff.id == Item.approved_by)
        .where(Item.order_id == order_id).order_by(Item.seq)).all()
    asked: dict[str, list[str | None]] = {}
    targets = [f"item:{item.code}" for item, *_ in rows if item.design_status is not D.NOT_NEEDED]
    if targets:
        for target, detail in session.execute(
                select(AuditEntry.target, AuditEntry.detail)
                .where(AuditEntry.action == CHANGES_ACT, AuditEntry.target.in_(targets)).order_by(AuditEntry.id)):
            asked.setdefault(target or "", []).append(detail)
    lines = []
    for item, product, session_name, approver in rows:
        notes = asked.get(f"item:{item.code}", [])
        lines.append(DesignLine(
            item.id, item.code, item.seq, product, item.description, session_name, item.status, item.design_status,
            item.approved_at, approver, item.approved_via, len(notes), notes[-1] if notes else None))
    return lines


def awaiting_approval(
    session: Session, *, include_designing: bool = False, limit: int | None = 200,
) -> list[AwaitingLine]:
    """Items of live orders whose design waits for the customer's approval, across orders,
    the longest-waiting first (by selection date, then order and item): the counter's list
    of customers to call. ``include_designing`` adds those still being designed."""
    query = awaiting_query(include_designing)
    if limit is not None:
        query = query.limit(limit)
    return [AwaitingLine(iid, code, oid, codes.display_order_number(number), customer, product, design, selection)
            for iid, code, oid, number, customer, product, design, selection in session.execute(query)]


def awaiting_query(include_designing: bool = False) -> Select:
    """The statement behind :func:`awaiting_approval` (reads through ``ix_items_design_status``)."""
    wanted = [D.AWAITING_APPROVAL, D.DESIGNING] if include_designing else [D.AWAITING_APPROVAL]
    return (
        select(Item.id, Item.code, Item.order_id, Order.number, Customer.name, ProductType.name, Item.design_status,
               ShootSession.selection_date)
        .join(Order, Order.id == Item.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .join(ProductType, ProductType.id == Item.product_type_id)
        .join(ShootSession, ShootSession.id == Item.session_id)
        .where(Item.design_status.in_(wanted), Item.status != ItemStatus.CANCELLED, Order.cancelled_at.is_(None))
        .order_by(ShootSession.selection_date.is_(None), ShootSession.selection_date, Order.number, Item.seq)
    )


def _item_code(text: str) -> str:
    parsed = codes.parse_code(text)
    if not parsed.is_item:
        raise BadInput("{code} is an order number; scan an item label.", code=codes.clean(text))
    return codes.item_code(parsed.order_number, parsed.item_seq or 0)


def _items(session: Session, codes_: Iterable[str]) -> tuple[Order, list[Item]]:
    """The items these codes name, locked, all of one live order; refused otherwise."""
    wanted: list[str] = []
    for text in codes_:
        code = _item_code(text)
        if code not in wanted:
            wanted.append(code)
    if not wanted:
        raise BadInput("Tick the items first.")
    lock_items(session, wanted)
    found = {i.code: i for i in session.scalars(select(Item).where(Item.code.in_(wanted)))}
    for code in wanted:
        if code not in found:
            raise NotFound("No item has the code {code}.", code=code)
    items = [found[c] for c in wanted]
    if len({i.order_id for i in items}) > 1:
        raise BadInput("These items belong to different orders: record one customer's approval at a time. "
                       "Nothing changed.")
    order = session.get(Order, items[0].order_id)
    assert order is not None
    if order.cancelled_at is not None:
        raise ScanRefused("Order {order} is cancelled; its designs need no approval. Nothing changed.",
                          order=codes.display_order_number(order.number))
    return order, items


def _check(item: Item, act: str, allowed: frozenset[DesignStatus]) -> None:
    """One item may take the act, or the whole act is refused naming it."""
    if item.design_status is D.NOT_NEEDED:
        raise ScanRefused("{code}'s design needs no approval; it cannot be {act}. Nothing changed.",
                          code=item.code, act=ACT_TEXT[act])
    if item.status is ItemStatus.CANCELLED:
        raise ScanRefused("{code} is cancelled; it cannot be {act}. Nothing changed.",
                          code=item.code, act=ACT_TEXT[act])
    if item.design_status not in allowed:
        raise ScanRefused("{code}'s design is {design}; it cannot be {act}. Nothing changed.",
                          code=item.code, design=DESIGN_TEXT[item.design_status], act=ACT_TEXT[act])


def _act(session: Session, codes_: Iterable[str], actor: Actor, clock: Clock, change) -> ApprovalResult:  # type: ignore[no-untyped-def]
    """Run ``change(order, items, now)`` over the items, refresh progress, commit; any
    refusal or a concurrent change rolls everything back."""
    _may(actor)
    now = require_aware(clock.now(), "time")
    try:
        order, items = _items(session, codes_)
        result = change(order, items, now)
        refresh_order_progress(session, order, clock.today())
        session.commit()
        return result
    except StaleDataError:
        session.rollback()
        raise ConcurrentChange("Another station changed these items just now; nothing was saved. "
                               "Try again.") from None
    except Exception:
        session.rollback()
        raise


def send_to_customer(
    session: Session, codes_: Iterable[str], actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> ApprovalResult:
    """Designs shown or sent to the customer: designing → awaiting approval."""
    def change(order: Order, items: list[Item], _now: dt.datetime) -> ApprovalResult:
        for item in items:
            _check(item, "send", frozenset({D.DESIGNING}))
        for item in items:
            item.design_status = D.AWAITING_APPROVAL
        return _result(order, items, D.AWAITING_APPROVAL, Message(
            "Order {order}: {codes} wait for the customer's approval.", _params(order, items)))
    return _act(session, codes_, actor, clock, change)


def approve(
    session: Session, codes_: Iterable[str], via: ApprovalVia, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> ApprovalResult:
    """The customer approved these designs (in store or by WeChat): designing or awaiting →
    approved, with the time, the staff member and how. A design the customer approves the
    moment it is shown needs no "sent to the customer" first."""
    via = as_enum(ApprovalVia, via, "way of approval")

    def change(order: Order, items: list[Item], now: dt.datetime) -> ApprovalResult:
        for item in items:
            _check(item, "approve", UNAPPROVED)
        for item in items:
            item.design_status = D.APPROVED
            item.approved_at, item.approved_by, item.approved_via = now, actor.staff_id, via
        return _result(order, items, D.APPROVED, Message(
            "Order {order}: {codes} approved; they may go to the lab.", _params(order, items)))
    return _act(session, codes_, actor, clock, change)


def needs_changes(
    session: Session, codes_: Iterable[str], note: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> ApprovalResult:
    """The customer wants changes: awaiting approval (or approved, while the item has not
    gone to a lab) → designing. ``note`` says what to change; it is kept in the audit log,
    one entry per item, and an earlier approval is named there before it is cleared."""
    text = checked_text(note, FIELD_TEXT["note"], NOTE_LIMIT)
    if not text:
        raise BadInput("Say what the customer wants changed.")

    def change(order: Order, items: list[Item], now: dt.datetime) -> ApprovalResult:
        for item in items:
            _check(item, "changes", frozenset({D.AWAITING_APPROVAL, D.APPROVED}))
            if item.design_status is D.APPROVED and item.status is not ItemStatus.WAITING:
                raise ScanRefused("{code} is {state}: its approved design is already made. Send it to rework "
                                  "instead. Nothing changed.", code=item.code, state=STATUS_TEXT[item.status])
        for item in items:
            detail: str | Message = text  # what the customer wants changed, as typed
            if item.design_status is D.APPROVED and item.approved_at is not None:
                detail = Message("{changes} (approved {time} via {via} before)", {
                    "changes": text, "time": item.approved_at.isoformat(timespec="minutes"),
                    "via": VIA_TEXT[item.approved_via] if item.approved_via else "?"})
            record(session, actor, CHANGES_ACT, f"item:{item.code}", detail, clock=clock)
            item.design_status = D.DESIGNING
            item.approved_at = item.approved_by = item.approved_via = None
        return _result(order, items, D.DESIGNING, Message(
            "Order {order}: {codes} go back to the designer.", _params(order, items)))
    return _act(session, codes_, actor, clock, change)


def _params(order: Order, items: list[Item]) -> dict[str, object]:
    return {"order": codes.display_order_number(order.number), "codes": ", ".join(i.code for i in items)}


def _result(order: Order, items: list[Item], design: DesignStatus, message: Message) -> ApprovalResult:
    return ApprovalResult(order.id, [i.code for i in items], design, message)
