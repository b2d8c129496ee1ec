"""Crash safety: a station scanning is killed (SIGKILL) at random moments and restarted.

The child (tests/crash_station.py) drives a stream of scans through the services on a SQLite
file (send-out scans, closing the shipment, receiving, passing) and prints each scan the
moment the service returned it (what a station shows as accepted). The parent kills it at
random moments, then checks: every acknowledged scan is in the database, nothing is
half-written (no event without its status, no shipment half-closed, no line on an open
shipment for an item that already left), and ``studiodesk-admin check`` passes; then it
restarts the child after the last acknowledged scan. At the end the child finishes the
stream unkilled and every item is ready.

Short version: CRASH_SHORT scans and kills; ``scripts/reliability.sh`` runs CRASH_FULL.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import admin
from app.models import Item, ItemEvent, ItemStatus, ProductType, Shipment, ShipmentLine
from app.models.db import make_engine, sqlite_path, sqlite_url

from .crash_station import GROUP
from .helpers import new_order

S = ItemStatus
FULL = os.environ.get("STUDIODESK_RELIABILITY") == "full"
CRASH_SHORT = (150, 5)  # scans, kills
CRASH_FULL = (1000, 25)
SCANS, KILLS = CRASH_FULL if FULL else CRASH_SHORT
ROOT = Path(__file__).resolve().parent.parent
SEED = 18

pytestmark = pytest.mark.skipif(bool(os.environ.get("STUDIODESK_TEST_DB_URL")),
                                reason="the crash test kills a station on a SQLite file")


@dataclass
class Acks:
    """What the killed stations showed as accepted: (index, kind, code, outcome)."""

    rows: list[tuple[int, str, str, str]] = field(default_factory=list)

    @property
    def next_index(self) -> int:
        return max((r[0] for r in self.rows), default=-1) + 1


def _start(db: Path, staff_id: int, start: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_station", str(db), str(staff_id), str(start), str(SCANS)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"})


def _read_acks(lines: list[str], acks: Acks) -> None:
    for line in lines:
        if not line.endswith("\n") or not line.startswith("ACK "):
            continue  # a line cut by the kill was never shown
        _, index, kind, code, outcome = line.rstrip("\n").split(" ", 4)
        assert not outcome.startswith("refused"), line
        acks.rows.append((int(index), kind, code, outcome))


def _run_and_kill(db: Path, staff_id: int, acks: Acks, rng: random.Random, average: int) -> bool:
    """Start a station after the last acknowledged scan and kill it at a random moment: at
    start-up now and then, else after a random number of acknowledged scans plus a few
    milliseconds. False when it finished before the kill."""
    proc = _start(db, staff_id, acks.next_index)
    assert proc.stdout is not None
    seen: list[str] = []
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0.0, 0.6))  # during start-up or the first scans
    else:
        wanted = rng.randint(1, 2 * average)
        got = 0
        while got < wanted:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("ACK "):
                got += 1
        time.sleep(rng.uniform(0.0, 0.005))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    seen += out.splitlines(keepends=True)
    killed = proc.returncode == -signal.SIGKILL
    assert killed or proc.returncode == 0, err
    _read_acks(seen, acks)
    return killed


def _admin_check(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``studiodesk-admin check --db DB`` (its main, in this process: a second interpreter per
    kill would double the test's time)."""
    status = admin.main(["check", "--db", str(db)])
    out = capsys.readouterr()
    assert status == 0 and out.out.rstrip().endswith(": ok"), out.out + out.err


