"""Send-out (发件): shipments built scan by scan, each scan committed, closed in one go."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError

from app.models import (
    AuditEntry, DesignStatus, Item, ItemEvent, ItemStatus, Shipment, ShipmentLine,
)
from app.models.db import make_session_factory
from app.services import database, lifecycle, shipments
from app.services.codes import display_order_number
from app.services.errors import BadInput, NotAllowed, NotFound, ScanRefused
from app.services.staff import Actor

from .conftest import PG_URL
from .helpers import drive, first_lab_item, new_order

S = ItemStatus


def _items(session, order) -> list[Item]:
    return list(session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)))


def _lab_items(session, order) -> list[Item]:
    """The album and the two frames (the digital file is made in-house)."""
    return [i for i in _items(session, order) if i.lab_id is not None]


def _snapshot(session) -> tuple:
    """Everything a refused scan must leave as it was."""
    session.expire_all()
    items = session.execute(select(Item.id, Item.status, Item.version, Item.lab_id, Item.shipment_id,
                                   Item.expected_return).order_by(Item.id)).all()
    return (items, session.scalar(select(func.count(ItemEvent.id))),
            session.execute(select(ShipmentLine.id, ShipmentLine.item_id, ShipmentLine.open_item_id)
                            .order_by(ShipmentLine.id)).all(),
            session.execute(select(Shipment.id, Shipment.closed_at).order_by(Shipment.id)).all())


def _refused(session, studio, code, *, lab=None, shipment_id=None, actor=None) -> str:
    before = _snapshot(session)
    with pytest.raises((ScanRefused, BadInput, NotFound)) as caught:
        shipments.add_to_shipment(session, code, actor or studio.production, lab_id=None if shipment_id else
                                  (lab or studio.lab), shipment_id=shipment_id)
    assert _snapshot(session) == before
    return str(caught.value)


def test_an_accepted_scan_commits_a_line_and_leaves_the_item_waiting(session, studio, clock):
    order = new_order(session, studio, clock, name="刘备")
    album = first_lab_item(session, order)
    version, events = album.version, session.scalar(select(func.count(ItemEvent.id)))
    added = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    assert added.added and added.line.code == album.code and added.line.customer_name == "刘备"
    assert added.line.product == "30P 相册" and added.line.order_number == display_order_number(order.number)
    assert added.line.lab_price_fen == 38000
    assert str(added.message) == f"{album.code}: 刘备 · 30P 相册 · {display_order_number(order.number)}"
    session.expire_all()
    assert album.status is S.WAITING and album.version == version and album.shipment_id is None
    assert session.scalar(select(func.count(ItemEvent.id))) == events
    ship = session.get(Shipment, added.shipment_id)
    assert ship.closed_at is None and ship.station == studio.production.station and ship.lab_id == studio.lab
    # committed: another connection sees the line
    with make_session_factory(session.get_bind())() as other:
        assert other.scalar(select(ShipmentLine.open_item_id)) == album.id


def test_scans_for_a_lab_go_on_this_stations_open_shipment(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame, _ = _lab_items(session, order)
    first = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    second = shipments.add_to_shipment(session, frame.code, studio.production, lab_id=studio.lab, clock=clock)
    assert first.shipment_id == second.shipment_id
    view = shipments.open_shipment(session, studio.lab, studio.production)
    assert view is not None and [line.code for line in view.lines] == [album.code, frame.code]
    assert view.total_fen == 38000 and view.unpriced == 1  # the frame has no price at this lab
    elsewhere = Actor(studio.production.staff_id, studio.production.name, studio.production.role, "another desk")
    assert shipments.open_shipment(session, studio.lab, elsewhere) is None


def test_scanning_an_item_twice_on_one_shipment_changes_nothing(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    before = _snapshot(session)
    again = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    assert not again.added and "already" in str(again.message)
    assert _snapshot(session) == before


def test_an_order_slip_is_refused_naming_what_to_scan(session, studio, clock):
    order = new_order(session, studio, clock)
    assert "is an order number; scan an item label" in _refused(session, studio, display_order_number(order.number))


def test_an_unknown_code_is_refused(session, studio, clock):
    order = new_order(session, studio, clock)
    from app.services.codes import item_code
    assert "No item has the code" in _refused(session, studio, item_code(order.number, 9))


def test_an_item_already_at_a_lab_is_refused_naming_the_lab_and_expected_return(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    drive(session, album.code, S.SENT, studio.production, clock)
    session.refresh(album)
    said = _refused(session, studio, album.code)
    assert "already at the lab 金彩相册厂" in said and album.expected_return.isoformat() in said


@pytest.mark.parametrize(("state", "words"), [
    (S.CANCELLED, "cancelled"), (S.PICKED_UP, "already picked up"), (S.READY, "ready for pickup"),
    (S.RETURNED, "back from the lab"),
])
def test_an_item_that_cannot_go_to_a_lab_is_refused_with_its_state(session, studio, clock, state, words):
    order = new_order(session, studio, clock, paid=True)
    album = first_lab_item(session, order)
    drive(session, album.code, state, studio.manager, clock)
    said = _refused(session, studio, album.code)
    assert words in said and "cannot be sent to a lab" in said


@pytest.mark.parametrize("design", [DesignStatus.DESIGNING, DesignStatus.AWAITING_APPROVAL])
def test_an_item_awaiting_design_approval_is_refused_at_the_scan(session, studio, clock, design):
    album = first_lab_item(session, new_order(session, studio, clock))
    session.execute(update(Item).where(Item.id == album.id).values(design_status=design))
    session.commit()
    assert "once the customer approves it" in _refused(session, studio, album.code)


def test_an_item_meant_for_another_lab_is_refused_naming_that_lab(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    session.execute(update(Item).where(Item.id == album.id).values(lab_id=studio.slow_lab))
    session.commit()
    said = _refused(session, studio, album.code)
    assert "meant for 慢工画框, not 金彩相册厂" in said


def test_an_item_made_in_house_is_refused(session, studio, clock):
    digital = _items(session, new_order(session, studio, clock))[-1]
    assert "made in the studio" in _refused(session, studio, digital.code)


def test_an_item_on_another_open_shipment_is_refused_saying_which_by_whom_and_when(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    first = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    other_desk = Actor(studio.manager.staff_id, studio.manager.name, studio.manager.role, "前台2")
    said = _refused(session, studio, album.code, actor=other_desk)
    assert f"already in shipment {first.shipment_id} to 金彩相册厂, added by 张后期 at" in said
    assert shipments.open_shipment(session, studio.lab, other_desk) is None  # no empty shipment left behind


def test_two_stations_scanning_one_item_give_one_line_and_the_second_is_told(engine, session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    desk = Actor(studio.manager.staff_id, studio.manager.name, studio.manager.role, "前台2")
    factory = make_session_factory(engine)
    with factory() as a, factory() as b:
        shipments.add_to_shipment(a, album.code, studio.production, lab_id=studio.lab, clock=clock)
        with pytest.raises(ScanRefused, match="already in shipment"):
            shipments.add_to_shipment(b, album.code, desk, lab_id=studio.lab, clock=clock)
    assert session.scalar(select(func.count(ShipmentLine.id))) == 1


def test_two_stations_racing_past_the_check_give_one_line_and_the_loser_is_told(engine, session, studio, clock,
                                                                                monkeypatch):
    """Both stations read "on no shipment" before either wrote: the database's unique open line
    lets the first in, the second is told to scan again, with nothing written."""
    from app.services.errors import ConcurrentChange

    album = first_lab_item(session, new_order(session, studio, clock))
    desk = Actor(studio.manager.staff_id, studio.manager.name, studio.manager.role, "前台2")
    factory = make_session_factory(engine)
    with factory() as b:
        stale = shipments._candidate(b, album.code, studio.lab)  # B has looked: free
        b.rollback()
        shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)  # A wins
        monkeypatch.setattr(shipments, "_candidate", lambda *_a: stale)
        before = _snapshot(session)
        with pytest.raises(ConcurrentChange, match="put on another shipment"):
            shipments.add_to_shipment(b, album.code, desk, lab_id=studio.lab, clock=clock)
    assert _snapshot(session) == before


def test_the_database_keeps_an_item_on_one_open_shipment(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    added = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    other = Shipment(lab_id=studio.lab, sent_at=clock.now(), station="x")
    session.add(other)
    session.flush()
    session.add(ShipmentLine(shipment_id=other.id, item_id=album.id, open_item_id=album.id, added_at=clock.now()))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    assert added.shipment_id


def test_counter_staff_may_not_build_a_shipment(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    before = _snapshot(session)
    with pytest.raises(NotAllowed):
        shipments.add_to_shipment(session, album.code, studio.counter, lab_id=studio.lab, clock=clock)
    assert _snapshot(session) == before


def test_closing_sends_every_item_with_expected_return_and_the_labs_price_then(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame, frame2 = _lab_items(session, order)
    ship_id = None
    for item in (album, frame, frame2):
        ship_id = shipments.add_to_shipment(session, item.code, studio.production, lab_id=studio.lab,
                                            clock=clock).shipment_id
    # the lab changes its price before the shipment leaves: the line keeps the price when it left
    from app.models import LabPrice
    session.execute(update(LabPrice).where(LabPrice.lab_id == studio.lab).values(price_fen=40000))
    session.commit()
    clock.advance(hours=2)
    closed = shipments.close_shipment(session, ship_id, studio.production, clock=clock)
    assert closed.sent == [album.code, frame.code, frame2.code] and closed.refused == []
    assert closed.total_fen == 40000 and closed.unpriced == 2
    session.expire_all()
    today = clock.today()
    assert album.status is S.SENT and album.expected_return == today + dt.timedelta(days=10)  # the album's turnaround
    assert frame.expected_return == today + dt.timedelta(days=7)  # the lab's default
    assert {i.shipment_id for i in (album, frame, frame2)} == {ship_id}
    ship = session.get(Shipment, ship_id)
    assert ship.closed_at == ship.sent_at == clock.now()
    lines = session.execute(select(ShipmentLine.item_id, ShipmentLine.lab_price_fen, ShipmentLine.open_item_id)
                            .order_by(ShipmentLine.id)).all()
    assert lines == [(album.id, 40000, None), (frame.id, None, None), (frame2.id, None, None)]
    sent_events = session.scalars(select(ItemEvent).where(ItemEvent.to_status == S.SENT)).all()
    assert {e.shipment_id for e in sent_events} == {ship_id} and len(sent_events) == 3
    view = shipments.shipment(session, ship_id)
    assert not view.is_open and view.staff_name == "张后期"
    # the items can be scanned onto a new shipment again only once back for rework
    assert "already at the lab" in _refused(session, studio, album.code)


def test_a_line_refused_at_close_is_dropped_and_the_rest_are_sent(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame, _ = _lab_items(session, order)
    ship_id = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab,
                                        clock=clock).shipment_id
    shipments.add_to_shipment(session, frame.code, studio.production, shipment_id=ship_id, clock=clock)
    lifecycle.transition(session, frame.code, S.CANCELLED, studio.manager, reason="顾客不要了", clock=clock)
    closed = shipments.close_shipment(session, ship_id, studio.production, clock=clock)
    assert closed.sent == [album.code] and [c for c, _ in closed.refused] == [frame.code]
    assert "cancelled" in str(closed.refused[0][1])
    session.expire_all()
    assert album.status is S.SENT and frame.status is S.CANCELLED and frame.shipment_id is None
    assert session.scalars(select(ShipmentLine.item_id)).all() == [album.id]


def test_a_shipment_whose_every_line_is_refused_stays_open_and_empty(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    ship_id = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab,
                                        clock=clock).shipment_id
    lifecycle.transition(session, album.code, S.CANCELLED, studio.manager, reason="顾客不要了", clock=clock)
    closed = shipments.close_shipment(session, ship_id, studio.production, clock=clock)
    assert closed.sent == [] and len(closed.refused) == 1
    view = shipments.shipment(session, ship_id)
    assert view.is_open and view.lines == []
    with pytest.raises(BadInput, match="no items yet"):
        shipments.close_shipment(session, ship_id, studio.production, clock=clock)


def test_a_closed_shipment_takes_no_more_scans(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame, _ = _lab_items(session, order)
    ship_id = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab,
                                        clock=clock).shipment_id
    shipments.close_shipment(session, ship_id, studio.production, clock=clock)
    assert "was closed at" in _refused(session, studio, frame.code, shipment_id=ship_id)
    # scanning for the lab starts a new shipment
    again = shipments.add_to_shipment(session, frame.code, studio.production, lab_id=studio.lab, clock=clock)
    assert again.shipment_id != ship_id


def test_removing_a_line_takes_the_item_off_the_open_shipment(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    added = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    assert shipments.remove_line(session, added.line.line_id, studio.production) == album.code
    assert shipments.shipment(session, added.shipment_id).lines == []
    other = Actor(studio.manager.staff_id, studio.manager.name, studio.manager.role, "前台2")
    assert shipments.add_to_shipment(session, album.code, other, lab_id=studio.lab, clock=clock).added


def test_discarding_an_open_shipment_frees_its_items_and_is_audited(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    ship_id = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab,
                                        clock=clock).shipment_id
    assert shipments.discard_shipment(session, ship_id, studio.production, clock=clock) == 1
    assert session.get(Shipment, ship_id) is None and session.scalar(select(func.count(ShipmentLine.id))) == 0
    assert session.scalar(select(AuditEntry.action).where(AuditEntry.target == f"shipment:{ship_id}")) == \
        "shipment.discard"
    session.expire_all()
    assert first_lab_item(session, session.get(Item, album.id).order).status is S.WAITING


def test_a_closed_shipment_cannot_be_discarded(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    ship_id = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab,
                                        clock=clock).shipment_id
    shipments.close_shipment(session, ship_id, studio.production, clock=clock)
    with pytest.raises(ScanRefused, match="was closed"):
        shipments.discard_shipment(session, ship_id, studio.production, clock=clock)


def test_ticked_rows_are_added_each_as_a_scan(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame, frame2 = _lab_items(session, order)
    lifecycle.transition(session, frame2.code, S.CANCELLED, studio.manager, reason="不要了", clock=clock)
    ship_id, added, refused = shipments.add_many(session, [album.code, frame.code, frame2.code], studio.production,
                                                 lab_id=studio.lab, clock=clock)
    assert [a.line.code for a in added] == [album.code, frame.code] and [c for c, _ in refused] == [frame2.code]
    assert {a.shipment_id for a in added} == {ship_id}


def test_the_waiting_list_holds_what_may_go_to_this_lab_now(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame, frame2 = _lab_items(session, order)
    nolab = first_lab_item(session, new_order(session, studio, clock, name="关羽", phone="13900139000"))
    second = _lab_items(session, nolab.order)
    session.execute(update(Item).where(Item.id == nolab.id).values(lab_id=None))
    session.execute(update(Item).where(Item.id == second[1].id).values(lab_id=studio.slow_lab))
    session.execute(update(Item).where(Item.id == second[2].id).values(design_status=DesignStatus.AWAITING_APPROVAL))
    session.commit()
    drive(session, frame2.code, S.SENT, studio.production, clock)
    shipments.add_to_shipment(session, frame.code, studio.production, lab_id=studio.lab, clock=clock)
    rows, more = shipments.waiting_for_lab(session, studio.lab)
    assert [r.code for r in rows] == [album.code, nolab.code] and not more
    assert rows[0].lab_price_fen == 38000 and rows[0].customer_name == "张三"
    page, more = shipments.waiting_for_lab(session, studio.lab, limit=1)
    assert len(page) == 1 and more
    slow, _ = shipments.waiting_for_lab(session, studio.slow_lab)
    assert [r.code for r in slow] == [nolab.code, second[1].code]


def test_a_shipment_made_by_a_batch_transition_is_closed_when_sent(session, studio, clock):
    order = new_order(session, studio, clock)
    result = lifecycle.transition_many(session, [i.code for i in _lab_items(session, order)], S.SENT,
                                       studio.production, clock=clock)
    ship = session.get(Shipment, result.shipment_id)
    assert ship.closed_at == ship.sent_at == clock.now()
    assert shipments.open_shipment(session, studio.lab, studio.production) is None


def test_every_item_sent_by_a_batch_or_alone_is_a_priced_line_of_a_closed_shipment(session, studio, clock):
    """Month-end reconciliation reads shipment lines: a send from the boards (a batch) or a
    single transition must leave one, with the lab's price then, like send-out does."""
    from app.models import LabPrice

    first, *rest = _lab_items(session, new_order(session, studio, clock))
    lifecycle.transition(session, first.code, S.SENT, studio.production, clock=clock)
    batch = lifecycle.transition_many(session, [i.code for i in rest], S.SENT, studio.production, clock=clock)
    session.expire_all()
    lines = session.execute(select(ShipmentLine.item_id, ShipmentLine.shipment_id, ShipmentLine.lab_price_fen,
                                   ShipmentLine.open_item_id).order_by(ShipmentLine.item_id)).all()
    prices = {pt: price for pt, price in session.execute(select(LabPrice.product_type_id, LabPrice.price_fen))}
    items = {i.id: i for i in session.scalars(select(Item).where(Item.id.in_([first.id] + [i.id for i in rest])))}
    assert [line.item_id for line in lines] == sorted(items)
    for line in lines:
        item = items[line.item_id]
        assert line.shipment_id == item.shipment_id and line.open_item_id is None
        assert line.lab_price_fen == prices.get(item.product_type_id)
        assert session.get(Shipment, line.shipment_id).closed_at is not None
    assert {items[i.id].shipment_id for i in rest} == {batch.shipment_id} != {items[first.id].shipment_id}


