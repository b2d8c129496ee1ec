"""Several stations on PostgreSQL (issue #18): every kind of writer on the same orders at once.

Five child processes start together at a barrier (tests/stations_four.py): the send-out desk
(scans codes into shipments and closes them), the receiving desk (receive, pass), memory-scanner
files of receive / pass codes, a phone server with a signed-in phone doing receive / pass, and
the Pickup tab of a real window (the order slip, F12). Each writes down what it was told per
code. Then, item by item: one event per move a station was told it made and none other
(1 for the creation + the accepted moves), no move accepted twice, the status is the last
event's, ``items.version`` went up once per move (no lost update), each order's cached progress
is what its items say, and every station that lost was told so with a documented kind of
refusal and its message.

CI runs a short version; ``STUDIODESK_RELIABILITY=full`` (scripts/reliability.sh) more orders.
"""

from __future__ import annotations

import collections
import json
import multiprocessing
import os
import socket
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Item, ItemEvent, ItemStatus, Order, ProductType
from app.services.codes import display_order_number
from app.services.progress import derive_order_progress

from . import stations_four as four
from .helpers import new_order

PG_URL = os.environ.get("STUDIODESK_TEST_DB_URL")
FULL = os.environ.get("STUDIODESK_RELIABILITY") == "full"
ORDERS = 24 if FULL else 6  # each: an album and two frames made by the lab, a digital file made here
SECONDS = 300 if FULL else 90  # each station's deadline (it stops much sooner when the work is done)
GROUP = 4  # send-out: codes per shipment
PER_FILE = 5  # codes per scanner file
STATUS = {"returned": ItemStatus.RETURNED, "ready": ItemStatus.READY, "sent": ItemStatus.SENT,
          "picked_up": ItemStatus.PICKED_UP}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_stations(tmp_path: Path, lab_codes: list[str], all_codes: list[str], slips: list[str], lab_id: int
                 ) -> list[dict]:
    """The five writers at once; every row of what each was told."""
    mp = multiprocessing.get_context("spawn")
    barrier = mp.Barrier(5, timeout=120)  # a station that died before it broke the barrier
    sent, desk_done, file_done, phone_done, pickup_done = (mp.Event() for _ in range(5))
    out = {name: str(tmp_path / f"{name}.json") for name in ("send", "desk", "file", "phone", "pickup")}
    receivers_after = [sent]
    processes = [
        mp.Process(target=four.send_out, args=(PG_URL, lab_codes, lab_id, GROUP, barrier, sent, out["send"],
                                               SECONDS)),
        mp.Process(target=four.desk, args=(PG_URL, all_codes, 1, barrier, receivers_after, desk_done, out["desk"],
                                           SECONDS)),
        mp.Process(target=four.scanner_file, args=(PG_URL, all_codes, 2, PER_FILE, barrier, receivers_after,
                                                   file_done, out["file"], SECONDS)),
        mp.Process(target=four.phone, args=(PG_URL, all_codes, 3, _free_port(), barrier, receivers_after, phone_done,
                                            out["phone"], SECONDS)),
        mp.Process(target=four.pickup, args=(PG_URL, slips, str(tmp_path / "settings"), barrier,
                                             [sent, desk_done, file_done, phone_done], pickup_done, out["pickup"],
                                             SECONDS)),
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join(SECONDS + 120)
    codes = {p.name: p.exitcode for p in processes}
    for p in processes:
        if p.is_alive():
            p.kill()
    assert all(code == 0 for code in codes.values()), codes
    rows: list[dict] = []
    for path in out.values():
        rows += json.loads(Path(path).read_text(encoding="utf-8"))
    return rows


@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (STUDIODESK_TEST_DB_URL): SQLite has one writer at a time")
def test_five_writers_on_the_same_orders_make_each_move_once_and_every_loser_is_told(session, studio, clock,
                                                                                    tmp_path):
    orders = [new_order(session, studio, clock, paid=True, name=f"客户{n}", phone=f"139001390{n:02d}")
              for n in range(ORDERS)]
    in_house = set(session.scalars(select(ProductType.id).where(ProductType.in_house.is_(True))))
    items = [i for o in orders for i in sorted(o.items, key=lambda i: i.seq)]
    lab_codes = [i.code for i in items if i.product_type_id not in in_house]
    all_codes = [i.code for i in items]
    slips = [display_order_number(o.number) for o in orders]
    session.commit()
    before = {code: (version, events) for code, version, events in session.execute(
        select(Item.code, Item.version, func.count(ItemEvent.id)).join(ItemEvent, ItemEvent.item_id == Item.id)
        .group_by(Item.code, Item.version))}
    assert all(events == 1 for _v, events in before.values())  # each item: its creation only

    rows = run_stations(tmp_path, lab_codes, all_codes, slips, studio.lab)

    moves = [r for r in rows if r["target"] is not None]
    accepted = collections.Counter((r["code"], r["target"]) for r in moves if r["outcome"] == "accepted")
    told = collections.Counter((r["writer"], r["outcome"], r["kind"]) for r in rows)
    # a move more than one station tried: one made it, each other one was told why not
    tried = collections.defaultdict(set)
    for r in moves:
        tried[r["code"], r["target"]].add(r["writer"])
    contested = sum(1 for key in accepted if len(tried[key]) > 1)
    print(f"\n{ORDERS} orders, {len(all_codes)} items, {sum(accepted.values())} moves ({contested} tried by more "
          f"than one station), {len(rows)} answers: "
          + "; ".join(f"{w} {o} {k or ''}: {n}" for (w, o, k), n in sorted(told.items(), key=str)))
    # every refusal is a documented kind, with a message
    strange = [r for r in rows if r["outcome"] == "refused"
               and (r["kind"] not in (four.ALREADY, four.CONCURRENT, four.WRONG_STATUS) or not r["message"])]
    assert not strange, strange[:5]
    # no move accepted twice, whoever made it
    assert [k for k, n in accepted.items() if n > 1] == []

    session.expire_all()
    for code in all_codes:
        item = session.scalar(select(Item).where(Item.code == code))
        events = list(session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id).order_by(ItemEvent.id)))
        made = sorted(STATUS[t] for (c, t), n in accepted.items() if c == code for _ in range(n))
        assert len(events) == 1 + len(made), (code, [e.to_status for e in events], made)
        assert sorted(e.to_status for e in events[1:]) == made, code  # the very moves the stations were told of
        assert item.status is events[-1].to_status, code
        assert item.version - before[code][0] == len(made), code  # one update per move: none lost, none extra
    for order in orders:
        row = session.get(Order, order.id)
        assert row.progress is derive_order_progress(session, row, clock.today())[0], row.number
    # the work was done, by more than one kind of station, and stations did meet
    finished = session.scalar(select(func.count(Item.id)).where(Item.code.in_(all_codes),
                                                                Item.status == ItemStatus.PICKED_UP))
    assert finished == len(all_codes), "the pickup station handed everything over in the end"
    makers = {r["writer"] for r in moves if r["outcome"] == "accepted" and r["target"] in ("returned", "ready")}
    assert len(makers) >= 2, makers
    assert any(r["outcome"] != "accepted" for r in moves if r["target"] in ("returned", "ready"))


