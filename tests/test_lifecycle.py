"""The item lifecycle: every pair of states, and the rules around the transitions."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Item, ItemEvent, ItemStatus, Order, Shipment
from app.models.db import make_session_factory
from app.services import lifecycle
from app.services.errors import BadInput, ConcurrentChange, NotAllowed, NotFound, ScanRefused

from .helpers import S, drive, event_count, first_lab_item, new_order

STATES = list(ItemStatus)


@pytest.mark.parametrize(("start", "target"), list(itertools.product(STATES, STATES)),
                         ids=lambda s: s.value)
def test_every_pair_of_states(session, studio, clock, start, target):
    order = new_order(session, studio, clock, paid=True)
    item = first_lab_item(session, order)
    drive(session, item.code, start, studio.manager, clock)
    session.refresh(item)
    assert item.status is start
    before = event_count(session, item.id)
    clock.advance(minutes=1)

    if start is target:
        result = lifecycle.transition(session, item.code, target, studio.manager, reason="原因", clock=clock)
        assert result.changed is False and "already" in str(result.message)
        assert event_count(session, item.id) == before
    elif lifecycle.is_allowed(start, target) and (start, target) not in ((S.WAITING, S.READY), (S.PICKED_UP, S.REWORK)):
        # (waiting -> ready is for in-house products only; this album is made by a lab; picked up ->
        # rework only through a complaint's redo)
        result = lifecycle.transition(session, item.code, target, studio.manager, reason="原因", clock=clock)
        assert result.changed and (result.from_status, result.to_status) == (start, target)
        session.refresh(item)
        assert item.status is target
        last = session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id)
                               .order_by(ItemEvent.id.desc())).first()
        assert (last.from_status, last.to_status, last.staff_id) == (start, target, studio.manager.staff_id)
        assert last.at == clock.now() and last.station == studio.manager.station
        assert event_count(session, item.id) == before + 1
    else:
        with pytest.raises(ScanRefused) as err:
            lifecycle.transition(session, item.code, target, studio.manager, reason="原因", clock=clock)
        assert lifecycle.STATUS_TEXT[start] in err.value.message
        session.refresh(item)
        assert item.status is start
        assert event_count(session, item.id) == before


def test_transition_table_matches_the_design():
    allowed = {(a, b) for a, b in itertools.product(STATES, STATES) if lifecycle.is_allowed(a, b)}
    assert allowed == {
        (S.WAITING, S.SENT), (S.REWORK, S.SENT), (S.SENT, S.RETURNED), (S.RETURNED, S.READY),
        (S.WAITING, S.READY), (S.RETURNED, S.REWORK), (S.READY, S.REWORK), (S.READY, S.PICKED_UP),
        (S.PICKED_UP, S.REWORK),  # only a complaint's redo (brought_back), see test_complaints.py
        *((s, S.CANCELLED) for s in (S.WAITING, S.SENT, S.RETURNED, S.REWORK, S.READY)),
    }


def test_sending_sets_expected_return_from_the_lab_turnaround(session, studio, clock):
    order = new_order(session, studio, clock)
    items = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).all()
    album, frame = items[0], items[1]
    lifecycle.transition(session, album.code, S.SENT, studio.production, clock=clock)
    lifecycle.transition(session, frame.code, S.SENT, studio.production, lab_id=studio.slow_lab, clock=clock)
    session.refresh(album)
    session.refresh(frame)
    assert album.expected_return == clock.today() + dt.timedelta(days=10)  # the lab's price list says 10
    assert frame.expected_return == clock.today() + dt.timedelta(days=20)  # slow lab's default
    assert frame.lab_id == studio.slow_lab


def test_overdue_lists_items_past_their_expected_return(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    lifecycle.transition(session, item.code, S.SENT, studio.production, clock=clock)
    due = clock.today() + dt.timedelta(days=10)
    assert lifecycle.overdue_items(session, due) == []
    assert [i.code for i in lifecycle.overdue_items(session, due + dt.timedelta(days=1))] == [item.code]
    lifecycle.transition(session, item.code, S.RETURNED, studio.production, clock=clock)
    assert lifecycle.overdue_items(session, due + dt.timedelta(days=1)) == []


def test_rework_needs_a_reason_and_writes_nothing_without_one(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    drive(session, item.code, S.RETURNED, studio.production, clock)
    before = event_count(session)
    with pytest.raises(BadInput):
        lifecycle.transition(session, item.code, S.REWORK, studio.production, reason="  ", clock=clock)
    assert event_count(session) == before
    lifecycle.transition(session, item.code, S.REWORK, studio.production, reason="色偏", clock=clock)
    last = session.scalars(select(ItemEvent).order_by(ItemEvent.id.desc())).first()
    assert last.reason == "色偏"


def test_cancel_needs_a_manager_and_is_audited(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    with pytest.raises(NotAllowed):
        lifecycle.transition(session, item.code, S.CANCELLED, studio.counter, reason="客户不要了", clock=clock)
    assert session.get(Item, item.id).status is S.WAITING
    lifecycle.transition(session, item.code, S.CANCELLED, studio.manager, reason="客户不要了", clock=clock)
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "item.cancel")).one()
    assert audit.staff_id == studio.manager.staff_id and item.code in audit.target


def test_pickup_refused_while_balance_due(session, studio, clock):
    order = new_order(session, studio, clock, paid=False)
    item = first_lab_item(session, order)
    drive(session, item.code, S.READY, studio.production, clock)
    before = event_count(session)
    with pytest.raises(ScanRefused) as err:
        lifecycle.transition(session, item.code, S.PICKED_UP, studio.counter, clock=clock)
    assert "5,999.00" in err.value.message
    assert event_count(session) == before


def test_balance_override_needs_manager_and_reason_and_is_audited(session, studio, clock):
    order = new_order(session, studio, clock, paid=False)
    item = first_lab_item(session, order)
    drive(session, item.code, S.READY, studio.production, clock)
    with pytest.raises(NotAllowed):
        lifecycle.transition(session, item.code, S.PICKED_UP, studio.counter, override_reason="熟客", clock=clock)
    lifecycle.transition(session, item.code, S.PICKED_UP, studio.manager, override_reason="熟客,月底结清",
                         clock=clock)
    event = session.scalars(select(ItemEvent).order_by(ItemEvent.id.desc())).first()
    assert "熟客" in event.reason
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "pickup.override_balance")).one()


def test_in_house_items_go_straight_to_ready_lab_items_do_not(session, studio, clock):
    order = new_order(session, studio, clock)
    items = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).all()
    digital = next(i for i in items if i.product_type_id == studio.digital)
    lifecycle.transition(session, digital.code, S.READY, studio.production, shelf="A-01", clock=clock)
    assert session.get(Item, digital.id).shelf == "A-01"
    with pytest.raises(ScanRefused):
        lifecycle.transition(session, items[0].code, S.READY, studio.production, clock=clock)


@pytest.mark.parametrize("bad", ["wrong check digit", "2611-0001", "nonsense", "9901-0001-01-"])
def test_bad_or_unknown_codes_change_nothing(session, studio, clock, bad):
    order = new_order(session, studio, clock)
    if bad == "wrong check digit":
        code = first_lab_item(session, order).code
        bad = code[:-1] + str((int(code[-1]) + 1) % 10)
    before = event_count(session)
    with pytest.raises((BadInput, NotFound)):
        lifecycle.transition(session, bad, S.SENT, studio.production, clock=clock)
    assert event_count(session) == before


def test_unknown_but_well_formed_code_is_not_found(session, studio, clock):
    new_order(session, studio, clock)
    from app.services.codes import item_code
    with pytest.raises(NotFound):
        lifecycle.transition(session, item_code("2611-0099", 1), S.SENT, studio.production, clock=clock)


def test_progress_follows_the_items(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    codes = [i.code for i in session.scalars(select(Item).where(Item.order_id == order.id))]
    assert session.get(Order, order.id).progress.value == "booked"
    lifecycle.transition(session, codes[0], S.SENT, studio.production, clock=clock)
    assert session.get(Order, order.id).progress.value == "in_production"
    for code in codes:
        drive_to_ready(session, code, studio, clock)
    assert session.get(Order, order.id).progress.value == "ready"
    lifecycle.transition(session, codes[0], S.PICKED_UP, studio.counter, clock=clock)
    assert session.get(Order, order.id).progress.value == "partly_picked_up"
    for code in codes[1:]:
        lifecycle.transition(session, code, S.PICKED_UP, studio.counter, clock=clock)
    assert session.get(Order, order.id).progress.value == "done"


def drive_to_ready(session, code, studio, clock):
    item = session.scalar(select(Item).where(Item.code == code))
    if item.status is S.READY:
        return
    if item.product_type_id == studio.digital:
        lifecycle.transition(session, code, S.READY, studio.production, clock=clock)
        return
    for step in (S.SENT, S.RETURNED, S.READY):
        if item.status is not step:
            lifecycle.transition(session, code, step, studio.production, clock=clock)


def test_batch_send_makes_one_shipment_and_lists_refusals(session, studio, clock):
    order = new_order(session, studio, clock)
    items = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).all()
    lab_codes = [i.code for i in items if i.product_type_id != studio.digital]
    result = lifecycle.transition_many(session, lab_codes + ["garbage", lab_codes[0]], S.SENT, studio.production,
                                       clock=clock)
    assert [r.code for r in result.done] == lab_codes
    assert [r.code for r in result.unchanged] == [lab_codes[0]]
    assert [c for c, _ in result.refused] == ["garbage"]
    shipment = session.get(Shipment, result.shipment_id)
    assert shipment.lab_id == studio.lab
    events = session.scalars(select(ItemEvent).where(ItemEvent.to_status == S.SENT)).all()
    assert {e.shipment_id for e in events} == {shipment.id}


def test_a_change_from_another_station_is_not_overwritten(engine, session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    factory = make_session_factory(engine)
    with factory() as other:
        stale = other.scalar(select(Item).where(Item.code == item.code))  # station B reads it
        lifecycle.transition(session, item.code, S.SENT, studio.production, clock=clock)  # station A sends it
        # station B still holds the old row; its change must fail, not overwrite
        stale.status = S.CANCELLED
        with pytest.raises(Exception) as err:
            other.commit()
        other.rollback()
    assert "StaleData" in type(err.value).__name__
    assert session.get(Item, item.id).status is S.SENT
    assert event_count(session, item.id) == 2


def test_two_stations_scanning_the_same_item_write_one_event(engine, session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    factory = make_session_factory(engine)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def station() -> None:
        with factory() as s:
            barrier.wait()
            try:
                result = lifecycle.transition(s, item.code, S.SENT, studio.production, clock=clock)
                outcomes.append("done" if result.changed else "unchanged")
            except ConcurrentChange:
                outcomes.append("concurrent")

    threads = [threading.Thread(target=station) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[0] in ("concurrent", "done", "unchanged") and outcomes.count("done") == 1
    assert event_count(session, item.id) == 2  # created + one send


def test_item_history_cannot_be_edited_or_deleted(session, studio, clock):
    order = new_order(session, studio, clock)
    event = session.scalars(select(ItemEvent).where(ItemEvent.item_id == order.items[0].id)).first()
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()
    session.delete(session.get(ItemEvent, event.id))
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()
    assert session.get(ItemEvent, event.id).reason is None
