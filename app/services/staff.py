"""Staff accounts, logins, roles and the audit log of privileged acts."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import secrets
from dataclasses import dataclass, replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import AuditEntry, Role, Staff
from . import codes
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, NotFound, as_enum
from .messages import Message, phrases, to_json
from .text import FIELD_TEXT, checked_text, is_storable, shown

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
    LAB_MONTH_END = "lab_month_end"  # a lab's month for 对账 (export, statement check)
    MONTH_REPORT = "month_report"  # the manager's monthly workbook (revenue, payments, balances)
    ERASE_CUSTOMER = "erase_customer"  # anonymise a customer on request (personal information law)


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
    Permission.LAB_MONTH_END: "do the labs' month-end", Permission.MONTH_REPORT: "export the monthly workbook",
    Permission.ERASE_CUSTOMER: "erase a customer's personal data",
})
HOW_TEXT = phrases({"badge": "badge", "name": "name"})  # how someone signed in
SIGN_OUT_TEXT = phrases({"window closed": "window closed", "signed out": "signed out", "idle": "idle too long"})
ROLE_TEXT = phrases({Role.COUNTER: "counter", Role.PRODUCTION: "production", Role.MANAGER: "manager"})

# What each job needs (issue 10): reading (lookup, item history, the Today view) needs nothing.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNTER: frozenset({
        Permission.BOOK_ORDER, Permission.TAKE_PAYMENT, Permission.EDIT_CUSTOMERS, Permission.PICKUP,
        Permission.HANDLE_COMPLAINTS,
    }),
    Role.PRODUCTION: frozenset({Permission.TRACK_ITEMS, Permission.LAB_MONTH_END}),
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


def has_manager_rights(role: Role) -> bool:
    """Roles whose badge alone never signs in: their PIN is asked every time."""
    return as_enum(Role, role, "role") is Role.MANAGER


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
    if not is_storable(secret):
        raise BadInput("A password or PIN cannot hold a NUL or half of a character; type it again.")
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
    by: Actor | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Staff:
    """Add a staff member. Only a manager may, except for the very first account.

    A badge is not typed here: :func:`new_badge` issues one.
    """
    role = as_enum(Role, role, "role")
    name = checked_text(name, FIELD_TEXT["staff_name"], Staff.name) or ""
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
    staff = Staff(
        name=name, role=role, password_hash=hash_secret(secret) if secret else None,
        active=True, created_at=clock.now(), failed_logins=0,
    )
    session.add(staff)
    session.flush()
    record(session, by or actor_of(staff), "staff.create", f"staff:{staff.id}",
           Message("{name} as {role}", {"name": name, "role": ROLE_TEXT[role]}), clock=clock)
    session.commit()
    return staff


def _verify(staff: Staff | None, secret: str) -> bool:
    if not is_storable(secret):  # argon2 cannot even encode half a character: never right
        secret = ""
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


# -- the login throttle ---------------------------------------------------------------
# Counted on the staff row, so every station shares it: after the n-th consecutive failure
# the next try waits 2^(n-1) s (at most 30 s) and is refused unchecked until then; the
# LOCK_AFTER-th failure locks the account until a manager unlocks it.
MAX_WAIT_S = 30
LOCK_AFTER = 10


class LoginRefused(NotAllowed):
    """A refused login: a wrong name or secret (``retry_after``: seconds the next try waits),
    a try during that wait (``waiting``), or a locked account (``locked``)."""

    def __init__(self, template: str, *, retry_after: int = 0, waiting: bool = False, locked: bool = False,
                 **params: object) -> None:
        super().__init__(template, **params)
        self.retry_after = retry_after
        self.waiting = waiting
        self.locked = locked


def _wrong(retry_after: int) -> LoginRefused:
    # The same words for an unknown name and a wrong PIN.
    return LoginRefused("Wrong name or password.", retry_after=retry_after)


def _locked(staff: Staff) -> LoginRefused:
    return LoginRefused("{name} is locked after too many wrong tries; ask a manager to unlock it.", locked=True,
                        name=staff.name)


def wait_after(failures: int) -> int:
    """Seconds a login waits after this many consecutive failures."""
    return 0 if failures <= 0 else min(MAX_WAIT_S, 2 ** (failures - 1))


def _remaining_wait(staff: Staff, now: dt.datetime) -> int:
    if not staff.failed_logins or staff.last_failed_at is None:
        return 0
    until = staff.last_failed_at + dt.timedelta(seconds=wait_after(staff.failed_logins))
    return max(0, math.ceil((until - now).total_seconds()))


def _find(session: Session, key: str) -> tuple[Staff | None, str]:
    """The staff member a login names (by name, or by badge), and how ("name"/"badge")."""
    if not is_storable(key):  # no name or badge holds a NUL or half a character: nobody
        return None, "name"
    staff = session.scalar(select(Staff).where(Staff.name == key)) if key else None
    if staff is None and key and codes.looks_like_badge(key):
        badge = codes.parse_badge(key)  # a misread badge is refused as such, before any lookup
        return session.scalar(select(Staff).where(Staff.badge_code == badge)), "badge"
    return staff, "name"


def _signed_in(
    session: Session, staff: Staff, how: str, station: str | None, previous: Actor | None, clock: Clock,
) -> Actor:
    actor = actor_of(staff, station)
    staff.failed_logins = 0
    staff.last_failed_at = None
    if previous is not None and previous.staff_id != actor.staff_id:
        record(session, replace(previous, station=station), "logout", f"staff:{previous.staff_id}",
               Message("switched to {name}", {"name": actor.name}), clock=clock)
        record(session, actor, "switch", f"staff:{actor.staff_id}",
               Message("by {how}, after {name}", {"how": HOW_TEXT[how], "name": previous.name}), clock=clock)
    else:
        record(session, actor, "login", f"staff:{actor.staff_id}", Message("by {how}", {"how": HOW_TEXT[how]}),
               clock=clock)
    session.commit()
    return actor


def _failed(session: Session, staff: Staff | None, detail: Message, station: str | None, clock: Clock) -> None:
    """Record a failed login (and count it on a known account), committed before the refusal."""
    session.add(AuditEntry(at=clock.now(), staff_id=staff.id if staff is not None else None, station=station,
                           action="login.failed", target=f"staff:{staff.id}" if staff is not None else None,
                           **audit_detail(detail)))
    session.commit()


def login(
    session: Session, name: str, secret: str, *, station: str | None = None, previous: Actor | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Actor:
    """Check a name (or badge code) and a password/PIN; raise LoginRefused when wrong.

    Throttled per staff member (see LOCK_AFTER): while a wait runs or the account is
    locked, the PIN is not even checked. Every sign-in and failure is audited; ``previous``
    is who worked at this station until now (the switch is audited too).
    """
    station = checked_text(station, FIELD_TEXT["station"], AuditEntry.station)
    key = name.strip()
    staff, how = _find(session, key)
    now = clock.now()
    if staff is None or not staff.active or not staff.password_hash:
        _verify(None, secret)
        _failed(session, staff, Message("unknown name '{name}'", {"name": shown(key[:40])}) if staff is None
                else Message("cannot log in"), station, clock)
        raise _wrong(retry_after=1)
    if staff.locked_at is not None:
        _failed(session, staff, Message("locked"), station, clock)
        raise _locked(staff)
    wait = _remaining_wait(staff, now)
    if wait:
        _failed(session, staff, Message("tried during the wait ({seconds} s left)", {"seconds": wait}), station, clock)
        raise LoginRefused("Too many wrong tries: wait {seconds} s, then try again.", retry_after=wait,
                           waiting=True, seconds=wait)
    if not _verify(staff, secret):
        _count_failure(session, staff, how, station, clock)
        if staff.locked_at is not None:
            raise _locked(staff)
        raise _wrong(retry_after=wait_after(staff.failed_logins))
    return _signed_in(session, staff, how, station, previous, clock)


def _count_failure(session: Session, staff: Staff, how: str, station: str | None, clock: Clock) -> None:
    now = clock.now()
    # One UPDATE, so two stations failing at once both count.
    session.execute(update(Staff).where(Staff.id == staff.id).values(
        failed_logins=Staff.failed_logins + 1, last_failed_at=now))
    session.refresh(staff)
    session.add(AuditEntry(at=now, staff_id=staff.id, station=station, action="login.failed", target=f"staff:{staff.id}",
                           **audit_detail(Message("wrong secret, by {how} ({n} in a row)",
                                                  {"how": HOW_TEXT[how], "n": staff.failed_logins}))))
    if staff.failed_logins >= LOCK_AFTER and staff.locked_at is None:
        staff.locked_at = now
        session.add(AuditEntry(at=now, staff_id=staff.id, station=station, action="login.locked",
                               target=f"staff:{staff.id}",
                               **audit_detail(Message("after {n} failures", {"n": staff.failed_logins}))))
    session.commit()


def badge_sign_in(
    session: Session, code: str, *, station: str | None = None, previous: Actor | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Actor:
    """Sign in by a badge alone: only roles without manager rights; a manager's badge needs the PIN."""
    station = checked_text(station, FIELD_TEXT["station"], AuditEntry.station)
    badge = codes.parse_badge(code)
    staff = session.scalar(select(Staff).where(Staff.badge_code == badge, Staff.active.is_(True)))
    if staff is None:
        raise NotFound("Badge {badge} belongs to nobody: it was replaced or withdrawn.", badge=badge)
    if has_manager_rights(staff.role):
        _failed(session, staff, Message("manager badge without PIN"), station, clock)
        raise NotAllowed("{name} is a manager: a manager's badge needs the PIN too.", name=staff.name)
    if staff.locked_at is not None:
        _failed(session, staff, Message("locked, by badge"), station, clock)
        raise _locked(staff)
    return _signed_in(session, staff, "badge", station, previous, clock)