def _verify(engine: Engine, acks: Acks) -> None:
    """Every acknowledged scan is there; nothing is half-written."""
    with Session(engine) as s:
        status = dict(s.execute(select(Item.code, Item.status)).all())
        reached = {(code, to) for code, to in s.execute(
            select(Item.code, ItemEvent.to_status).join(ItemEvent, ItemEvent.item_id == Item.id))}
        per_step = Counter(s.execute(select(ItemEvent.item_id, ItemEvent.to_status)).all())
        lined = set(s.scalars(select(Item.code).join(ShipmentLine, ShipmentLine.item_id == Item.id)))
        open_lines = dict(s.execute(select(Item.code, Item.status).join(
            ShipmentLine, ShipmentLine.open_item_id == Item.id)).all())
        closed_lines = s.execute(select(Item.code, ShipmentLine.shipment_id).join(
            ShipmentLine, ShipmentLine.item_id == Item.id).join(Shipment, Shipment.id == ShipmentLine.shipment_id)
            .where(Shipment.closed_at.is_not(None))).all()
        sent_on = dict(s.execute(select(Item.code, ItemEvent.shipment_id).join(ItemEvent, ItemEvent.item_id == Item.id)
                                 .where(ItemEvent.to_status == S.SENT)).all())
        open_shipments = s.scalar(select(func.count(Shipment.id)).where(Shipment.closed_at.is_(None))) or 0
    group_of: dict[str, list[str]] = {}
    for _, kind, code, _ in acks.rows:
        if kind == "add":
            group_of.setdefault(code, [])
    for index, kind, code, outcome in acks.rows:
        if kind == "add":
            assert code in lined, f"scan {index}: {code} was shown added to the shipment but has no line"
        elif kind == "close":
            assert status[code] is not S.WAITING, f"step {index}: the shipment of {code} was shown closed"
        elif kind == "receive":
            assert (code, S.RETURNED) in reached, f"scan {index}: {code} was shown received"
        elif kind == "pass":
            assert (code, S.READY) in reached, f"scan {index}: {code} was shown passed"
    # nothing half-written
    assert all(n == 1 for n in per_step.values()), "an item has a step twice"
    assert all(st is S.WAITING for st in open_lines.values()), f"an item left but is on an open shipment: {open_lines}"
    for code, shipment_id in closed_lines:
        assert status[code] is not S.WAITING and sent_on.get(code) == shipment_id, \
            f"{code} is on closed shipment {shipment_id} but was not sent with it"
    assert open_shipments <= 1


def _seed(session: Session, studio, clock) -> None:  # type: ignore[no-untyped-def]
    """Orders enough for SCANS scans: three scans per lab-made item, three such items an order."""
    items = -(-SCANS // (3 * GROUP)) * GROUP
    for n in range(-(-items // 3)):
        new_order(session, studio, clock, name=f"顾客{n:03d}", phone=f"1390013{n:04d}")
    lab_made = session.scalar(select(func.count(Item.id)).join(ProductType, ProductType.id == Item.product_type_id)
                              .where(ProductType.in_house.is_(False)))
    assert lab_made is not None and lab_made >= items


def test_a_station_killed_at_random_moments_keeps_every_scan_it_showed_and_nothing_half_written(
    engine: Engine, session: Session, studio, clock, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    db = sqlite_path(engine.url)
    assert db is not None
    _seed(session, studio, clock)
    session.close()
    engine.dispose()
    rng = random.Random(SEED)
    acks = Acks()
    kills = 0
    average = max(1, SCANS * 4 // 3 // KILLS // 2)  # steps between kills, so the stream outlasts them
    while kills < KILLS:
        if not _run_and_kill(db, studio.production.staff_id, acks, rng, average):
            break  # the stream ended before this kill
        kills += 1
        _admin_check(db, capsys)
        check_engine = make_engine(sqlite_url(db), read_only=True)
        try:
            _verify(check_engine, acks)
        finally:
            check_engine.dispose()
    assert kills == KILLS, f"the stream ended after {kills} kills"
    # the last station finishes the stream unkilled
    proc = _start(db, studio.production.staff_id, acks.next_index)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    _read_acks(out.splitlines(keepends=True), acks)
    assert "DONE" in out
    _admin_check(db, capsys)
    final = make_engine(sqlite_url(db), read_only=True)
    try:
        _verify(final, acks)
        with Session(final) as s:
            scanned = {code for _, kind, code, _ in acks.rows if kind == "pass"}
            statuses = set(s.scalars(select(Item.status).where(Item.code.in_(scanned))))
    finally:
        final.dispose()
    assert statuses == {S.READY}
    assert sum(1 for r in acks.rows if r[1] != "close") >= SCANS
    with capsys.disabled():
        print(f"crash safety: {kills} kills survived, {len(acks.rows)} acknowledged steps, {SCANS} scans")
