"""The manager's view of the audit log: filtered, paged rows, and an Excel export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..models import AuditEntry, Staff
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput
from .exports import save_workbook, write_row
from .messages import Message, from_json
from .staff import Actor, Permission, record, require

PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # UTC
    staff: str | None  # the staff member's name
    station: str | None
    act: str  # the code, e.g. "order.cancel"; shown through a display table
    target: str | None
    detail: str | None  # in English (entries before revision 0009 have only this)
    message: Message | None = None  # the detail to translate where shown

    @classmethod
    def of(cls, row: Sequence[object]) -> AuditRow:
        *head, stored = row
        return cls(*head, message=from_json(stored))  # type: ignore[arg-type,misc]


@dataclass(frozen=True)
class AuditFilter:
    staff_id: int | None = None
    act: str | None = None
    since: dt.date | None = None  # studio-local days, both ends included
    until: dt.date | None = None


def _query(flt: AuditFilter, clock: Clock) -> Select:
    if flt.since and flt.until and flt.until < flt.since:
        raise BadInput("The end date {until} is before the start date {since}.", until=flt.until.isoformat(),
                       since=flt.since.isoformat())
    query = (select(AuditEntry.id, AuditEntry.at, Staff.name, AuditEntry.station, AuditEntry.action,
                    AuditEntry.target, AuditEntry.detail, AuditEntry.detail_message)
             .outerjoin(Staff, Staff.id == AuditEntry.staff_id))
    if flt.staff_id is not None:
        query = query.where(AuditEntry.staff_id == flt.staff_id)
    if flt.act:
        query = query.where(AuditEntry.action == flt.act)
    if flt.since is not None:
        query = query.where(AuditEntry.at >= dt.datetime.combine(flt.since, dt.time.min, clock.tz))
    if flt.until is not None:
        query = query.where(AuditEntry.at < dt.datetime.combine(flt.until + dt.timedelta(days=1), dt.time.min,
                                                                clock.tz))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def entries(
    session: Session, actor: Actor, *, staff_id: int | None = None, act: str | None = None,
    since: dt.date | None = None, until: dt.date | None = None, offset: int = 0, limit: int = PAGE_SIZE,
    clock: Clock = SYSTEM_CLOCK,
) -> list[AuditRow]:
    """Audit entries, newest first, filtered by staff member, act and studio-local dates (manager only)."""
    require(actor, Permission.VIEW_AUDIT)
    query = _query(AuditFilter(staff_id, act, since, until), clock).offset(offset).limit(limit)
    return [AuditRow.of(row) for row in session.execute(query)]


def acts(session: Session, actor: Actor) -> list[str]:
    """Every act code the log holds, for the filter's choices."""
    require(actor, Permission.VIEW_AUDIT)
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def staff_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Every staff member, also those who left: their acts stay in the log."""
    require(actor, Permission.VIEW_AUDIT)
    return [(sid, name) for sid, name in session.execute(select(Staff.id, Staff.name).order_by(Staff.name))]


def export_entries(
    session: Session, path: Path, actor: Actor, *, staff_id: int | None = None, act: str | None = None,
    since: dt.date | None = None, until: dt.date | None = None, headers: Sequence[str] | None = None,
    act_names: Mapping[str, str] | None = None, detail_text: Callable[[Message], str] = str,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Write the filtered entries to an .xlsx beside ``path``, check it, then move it into place.

    ``headers``, ``act_names`` and ``detail_text`` (a detail message → text) come in the staff's
    language from the window; names, targets
    and details are typed by people, so text a spreadsheet would run is stored as text."""
    require(actor, Permission.VIEW_AUDIT)
    names = act_names or {}
    wb = Workbook()
    ws = wb.active
    ws.title = "audit"
    write_row(ws, list(headers or ["time", "staff", "station", "act", "target", "detail"]))
    n = 0
    for row in session.execute(_query(AuditFilter(staff_id, act, since, until), clock)):
        entry = AuditRow.of(row)
        local = clock.local(entry.at).replace(tzinfo=None)
        # every text cell as text: what people typed is never a formula
        write_row(ws, [local, entry.staff, entry.station, names.get(entry.act, entry.act), entry.target,
                       detail_text(entry.message) if entry.message else entry.detail], every_text=True)
        n += 1
    path = save_workbook(wb, path)
    record(session, actor, "export.audit", path.name, Message("{n} entries", {"n": n}), clock=clock)
    session.commit()
    return n
