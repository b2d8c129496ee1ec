"""A station that scans, for tests/test_crash_safety.py: run as a child process and killed.

    python -m tests.crash_station DB STAFF_ID START COUNT

It opens the SQLite file as the program does (holding its station lock), builds the scan
plan from the database (:func:`plan`) and makes the steps START..COUNT-1 through the
services, one after the other, printing ``ACK <index> <step> <code> <outcome>`` after each
returned (the moment a station shows a scan as accepted) and flushing it at once. The plan
is the same at every start, so a restarted child goes on where the killed one was told to.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Item, ProductType, Shipment, Staff
from app.models.db import make_engine, make_session_factory, sqlite_url
from app.services import receiving, shipments, station_lock
from app.services.errors import StudioError
from app.services.staff import Actor, actor_of

GROUP = 5  # items sent together: five send-out scans, then the shipment is closed
STATION = "crash-test"
SHELF = "A1"


@dataclass(frozen=True)
class Step:
    kind: str  # "add" (send-out scan), "close" (the shipment leaves), "receive", "pass"
    code: str  # an item code; for "close" the group's first item


def plan(session: Session, count: int) -> list[Step]:
    """Groups of GROUP lab-made items: add each to the send-out shipment, close it, receive
    each, pass each. ``count`` is the number of scans (closing is a click, not a scan)."""
    item_codes = session.scalars(
        select(Item.code).join(ProductType, ProductType.id == Item.product_type_id)
        .where(ProductType.in_house.is_(False)).order_by(Item.id)).all()
    steps: list[Step] = []
    scans = 0
    for start in range(0, len(item_codes) - GROUP + 1, GROUP):
        group = item_codes[start:start + GROUP]
        for kind in ("add", "close", "receive", "pass"):
            if kind == "close":
                steps.append(Step("close", group[0]))
                continue
            for code in group:
                if scans == count:
                    return steps
                steps.append(Step(kind, code))
                scans += 1
    if scans < count:
        raise SystemExit(f"the database holds items for {scans} scans, not {count}")
    return steps


def do(session: Session, step: Step, actor: Actor, lab_id: int) -> str:
    """Make one step through the services; what the station would show."""
    if step.kind == "add":
        added = shipments.add_to_shipment(session, step.code, actor, lab_id=lab_id)
        return "added" if added.added else "unchanged"
    if step.kind == "close":
        open_id = session.scalar(select(Shipment.id).where(Shipment.closed_at.is_(None),
                                                           Shipment.station == actor.station))
        if open_id is None:
            return "unchanged"  # closed before the kill; the ACK was lost with the process
        closed = shipments.close_shipment(session, open_id, actor)
        return f"closed:{len(closed.sent)}"
    mode = receiving.ScanMode.RECEIVE if step.kind == "receive" else receiving.ScanMode.PASS
    answer = receiving.apply_scan(session, step.code, mode, actor, shelf=SHELF)
    return "changed" if answer.changed else "unchanged"


def main(argv: list[str]) -> int:
    db, staff_id, start, count = Path(argv[0]), int(argv[1]), int(argv[2]), int(argv[3])
    lock = station_lock.hold_shared(db, STATION)
    engine = make_engine(sqlite_url(db), station=STATION)
    try:
        with make_session_factory(engine)() as session:
            staff = session.get(Staff, staff_id)
            assert staff is not None
            actor = actor_of(staff, STATION)
            lab_id = session.scalar(select(ProductType.default_lab_id).where(ProductType.default_lab_id.is_not(None)))
            steps = plan(session, count)
            session.rollback()
            print(f"READY {len(steps)}", flush=True)
            for index in range(start, len(steps)):
                try:
                    outcome = do(session, steps[index], actor, lab_id)
                except StudioError as exc:
                    outcome = f"refused:{exc}"
                print(f"ACK {index} {steps[index].kind} {steps[index].code} {outcome}", flush=True)
            print("DONE", flush=True)
    finally:
        engine.dispose()
        lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
