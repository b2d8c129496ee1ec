"""Booking orders from packages, payments and balances, order numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import (
    Counter,
    DesignStatus,
    Customer,
    Item,
    ItemEvent,
    ItemStatus,
    Order,
    Package,
    Payment,
    PaymentKind,
    PaymentMethod,
    ProductType,
    ShootSession,
)
from ..models.db import insert_unless_present
from . import codes, schedule
from .balance import order_balance
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, NotFound, StudioError, as_enum, whole_fen
from .lifecycle import cancel_item_in_transaction, lock_items
from .progress import refresh_order_progress
from .staff import Actor, Permission, record, require
from .studio import discount_limits
from .text import FIELD_TEXT, checked_text
from .messages import Message, phrases


def next_order_number(session: Session, month: dt.date) -> str:
    """Hand out the month's next order number inside the caller's transaction.

    The counter row is incremented with a single UPDATE ... RETURNING, which holds
    the row (PostgreSQL) or the database write lock (SQLite) until commit, so two
    stations booking at the same moment get different numbers; the unique index on
    ``orders.number`` is the last line of defence.
    """
    name = f"order:{month:%y%m}"
    bump = update(Counter).where(Counter.name == name).values(value=Counter.value + 1).returning(Counter.value)
    value = session.execute(bump).scalar()
    if value is None:
        insert_unless_present(session, Counter, {"name": name, "value": 0}, key=["name"])
        value = session.execute(bump).scalar_one()
    return codes.order_number(month, value)


@dataclass
class SessionPlan:
    name: str
    shoot_date: dt.date | None = None
    selection_date: dt.date | None = None
    pickup_date: dt.date | None = None
    # The time of day in the schedule (档期) and the session's crew; None: not yet.
    shoot_slot_id: int | None = None
    selection_slot_id: int | None = None
    photographer_id: int | None = None
    makeup_id: int | None = None
    selection_sales_id: int | None = None


@dataclass
class Extra:
    """An item bought on top of the package (加选/二消)."""

    product_type_id: int
    price_fen: int
    session_index: int = 0
    description: str | None = None


@dataclass
class BookOrder:
    customer_id: int
    package_id: int
    sessions: Sequence[SessionPlan] = ()  # empty: the package's own session plan, no dates
    extras: Sequence[Extra] = ()
    discount_fen: int = 0
    discount_reason: str | None = None
    notes: str | None = None
    deposit_fen: int = 0
    deposit_method: PaymentMethod = PaymentMethod.CASH
    lab_overrides: dict[int, int] = field(default_factory=dict)  # product type id -> lab id


# The steps of a session, as a refusal names them (English; translated where shown).
STEP_TEXT = phrases({"shoot": "shoot", "selection": "selection", "pickup": "pickup"})


def _check_dates(plan: SessionPlan) -> None:
    pairs = [(STEP_TEXT["shoot"], plan.shoot_date), (STEP_TEXT["selection"], plan.selection_date),
             (STEP_TEXT["pickup"], plan.pickup_date)]
    known = [(n, d) for n, d in pairs if d is not None]
    for (n1, d1), (n2, d2) in zip(known, known[1:]):
        if d2 < d1:
            raise BadInput(
                "Session {session}: the {later} date {d2} is before the {earlier} date {d1}.",
                session=plan.name, later=n2, d2=d2.isoformat(), earlier=n1, d1=d1.isoformat(),
            )


def needs_discount_approval(session: Session, data: BookOrder, actor: Actor) -> bool:
    """Is the order's discount above what ``actor`` may give alone (the studio's limits)?"""
    discount = whole_fen(data.discount_fen)
    if discount <= 0 or actor.may(Permission.APPROVE_DISCOUNT):
        return False
    package = session.get(Package, data.package_id)
    price = (package.price_fen if package is not None else 0) + sum(whole_fen(e.price_fen) for e in data.extras)
    return not discount_limits(session).allows(discount, price)


def book_order(
    session: Session, data: BookOrder, actor: Actor, *, approved_by: Actor | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Order:
    """Book an order: the package's lines become items with codes at once.

    A discount above the studio's limits needs ``approved_by``: a manager whose name and
    PIN were checked for this act (:func:`staff.verify_manager`); the approval is audited."""
    require(actor, Permission.BOOK_ORDER)
    whole_fen(data.discount_fen)
    whole_fen(data.deposit_fen)
    for extra in data.extras:
        whole_fen(extra.price_fen)
    deposit_method = as_enum(PaymentMethod, data.deposit_method, "payment method")
    customer = session.get(Customer, data.customer_id)
    if customer is None:
        raise NotFound("Customer {id} does not exist.", id=data.customer_id)
    package = session.get(Package, data.package_id)
    if package is None or not package.active:
        raise NotFound("Package {id} does not exist or is no longer sold.", id=data.package_id)
    plans = list(data.sessions) or [SessionPlan(name) for name in (package.session_plan or ["拍摄"])]
    for plan in plans:
        if not checked_text(plan.name, FIELD_TEXT["session_name"], ShootSession.name):
            raise BadInput("Every session needs a name.")
        _check_dates(plan)
    if data.discount_fen < 0:
        raise BadInput("A discount cannot be negative.")
    extras_total = sum(e.price_fen for e in data.extras)
    if any(e.price_fen < 0 for e in data.extras):
        raise BadInput("An extra cannot have a negative price.")
    if data.discount_fen > package.price_fen + extras_total:
        raise BadInput("The discount is larger than the order's price.")
    discount_reason = checked_text(data.discount_reason, FIELD_TEXT["discount_reason"], Order.discount_reason)
    if data.discount_fen and not discount_reason:
        raise BadInput("A discount needs a reason.")
    notes = checked_text(data.notes, FIELD_TEXT["notes"], Order.notes)
    if data.deposit_fen < 0:
        raise BadInput("A deposit cannot be negative.")
    approval_needed = needs_discount_approval(session, data, actor)
    if approval_needed:
        if approved_by is None:
            limits = discount_limits(session)
            raise NotAllowed(
                "A discount above {percent}% or ¥{amount} needs a manager's approval; nothing was booked.",
                percent=limits.percent, amount=f"{limits.fen // 100:,}.{limits.fen % 100:02d}",
            )
        require(approved_by, Permission.APPROVE_DISCOUNT)

    lines: list[tuple[int, int, str | None, int]] = []  # product type, session index, description, price
    for line in package.lines:
        for _ in range(line.quantity):
            lines.append((line.product_type_id, min(line.session_index, len(plans) - 1), line.description, 0))
    for extra in data.extras:
        if not 0 <= extra.session_index < len(plans):
            raise BadInput("An extra names session {n}, which the order does not have.", n=extra.session_index + 1)
        lines.append((extra.product_type_id, extra.session_index,
                      checked_text(extra.description, FIELD_TEXT["extra_description"], Item.description),
                      extra.price_fen))
    if len(lines) > codes.MAX_ITEMS_PER_ORDER:
        raise BadInput("An order holds at most 99 items; this one would have {n}.", n=len(lines))
    types = {pt.id: pt for pt in session.scalars(select(ProductType).where(
        ProductType.id.in_({pt for pt, *_ in lines})))}
    missing = {pt for pt, *_ in lines} - types.keys()
    if missing:
        raise NotFound("Product type {id} does not exist.", id=min(missing))

    now = clock.now()
    today = clock.today()
    number = next_order_number(session, today)  # first write: takes the lock early
    try:
        schedule.check_plans(session, plans, today=today)  # a full slot is refused with the free ones near it
    except StudioError:
        session.rollback()
        raise
    order = Order(
        number=number, customer_id=customer.id, package_id=package.id, package_name=package.name,
        package_price_fen=package.price_fen, discount_fen=data.discount_fen,
        discount_reason=discount_reason, notes=notes,
        booked_at=now, booked_by=actor.staff_id,
    )
    order.sessions = [
        ShootSession(seq=i + 1, name=p.name.strip(), shoot_date=p.shoot_date,
                     selection_date=p.selection_date, pickup_date=p.pickup_date,
                     shoot_slot_id=p.shoot_slot_id, selection_slot_id=p.selection_slot_id,
                     photographer_id=p.photographer_id, makeup_id=p.makeup_id, selection_sales_id=p.selection_sales_id)
        for i, p in enumerate(plans)
    ]
    session.add(order)
    session.flush()
    add_items(session, order, [
        NewItem(types[pt_id], order.sessions[s_index].id, description, price,
                data.lab_overrides.get(pt_id, types[pt_id].default_lab_id))
        for pt_id, s_index, description, price in lines
    ], 1, actor, now)
    if data.deposit_fen:
        session.add(Payment(order_id=order.id, kind=PaymentKind.DEPOSIT, method=deposit_method,
                            amount_fen=data.deposit_fen, paid_at=now, staff_id=actor.staff_id))
    if data.discount_fen:
        record(session, actor, "order.discount", f"order:{number}",
               Message("{fen} fen: {reason}", {"fen": data.discount_fen, "reason": order.discount_reason or ""}),
               clock=clock)
    if approval_needed and approved_by is not None:
        record(session, replace(approved_by, station=actor.station), "order.discount_approved", f"order:{number}",
               Message("{fen} fen given by {giver}, approved by {approver}",
                       {"fen": data.discount_fen, "giver": actor.name, "approver": approved_by.name}), clock=clock)
    refresh_order_progress(session, order, today)
    session.commit()
    return order


@dataclass(frozen=True)
class NewItem:
    """One item to make: of a package line at booking, or an extra (at booking or selection)."""

    product_type: ProductType
    session_id: int
    description: str | None = None
    price_fen: int = 0  # what the extra costs; 0 for a package item
    lab_id: int | None = None
    price_reason: str | None = None  # why an extra's price differs from the catalogue's


def add_items(
    session: Session, order: Order, lines: Sequence[NewItem], first_seq: int, actor: Actor, now: dt.datetime,
) -> list[Item]:
    """Make the order's items ``first_seq``, ``first_seq + 1``… inside the caller's transaction:
    codes, lab, design status (designing when the product type needs approval) and the first
    (waiting) event of each. The caller checks that the order holds at most 99 items."""
    items = [
        Item(
            code=codes.item_code(order.number, seq), order_id=order.id, session_id=line.session_id, seq=seq,
            product_type_id=line.product_type.id, description=line.description, lab_id=line.lab_id,
            extra_price_fen=line.price_fen, price_reason=line.price_reason, status=ItemStatus.WAITING, status_at=now,
            design_status=DesignStatus.DESIGNING if line.product_type.needs_approval else DesignStatus.NOT_NEEDED,
        )
        for seq, line in enumerate(lines, start=first_seq)
    ]
    session.add_all(items)
    session.flush()
    session.add_all(
        ItemEvent(item_id=it.id, from_status=None, to_status=ItemStatus.WAITING, at=now,
                  staff_id=actor.staff_id, station=actor.station)
        for it in items
    )
    return items


def take_payment(
    session: Session, order_id: int, kind: PaymentKind, method: PaymentMethod, amount_fen: int, actor: Actor,
    *, note: str | None = None, clock: Clock = SYSTEM_CLOCK,
) -> Payment:
    kind = as_enum(PaymentKind, kind, "payment kind")
    method = as_enum(PaymentMethod, method, "payment method")
    require(actor, Permission.TAKE_PAYMENT)
    if whole_fen(amount_fen) <= 0:
        raise BadInput("A payment must be more than ¥0.00.")
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    if kind is PaymentKind.REFUND:
        require(actor, Permission.REFUND)
        if amount_fen > order_balance(session, order_id).paid_fen:
            raise BadInput("A refund cannot be more than what was paid.")
    note = checked_text(note, FIELD_TEXT["payment_note"], Payment.note)
    if kind is PaymentKind.REFUND:
        if not note:
            raise BadInput("A refund needs a reason.")
    payment = Payment(order_id=order_id, kind=kind, method=method, amount_fen=amount_fen,
                      paid_at=clock.now(), staff_id=actor.staff_id, note=note)
    session.add(payment)
    if kind is PaymentKind.REFUND:
        record(session, actor, "payment.refund", f"order:{order.number}",
               Message("{fen} fen: {reason}", {"fen": amount_fen, "reason": note or ""}), clock=clock)
    session.commit()
    return payment


def cancel_order(session: Session, order_id: int, reason: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> Order:
    """Cancel an order (manager, with a reason): every item not yet picked up is cancelled
    through the lifecycle, so each gets its event. Money is returned by a refund."""
    require(actor, Permission.CANCEL)
    reason = checked_text(reason, FIELD_TEXT["reason"], ItemEvent.reason) or ""
    if not reason:
        raise BadInput("Cancelling an order needs a reason.")
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    items = session.scalars(select(Item).where(Item.order_id == order_id).order_by(Item.id)).all()
    lock_items(session, [i.code for i in items])  # items, then the order: the order every station locks in
    number = codes.display_order_number(order.number)
    if order.cancelled_at is not None:
        session.rollback()
        raise BadInput("Order {number} is already cancelled.", number=number)
    if items and all(i.status is ItemStatus.PICKED_UP for i in items):
        session.rollback()
        raise BadInput("Every item of order {number} was picked up; it cannot be cancelled.", number=number)
    try:
        for item in items:
            if item.status not in (ItemStatus.PICKED_UP, ItemStatus.CANCELLED):
                cancel_item_in_transaction(session, item, actor, reason, clock)
        order.cancelled_at = clock.now()
        record(session, actor, "order.cancel", f"order:{order.number}", reason, clock=clock)
        refresh_order_progress(session, order, clock.today())
        session.commit()
    except Exception:
        session.rollback()
        raise
    return order
