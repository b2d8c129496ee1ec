"""Rework statistics (返工统计): how many items went back to rework, and how often, for a
period — by lab, by product type and by the studio's rework reasons.

The rework rate of a group is its reworks ÷ the items returned from the lab in the same
period: the REWORK events whose time is in the period ÷ the RETURNED events whose time is
in the period, both counted for the group. A reason has no returns of its own, so a
reason's rate is its reworks ÷ all items returned in the period. (An item reworked twice
counts twice, and it was returned twice too.)

Each event counts for its item's lab (the lab it was last sent to) and product type. A
rework whose reason was typed rather than picked from the list, or the list's "other",
counts as "other"; what was typed comes along (``ReworkStats.typed``, :func:`typed_reasons`).

The period is local dates, first and last day included; events are stored in UTC. One
grouped query over the period's return and rework events, one over its reworks' texts.
On the 10-year demo a year takes ~0.7 s through ``ix_item_events_at`` (every event of the
year is read); an index on (to_status, at, item_id, rework_reason_id) brings it to ~0.12 s
(see benchmarks/rework_stats.py). The window runs it in the background.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import ChoiceKind, Item, ItemEvent, ItemStatus, Lab, ProductType
from . import choices
from .choices import ChoiceEntry
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, as_enum


class Period(enum.StrEnum):
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"


def period(which: Period | str, today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of a preset period, as of ``today`` (this month and this year end today)."""
    which = as_enum(Period, which, "period")
    if which is Period.THIS_MONTH:
        return today.replace(day=1), today
    if which is Period.LAST_MONTH:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    return today.replace(month=1, day=1), today


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: a lab, a product type or a reason."""

    key: int | None  # lab / product type / list entry id; None: no lab, or (reasons) "other"
    name: str  # a lab's or product type's name as the studio typed it; "" for reasons (see ``entry``)
    reworks: int
    returned: int  # the rate's denominator (for a reason: every item returned in the period)
    entry: ChoiceEntry | None = None  # reasons: the list entry, named in the staff's language where shown
    other: bool = False  # reasons: the "other" group (typed reasons and the list's "other")

    @property
    def rate(self) -> float | None:
        """reworks ÷ returned; None when nothing was returned."""
        return self.reworks / self.returned if self.returned else None


@dataclass(frozen=True)
class ReworkStats:
    first_day: dt.date
    last_day: dt.date
    reworks: int
    returned: int
    by_lab: list[Group]
    by_product: list[Group]
    by_reason: list[Group]
    typed: dict[int | None, list[tuple[str, int]]]  # reason group's key -> (what was typed, how often)

    @property
    def rate(self) -> float | None:
        return self.reworks / self.returned if self.returned else None


def bounds(first_day: dt.date, last_day: dt.date, clock: Clock) -> tuple[dt.datetime, dt.datetime]:
    """The UTC moments a period of local days starts and ends (end excluded)."""
    if first_day > last_day:
        raise BadInput("The period starts on {first} but ends before that, on {last}.",
                       first=first_day.isoformat(), last=last_day.isoformat())
    start = dt.datetime.combine(first_day, dt.time(0), tzinfo=clock.tz).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tzinfo=clock.tz)
    return start, end.astimezone(dt.timezone.utc)


def _order(groups: list[Group]) -> list[Group]:
    """Most reworks first, then by name; the "other" reason and "no lab" last."""
    return sorted(groups, key=lambda g: (g.other or g.key is None, -g.reworks, -g.returned, g.name, g.key or 0))


def rework_stats(session: Session, first_day: dt.date, last_day: dt.date, *,
                 clock: Clock = SYSTEM_CLOCK) -> ReworkStats:
    """Rework counts and rates for the days ``first_day`` .. ``last_day`` (see the module)."""
    start, end = bounds(first_day, last_day, clock)
    counted = (
        select(Item.lab_id, Item.product_type_id, ItemEvent.to_status, ItemEvent.rework_reason_id,
               func.count().label("n"))
        .select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id)
        .where(ItemEvent.at >= start, ItemEvent.at < end,
               ItemEvent.to_status.in_([ItemStatus.RETURNED, ItemStatus.REWORK]))
        .group_by(Item.lab_id, Item.product_type_id, ItemEvent.to_status, ItemEvent.rework_reason_id)
    )
    labs: dict[int | None, list[int]] = {}  # key -> [reworks, returned]
    products: dict[int, list[int]] = {}
    reasons: dict[int | None, int] = {}  # list entry (None: other) -> reworks
    entries = {e.id: e for e in choices.entries(session, ChoiceKind.REWORK_REASON, include_inactive=True)}
    other_entry = next((e for e in entries.values() if e.key == choices.OTHER_KEY), None)
    total_reworks = total_returned = 0
    for lab_id, product_id, to_status, reason_id, n in session.execute(counted):
        column = 0 if to_status is ItemStatus.REWORK else 1
        labs.setdefault(lab_id, [0, 0])[column] += n
        products.setdefault(product_id, [0, 0])[column] += n
        if column == 0:
            total_reworks += n
            entry = entries.get(reason_id) if reason_id is not None else None
            key = None if entry is None or entry.key == choices.OTHER_KEY else entry.id
            reasons[key] = reasons.get(key, 0) + n
        else:
            total_returned += n
    lab_names: dict[int, str] = {
        i: n for i, n in session.execute(select(Lab.id, Lab.name).where(Lab.id.in_([k for k in labs if k])))}
    product_names: dict[int, str] = {
        i: n for i, n in session.execute(select(ProductType.id, ProductType.name)
                                           .where(ProductType.id.in_(list(products))))}
    by_reason = [Group(key, "", n, total_returned, entry=entries[key] if key is not None else other_entry,
                       other=key is None) for key, n in reasons.items()]
    return ReworkStats(
        first_day, last_day, total_reworks, total_returned,
        by_lab=_order([Group(k, lab_names.get(k, "") if k else "", r, t) for k, (r, t) in labs.items()]),
        by_product=_order([Group(k, product_names.get(k, ""), r, t) for k, (r, t) in products.items()]),
        by_reason=_order(by_reason),
        typed=_typed(session, start, end, entries) if total_reworks else {},
    )


def _typed(session: Session, start: dt.datetime, end: dt.datetime,
           entries: dict[int, ChoiceEntry]) -> dict[int | None, list[tuple[str, int]]]:
    """What was typed with the period's reworks, per reason group (None: "other"), most
    frequent first; "" when nothing was typed."""
    text = func.coalesce(ItemEvent.reason, "")
    query = (select(ItemEvent.rework_reason_id, text, func.count())
             .where(ItemEvent.at >= start, ItemEvent.at < end, ItemEvent.to_status == ItemStatus.REWORK)
             .group_by(ItemEvent.rework_reason_id, text))
    found: dict[int | None, dict[str, int]] = {}
    for reason_id, typed, n in session.execute(query):
        entry = entries.get(reason_id) if reason_id is not None else None
        key = None if entry is None or entry.key == choices.OTHER_KEY else entry.id
        texts = found.setdefault(key, {})
        texts[str(typed)] = texts.get(str(typed), 0) + int(n)
    return {key: sorted(texts.items(), key=lambda r: (-r[1], r[0])) for key, texts in found.items()}


def typed_reasons(session: Session, first_day: dt.date, last_day: dt.date, entry_id: int | None, *,
                  clock: Clock = SYSTEM_CLOCK) -> list[tuple[str, int]]:
    """What staff typed for the reworks of one reason in the period, most frequent first:
    (text, how many times; "" when nothing was typed). ``entry_id`` None is the "other"
    group: reworks with no list entry or the list's "other"."""
    start, end = bounds(first_day, last_day, clock)
    entries = {e.id: e for e in choices.entries(session, ChoiceKind.REWORK_REASON, include_inactive=True)}
    return _typed(session, start, end, entries).get(entry_id, [])
