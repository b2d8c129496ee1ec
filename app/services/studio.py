"""Studio-wide settings and the first run of a brand-new database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Role, Setting, Staff
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed
from .staff import Actor, Permission, actor_of, create_staff, record, require
from .text import FIELD_TEXT, checked_text

STUDIO_NAME = "studio_name"


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> str:
    require(actor, Permission.EDIT_CATALOGUE)
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
    record(session, actor, "login", f"staff:{staff.id}", "first run", clock=clock)
    session.commit()
    return actor


def staff_names(session: Session) -> list[str]:
    """Names offered at the login dialog: active staff who can log in."""
    return list(session.scalars(
        select(Staff.name).where(Staff.active.is_(True), Staff.password_hash.is_not(None)).order_by(Staff.id)))