def test_an_item_back_for_rework_may_go_again(session, studio, clock):
    album = first_lab_item(session, new_order(session, studio, clock))
    drive(session, album.code, S.REWORK, studio.production, clock)
    added = shipments.add_to_shipment(session, album.code, studio.production, lab_id=studio.lab, clock=clock)
    closed = shipments.close_shipment(session, added.shipment_id, studio.production, clock=clock)
    assert closed.sent == [album.code]


sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite file handling")


@sqlite_only
def test_upgrading_a_0006_database_closes_old_shipments_with_lines_from_their_sent_events(tmp_path: Path):
    """Revision 0007 on a database holding shipments: each is closed at its sent_at; its lines
    come from the SENT events naming it (an item sent twice is a line of both shipments), priced
    at the lab's current price (NULL where it has none). Down and up again keeps the data."""
    from alembic import command

    from .test_database import _database_at

    engine, cfg = _database_at(tmp_path / "old.db", "0006")
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                 "'2026-01-01 00:00:00')"))
        run(text("INSERT INTO staff (id, name, role, password_hash, active, created_at) VALUES "
                 "(1, '张后期', 'production', 'x', 1, '2026-01-01 00:00:00')"))
        run(text("INSERT INTO labs (id, name, default_turnaround_days, active) VALUES (1, '金彩', 7, 1)"))
        run(text("INSERT INTO product_types (id, name, category, in_house, active, needs_approval) "
                 "VALUES (1, '相册', 'album', 0, 1, 0), (2, '摆台', 'frame', 0, 1, 0)"))
        run(text("INSERT INTO lab_prices (id, lab_id, product_type_id, price_fen) VALUES (1, 1, 1, 38000)"))
        run(text("INSERT INTO orders (id, number, customer_id, package_name, package_price_fen, discount_fen, "
                 "progress, booked_at) VALUES (1, '2601-0001', 1, '套', 100, 0, 'in_production', "
                 "'2026-01-01 00:00:00')"))
        run(text("INSERT INTO shoot_sessions (id, order_id, seq, name, state) VALUES (1, 1, 1, '拍摄', 'selected')"))
        for sid, at in [(1, "2026-02-01 02:00:00"), (2, "2026-02-20 02:00:00")]:
            run(text("INSERT INTO shipments (id, lab_id, sent_at, staff_id) VALUES (:id, 1, :at, 1)"),
                {"id": sid, "at": at})
        for iid, product, status in [(1, 1, "sent"), (2, 2, "ready")]:
            run(text("INSERT INTO items (id, code, order_id, session_id, seq, product_type_id, extra_price_fen, "
                     "lab_id, status, status_at, version, design_status) VALUES (:id, :code, 1, 1, :id, :p, 0, 1, "
                     ":st, '2026-02-20 02:00:00', 1, 'approved')"),
                {"id": iid, "code": f"2601-0001-0{iid}", "p": product, "st": status})
        events = [(1, "sent", 1, "2026-02-01 02:00:00"), (1, "returned", None, "2026-02-08 02:00:00"),
                  (1, "rework", None, "2026-02-09 02:00:00"), (1, "sent", 2, "2026-02-20 02:00:00"),
                  (2, "sent", 1, "2026-02-01 02:00:00"), (2, "returned", None, "2026-02-08 02:00:00")]
        for iid, to, ship, at in events:
            run(text("INSERT INTO item_events (item_id, to_status, at, staff_id, shipment_id) "
                     "VALUES (:i, :to, :at, 1, :s)"), {"i": iid, "to": to, "at": at, "s": ship})
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.from_revision == "0006" and report.backup is not None
    with engine.connect() as conn:
        closed = conn.execute(text("SELECT id, closed_at = sent_at FROM shipments ORDER BY id")).all()
        lines = conn.execute(text("SELECT shipment_id, item_id, open_item_id, added_by, lab_price_fen, added_at "
                                  "FROM shipment_lines ORDER BY shipment_id, item_id")).all()
    assert closed == [(1, 1), (2, 1)]
    assert [tuple(r[:5]) for r in lines] == [(1, 1, None, 1, 38000), (1, 2, None, 1, None), (2, 1, None, 1, 38000)]
    assert str(lines[2][5]).startswith("2026-02-20 02:00:00")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    with engine.connect() as conn:
        assert "closed_at" not in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(shipments)")]
        assert conn.execute(text("SELECT count(*) FROM shipments")).scalar() == 2
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    engine.dispose()