def test_each_move_is_one_update_of_the_item_row(engine, session, studio, clock):
    """A move writes the item's row once (its version goes up by one), whatever else it sets
    (the lab and expected return of a send, the shelf of a pass): a second UPDATE in the same
    transaction would count as a change another station could have lost to."""
    from app.models.db import make_session_factory
    from app.services import lifecycle, receiving, scanner_files

    order = new_order(session, studio, clock, paid=True)
    lab_items = sorted((i for i in order.items if i.product_type_id != studio.digital), key=lambda i: i.seq)
    album, frame = lab_items[0].code, lab_items[1].code
    session.commit()

    def version(code: str) -> int:
        session.expire_all()
        return session.scalar(select(Item.version).where(Item.code == code))

    def fresh(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        with make_session_factory(engine)() as s:  # a station's new session: nothing of the order loaded
            return fn(s, *args, **kwargs)

    steps = [
        lambda: fresh(lifecycle.transition, album, ItemStatus.SENT, studio.production, lab_id=studio.lab, clock=clock),
        lambda: fresh(receiving.apply_scan, album, receiving.ScanMode.RECEIVE, studio.production, clock=clock),
        lambda: fresh(receiving.apply_scan, album, receiving.ScanMode.PASS, studio.production, shelf="C3",
                      clock=clock),
    ]
    for step in steps:
        start = version(album)
        step()
        assert version(album) == start + 1
    start = version(frame)
    result = fresh(scanner_files.apply_lines, [(1, frame)], scanner_files.ScanMode.SEND, studio.production,
                   lab_id=studio.lab, clock=clock)
    assert result.count(scanner_files.LineOutcome.ACCEPTED) == 1
    assert version(frame) == start + 1
    assert session.scalar(select(Item.shelf).where(Item.code == album)) == "C3"


def test_a_station_writing_an_item_row_another_station_changed_meanwhile_loses_and_writes_nothing(
        engine, session, studio, clock):
    """The version column: a station holding an item read before another station's move (no row
    lock taken, as a screen's edit would) is refused with ConcurrentChange at its write, and
    nothing of its change is kept; the move it lost to stays, once."""
    from app.models.db import make_session_factory
    from app.services import lifecycle
    from app.services.errors import ConcurrentChange

    order = new_order(session, studio, clock, paid=True)
    code = sorted(order.items, key=lambda i: i.seq)[0].code
    session.commit()
    with make_session_factory(engine)(expire_on_commit=False) as slow:
        stale = slow.scalar(select(Item).where(Item.code == code))
        slow.commit()  # what it read stays in memory; its transaction is over
        lifecycle.transition(session, code, ItemStatus.SENT, studio.production, lab_id=studio.lab, clock=clock)

        def note_the_shelf() -> None:
            stale.shelf = "Z9"
            slow.commit()

        with pytest.raises(ConcurrentChange, match="changed at another station"):
            lifecycle.with_retry(slow, note_the_shelf, lambda: lifecycle.item_changed(code), "test")
    session.expire_all()
    item = session.scalar(select(Item).where(Item.code == code))
    assert item.status is ItemStatus.SENT and item.shelf is None and item.version == 2
    assert session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.item_id == item.id)) == 2
