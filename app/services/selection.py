"""Selection day (选片): the photos chosen, extras bought (加选/二消), the pickup date agreed
and the balance collected, all in one transaction.

Seed 003: at selection the counter "约定取件时间并收余款" (agrees the pickup date and
collects the balance) and sells extras. One call records it all or nothing:

- the number of photos chosen;
- extras from the catalogue at the product type's ``extra_price_fen``; a price typed by
  hand (or for a product the catalogue does not sell as an extra) needs a reason, kept on
  the item and written to the audit log. Extras become items like the package's: codes,
  labels, lab, design status and their first (waiting) event;
- the pickup date (today or later: the selection is today);
- one payment of the balance and the extras (never more than is then due);
- the session becomes *selected* with a history line, the selection salesperson is set,
  and the order's progress moves on (selected, or awaiting design approval).

A session may be selected once it was shot. A selection right after a shoot nobody
recorded (still *booked*, shoot date today or past) is taken as proof the shoot happened:
both lines, *shot* and *selected*, are written. A no-show, a future shoot, a cancelled
session or order, and a session already selected are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..models import (
    Customer, CustomerPhone, DesignStatus, Item, ItemStatus, Order, Payment, PaymentKind, PaymentMethod, Position,
    ProductType, SessionChange, SessionChangeKind, SessionState, ShootSession, SlotKind, Staff, StaffPosition,
)
from . import codes
from .balance import Balance, order_balance
from .clock import SYSTEM_CLOCK, Clock
from .customers import pinyin_of as pinyin  # the one spelling of names the search finds customers by
from .errors import BadInput, ConcurrentChange, NotFound, as_enum, whole_fen
from .messages import Message, phrases
from .money import yuan
from .orders import NewItem, add_items
from .progress import refresh_order_progress
from .staff import Actor, Permission, record, require
from .studio import get_setting
from .text import FIELD_TEXT, checked_text

MAX_PHOTOS = 2000  # more chosen photos than any package holds: a typo (an order number typed here)
MAX_QUANTITY = 50  # of one extra
MAX_PICKUP_DAYS = 366  # a pickup agreed further out than a year is a typo
PICKUP_DAYS = "selection_pickup_days"  # the studio's usual days from selection to pickup
DEFAULT_PICKUP_DAYS = 21

# Why a session cannot be selected, as a refusal names it (English; translated where shown).
NOT_SELECTABLE_TEXT = phrases({
    "no_show": "the customer did not come to the shoot (rebook it first)",
    "selected": "its selection was already recorded",
    "cancelled": "the session is cancelled",
    "not_shot": "it has not been shot yet",
})


@dataclass(frozen=True)
class ExtraLine:
    """One extra bought at selection: ``quantity`` items of one product type.

    ``price_fen`` is the price of one; None takes the catalogue's. A price that differs from
    the catalogue's (or any price for a product type the catalogue does not sell as an
    extra) needs ``price_reason``."""

    product_type_id: int
    quantity: int = 1
    price_fen: int | None = None
    price_reason: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class SelectionDay:
    session_id: int
    photos_chosen: int
    pickup_date: dt.date
    extras: Sequence[ExtraLine] = ()
    payment_fen: int = 0  # taken now; at most the balance due once the extras are added
    method: PaymentMethod = PaymentMethod.CASH
    selection_sales_id: int | None = None  # None: keep whoever is set


@dataclass(frozen=True)
class SelectionResult:
    order_id: int
    number: str
    session_id: int
    new_codes: list[str]  # the extras' item codes, for their labels
    extras_fen: int
    paid_fen: int
    balance: Balance  # after the selection


def selection_refusal(state: SessionState, shoot_date: dt.date | None, today: dt.date) -> str | None:
    """Why a session in ``state`` cannot have its selection recorded today (a phrase key of
    :data:`NOT_SELECTABLE_TEXT`), or None when it can."""
    if state is SessionState.SHOT:
        return None
    if state is SessionState.BOOKED:
        return None if shoot_date is not None and shoot_date <= today else "not_shot"
    return state.value


def _refuse(key: str, ss: ShootSession, number: str) -> BadInput:
    return BadInput("The selection of session {session} of order {number} cannot be recorded: {why}. "
                    "Nothing was changed.", session=ss.name, number=codes.display_order_number(number),
                    why=NOT_SELECTABLE_TEXT[key])


def _sales_staff(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotFound("Staff member {id} does not exist or has left.", id=staff_id)
    holds = session.scalar(select(StaffPosition.id).where(
        StaffPosition.staff_id == staff_id, StaffPosition.position == Position.SELECTION_SALES))
    if holds is None:
        raise BadInput("{name} is not a selection salesperson; choose one who is.",
                       name=staff.name)
    return staff


def record_selection(
    session: Session, data: SelectionDay, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> SelectionResult:
    """Record one selection day; refuses with nothing changed (see the module's docstring)."""
    require(actor, Permission.BOOK_ORDER)
    method = as_enum(PaymentMethod, data.method, "payment method")
    payment = whole_fen(data.payment_fen)
    if payment < 0:
        raise BadInput("A payment cannot be negative.")
    if payment:
        require(actor, Permission.TAKE_PAYMENT)
    photos = data.photos_chosen
    if not isinstance(photos, int) or isinstance(photos, bool) or not 1 <= photos <= MAX_PHOTOS:
        raise BadInput("The number of photos chosen must be between 1 and {max}.", max=MAX_PHOTOS)
    if not isinstance(data.pickup_date, dt.date) or isinstance(data.pickup_date, dt.datetime):
        raise BadInput("The selection needs a pickup date.")
    today = clock.today()
    if data.pickup_date < today:
        raise BadInput("The pickup date {date} is before the selection ({today}).",
                       date=data.pickup_date.isoformat(), today=today.isoformat())
    if data.pickup_date > today + dt.timedelta(days=MAX_PICKUP_DAYS):
        raise BadInput("The pickup date {date} is more than a year away; check it.", date=data.pickup_date.isoformat())

    ss = session.get(ShootSession, data.session_id)
    if ss is None:
        raise NotFound("Session {id} does not exist.", id=data.session_id)
    order = session.get(Order, ss.order_id)
    assert order is not None
    number = codes.display_order_number(order.number)
    if order.cancelled_at is not None:
        raise BadInput("Order {number} is cancelled; nothing was changed.", number=number)
    why = selection_refusal(ss.state, ss.shoot_date, today)
    if why is not None:
        raise _refuse(why, ss, order.number)
    sales = _sales_staff(session, data.selection_sales_id) if data.selection_sales_id is not None else None

    # The extras: catalogue prices, or a typed price with its reason.
    wanted = {e.product_type_id for e in data.extras}
    types = {pt.id: pt for pt in session.scalars(select(ProductType).where(ProductType.id.in_(wanted)))}
    lines: list[NewItem] = []
    typed: list[tuple[int, ProductType, int, str]] = []  # (index of its first item, type, price, reason)
    for extra in data.extras:
        pt = types.get(extra.product_type_id)
        if pt is None or not pt.active:
            raise NotFound("Product type {id} does not exist or is no longer sold.", id=extra.product_type_id)
        quantity = extra.quantity
        if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= MAX_QUANTITY:
            raise BadInput("{product}: the quantity must be between 1 and {max}.", product=pt.name, max=MAX_QUANTITY)
        price = pt.extra_price_fen if extra.price_fen is None else whole_fen(extra.price_fen)
        if price is None:
            raise BadInput("{product} has no extra price in the catalogue: type a price and a reason.",
                           product=pt.name)
        if price < 0:
            raise BadInput("An extra cannot have a negative price.")
        reason = None
        if price != pt.extra_price_fen:
            reason = checked_text(extra.price_reason, FIELD_TEXT["reason"], Item.price_reason)
            if not reason and pt.extra_price_fen is None:
                raise BadInput("{product} is not sold as an extra in the catalogue: a price typed for it needs "
                               "a reason.", product=pt.name)
            if not reason:
                raise BadInput("{product}: a price typed by hand needs a reason (the catalogue's is {catalogue}).",
                               product=pt.name, catalogue=yuan(pt.extra_price_fen or 0))
            typed.append((len(lines), pt, price, reason))
        description = checked_text(extra.description, FIELD_TEXT["extra_description"], Item.description)
        lines += [NewItem(pt, ss.id, description, price, pt.default_lab_id, reason) for _ in range(quantity)]
    last_seq = session.scalar(select(func.max(Item.seq)).where(Item.order_id == order.id)) or 0
    if last_seq + len(lines) > codes.MAX_ITEMS_PER_ORDER:
        raise BadInput("An order holds at most 99 items; this one would have {n}.", n=last_seq + len(lines))
    extras_fen = sum(line.price_fen for line in lines)
    due = order_balance(session, order.id).due_fen + extras_fen
    if payment > due:
        raise BadInput("The payment {paid} is more than is due ({due}); nothing was changed.",
                       paid=yuan(payment), due=yuan(max(due, 0)))

    # Writes. The first one moves the state only if no other station did since we read it.
    now = clock.now()
    previous = ss.state
    moved = session.execute(update(ShootSession).where(ShootSession.id == ss.id, ShootSession.state == previous)
                            .values(state=SessionState.SELECTED).returning(ShootSession.id)
                            .execution_options(synchronize_session=False)).scalar()
    if moved is None:
        session.rollback()
        raise ConcurrentChange("Another station changed session {session} of order {number} at the same time; "
                               "nothing was changed. Open the order again.", session=ss.name, number=number)
    session.refresh(ss)
    if previous is SessionState.BOOKED:  # selected straight after a shoot nobody recorded: it was shot
        session.add(SessionChange(session_id=ss.id, kind=SessionChangeKind.SHOT, at=now, staff_id=actor.staff_id,
                                  station=actor.station))
    session.add(SessionChange(
        session_id=ss.id, kind=SessionChangeKind.SELECTED, at=now, staff_id=actor.staff_id, station=actor.station,
        slot_kind=SlotKind.SELECTION, from_date=ss.selection_date, from_slot_id=ss.selection_slot_id, to_date=today,
        to_slot_id=ss.selection_slot_id if ss.selection_date == today else None,
    ))
    if ss.selection_date != today:  # it happened today, whatever was planned
        ss.selection_date, ss.selection_slot_id = today, None
    ss.photos_chosen = photos
    ss.pickup_date = data.pickup_date
    if sales is not None:
        ss.selection_sales_id = sales.id
    items = add_items(session, order, lines, last_seq + 1, actor, now)
    for index, pt, price, reason in typed:
        record(session, actor, "selection.extra_price", f"item:{items[index].code}",
               Message("{product}: {price} fen instead of {list_price} fen: {reason}", {
                   "product": pt.name, "price": price, "list_price": pt.extra_price_fen, "reason": reason}),
               clock=clock)
    if payment:
        session.add(Payment(order_id=order.id, kind=PaymentKind.BALANCE, method=method, amount_fen=payment,
                            paid_at=now, staff_id=actor.staff_id, note=None))
    session.flush()
    refresh_order_progress(session, order, today)
    session.commit()
    return SelectionResult(order.id, order.number, ss.id, [i.code for i in items], extras_fen, payment,
                           order_balance(session, order.id))


# -- the dialog's read -----------------------------------------------------------------

@dataclass(frozen=True)
class CatalogueExtra:
    product_type_id: int
    name: str
    extra_price_fen: int | None  # None: not sold as an extra (a typed price and reason needed)
    needs_approval: bool
    spelled: tuple[str, str] = ("", "")  # pinyin initials and full pinyin of the name, to find it by typing

    def matches(self, typed: str) -> bool:
        """Does a typed fragment name this product: part of its name, its pinyin initials
        (bt: 摆台) or its pinyin (baitai), blanks and case ignored?"""
        text = "".join(typed.split()).casefold()
        return bool(text) and any(text in key for key in ("".join(self.name.split()).casefold(), *self.spelled))


@dataclass(frozen=True)
class SessionChoice:
    id: int
    seq: int
    name: str
    state: SessionState
    shoot_date: dt.date | None
    selection_date: dt.date | None
    pickup_date: dt.date | None
    selection_sales_id: int | None
    photos_chosen: int | None
    refusal: str | None  # why it cannot be selected today (a NOT_SELECTABLE_TEXT key), None: it can


@dataclass(frozen=True)
class ItemRow:
    code: str
    product: str
    description: str | None
    extra_price_fen: int
    design_status: DesignStatus
    status: ItemStatus


@dataclass(frozen=True)
class SelectionSummary:
    order_id: int
    number: str  # as stored
    customer_name: str
    partner_name: str | None
    phones: list[str]
    package_name: str
    cancelled: bool
    sessions: list[SessionChoice]
    session_id: int | None  # the session the dialog starts on (None: the order has none)
    package_items: list[ItemRow]  # of that session
    extras: list[ItemRow]  # already bought for that session (at booking or before)
    balance: Balance
    catalogue: list[CatalogueExtra]  # priced extras first, by name
    sales_staff: list[tuple[int, str]]  # who holds the selection-sales position
    pickup_days: int  # the studio's usual days from selection to pickup
    today: dt.date

    @property
    def checked_number(self) -> str:
        return codes.display_order_number(self.number)

    @property
    def chosen(self) -> SessionChoice | None:
        """The session the dialog is on."""
        return next((s for s in self.sessions if s.id == self.session_id), None)

    @property
    def default_pickup(self) -> dt.date:
        """The usual days after the selection (today), never in the past."""
        return self.today + dt.timedelta(days=self.pickup_days)


def pickup_days(session: Session) -> int:
    try:
        days = int(get_setting(session, PICKUP_DAYS) or DEFAULT_PICKUP_DAYS)
    except ValueError:
        return DEFAULT_PICKUP_DAYS
    return days if 0 <= days <= MAX_PICKUP_DAYS else DEFAULT_PICKUP_DAYS


def _choices(session: Session, order_id: int, today: dt.date) -> list[SessionChoice]:
    return [
        SessionChoice(s.id, s.seq, s.name, s.state, s.shoot_date, s.selection_date, s.pickup_date,
                      s.selection_sales_id, s.photos_chosen, selection_refusal(s.state, s.shoot_date, today))
        for s in session.scalars(select(ShootSession).where(ShootSession.order_id == order_id)
                                 .order_by(ShootSession.seq))
    ]


def selectable_sessions(session: Session, order_id: int, *, clock: Clock = SYSTEM_CLOCK) -> list[int]:
    """The order's sessions whose selection may be recorded today (shot, or booked with the
    shoot date today or past); none for a cancelled order."""
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    if order.cancelled_at is not None:
        return []
    return [s.id for s in _choices(session, order_id, clock.today()) if s.refusal is None]


def selection_summary(
    session: Session, order_id: int, session_id: int | None = None, *, clock: Clock = SYSTEM_CLOCK,
) -> SelectionSummary:
    """What the selection-day dialog shows: the customer, the order, its sessions (the one
    asked for, else the first that may be selected today), that session's package items and
    extras, the balance due, the catalogue's extras with prices, the selection salespeople."""
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    today = clock.today()
    customer = session.get(Customer, order.customer_id)
    assert customer is not None
    phones = list(session.scalars(select(CustomerPhone.raw).where(CustomerPhone.customer_id == customer.id)
                                  .order_by(CustomerPhone.id)))
    sessions = _choices(session, order_id, today)
    if session_id is not None and all(s.id != session_id for s in sessions):
        raise NotFound("Session {id} does not exist.", id=session_id)
    if session_id is None and sessions:
        session_id = next((s.id for s in sessions if s.refusal is None), sessions[0].id)
    rows = [
        (item.extra_price_fen > 0 or item.price_reason is not None,
         ItemRow(item.code, name, item.description, item.extra_price_fen, item.design_status, item.status))
        for item, name in session.execute(
            select(Item, ProductType.name).join(ProductType, ProductType.id == Item.product_type_id)
            .where(Item.session_id == session_id, Item.status != ItemStatus.CANCELLED).order_by(Item.seq))
    ] if session_id is not None else []
    catalogue = sorted(
        (CatalogueExtra(pt.id, pt.name, pt.extra_price_fen, pt.needs_approval, pinyin("".join(pt.name.split())))
         for pt in session.scalars(select(ProductType).where(ProductType.active.is_(True)))),
        key=lambda c: (c.extra_price_fen is None, c.name),
    )
    sales = [(sid, name) for sid, name in session.execute(
        select(Staff.id, Staff.name).join(StaffPosition, StaffPosition.staff_id == Staff.id)
        .where(StaffPosition.position == Position.SELECTION_SALES, Staff.active.is_(True)).order_by(Staff.name))]
    return SelectionSummary(
        order.id, order.number, customer.name, customer.partner_name, phones, order.package_name,
        order.cancelled_at is not None, sessions, session_id, [r for extra, r in rows if not extra],
        [r for extra, r in rows if extra], order_balance(session, order.id), catalogue, sales, pickup_days(session),
        today,
    )