def sign_out(session: Session, reason: str, actor: Actor, *, station: str | None = None,
             clock: Clock = SYSTEM_CLOCK) -> None:
    """Audit that ``actor`` stopped working at this station (window closed)."""
    why = SIGN_OUT_TEXT.get(reason)
    record(session, replace(actor, station=station or actor.station), "logout", f"staff:{actor.staff_id}",
           Message("{why}", {"why": why}) if why else reason, clock=clock)
    session.commit()


def unlock_staff(session: Session, staff_id: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> None:
    """A manager lets a locked (or waiting) account try again at once."""
    require(actor, Permission.MANAGE_STAFF)
    staff = _staff(session, staff_id)
    detail = (Message("{name} (locked)", {"name": staff.name}) if staff.locked_at is not None
              else Message("{name} ({n} failures)", {"name": staff.name, "n": staff.failed_logins}))
    staff.failed_logins = 0
    staff.last_failed_at = None
    staff.locked_at = None
    record(session, actor, "staff.unlock", f"staff:{staff.id}", detail, clock=clock)
    session.commit()


def unlock_from_the_command_line(session: Session, name: str, *, clock: Clock = SYSTEM_CLOCK) -> str:
    """``studiodesk-admin unlock``: the way back in when every manager is locked out (whoever
    runs it has the database file, or its server's password, anyway). Audited without a staff member."""
    staff = session.scalar(select(Staff).where(Staff.name == name.strip())) if is_storable(name) else None
    if staff is None:
        raise NotFound("There is no staff member called {name}.", name=shown(name.strip()))
    was = "locked" if staff.locked_at is not None else f"{staff.failed_logins} failures"
    detail = (Message("{name} (locked), from the command line", {"name": staff.name}) if staff.locked_at is not None
              else Message("{name} ({n} failures), from the command line",
                           {"name": staff.name, "n": staff.failed_logins}))
    staff.failed_logins = 0
    staff.last_failed_at = None
    staff.locked_at = None
    session.add(AuditEntry(at=clock.now(), staff_id=None, station="studiodesk-admin", action="staff.unlock",
                           target=f"staff:{staff.id}", **audit_detail(detail)))
    session.commit()
    return was


def new_badge(session: Session, staff_id: int, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> str:
    """Issue a badge to a staff member (replacing the old one, which stops working); returns its code."""
    require(actor, Permission.MANAGE_STAFF)
    staff = _staff(session, staff_id)
    while True:
        code = codes.badge_code(secrets.randbits(codes.BADGE_BITS))
        if session.scalar(select(Staff.id).where(Staff.badge_code == code)) is None:
            break
    replaced = staff.badge_code is not None
    staff.badge_code = code
    record(session, actor, "staff.badge", f"staff:{staff.id}",
           Message("{name}: replaced", {"name": staff.name}) if replaced
           else Message("{name}: issued", {"name": staff.name}), clock=clock)
    session.commit()
    return code


@dataclass(frozen=True)
class StaffRow:
    staff_id: int
    name: str
    role: Role
    active: bool
    has_badge: bool
    locked: bool
    failed_logins: int


def staff_list(session: Session, actor: Actor) -> list[StaffRow]:
    """Every staff member with what a manager looks after: badge, lock, failures."""
    require(actor, Permission.MANAGE_STAFF)
    return [StaffRow(s.id, s.name, s.role, s.active, s.badge_code is not None, s.locked_at is not None,
                     s.failed_logins)
            for s in session.scalars(select(Staff).order_by(Staff.id))]


def _staff(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("There is no staff member {id}.", id=staff_id)
    return staff


def record(
    session: Session, actor: Actor, action: str, target: str | None, detail: str | Message | None = None,
    *, clock: Clock = SYSTEM_CLOCK,
) -> None:
    """Append to the audit log inside the caller's transaction (committed with the act).

    ``detail`` is a :class:`Message` when it holds any of the program's own words (shown
    translated); a plain string only for what a person typed (a reason), shown as typed."""
    checked_text(actor.station, FIELD_TEXT["station"], AuditEntry.station)
    session.add(AuditEntry(
        at=clock.now(), staff_id=actor.staff_id, station=actor.station, action=action, target=target,
        **audit_detail(detail),
    ))


def audit_detail(detail: str | Message | None) -> dict[str, object]:
    """The detail columns of an audit entry: the English text, and the message to translate."""
    if isinstance(detail, Message):
        return {"detail": shown(str(detail)), "detail_message": to_json(detail)}
    return {"detail": None if detail is None else shown(detail), "detail_message": None}


def badge_owner(session: Session, code: str, *, station: str | None = None) -> Actor | None:
    """The active staff member whose badge this is; None when the code is no badge at all.

    A badge-shaped code that is misread (check character) or belongs to nobody is refused.
    """
    if not codes.looks_like_badge(code):
        return None
    badge = codes.parse_badge(code)
    staff = session.scalar(select(Staff).where(Staff.badge_code == badge, Staff.active.is_(True)))
    if staff is None:
        raise NotFound("Badge {badge} belongs to nobody: it was replaced or withdrawn.", badge=badge)
    return actor_of(staff, station)