def test_the_demo_studio_has_a_priced_line_for_every_item_each_shipment_sent(engine, session):
    """Month-end reconciliation on the demo: each SENT event is a line of its (closed) shipment,
    with the lab's price."""
    from app.services.demo import build_demo

    build_demo(engine, years=0.3, orders_per_month=20, seed=3, today=dt.date(2026, 11, 23))
    sent = session.execute(select(ItemEvent.shipment_id, ItemEvent.item_id).where(ItemEvent.to_status == S.SENT)
                           .order_by(ItemEvent.shipment_id, ItemEvent.item_id)).all()
    lines = session.execute(select(ShipmentLine.shipment_id, ShipmentLine.item_id).order_by(
        ShipmentLine.shipment_id, ShipmentLine.item_id)).all()
    assert sent and lines == sent
    assert session.scalar(select(func.count()).where(ShipmentLine.lab_price_fen.is_(None))) == 0
    assert session.scalar(select(func.count()).where(Shipment.closed_at.is_(None))) == 0


def test_two_stations_scanning_the_same_items_at_once_give_one_line_each_and_tell_the_other(engine, session,
                                                                                         studio, clock):
    """Real threads, one session each, scanning the same items in the same order at once."""
    import threading

    from app.services.errors import ConcurrentChange

    item_codes = [c for n in range(3) for c in
                  (i.code for i in _lab_items(session, new_order(session, studio, clock, name=f"客{n}",
                                                                 phone=f"1370013{n:04d}")))]
    desks = [Actor(studio.production.staff_id, studio.production.name, studio.production.role, f"后期{k}")
             for k in (1, 2)]
    factory = make_session_factory(engine)
    start = threading.Barrier(2)
    outcomes: dict[str, list[str]] = {"added": [], "told": []}
    errors: list[BaseException] = []

    def station(desk: Actor) -> None:
        try:
            with factory() as own:
                start.wait()
                for code in item_codes:
                    try:
                        shipments.add_to_shipment(own, code, desk, lab_id=studio.lab, clock=clock)
                        outcomes["added"].append(code)
                    except (ScanRefused, ConcurrentChange) as exc:
                        assert "already in shipment" in str(exc) or "another shipment" in str(exc)
                        outcomes["told"].append(code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=station, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(outcomes["added"]) == sorted(item_codes) == sorted(outcomes["told"])
    lines = session.scalars(select(ShipmentLine.item_id)).all()
    assert len(lines) == len(set(lines)) == len(item_codes)
