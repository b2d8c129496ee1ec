"""The receiving desk's scan (回件) is written as plain statements (lifecycle.receive_row), not
through the item's ORM object (lifecycle._apply): both ways must leave the same rows and say
the same things."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.models import Item, ItemEvent, ItemStatus, Order, Progress
from app.services import lifecycle, receiving
from app.services.errors import ConcurrentChange, NotAllowed, ScanRefused, StudioError
from app.services.receiving import ScanMode

from .tracking_helpers import lab_items, sent_items

S = ItemStatus


def _item(session, code: str) -> tuple:  # type: ignore[no-untyped-def]
    item = session.scalar(select(Item).where(Item.code == code).execution_options(populate_existing=True))
    return (item.status, item.status_at, item.version, item.lab_id, item.expected_return, item.shipment_id,
            item.shelf)


def _events(session, code: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(r) for r in session.execute(
        select(ItemEvent.from_status, ItemEvent.to_status, ItemEvent.at, ItemEvent.staff_id, ItemEvent.station,
               ItemEvent.shipment_id, ItemEvent.reason, ItemEvent.note, ItemEvent.rework_reason_id)
        .join(Item, Item.id == ItemEvent.item_id).where(Item.code == code).order_by(ItemEvent.id))]


def _order(session, code: str) -> tuple:  # type: ignore[no-untyped-def]
    order = session.scalar(select(Order).join(Item, Item.order_id == Order.id).where(Item.code == code)
                           .execution_options(populate_existing=True))
    return order.progress, order.progress_due


def test_a_received_scan_leaves_the_rows_the_general_lifecycle_leaves(session, studio, clock):  # type: ignore[no-untyped-def]
    codes = sent_items(session, studio, clock, 6)  # two orders of three lab-made items each
    desk, general = codes[:3], codes[3:]
    # both orders' cached progress made stale: the scan puts it right, each way the same
    session.execute(update(Order).values(progress=Progress.BOOKED))
    session.commit()
    for by_desk, by_lifecycle in zip(desk, general):
        clock.advance(minutes=3)
        answer = receiving.apply_scan(session, by_desk, ScanMode.RECEIVE, studio.production, clock=clock)
        result = lifecycle.transition(session, by_lifecycle, S.RETURNED, studio.production, clock=clock)
        assert answer.changed and result.changed and answer.item.status is S.RETURNED
        assert str(answer.message) == str(result.message).replace(by_lifecycle, by_desk)
        assert _item(session, by_desk) == _item(session, by_lifecycle)
        assert _events(session, by_desk) == _events(session, by_lifecycle)
        assert _order(session, by_desk) == _order(session, by_lifecycle)
    assert _order(session, desk[0])[0] is Progress.IN_PRODUCTION


def test_a_received_scan_refuses_and_answers_as_the_general_lifecycle_does(session, studio, clock):  # type: ignore[no-untyped-def]
    waiting = lab_items(session, studio, clock, 1)[0]
    sent = sent_items(session, studio, clock, 1)[0]
    session.commit()
    with pytest.raises(ScanRefused) as by_desk:
        receiving.apply_scan(session, waiting, ScanMode.RECEIVE, studio.production, clock=clock)
    with pytest.raises(ScanRefused) as by_lifecycle:
        lifecycle.transition(session, waiting, S.RETURNED, studio.production, clock=clock)
    assert str(by_desk.value) == str(by_lifecycle.value) and "Nothing changed" in str(by_desk.value)
    with pytest.raises(NotAllowed):
        receiving.apply_scan(session, sent, ScanMode.RECEIVE, studio.counter, clock=clock)
    assert _events(session, waiting)[-1][1] is S.WAITING and _events(session, sent)[-1][1] is S.SENT

    receiving.apply_scan(session, sent, ScanMode.RECEIVE, studio.production, clock=clock)
    again = receiving.apply_scan(session, sent, ScanMode.RECEIVE, studio.production, clock=clock)
    assert not again.changed and "already" in str(again.message)
    assert [e[1] for e in _events(session, sent)].count(S.RETURNED) == 1


def test_a_received_item_whose_row_moved_since_it_was_read_writes_nothing(session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    session.commit()
    row = receiving._RECEIVING.rows(session.connection(), code)[0]
    item_id, order_id, version = row[0], row[9], row[8]
    stale = lifecycle.ItemRow(item_id, code, S.SENT, row[7], version - 1, order_id, False, row[11], row[12])
    with pytest.raises(StaleDataError):
        lifecycle.receive_row(session, stale, studio.production, clock=clock)
    session.rollback()
    assert _item(session, code)[0] is S.SENT and _events(session, code)[-1][1] is S.SENT


def test_two_desks_receiving_the_same_item_at_once_give_one_event_and_the_second_is_told(  # type: ignore[no-untyped-def]
        session, studio, clock, monkeypatch):
    code = sent_items(session, studio, clock, 1)[0]
    session.commit()
    real = lifecycle.receive_row

    def other_desk_first(s, row, actor, *, clock):  # type: ignore[no-untyped-def]
        # the other desk's scan lands between this desk's read and its write
        monkeypatch.setattr(lifecycle, "receive_row", real)
        with Session(s.get_bind()) as other:
            lifecycle.transition(other, code, S.RETURNED, actor, clock=clock)
        return real(s, row, actor, clock=clock)

    if session.get_bind().dialect.name == "postgresql":
        pytest.skip("PostgreSQL: the first read locks the row, so the other desk waits instead (test_stations_*)")
    monkeypatch.setattr(lifecycle, "receive_row", other_desk_first)
    with pytest.raises(ConcurrentChange, match="changed at another station"):
        receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    assert [e[1] for e in _events(session, code)].count(S.RETURNED) == 1


def test_an_item_this_session_holds_is_read_again_after_a_received_scan(session, studio, clock):  # type: ignore[no-untyped-def]
    code = sent_items(session, studio, clock, 1)[0]
    session.commit()
    item = session.scalar(select(Item).where(Item.code == code))
    order = session.get(Order, item.order_id)
    session.execute(update(Order).where(Order.id == order.id).values(progress=Progress.BOOKED))
    session.commit()
    assert order.progress is Progress.BOOKED
    receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    assert item.status is S.RETURNED and order.progress is Progress.IN_PRODUCTION


def test_a_received_scan_refuses_a_too_long_station_name_as_the_general_lifecycle_does(session, studio, clock):  # type: ignore[no-untyped-def]
    waiting = lab_items(session, studio, clock, 1)[0]  # two problems: not at a lab, and the station's name
    session.commit()
    desk = dataclasses.replace(studio.production, station="收件台" * 20)
    with pytest.raises(StudioError) as by_desk:
        receiving.apply_scan(session, waiting, ScanMode.RECEIVE, desk, clock=clock)
    with pytest.raises(StudioError) as by_lifecycle:
        lifecycle.transition(session, waiting, S.RETURNED, desk, clock=clock)
    assert type(by_desk.value) is type(by_lifecycle.value) and str(by_desk.value) == str(by_lifecycle.value)


def test_a_batch_that_readies_an_orders_last_item_leaves_the_order_ready(session, studio, clock):  # type: ignore[no-untyped-def]
    """The order's progress is worked out with the item the batch just moved (it was read
    before that item was written, and the order stayed "in production")."""
    from .pickup_helpers import item_codes, move

    sent = sent_items(session, studio, clock, 3)  # one order's three lab-made items
    order_id = session.scalar(select(Item.order_id).where(Item.code == sent[0]))
    for code in item_codes(session, order_id):
        if code not in sent:
            move(session, studio, clock, code, S.READY)  # made in the studio
    for code in sent:
        lifecycle.transition(session, code, S.RETURNED, studio.production, clock=clock)
    for code in sent[:-1]:
        lifecycle.transition(session, code, S.READY, studio.production, shelf="A-01", clock=clock)
    assert _order(session, sent[0])[0] is Progress.IN_PRODUCTION
    result = lifecycle.transition_many(session, [sent[-1]], S.READY, studio.production, clock=clock)
    assert len(result.done) == 1
    assert _order(session, sent[0])[0] is Progress.READY
