"""Customer tiers: the customer pyramid of seed 004 (客户金字塔).

Each customer who has booked at least one order (not cancelled) gets a composite score:

    score = spend_weight    × net paid in ¥1,000s (payments − refunds, every order)
          + orders_weight   × orders booked (not cancelled)
          + referral_weight × customers they referred who booked (an order not cancelled)
          + satisfaction_weight × (average satisfaction − 3)   (0 without any score)
          − complaint_weight × complaints they made

Satisfaction is the average of every 1-5 score the customer gave: the overall score of each
follow-up call that reached them, and the resolution score of each closed complaint.

The tier follows from three thresholds: score ≥ top → most valuable (最有价值), ≥ growth →
growth (最具增长性), ≥ low → low contribution (低贡献), below → negative value (负值).
Customers with no order yet (prospects) and erased customers have no tier.

Defaults (studio-editable in settings, key ``tier_rules``): weights spend 1, orders 3,
referrals 5, satisfaction 4, complaints 6; thresholds top 30, growth 12, low 0. A wedding
order of ¥6,000 paid, nothing else: 6 + 3 = 9 → low contribution; the same customer who
referred two friends: 19 → growth; two orders of ¥12,000, three referrals, satisfied (5):
24 + 6 + 15 + 8 = 53 → most valuable; one ¥2,000 order, two complaints, unhappy (1):
2 + 3 − 8 − 12 = −15 → negative value.

:func:`recompute_tiers` computes every customer in one set-based pass: the facts of every
customer in one grouped UNION ALL, the score and tier as SQL expressions of them, written by
one UPDATE … FROM of the rows whose tier or score changes (and one clearing those who no
longer have an order). :meth:`TierRules.score` is the same formula in Python.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace

from sqlalchemy import Float, Subquery, case, cast, exists, func, literal, select, text, union_all, update
from sqlalchemy.orm import Session

from ..models import Complaint, Customer, FollowUp, Order, Payment, PaymentKind, Setting, Tier
from .clock import SYSTEM_CLOCK, Clock
from .customers import phones_of_customer
from .errors import BadInput, as_enum
from .staff import Actor, Permission, record, require

TIER_RULES = "tier_rules"
FEN_PER_SPEND_UNIT = 100_000  # ¥1,000


@dataclass(frozen=True)
class TierRules:
    spend_weight: float = 1.0
    orders_weight: float = 3.0
    referral_weight: float = 5.0
    satisfaction_weight: float = 4.0
    complaint_weight: float = 6.0
    top: float = 30.0
    growth: float = 12.0
    low: float = 0.0

    def tier(self, score: float) -> Tier:
        if score >= self.top:
            return Tier.TOP
        if score >= self.growth:
            return Tier.GROWTH
        if score >= self.low:
            return Tier.LOW
        return Tier.NEGATIVE

    def score(self, paid_fen: int, orders: int, referrals: int, satisfaction: float | None, complaints: int) -> float:
        value = (self.spend_weight * paid_fen / FEN_PER_SPEND_UNIT + self.orders_weight * orders
                 + self.referral_weight * referrals - self.complaint_weight * complaints)
        if satisfaction is not None:
            value += self.satisfaction_weight * (satisfaction - 3)
        return value


DEFAULT_RULES = TierRules()
_FIELDS = tuple(asdict(DEFAULT_RULES))


def tier_rules(session: Session) -> TierRules:
    """The studio's weights and thresholds; the defaults for anything missing or unreadable."""
    stored = session.scalar(select(Setting.value).where(Setting.key == TIER_RULES))
    if not stored:
        return DEFAULT_RULES
    try:
        data = json.loads(stored)
        return replace(DEFAULT_RULES, **{k: float(v) for k, v in data.items() if k in _FIELDS})
    except (ValueError, TypeError, AttributeError):
        return DEFAULT_RULES


