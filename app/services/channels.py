"""Channel analysis per month (客源渠道): orders booked and their value by the customer's
channel, the referral rate, and the customers who referred the most.

An order counts in the month it was booked (studio time), unless cancelled; its value is
what it costs (package + extras not cancelled − discount: :data:`balance.TOTAL_FEN`), the
same number as the monthly workbook's channel sheet. The referral rate is the share of those
orders whose customer came by referral. A referrer's line counts the customers they
referred who booked in the month, those orders and their value.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..models import Channel, Customer, Order
from .balance import CANCELLED, TOTAL_FEN
from .customers import phones_of_customer
from .lab_month import Month

TOP_REFERRERS = 10


@dataclass(frozen=True)
class ChannelLine:
    channel: Channel
    orders: int
    revenue_fen: int
    share: float | None  # of the month's orders; None when there were none


@dataclass(frozen=True)
class ReferrerLine:
    customer_id: int
    name: str
    phones: str
    referred_customers: int  # who booked in the month
    orders: int
    revenue_fen: int


@dataclass(frozen=True)
class ChannelMonth:
    month: str  # YYYY-MM
    lines: list[ChannelLine]  # every channel, in the order of Channel
    orders: int
    revenue_fen: int
    referral_rate: float | None  # referral orders ÷ orders; None without orders
    referrers: list[ReferrerLine]  # most referred orders first


def channel_month(session: Session, year: int, month: int, *, top: int = TOP_REFERRERS) -> ChannelMonth:
    """Orders booked in the month and their value by channel, the referral rate, top referrers."""
    period = Month(year, month)
    start, end = period.bounds()
    in_month = (Order.booked_at >= start, Order.booked_at < end, ~CANCELLED)
    counted = {channel: (n, int(fen)) for channel, n, fen in session.execute(
        select(Customer.channel, func.count(Order.id), func.coalesce(func.sum(TOTAL_FEN), 0))
        .join(Customer, Customer.id == Order.customer_id).where(*in_month).group_by(Customer.channel))}
    orders = sum(n for n, _fen in counted.values())
    revenue = sum(fen for _n, fen in counted.values())
    lines = [ChannelLine(ch, *counted.get(ch, (0, 0)), share=counted.get(ch, (0, 0))[0] / orders if orders else None)
             for ch in Channel]
    referred = aliased(Customer)
    referrer = aliased(Customer)
    rows = session.execute(
        select(referrer.id, referrer.name, func.count(func.distinct(referred.id)), func.count(Order.id),
               func.coalesce(func.sum(TOTAL_FEN), 0))
        .select_from(Order).join(referred, referred.id == Order.customer_id)
        .join(referrer, referrer.id == referred.referrer_id)
        .where(*in_month).group_by(referrer.id, referrer.name)
        .order_by(func.count(Order.id).desc(), func.sum(TOTAL_FEN).desc(), referrer.id).limit(top)
    ).all()
    phones: dict[int, str] = dict(session.execute(  # type: ignore[arg-type]
        select(Customer.id, phones_of_customer()).where(Customer.id.in_([r[0] for r in rows]))).all()) if rows else {}
    referrers = [ReferrerLine(cid, name, phones.get(cid) or "", n_customers, n_orders, int(fen))
                 for cid, name, n_customers, n_orders, fen in rows]
    referral_orders = counted.get(Channel.REFERRAL, (0, 0))[0]
    return ChannelMonth(str(period), lines, orders, revenue, referral_orders / orders if orders else None, referrers)
