"""Rework statistics: counts and rates by lab, product type and reason for a period of local
days; the rate is reworks ÷ items returned in the period."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models import ChoiceKind, Item
from app.services import choices, lifecycle
from app.services.errors import BadInput
from app.services.rework_stats import Period, period, rework_stats, typed_reasons

from .helpers import S, new_order

UTC = dt.timezone.utc
NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 23))
OCT = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def _entry(session, key: str) -> int:
    return next(e.id for e in choices.entries(session, ChoiceKind.REWORK_REASON) if e.key == key)


@pytest.fixture
def history(session, studio, clock):
    """Two orders' album and frames through two labs, October and November (see the counts
    in the tests). Times are UTC; the studio's days are Beijing time (UTC+8)."""
    items = {}
    for name in ("o1", "o2"):
        order = new_order(session, studio, clock, paid=True, name=name, phone=f"1380013800{len(items)}")
        codes = list(session.scalars(select(Item.code).where(Item.order_id == order.id, Item.seq <= 3)
                                     .order_by(Item.seq)))
        items.update(dict(zip([f"a{name[1]}", f"f{name[1]}", f"g{name[1]}"], codes)))
    a1, f1, g1, a2, f2, g2 = (items[k] for k in ("a1", "f1", "g1", "a2", "f2", "g2"))
    # (f1, g1: frames of order 1; f2, g2: frames of order 2)

    def at(moment: dt.datetime, code: str, target, **kw) -> None:  # type: ignore[no-untyped-def]
        clock.moment = moment
        lifecycle.transition(session, code, target, studio.production, clock=clock, **kw)

    oct20 = dt.datetime(2026, 10, 20, 2, tzinfo=UTC)
    at(oct20, a1, S.SENT, lab_id=studio.lab)
    at(oct20, f1, S.SENT, lab_id=studio.lab)
    at(oct20, g1, S.SENT, lab_id=studio.slow_lab)
    at(dt.datetime(2026, 10, 31, 15, 30, tzinfo=UTC), a1, S.RETURNED)  # Oct 31, 23:30 in the studio
    at(dt.datetime(2026, 10, 31, 16, 30, tzinfo=UTC), f1, S.RETURNED)  # Nov 1, 00:30 in the studio
    nov5 = dt.datetime(2026, 11, 5, 2, tzinfo=UTC)
    at(nov5, a2, S.SENT, lab_id=studio.lab)
    at(nov5, f2, S.SENT, lab_id=studio.lab)
    at(nov5, g2, S.SENT, lab_id=studio.slow_lab)
    nov10 = dt.datetime(2026, 11, 10, 2, tzinfo=UTC)
    for code in (a2, f2, g1, g2):
        at(nov10, code, S.RETURNED)
    nov12 = dt.datetime(2026, 11, 12, 2, tzinfo=UTC)
    at(nov12, a1, S.REWORK, rework_reason_id=_entry(session, "damage"))
    at(nov12, f1, S.REWORK, reason="相册压痕")  # typed, not from the list: "other"
    at(nov12, g1, S.REWORK, rework_reason_id=_entry(session, "colour"), reason="偏红")
    at(dt.datetime(2026, 11, 14, 2, tzinfo=UTC), a1, S.SENT)  # back to its lab
    at(dt.datetime(2026, 11, 16, 2, tzinfo=UTC), a1, S.RETURNED)
    at(dt.datetime(2026, 11, 17, 2, tzinfo=UTC), a1, S.REWORK, rework_reason_id=_entry(session, "other"),
       reason="第二次返工")
    at(dt.datetime(2026, 11, 18, 2, tzinfo=UTC), a2, S.READY)
    clock.moment = dt.datetime(2026, 11, 23, 2, tzinfo=UTC)
    return items


def test_rework_counts_and_rates_by_lab_product_and_reason(session, studio, clock, history):
    stats = rework_stats(session, *NOV, clock=clock)
    assert (stats.reworks, stats.returned) == (4, 6)
    assert [(g.name, g.reworks, g.returned, g.rate) for g in stats.by_lab] == [
        ("金彩相册厂", 3, 4, 0.75), ("慢工画框", 1, 2, 0.5)]
    assert [(g.name, g.reworks, g.returned, g.rate) for g in stats.by_product] == [
        ("7寸 摆台", 2, 4, 0.5), ("30P 相册", 2, 2, 1.0)]
    reasons = [(g.entry.key if g.entry else None, g.other, g.reworks, g.returned) for g in stats.by_reason]
    assert reasons == [("colour", False, 1, 6), ("damage", False, 1, 6), ("other", True, 2, 6)]


def test_the_rate_is_reworks_over_items_returned_in_the_period_not_sent_or_items(session, studio, clock, history):
    """In November the first lab got 3 items sent and 4 returned, with 3 reworks: the rate is
    3/4, not 3/3 (sent) nor 3/5 (its items)."""
    lab = next(g for g in rework_stats(session, *NOV, clock=clock).by_lab if g.key == studio.lab)
    assert lab.rate == pytest.approx(3 / 4)


def test_days_are_the_studios_local_days(session, studio, clock, history):
    """A return at 23:30 on Oct 31 in the studio is October's, at 00:30 on Nov 1 November's."""
    october = rework_stats(session, *OCT, clock=clock)
    assert (october.reworks, october.returned, october.rate) == (0, 1, 0.0)
    assert rework_stats(session, dt.date(2026, 11, 1), dt.date(2026, 11, 1), clock=clock).returned == 1


def test_typed_reasons_of_other_and_of_a_listed_reason(session, studio, clock, history):
    assert typed_reasons(session, *NOV, None, clock=clock) == [("相册压痕", 1), ("第二次返工", 1)]
    assert typed_reasons(session, *NOV, _entry(session, "colour"), clock=clock) == [("偏红", 1)]
    assert typed_reasons(session, *NOV, _entry(session, "damage"), clock=clock) == [("", 1)]


def test_an_empty_period_has_no_rate(session, studio, clock):
    stats = rework_stats(session, *NOV, clock=clock)
    assert (stats.reworks, stats.returned, stats.rate, stats.by_lab) == (0, 0, None, [])


def test_a_period_ending_before_it_starts_is_refused(session, clock):
    with pytest.raises(BadInput):
        rework_stats(session, dt.date(2026, 11, 2), dt.date(2026, 11, 1), clock=clock)


@pytest.mark.parametrize(("which", "today", "expected"), [
    (Period.THIS_MONTH, dt.date(2026, 11, 23), (dt.date(2026, 11, 1), dt.date(2026, 11, 23))),
    (Period.LAST_MONTH, dt.date(2026, 11, 23), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
    (Period.LAST_MONTH, dt.date(2026, 1, 5), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
    (Period.LAST_MONTH, dt.date(2026, 3, 31), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
    (Period.THIS_YEAR, dt.date(2026, 11, 23), (dt.date(2026, 1, 1), dt.date(2026, 11, 23))),
])
def test_preset_periods(which, today, expected):
    assert period(which, today) == expected


def test_an_item_made_in_the_studio_counts_under_no_lab(session, studio, clock, history):
    digital = session.scalar(select(Item.code).where(Item.product_type_id == studio.digital).limit(1))
    lifecycle.transition(session, digital, S.READY, studio.production, clock=clock)
    lifecycle.transition(session, digital, S.REWORK, studio.production, reason="文件损坏", clock=clock)
    stats = rework_stats(session, *NOV, clock=clock)
    assert [(g.key, g.reworks, g.returned, g.rate) for g in stats.by_lab][-1] == (None, 1, 0, None)
    assert (stats.reworks, stats.returned) == (5, 6)
