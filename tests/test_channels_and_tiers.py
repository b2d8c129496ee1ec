"""Channel analysis and customer tiers computed from known data, with hand-checked numbers."""

from __future__ import annotations

import pytest

from app.models import Channel, Customer, Tier
from app.services import channels, tiers
from app.services.errors import BadInput, NotAllowed
from app.services.tiers import TierRules

from .customer_helpers import complaint, customer, follow_up, order


@pytest.fixture
def month_of_orders(session, studio):
    """November 2026: 2 walk-in orders (¥5,000 and ¥3,000 − ¥500 discount), 1 marketing order
    (¥8,000), 3 referral orders (¥4,000 + ¥6,000 by two friends of 张三, ¥2,000 by a friend of
    李四), one cancelled referral order (¥9,000) and an October order (¥7,000), neither counted."""
    zhang = customer(session, "张三", Channel.WALK_IN)
    li = customer(session, "李四", Channel.MARKETING)
    friend1 = customer(session, "王五", Channel.REFERRAL, referrer=zhang)
    friend2 = customer(session, "赵六", Channel.REFERRAL, referrer=zhang)
    friend3 = customer(session, "钱七", Channel.REFERRAL, referrer=li)
    order(session, zhang, 500000, "2026-11-03")
    order(session, zhang, 300000, "2026-11-20", discount_fen=50000)
    order(session, li, 800000, "2026-11-05")
    order(session, friend1, 400000, "2026-11-10")
    order(session, friend2, 600000, "2026-11-30")
    order(session, friend3, 200000, "2026-11-12")
    order(session, friend3, 900000, "2026-11-13", cancelled=True)
    order(session, friend1, 700000, "2026-10-31")
    session.commit()
    return zhang, li


def test_channel_month_counts_orders_booked_in_the_month_and_their_value_by_channel(session, month_of_orders):
    report = channels.channel_month(session, 2026, 11)
    by = {line.channel: (line.orders, line.revenue_fen) for line in report.lines}
    assert by[Channel.WALK_IN] == (2, 750000)
    assert by[Channel.MARKETING] == (1, 800000)
    assert by[Channel.REFERRAL] == (3, 1200000)
    assert by[Channel.NATURAL] == (0, 0) and by[Channel.THIRD_PARTY] == (0, 0)
    assert (report.orders, report.revenue_fen) == (6, 2750000)
    assert report.referral_rate == pytest.approx(3 / 6)
    assert [line.channel for line in report.lines] == list(Channel)


def test_top_referrers_count_referred_customers_orders_and_value_of_the_month(session, month_of_orders):
    zhang, li = month_of_orders
    report = channels.channel_month(session, 2026, 11)
    assert [(r.customer_id, r.referred_customers, r.orders, r.revenue_fen) for r in report.referrers] == [
        (zhang.id, 2, 2, 1000000), (li.id, 1, 1, 200000)]


def test_a_month_without_orders_has_no_referral_rate(session, month_of_orders):
    report = channels.channel_month(session, 2025, 1)
    assert report.orders == 0 and report.referral_rate is None and report.referrers == []


def test_the_tier_score_adds_spending_orders_referrals_satisfaction_and_takes_off_complaints():
    rules = TierRules()
    assert rules.score(600000, 1, 0, None, 0) == 9.0
    assert rules.score(600000, 1, 2, None, 0) == 19.0
    assert rules.score(2400000, 2, 3, 5.0, 0) == 53.0
    assert rules.score(200000, 1, 0, 1.0, 2) == -15.0
    assert [rules.tier(s) for s in (9.0, 19.0, 53.0, -15.0, 30.0, 12.0, 0.0)] == [
        Tier.LOW, Tier.GROWTH, Tier.TOP, Tier.NEGATIVE, Tier.TOP, Tier.GROWTH, Tier.LOW]


def test_recomputing_tiers_scores_every_customer_with_orders_from_known_data(session, studio):
    loyal = customer(session, "周老客")
    friends = [customer(session, f"朋友{n}", Channel.REFERRAL, referrer=loyal) for n in range(4)]
    order(session, friends[0], 100000, "2026-05-02")  # booked: counted as a referral
    order(session, friends[1], 100000, "2026-05-03")
    order(session, friends[2], 100000, "2026-05-04", cancelled=True)  # only a cancelled order: not counted
    # friends[3] is a name given on a follow-up call who never booked: not counted
    order(session, loyal, 1200000, "2025-05-01", paid_fen=1200000)
    order(session, loyal, 1200000, "2026-05-01", paid_fen=1300000, refund_fen=100000)
    follow_up(session, loyal, 5)
    follow_up(session, loyal, 1, reached=False)  # not reached: not counted
    follow_up(session, loyal, 1, called=False)  # not called yet: not counted
    complaint(session, loyal, score=5).resolution_score = 5
    unhappy = customer(session, "吴不满")
    order(session, unhappy, 200000, "2026-06-01", paid_fen=200000)
    follow_up(session, unhappy, 1)
    complaint(session, unhappy, score=1)
    complaint(session, unhappy)
    plain = customer(session, "郑普通")
    order(session, plain, 600000, "2026-07-01", paid_fen=600000)
    prospect = customer(session, "冯潜客")
    order(session, prospect, 900000, "2026-07-01", cancelled=True)
    session.commit()
    counts = tiers.recompute_tiers(session)
    got = {c.name: (c.tier, c.tier_score) for c in session.query(Customer)}
    # 24 (¥24,000 net) + 6 (2 orders) + 10 (2 referrals who booked) + 8 (satisfaction 5, 5) − 6 (1 complaint) = 42
    assert got["周老客"] == (Tier.TOP, 42.0)
    # 2 + 3 − 8 (satisfaction 1, 1) − 12 (2 complaints) = −15
    assert got["吴不满"] == (Tier.NEGATIVE, -15.0)
    assert got["郑普通"] == (Tier.LOW, 9.0)
    assert got["冯潜客"] == (None, None) and got["朋友2"] == (None, None) and got["朋友3"] == (None, None)
    assert got["朋友0"] == (Tier.LOW, 3.0)  # one order, nothing paid yet
    assert counts.counts == {Tier.TOP: 1, Tier.GROWTH: 0, Tier.LOW: 3, Tier.NEGATIVE: 1}
    assert tiers.recompute_tiers(session).changed == 0  # nothing changed: nothing written


