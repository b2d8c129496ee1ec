"""Staff accounts, logins, roles and the audit log of privileged acts."""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEntry, Role, Staff
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, as_enum
from .messages import phrases

# argon2id with OWASP's minimum: 19 MiB, 2 passes, 1 lane (~20-40 ms a check here).
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
MIN_SECRET_LENGTH = 4  # a 4-digit PIN is the shortest a counter will accept


class Permission(enum.StrEnum):
    CANCEL = "cancel"
    REFUND = "refund"
    OVERRIDE_BALANCE = "override_balance"
    EDIT_CATALOGUE = "edit_catalogue"
    MANAGE_STAFF = "manage_staff"
    EXPORT_CUSTOMERS = "export_customers"
    BOOK_ORDER = "book_order"
    TAKE_PAYMENT = "take_payment"
    EDIT_CUSTOMERS = "edit_customers"
    TRACK_ITEMS = "track_items"  # send to a lab, receive, QC (rework, ready), send-out lists
    PICKUP = "pickup"
    HANDLE_COMPLAINTS = "handle_complaints"  # complaints and follow-ups
    APPROVE_DISCOUNT = "approve_discount"  # a discount above the studio's limit
    VIEW_AUDIT = "view_audit"
    MANAGE_SETTINGS = "manage_settings"
    RESTORE = "restore"


# How a refusal names the act (English; translated where shown).
ACT_TEXT = phrases({
    Permission.CANCEL: "cancel", Permission.REFUND: "refund", Permission.OVERRIDE_BALANCE: "override a balance due",
    Permission.EDIT_CATALOGUE: "change the catalogue", Permission.MANAGE_STAFF: "manage staff",
    Permission.EXPORT_CUSTOMERS: "export customer data", Permission.BOOK_ORDER: "book an order",
    Permission.TAKE_PAYMENT: "take a payment", Permission.EDIT_CUSTOMERS: "add or change customers",
    Permission.TRACK_ITEMS: "send, receive or check items", Permission.PICKUP: "hand items to the customer",
    Permission.HANDLE_COMPLAINTS: "handle complaints and follow-ups",
    Permission.APPROVE_DISCOUNT: "approve a discount above the limit", Permission.VIEW_AUDIT: "read the audit log",
    Permission.MANAGE_SETTINGS: "change the studio's settings", Permission.RESTORE: "restore a backup",
})
ROLE_TEXT = phrases({Role.COUNTER: "counter", Role.PRODUCTION: "production", Role.MANAGER: "manager"})

# What each job needs (issue 10): reading (lookup, item history, the Today view) needs nothing.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNTER: frozenset({
        Permission.BOOK_ORDER, Permission.TAKE_PAYMENT, Permission.EDIT_CUSTOMERS, Permission.PICKUP,
        Permission.HANDLE_COMPLAINTS,
    }),
    Role.PRODUCTION: frozenset({Permission.TRACK_ITEMS}),
    Role.MANAGER: frozenset(Permission),
}


@dataclass(frozen=True)
class Actor:
    """Who does something, and where: recorded with every write."""

    staff_id: int
    name: str
    role: Role
    station: str | None = None

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


def require(actor: Actor, permission: Permission) -> None:
    if not actor.may(permission):
        raise NotAllowed(
            "{name} ({role}) may not {act}; ask a manager.", name=actor.name, role=ROLE_TEXT[actor.role],
            act=ACT_TEXT[permission],
        )


def verify_manager(session: Session, name: str, secret: str, *, station: str | None = None) -> Actor:
    """A manager's name and PIN typed at someone else's station to approve one act.

    Returns the manager as an Actor (to be named in the audit entry of that act); a wrong
    name or PIN, or someone who may not approve, is refused the same way."""
    key = name.strip()
    staff = session.scalar(select(Staff).where(Staff.name == key)) if key else None
    if not _verify(staff, secret) or staff is None or Permission.APPROVE_DISCOUNT not in ROLE_PERMISSIONS[staff.role]:
        raise NotAllowed("Wrong manager name or PIN; nothing was approved.")
    return actor_of(staff, station)


def hash_secret(secret: str) -> str:
    if len(secret) < MIN_SECRET_LENGTH:
        raise BadInput("A password or PIN needs at least {n} characters.", n=MIN_SECRET_LENGTH)
    return _HASHER.hash(secret)


def actor_of(staff: Staff, station: str | None = None) -> Actor:
    return Actor(staff.id, staff.name, staff.role, station)


def create_staff(
    session: Session,
    name: str,
    role: Role,
    secret: str | None,
    *,
    badge_code: str | None = None,
    by: Actor | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Staff:
    """Add a staff member. Only a manager may, except for the very first account."""
    role = as_enum(Role, role, "role")
    name = name.strip()
    if not name:
        raise BadInput("A staff member needs a name.")
    has_staff = session.scalar(select(Staff.id).limit(1)) is not None
    if has_staff:
        if by is None:
            raise NotAllowed("Only a manager may add staff.")
        require(by, Permission.MANAGE_STAFF)
    elif role is not Role.MANAGER:
        raise BadInput("The first account of a studio must be a manager.")
    if session.scalar(select(Staff.id).where(Staff.name == name)) is not None:
        raise BadInput("There is already a staff member called {name}.", name=name)
    badge = badge_code.strip().upper() if badge_code else None
    if badge and session.scalar(select(Staff.id).where(Staff.badge_code == badge)) is not None:
        raise BadInput("Badge {badge} already belongs to someone else.", badge=badge)
    staff = Staff(
        name=name, role=role, password_hash=hash_secret(secret) if secret else None,
        badge_code=badge, active=True, created_at=clock.now(),
    )
    session.add(staff)
    session.flush()
    record(session, by or actor_of(staff), "staff.create", f"staff:{staff.id}", f"{name} as {role.value}", clock=clock)
    session.commit()
    return staff


def _verify(staff: Staff | None, secret: str) -> bool:
    if staff is None or not staff.active or not staff.password_hash:
        # Spend the same time as a real check, so a wrong name is not told apart.
        try:
            _HASHER.verify(_dummy_hash(), secret)
        except VerificationError:
            pass
        return False
    try:
        return _HASHER.verify(staff.password_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("studiodesk-dummy")


def login(session: Session, name: str, secret: str, *, station: str | None = None) -> Actor:
    """Check a name (or badge code) and a password/PIN; raise NotAllowed when wrong."""
    key = name.strip()
    staff = session.scalar(select(Staff).where(Staff.name == key))
    if staff is None and key:
        staff = session.scalar(select(Staff).where(Staff.badge_code == key.upper()))
    if not _verify(staff, secret):
        raise NotAllowed("Wrong name or password.")
    assert staff is not None
    return actor_of(staff, station)


def record(
    session: Session, actor: Actor, action: str, target: str | None, detail: str | None = None,
    *, clock: Clock = SYSTEM_CLOCK,
) -> None:
    """Append to the audit log inside the caller's transaction (committed with the act)."""
    session.add(AuditEntry(
        at=clock.now(), staff_id=actor.staff_id, station=actor.station,
        action=action, target=target, detail=detail,
    ))


def badge_owner(session: Session, code: str, *, station: str | None = None) -> Actor | None:
    """The active staff member whose badge this is, or None (then it is some other code)."""
    badge = code.strip().upper()
    if not badge:
        return None
    staff = session.scalar(select(Staff).where(Staff.badge_code == badge, Staff.active.is_(True)))
    return actor_of(staff, station) if staff is not None else None
