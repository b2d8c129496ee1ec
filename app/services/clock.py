"""The one source of "now" and "today", so reminders, overdue rules and tests agree.

Events are stored in UTC; appointment and due dates are the studio's local dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from .errors import BadInput

STUDIO_TZ = ZoneInfo("Asia/Shanghai")


def require_aware(moment: dt.datetime, what: str = "time") -> dt.datetime:
    """Refuse a naive datetime where a point in time is meant: without a zone it would be read
    as this computer's local time, silently hours off."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise BadInput("{value} is not a valid {what}.", value=moment.isoformat(sep=" "),
                       what=f"{what} (it has no time zone)")
    return moment


@dataclass
class Clock:
    tz: ZoneInfo = STUDIO_TZ

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)

    def today(self) -> dt.date:
        return self.now().astimezone(self.tz).date()

    def local(self, moment: dt.datetime) -> dt.datetime:
        return require_aware(moment).astimezone(self.tz)


@dataclass
class FixedClock(Clock):
    """A clock that stands still until moved: for tests and the demo generator."""

    moment: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.timezone.utc))

    def __post_init__(self) -> None:
        require_aware(self.moment, "clock time")

    def now(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


SYSTEM_CLOCK = Clock()