def test_studio_edited_thresholds_move_customers_between_tiers(session, studio):
    plain = customer(session, "郑普通")
    order(session, plain, 600000, "2026-07-01", paid_fen=600000)
    session.commit()
    tiers.set_tier_rules(session, TierRules(top=20, growth=8, low=0), studio.manager)
    tiers.recompute_tiers(session)
    assert session.get(Customer, plain.id).tier is Tier.GROWTH
    assert tiers.tier_rules(session).growth == 8


def test_tier_thresholds_that_do_not_fall_and_negative_weights_are_refused(session, studio):
    with pytest.raises(BadInput):
        tiers.set_tier_rules(session, TierRules(top=10, growth=12), studio.manager)
    with pytest.raises(BadInput):
        tiers.set_tier_rules(session, TierRules(complaint_weight=-1), studio.manager)
    with pytest.raises(NotAllowed):
        tiers.set_tier_rules(session, TierRules(), studio.counter)
    assert tiers.tier_rules(session) == TierRules()


def test_the_list_per_tier_has_phone_last_order_and_score_highest_first(session, studio):
    a = customer(session, "甲")
    b = customer(session, "乙")
    order(session, a, 600000, "2026-07-01", paid_fen=600000)
    order(session, b, 900000, "2026-08-01", paid_fen=900000)
    session.commit()
    tiers.recompute_tiers(session)
    rows = tiers.customers_in_tier(session, "low")
    # 乙: 9 + 3 = 12 → growth; 甲: 6 + 3 = 9 → low
    assert [(r.name, r.score, r.orders, r.paid_fen) for r in rows] == [("甲", 9.0, 1, 600000)]
    assert rows[0].last_order_at is not None
    assert [(r.name, r.score) for r in tiers.customers_in_tier(session, Tier.GROWTH)] == [("乙", 12.0)]


def test_the_demo_studio_has_tiers_consent_and_survey_answers(engine, session):
    from sqlalchemy import func, select

    from app.models import SurveyAnswer
    from app.services.demo import build_demo

    build_demo(engine, years=0.25, orders_per_month=80)
    tiers_seen = set(session.scalars(select(Customer.tier).where(Customer.tier.is_not(None)).distinct()))
    assert {Tier.GROWTH, Tier.LOW} <= tiers_seen
    with_consent = session.scalar(select(func.count(Customer.id)).where(Customer.survey_consent_at.is_not(None)))
    total = session.scalar(select(func.count(Customer.id)))
    assert 0.2 * total < with_consent < 0.5 * total
    answered = session.scalar(select(func.count(func.distinct(SurveyAnswer.customer_id))))
    assert 0 < answered <= with_consent
    assert session.scalar(select(func.count(SurveyAnswer.id)).join(Customer, Customer.id == SurveyAnswer.customer_id)
                          .where(Customer.survey_consent_at.is_(None))) == 0


def test_names_given_on_a_follow_up_call_raise_the_caller_s_tier_only_once_they_book(session, studio, clock):
    import datetime as dt

    from app.models import FollowUpStage, SessionState
    from app.services import follow_ups
    from app.services.follow_ups import Lead

    from .test_follow_ups import answers, call_of, shot_order

    order_ = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order_, FollowUpStage.AFTER_SHOOT)
    follow_ups.record_call(session, call.id, True, studio.counter, clock=clock,
                           scores=answers(session, FollowUpStage.AFTER_SHOOT, overall=3, others=3))
    tiers.recompute_tiers(session)
    before = session.get(Customer, order_.customer_id)
    score_before, tier_before = before.tier_score, before.tier
    shoot = order_.sessions[0]
    shoot.selection_date, shoot.state = dt.date(2026, 11, 22), SessionState.SELECTED
    session.commit()
    follow_ups.generate_due_calls(session, clock=clock)
    call2 = call_of(session, order_, FollowUpStage.AFTER_SELECTION)
    result = follow_ups.record_call(
        session, call2.id, True, studio.counter, clock=clock,
        scores=answers(session, FollowUpStage.AFTER_SELECTION, overall=3, others=3),
        leads=[Lead("赵六", "13600136000"), Lead("钱七", "13600136001"), Lead("孙八", "13600136002")])
    tiers.recompute_tiers(session)
    after = session.get(Customer, order_.customer_id)
    assert (after.tier_score, after.tier) == (score_before, tier_before)
    order(session, session.get(Customer, result.lead_customer_ids[0]), 100000, "2026-11-23")  # one of them books
    session.commit()
    tiers.recompute_tiers(session)
    assert session.get(Customer, order_.customer_id).tier_score == score_before + TierRules().referral_weight
