"""Several stations on PostgreSQL: batches scanned at once over the same items never deadlock.

Each worker process is one station running batch transitions over overlapping, shuffled item
sets. No deadlock or serialization error may reach the caller (a batch is retried once, then
refused as ConcurrentChange with nothing written); every transition a station was told it made
has exactly one event, and each item's status is its last event's.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import random

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.models import Item, ItemEvent, ItemStatus
from app.services import lifecycle
from app.services.errors import ConcurrentChange
from app.services.staff import Actor

from .helpers import S, new_order

PG_URL = os.environ.get("STUDIODESK_TEST_DB_URL")
PROCESSES = 8
BATCHES = 30  # per process
TARGETS = (S.SENT, S.RETURNED, S.READY, S.REWORK)  # a loop: each state reaches the next


def station(url: str, actor: Actor, codes: list[str], seed: int, batches: int) -> tuple[dict[str, int], dict[str, int]]:
    """One station's batches; returns (transitions made per code, outcomes by kind)."""
    from app.models.db import make_engine, make_session_factory, resolve_url
    from app.services import lifecycle
    from app.services.errors import ConcurrentChange

    rng = random.Random(seed)
    engine = make_engine(resolve_url(url))
    made: collections.Counter[str] = collections.Counter()
    outcomes: collections.Counter[str] = collections.Counter()
    try:
        for _ in range(batches):
            batch = rng.sample(codes, rng.randint(4, 12))  # shuffled: every station's own order
            target = rng.choice(TARGETS)
            with make_session_factory(engine)() as session:
                try:
                    result = lifecycle.transition_many(session, batch, target, actor, reason="压力测试")
                except ConcurrentChange:
                    outcomes["concurrent change (nothing written)"] += 1
                    continue
                except Exception as exc:  # noqa: BLE001 - what escapes is what we count
                    orig = getattr(exc, "orig", None)
                    outcomes[f"escaped {type(exc).__name__}/{type(orig).__name__}"] += 1
                    continue
                outcomes["committed"] += 1
                made.update(r.code for r in result.done)
    finally:
        engine.dispose()
    return dict(made), dict(outcomes)


@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (STUDIODESK_TEST_DB_URL)")
def test_stations_scanning_overlapping_batches_never_deadlock_and_write_each_transition_once(
        session, studio, clock):
    orders = [new_order(session, studio, clock, paid=True, phone=f"138001380{n:02d}") for n in range(8)]
    codes = [i.code for o in orders for i in o.items if i.product_type_id != studio.digital]  # 24 lab items
    actor = studio.production
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(station, [(PG_URL, actor, codes, seed, BATCHES) for seed in range(PROCESSES)])
    made: collections.Counter[str] = collections.Counter()
    outcomes: collections.Counter[str] = collections.Counter()
    for m, o in results:
        made.update(m)
        outcomes.update(o)
    print(f"\n{PROCESSES * BATCHES} batches over {len(codes)} items: {dict(outcomes)}")

    assert not [kind for kind in outcomes if kind.startswith("escaped")], dict(outcomes)
    assert outcomes["committed"] + outcomes["concurrent change (nothing written)"] == PROCESSES * BATCHES
    session.expire_all()
    for code in codes:
        item = session.scalar(select(Item).where(Item.code == code))
        events = session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.item_id == item.id))
        assert events == 1 + made[code], code  # its creation and each transition a station was told of
        last = session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id)
                               .order_by(ItemEvent.id.desc())).first()
        assert item.status is last.to_status and isinstance(item.status, ItemStatus)


class _Deadlock(Exception):
    sqlstate = "40P01"  # what psycopg's DeadlockDetected carries


def _deadlock() -> OperationalError:
    return OperationalError("UPDATE items ...", {}, _Deadlock("deadlock detected"))


def test_a_deadlocked_batch_is_retried_once_then_refused_with_nothing_written(session, studio, clock, monkeypatch):
    order = new_order(session, studio, clock)
    codes = [i.code for i in order.items if i.product_type_id != studio.digital]
    real_batch = lifecycle._batch
    failures = iter([True, False])

    def once(*args, **kwargs):  # the database breaks the first attempt's deadlock
        if next(failures):
            raise _deadlock()
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(lifecycle, "_batch", once)
    result = lifecycle.transition_many(session, codes, S.SENT, studio.production, clock=clock)
    assert [r.code for r in result.done] == codes

    def always(*args, **kwargs):  # a half-written attempt, then the deadlock, every time
        session.add(ItemEvent(item_id=order.items[0].id, to_status=S.RETURNED, at=clock.now()))
        session.flush()
        raise _deadlock()

    monkeypatch.setattr(lifecycle, "_batch", always)
    before = session.scalar(select(func.count(ItemEvent.id)))
    with pytest.raises(ConcurrentChange):
        lifecycle.transition_many(session, codes, S.RETURNED, studio.production, clock=clock)
    assert session.scalar(select(func.count(ItemEvent.id))) == before


def test_a_deadlocked_scan_is_retried_once_then_refused(session, studio, clock, monkeypatch):
    order = new_order(session, studio, clock)
    code = order.items[0].code
    real_lock = lifecycle.lock_items
    calls = []

    def flaky(s, wanted):
        calls.append(wanted)
        if len(calls) == 1:
            raise _deadlock()
        return real_lock(s, wanted)

    monkeypatch.setattr(lifecycle, "lock_items", flaky)
    assert lifecycle.transition(session, code, S.SENT, studio.production, clock=clock).changed
    assert len(calls) == 2
    monkeypatch.setattr(lifecycle, "lock_items", lambda s, wanted: (_ for _ in ()).throw(_deadlock()))
    with pytest.raises(ConcurrentChange):
        lifecycle.transition(session, code, S.RETURNED, studio.production, clock=clock)
    assert session.get(Item, order.items[0].id).status is S.SENT


def test_other_database_errors_are_not_retried(session, studio, clock, monkeypatch):
    order = new_order(session, studio, clock)
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(lifecycle, "_batch", broken)
    with pytest.raises(OperationalError):
        lifecycle.transition_many(session, [order.items[0].code], S.SENT, studio.production, clock=clock)
    assert len(calls) == 1