def set_tier_rules(session: Session, rules: TierRules, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> TierRules:
    """A manager sets the weights and thresholds (audited); tiers change at the next recompute."""
    require(actor, Permission.MANAGE_SETTINGS)
    for name in _FIELDS:
        value = getattr(rules, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise BadInput("A tier weight or threshold must be a number.")
    for name in _FIELDS[:5]:
        if getattr(rules, name) < 0:
            raise BadInput("A tier weight cannot be negative.")
    if not rules.top > rules.growth > rules.low:
        raise BadInput("The tier thresholds must fall from the top tier to the low tier: {top} > {growth} > {low}.",
                       top=rules.top, growth=rules.growth, low=rules.low)
    text = json.dumps(asdict(rules), sort_keys=True)
    row = session.get(Setting, TIER_RULES)
    if row is None:
        session.add(Setting(key=TIER_RULES, value=text))
    else:
        row.value = text
    record(session, actor, "setting.change", TIER_RULES, text, clock=clock)
    session.commit()
    return rules


@dataclass(frozen=True)
class TierCounts:
    counts: dict[Tier, int]
    changed: int  # customers whose tier or score changed


def _facts() -> Subquery:
    """Per customer with at least one order not cancelled: net paid (fen), orders, customers
    referred who booked (at least one order not cancelled: a name given on a follow-up call
    counts once that person books), the sum and number of satisfaction scores, complaints.
    One UNION ALL grouped once: every fact of every customer in a single pass over each table."""
    zero = literal(0)
    signed = case((Payment.kind == PaymentKind.REFUND, -Payment.amount_fen), else_=Payment.amount_fen)
    parts = union_all(
        select(Order.customer_id.label("cid"), zero.label("paid"), literal(1).label("orders"), zero.label("refs"),
               zero.label("score_sum"), zero.label("score_n"), zero.label("complaints"))
        .where(Order.cancelled_at.is_(None)),
        select(Order.customer_id, signed, zero, zero, zero, zero, zero).join(Payment, Payment.order_id == Order.id),
        # a referred customer counts once they book (an order not cancelled), not as a name given on a call
        select(Customer.referrer_id, zero, zero, literal(1), zero, zero, zero).where(
            Customer.referrer_id.is_not(None),
            exists().where(Order.customer_id == Customer.id, Order.cancelled_at.is_(None))),
        select(FollowUp.customer_id, zero, zero, zero, FollowUp.score_overall, literal(1), zero)
        .where(FollowUp.reached.is_(True), FollowUp.called_at.is_not(None), FollowUp.score_overall.is_not(None)),
        select(Complaint.customer_id, zero, zero, zero, func.coalesce(Complaint.resolution_score, 0),
               case((Complaint.resolution_score.is_not(None), 1), else_=0), literal(1)),
    ).subquery()
    c = parts.c
    return (select(c.cid, func.sum(c.paid).label("paid"), func.sum(c.orders).label("orders"),
                   func.sum(c.refs).label("refs"), func.sum(c.score_sum).label("score_sum"),
                   func.sum(c.score_n).label("score_n"), func.sum(c.complaints).label("complaints"))
            .group_by(c.cid).having(func.sum(c.orders) > 0).subquery())


def recompute_tiers(session: Session, *, rules: TierRules | None = None) -> TierCounts:
    """Score and tier every customer in one set-based pass (two UPDATE statements, only rows
    whose tier or score changes are written); customers without orders, or erased, get none."""
    rules = rules or tier_rules(session)
    f = _facts()
    satisfaction = case((f.c.score_n > 0, rules.satisfaction_weight
                         * (cast(f.c.score_sum, Float) / f.c.score_n - 3)), else_=0.0)
    score = (cast(f.c.paid, Float) * (rules.spend_weight / FEN_PER_SPEND_UNIT)
             + cast(f.c.orders, Float) * rules.orders_weight + cast(f.c.refs, Float) * rules.referral_weight
             - cast(f.c.complaints, Float) * rules.complaint_weight + satisfaction)
    scored = select(f.c.cid, score.label("score")).subquery()
    tier = case((scored.c.score >= rules.top, literal(Tier.TOP.value)),
                (scored.c.score >= rules.growth, literal(Tier.GROWTH.value)),
                (scored.c.score >= rules.low, literal(Tier.LOW.value)), else_=literal(Tier.NEGATIVE.value))
    try:
        written = session.execute(
            update(Customer).where(Customer.id == scored.c.cid, Customer.erased_at.is_(None),
                                   Customer.tier.is_distinct_from(tier)
                                   | Customer.tier_score.is_distinct_from(scored.c.score))
            .values(tier=tier, tier_score=scored.c.score).execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        live = select(Order.customer_id).where(Order.cancelled_at.is_(None))
        cleared = session.execute(
            update(Customer).where(Customer.tier.is_not(None) | Customer.tier_score.is_not(None),
                                   Customer.erased_at.is_not(None) | Customer.id.not_in(live))
            .values(tier=None, tier_score=None).execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        session.commit()
    except Exception:
        session.rollback()
        raise
    session.expire_all()  # the set-based updates leave loaded customers as they were
    counts = {t: 0 for t in Tier}
    for value, n in session.connection().execute(
            text("SELECT tier, count(*) FROM customers WHERE tier IS NOT NULL GROUP BY tier")):
        counts[Tier(value)] = int(n)
    return TierCounts(counts, int(written or 0) + int(cleared or 0))


@dataclass(frozen=True)
class TierRow:
    customer_id: int
    name: str
    partner_name: str | None
    phones: str
    score: float | None
    orders: int
    paid_fen: int
    last_order_at: dt.datetime | None  # aware UTC


def customers_in_tier(session: Session, tier: Tier | str, *, limit: int = 2000) -> list[TierRow]:
    """The customers of one tier to act on, highest score first, with phone and last order."""
    tier = as_enum(Tier, tier, "customer tier")
    n_orders = (select(func.count(Order.id)).where(Order.customer_id == Customer.id, Order.cancelled_at.is_(None))
                .correlate(Customer).scalar_subquery())
    last = select(func.max(Order.booked_at)).where(Order.customer_id == Customer.id).correlate(Customer) \
        .scalar_subquery()
    signed = case((Payment.kind == PaymentKind.REFUND, -Payment.amount_fen), else_=Payment.amount_fen)
    paid = (select(func.coalesce(func.sum(signed), 0)).join(Order, Order.id == Payment.order_id)
            .where(Order.customer_id == Customer.id).correlate(Customer).scalar_subquery())
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.partner_name, phones_of_customer(), Customer.tier_score,
               n_orders, paid, last)
        .where(Customer.tier == tier, Customer.erased_at.is_(None))
        .order_by(Customer.tier_score.desc(), Customer.id).limit(limit)
    ).all()
    return [TierRow(cid, name, partner, phones or "", score, int(n), int(p), last_at)
            for cid, name, partner, phones, score, n, p, last_at in rows]
