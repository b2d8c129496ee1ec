"""Studio-wide settings and the first run of a brand-new database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Role, Setting, Staff
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, whole_fen
from .messages import Message
from .staff import Actor, Permission, actor_of, create_staff, record, require
from .text import FIELD_TEXT, checked_text

STUDIO_NAME = "studio_name"
# Discounts a counter clerk may give alone (issue 10): up to this percent of the order's
# price AND up to this amount; above either, a manager approves. 0 = every discount.
DISCOUNT_LIMIT_PERCENT = "discount_limit_percent"
DISCOUNT_LIMIT_FEN = "discount_limit_fen"
DEFAULT_DISCOUNT_LIMIT_PERCENT = 10
DEFAULT_DISCOUNT_LIMIT_FEN = 50000


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> str:
    require(actor, Permission.MANAGE_SETTINGS)
    what = FIELD_TEXT["studio_name"] if key == STUDIO_NAME else FIELD_TEXT["setting"]
    value = checked_text(value, what, Setting.value) or ""
    if key == STUDIO_NAME and not value:
        raise BadInput("The studio needs a name.")
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    record(session, actor, "setting.change", key, value, clock=clock)
    session.commit()
    return value


@dataclass(frozen=True)
class DiscountLimits:
    percent: int
    fen: int

    def allows(self, discount_fen: int, price_fen: int) -> bool:
        """Is this discount within what a clerk may give alone? 0 in either limit: none is."""
        if discount_fen <= 0:
            return True
        return discount_fen * 100 <= self.percent * price_fen and discount_fen <= self.fen


def _int_setting(session: Session, key: str, default: int) -> int:
    try:
        return int(get_setting(session, key) or default)
    except ValueError:
        return default


def discount_limits(session: Session) -> DiscountLimits:
    return DiscountLimits(_int_setting(session, DISCOUNT_LIMIT_PERCENT, DEFAULT_DISCOUNT_LIMIT_PERCENT),
                          _int_setting(session, DISCOUNT_LIMIT_FEN, DEFAULT_DISCOUNT_LIMIT_FEN))


def set_discount_limits(
    session: Session, percent: int, fen: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK,
) -> DiscountLimits:
    """A manager sets how much discount the counter may give without asking (audited)."""
    require(actor, Permission.MANAGE_SETTINGS)
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        raise BadInput("The discount limit is a whole percent from 0 to 100.")
    if whole_fen(fen) < 0:
        raise BadInput("The discount limit cannot be negative.")
    for key, value in ((DISCOUNT_LIMIT_PERCENT, percent), (DISCOUNT_LIMIT_FEN, fen)):
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=str(value)))
        else:
            row.value = str(value)
    record(session, actor, "setting.discount_limits", "discount limits",
           Message("{percent}% and {fen} fen", {"percent": percent, "fen": fen}), clock=clock)
    session.commit()
    return DiscountLimits(percent, fen)


def studio_name(session: Session) -> str:
    return get_setting(session, STUDIO_NAME) or ""


def needs_first_run(session: Session) -> bool:
    """A brand-new database has no staff: the first-run dialog creates the manager."""
    return session.scalar(select(Staff.id).limit(1)) is None


def first_run(
    session: Session, name: str, manager: str, secret: str, *, station: str | None = None, clock: Clock = SYSTEM_CLOCK,
) -> Actor:
    """Name the studio and create its first manager account, in one go."""
    if not needs_first_run(session):
        raise NotAllowed("This studio is already set up.")
    name = checked_text(name, FIELD_TEXT["studio_name"], Setting.value) or ""
    if not name:
        raise BadInput("The studio needs a name.")
    staff = create_staff(session, manager, Role.MANAGER, secret, clock=clock)
    actor = actor_of(staff, station)
    session.add(Setting(key=STUDIO_NAME, value=name))
    record(session, actor, "login", f"staff:{staff.id}", Message("first run"), clock=clock)
    session.commit()
    return actor


def staff_names(session: Session) -> list[str]:
    """Names offered at the login dialog: active staff who can log in."""
    return list(session.scalars(
        select(Staff.name).where(Staff.active.is_(True), Staff.password_hash.is_not(None)).order_by(Staff.id)))
