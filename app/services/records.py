"""Read models for the counter: a customer's file and an order's full detail.

Plain dataclasses filled by a handful of queries, so the UI shows them without
touching the ORM and tests read them without Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Choice, ChoiceKind, Complaint, Customer, CustomerPhone, FollowUp, Item, ItemEvent, ItemStatus, Lab, Order, Payment, PaymentKind,
    PaymentMethod, ProductType, Progress, ShootSession, Staff,
)
from .balance import Balance, order_balance
from .choices import ChoiceEntry, view as choice_view
from .clock import SYSTEM_CLOCK, Clock
from .codes import display_order_number
from .errors import NotFound
from .lookup import ItemLine, sheet_of_order
from .progress import derive_order_progress


@dataclass(frozen=True)
class PaymentLine:
    paid_at: dt.datetime
    kind: PaymentKind
    method: PaymentMethod
    amount_fen: int
    staff: str | None
    note: str | None


@dataclass(frozen=True)
class SessionLine:
    seq: int
    name: str
    shoot_date: dt.date | None
    selection_date: dt.date | None
    pickup_date: dt.date | None
    progress: Progress
    id: int = 0
    shoot_time: dt.time | None = None  # the slot's start, None: no time agreed yet
    selection_time: dt.time | None = None
    photographer: str | None = None


@dataclass(frozen=True)
class DetailItem:
    id: int
    code: str
    seq: int
    product: str
    description: str | None
    session_name: str
    status: ItemStatus
    lab: str | None
    expected_return: dt.date | None
    shelf: str | None
    extra_price_fen: int


@dataclass(frozen=True)
class EventLine:
    at: dt.datetime
    code: str
    from_status: ItemStatus | None
    to_status: ItemStatus
    staff: str | None
    station: str | None
    reason: str | None
    rework_reason: ChoiceEntry | None = None  # picked from the studio's list of rework reasons


@dataclass(frozen=True)
class OrderDetail:
    id: int
    number: str
    customer_id: int
    customer_name: str
    partner_name: str | None
    phones: list[str]
    package_name: str
    package_price_fen: int
    discount_fen: int
    discount_reason: str | None
    booked_at: dt.datetime
    booked_by: str | None
    cancelled: bool
    progress: Progress
    balance: Balance
    sessions: list[SessionLine]
    items: list[DetailItem]
    payments: list[PaymentLine]
    events: list[EventLine]
    notes: str | None

    @property
    def checked_number(self) -> str:
        """The order number as people read, type and scan it (with its check character)."""
        return display_order_number(self.number)


def _staff_names(session: Session) -> dict[int, str]:
    return {sid: name for sid, name in session.execute(select(Staff.id, Staff.name))}


def order_detail(session: Session, order_id: int, *, clock: Clock = SYSTEM_CLOCK) -> OrderDetail:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound("Order {id} does not exist.", id=order_id)
    names = _staff_names(session)
    customer = session.get(Customer, order.customer_id)
    assert customer is not None
    progress, per_session = derive_order_progress(session, order, clock.today())
    sessions = session.scalars(select(ShootSession).where(ShootSession.order_id == order_id)
                               .order_by(ShootSession.seq)).all()
    session_names = {s.id: s.name for s in sessions}
    items = [
        DetailItem(i.id, i.code, i.seq, pt_name, i.description, session_names[i.session_id], i.status, lab_name,
                   i.expected_return, i.shelf, i.extra_price_fen)
        for i, pt_name, lab_name in session.execute(
            select(Item, ProductType.name, Lab.name).join(ProductType, ProductType.id == Item.product_type_id)
            .outerjoin(Lab, Lab.id == Item.lab_id).where(Item.order_id == order_id).order_by(Item.seq))
    ]
    codes = {i.id: i.code for i in items}
    reasons = {c.id: choice_view(c) for c in session.scalars(select(Choice).where(
        Choice.kind == ChoiceKind.REWORK_REASON))}
    events = [
        EventLine(e.at, codes[e.item_id], e.from_status, e.to_status, names.get(e.staff_id or 0), e.station,
                  # a creation event's note was only a marker ("booked") in older databases
                  e.reason or (e.note if e.from_status is not None else None), reasons.get(e.rework_reason_id or 0))
        for e in session.scalars(select(ItemEvent).where(ItemEvent.item_id.in_(codes)).order_by(ItemEvent.id))
    ]
    payments = [
        PaymentLine(p.paid_at, p.kind, p.method, p.amount_fen, names.get(p.staff_id or 0), p.note)
        for p in session.scalars(select(Payment).where(Payment.order_id == order_id).order_by(Payment.id))
    ]
    phones = list(session.scalars(select(CustomerPhone.raw).where(CustomerPhone.customer_id == customer.id)
                                  .order_by(CustomerPhone.id)))
    return OrderDetail(
        order.id, order.number, customer.id, customer.name, customer.partner_name, phones, order.package_name,
        order.package_price_fen, order.discount_fen, order.discount_reason, order.booked_at,
        names.get(order.booked_by or 0), order.cancelled_at is not None, progress, order_balance(session, order.id),
        [SessionLine(s.seq, s.name, s.shoot_date, s.selection_date, s.pickup_date, p, s.id,
                     s.shoot_slot.starts if s.shoot_slot else None,
                     s.selection_slot.starts if s.selection_slot else None,
                     names.get(s.photographer_id or 0))
         for s, p in zip(sessions, per_session)],
        items, payments, events, order.notes,
    )


@dataclass(frozen=True)
class OrderSummary:
    id: int
    number: str
    package_name: str
    booked_at: dt.datetime
    progress: Progress
    balance: Balance
    items: list[ItemLine]

    @property
    def checked_number(self) -> str:
        """The order number as people read, type and scan it (with its check character)."""
        return display_order_number(self.number)


@dataclass(frozen=True)
class ComplaintLine:
    id: int
    received_at: dt.datetime
    category: ChoiceEntry  # the names to show: display_name(category, language)
    description: str
    status: str


@dataclass(frozen=True)
class FollowUpLine:
    called_at: dt.datetime
    stage: str
    score_overall: int | None
    notes: str | None


@dataclass(frozen=True)
class CustomerFile:
    id: int
    name: str
    partner_name: str | None
    phones: list[tuple[str | None, str]]  # (label, as typed)
    birthday: dt.date | None
    partner_birthday: dt.date | None
    wedding_date: dt.date | None
    address: str | None
    family_notes: str | None
    notes: str | None
    channel: str
    referrer: tuple[int, str] | None
    tier: str | None
    created_at: dt.datetime
    orders: list[OrderSummary]
    payments: list[tuple[str, PaymentLine]]  # (order number, payment)
    complaints: list[ComplaintLine]
    follow_ups: list[FollowUpLine]
    tier_score: float | None = None
    marketing_consent_at: dt.datetime | None = None
    survey_consent_at: dt.datetime | None = None
    erased_at: dt.datetime | None = None


def customer_file(session: Session, customer_id: int) -> CustomerFile:
    """Everything the counter knows about a customer: the answer to "where is my album?"."""
    c = session.get(Customer, customer_id)
    if c is None:
        raise NotFound("Customer {id} does not exist.", id=customer_id)
    names = _staff_names(session)
    referrer = None
    if c.referrer_id is not None:
        ref = session.get(Customer, c.referrer_id)
        referrer = (ref.id, ref.name) if ref else None
    orders = []
    payments = []
    for order in session.scalars(select(Order).where(Order.customer_id == c.id).order_by(Order.booked_at.desc())):
        sheet = sheet_of_order(session, order.number)
        orders.append(OrderSummary(order.id, order.number, order.package_name, order.booked_at, order.progress,
                                   sheet.balance, sheet.items))
        payments += [(order.number, PaymentLine(p.paid_at, p.kind, p.method, p.amount_fen,
                                                names.get(p.staff_id or 0), p.note))
                     for p in session.scalars(select(Payment).where(Payment.order_id == order.id))]
    complaints = [ComplaintLine(x.id, x.received_at, choice_view(category), x.description, x.status.value)
                  for x, category in session.execute(
                      select(Complaint, Choice).join(Choice, Choice.id == Complaint.category_id)
                      .where(Complaint.customer_id == c.id).order_by(Complaint.received_at.desc()))]
    follow_ups = [FollowUpLine(f.called_at, f.stage.value, f.score_overall, f.notes)
                  for f in session.scalars(select(FollowUp).where(FollowUp.customer_id == c.id,
                                                                  FollowUp.called_at.is_not(None))
                                           .order_by(FollowUp.called_at.desc())) if f.called_at is not None]
    payments.sort(key=lambda p: p[1].paid_at, reverse=True)
    return CustomerFile(
        c.id, c.name, c.partner_name, [(p.label, p.raw) for p in c.phones], c.birthday, c.partner_birthday,
        c.wedding_date, c.address, c.family_notes, c.notes, c.channel.value, referrer,
        c.tier.value if c.tier else None, c.created_at, orders, payments, complaints, follow_ups,
        c.tier_score, c.marketing_consent_at, c.survey_consent_at, c.erased_at,
    )
