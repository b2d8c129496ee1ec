"""Staff positions (岗位): what a person does in the studio — photographer, make-up, selection
sales, counter, production, service — apart from what the program lets them do (their role).
A person can hold several; sessions are given a photographer, a make-up artist and a selection
salesperson only from those who hold that position."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Position, Staff, StaffPosition
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .messages import Message, phrases
from .staff import Actor, Permission, record, require

# How a refusal names a position (English; translated where shown).
POSITION_TEXT = phrases({
    Position.PHOTOGRAPHER: "photographer", Position.MAKEUP: "make-up artist",
    Position.SELECTION_SALES: "selection salesperson", Position.COUNTER: "counter clerk",
    Position.PRODUCTION: "production", Position.SERVICE: "customer service",
})


@dataclass(frozen=True)
class StaffChoice:
    staff_id: int
    name: str


def staff_holding(session: Session, position: Position) -> list[StaffChoice]:
    """The active staff members who hold ``position``, by name (for the staff combos)."""
    position = as_enum(Position, position, "position")
    rows = session.execute(
        select(Staff.id, Staff.name).join(StaffPosition, StaffPosition.staff_id == Staff.id)
        .where(StaffPosition.position == position, Staff.active.is_(True)).order_by(Staff.name)
    ).all()
    return [StaffChoice(sid, name) for sid, name in rows]


def positions_by_staff(session: Session) -> dict[int, list[Position]]:
    """Every staff member's positions (staff without any are left out)."""
    out: dict[int, list[Position]] = {}
    for staff_id, position in session.execute(
            select(StaffPosition.staff_id, StaffPosition.position).order_by(StaffPosition.staff_id, StaffPosition.id)):
        out.setdefault(staff_id, []).append(position)
    return out


def set_positions(
    session: Session, staff_id: int, positions: Iterable[Position | str], actor: Actor, *,
    clock: Clock = SYSTEM_CLOCK,
) -> list[Position]:
    """Give a staff member exactly these positions (a manager's act, audited); returns them
    in the order of :class:`Position`."""
    require(actor, Permission.MANAGE_STAFF)
    wanted = {as_enum(Position, p, "position") for p in positions}
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("There is no staff member {id}.", id=staff_id)
    held = {p.position: p for p in staff.positions}
    if set(held) == wanted:
        return [p for p in Position if p in wanted]
    for position, row in held.items():
        if position not in wanted:
            staff.positions.remove(row)
    session.flush()  # the unique (staff, position) pair is free again before it is added back
    for position in Position:
        if position in wanted and position not in held:
            staff.positions.append(StaffPosition(position=position))
    result = [p for p in Position if p in wanted]
    record(session, actor, "staff.positions", f"staff:{staff.id}",
           Message("{name}: {positions}", {"name": staff.name, "positions": [POSITION_TEXT[p] for p in result]})
           if result else Message("{name}: none", {"name": staff.name}), clock=clock)
    session.commit()
    return result


def check_holds(session: Session, staff_id: int | None, position: Position) -> str | None:
    """The name of ``staff_id`` when they are active and hold ``position``; None for None;
    refuses anyone else."""
    if staff_id is None:
        return None
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("There is no staff member {id}.", id=staff_id)
    holds = session.scalar(select(StaffPosition.id).where(
        StaffPosition.staff_id == staff_id, StaffPosition.position == position)) is not None
    if not holds or not staff.active:
        raise BadInput("{name} is not a {position} here; a manager gives positions under Settings → Staff.",
                       name=staff.name, position=POSITION_TEXT[position])
    return staff.name
