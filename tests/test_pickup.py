"""The pickup station's service: what a scan shows, and handing the order over."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Item, ItemEvent, ItemStatus
from app.services import pickup
from app.services.codes import display_order_number
from app.services.errors import BadInput, NotAllowed, NotFound, ScanRefused

from .helpers import event_count, new_order
from .pickup_helpers import item_codes, move

S = ItemStatus


def _statuses(session, codes):  # type: ignore[no-untyped-def]
    session.expire_all()
    return [session.scalar(select(Item.status).where(Item.code == c)) for c in codes]


def test_any_label_or_the_slip_shows_every_item_grouped_by_session(session, studio, clock):
    order = new_order(session, studio, clock, package=studio.growth)
    codes = item_codes(session, order.id)
    by_slip = pickup.station_view(session, display_order_number(order.number), clock=clock)
    assert [g.name for g in by_slip.groups] == ["百天", "周岁", "两周岁"]
    assert sorted(t.code for t in by_slip.tiles) == sorted(codes) and all(len(g.tiles) == 2 for g in by_slip.groups)
    assert by_slip.scanned_code is None
    by_label = pickup.station_view(session, codes[3], clock=clock)
    assert by_label.tiles == by_slip.tiles and by_label.scanned_code == codes[3]


def test_an_item_at_the_lab_shows_its_expected_date_and_is_overdue_after_it(session, studio, clock):
    order = new_order(session, studio, clock)
    album = item_codes(session, order.id)[0]
    move(session, studio, clock, album, S.SENT)
    tile = pickup.station_view(session, album, clock=clock).tiles[0]
    assert tile.expected_return == clock.today() + dt.timedelta(days=10) and not tile.overdue
    clock.advance(days=11)
    tile = pickup.station_view(session, album, clock=clock).tiles[0]
    assert tile.overdue and tile.status is S.SENT


def test_a_ready_item_shows_its_shelf_and_a_picked_up_one_when_and_by_whom(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    album, frame = item_codes(session, order.id)[:2]
    move(session, studio, clock, album, S.READY, shelf="B-07")
    move(session, studio, clock, frame, S.PICKED_UP)
    tiles = {t.code: t for t in pickup.station_view(session, album, clock=clock).tiles}
    assert tiles[album].shelf == "B-07" and tiles[album].picked_up_at is None
    assert tiles[frame].picked_up_at == clock.now() and tiles[frame].picked_up_by == studio.counter.name


def test_the_summary_counts_ready_of_open_items_and_lists_exactly_the_missing_ones(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    move(session, studio, clock, frame1, S.SENT)
    move(session, studio, clock, frame2, S.READY)
    move(session, studio, clock, digital, S.READY)
    view = pickup.station_view(session, display_order_number(order.number), clock=clock)
    assert (len(view.ready), view.open_count) == (2, 4)
    assert [t.code for t in view.missing] == [frame1, album]  # the frame's lab is quicker: expected first
    assert all(t.expected_return is not None for t in view.missing)
    assert view.due_fen == 599900 and not view.complete and not view.may_hand_over_all


def test_a_cancelled_items_label_is_refused(session, studio, clock):
    order = new_order(session, studio, clock)
    code = item_codes(session, order.id)[1]
    move(session, studio, clock, code, S.CANCELLED)
    with pytest.raises(ScanRefused, match="was cancelled"):
        pickup.station_view(session, code, clock=clock)


def test_unknown_codes_and_wrong_check_characters_are_refused(session, studio, clock):
    order = new_order(session, studio, clock)
    code = item_codes(session, order.id)[0]
    with pytest.raises(BadInput):
        pickup.station_view(session, code[:-1] + ("0" if code[-1] != "0" else "1"), clock=clock)
    with pytest.raises(NotFound):
        pickup.station_view(session, display_order_number("2611-0999"), clock=clock)


def _ready_order(session, studio, clock, *, paid=True, package=None):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock, paid=paid, package=package)
    codes = item_codes(session, order.id)
    for code in codes:
        move(session, studio, clock, code, S.READY)
    return order, codes


def test_hand_over_picks_up_the_chosen_ready_items_together_and_returns_the_receipt(session, studio, clock):
    order, codes = _ready_order(session, studio, clock)
    receipt = pickup.hand_over(session, order.number, codes, studio.counter, clock=clock)
    assert _statuses(session, codes) == [S.PICKED_UP] * 4
    assert [line.code for line in receipt.handed_over] == codes and receipt.owed == []
    assert receipt.staff_name == studio.counter.name and receipt.at == clock.now() and receipt.balance.due_fen == 0
    events = session.scalars(select(ItemEvent).where(ItemEvent.to_status == S.PICKED_UP)).all()
    assert len(events) == 4 and {e.staff_id for e in events} == {studio.counter.staff_id}


def test_an_empty_selection_is_refused(session, studio, clock):
    order, _codes = _ready_order(session, studio, clock)
    before = event_count(session)
    with pytest.raises(BadInput, match="Choose the ready items"):
        pickup.hand_over(session, order.number, [], studio.counter, clock=clock)
    assert event_count(session) == before


def test_a_selection_with_an_item_not_ready_is_refused_whole_and_names_it(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, digital, S.READY)
    move(session, studio, clock, album, S.SENT)
    before = event_count(session)
    with pytest.raises(ScanRefused, match=f"{album} is at the lab"):
        pickup.hand_over(session, order.number, [digital, album], studio.counter, clock=clock)
    assert event_count(session) == before and _statuses(session, [digital]) == [S.READY]


def test_an_item_of_another_order_is_refused(session, studio, clock):
    order, codes = _ready_order(session, studio, clock)
    other, other_codes = _ready_order(session, studio, clock)
    before = event_count(session)
    with pytest.raises(BadInput, match="is not an item of order"):
        pickup.hand_over(session, order.number, [codes[0], other_codes[0]], studio.counter, clock=clock)
    assert event_count(session) == before


def test_a_balance_due_blocks_the_hand_over(session, studio, clock):
    order, codes = _ready_order(session, studio, clock, paid=False)
    before = event_count(session)
    with pytest.raises(ScanRefused, match="still owes"):
        pickup.hand_over(session, order.number, codes, studio.counter, clock=clock)
    assert event_count(session) == before and _statuses(session, codes) == [S.READY] * 4


def test_a_managers_override_with_pin_and_reason_hands_over_and_is_audited(session, studio, clock):
    order, codes = _ready_order(session, studio, clock, paid=False)
    receipt = pickup.hand_over(session, order.number, codes, studio.counter, clock=clock,
                               override=pickup.Override(studio.manager.name, "1111", "老客户，下周补交"))
    assert _statuses(session, codes) == [S.PICKED_UP] * 4
    assert receipt.override_by == studio.manager.name and receipt.override_reason == "老客户，下周补交"
    assert receipt.overridden_due_fen == 599900 and receipt.balance.due_fen == 599900
    audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "pickup.override_balance")).all()
    assert len(audits) == 4 and {a.staff_id for a in audits} == {studio.manager.staff_id}
    assert all("老客户，下周补交" in (a.detail or "") and studio.counter.name in (a.detail or "") for a in audits)
    events = session.scalars(select(ItemEvent).where(ItemEvent.to_status == S.PICKED_UP)).all()
    assert {e.staff_id for e in events} == {studio.counter.staff_id}  # the clerk handed them over
    assert all((e.reason or "").startswith("balance override: ") for e in events)


@pytest.mark.parametrize("name, pin, reason, error", [
    ("王店长", "9999", "理由", NotAllowed), ("李前台", "2222", "理由", NotAllowed), ("王店长", "1111", "  ", BadInput),
])
def test_an_override_with_a_wrong_pin_a_non_manager_or_no_reason_writes_nothing(session, studio, clock, name, pin,
                                                                                  reason, error):
    order, codes = _ready_order(session, studio, clock, paid=False)
    before = event_count(session)
    audits = session.scalar(select(func.count(AuditEntry.id)))
    with pytest.raises(error):
        pickup.hand_over(session, order.number, codes, studio.counter, clock=clock,
                         override=pickup.Override(name, pin, reason))
    assert event_count(session) == before and session.scalar(select(func.count(AuditEntry.id))) == audits


def test_a_partial_pickups_receipt_lists_the_items_still_owed_with_expected_dates(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    move(session, studio, clock, frame1, S.READY)
    move(session, studio, clock, frame2, S.READY)
    move(session, studio, clock, digital, S.READY)
    view = pickup.station_view(session, album, clock=clock)
    assert [t.code for t in pickup.left_behind(view, [frame1, digital])] == [album, frame2]
    receipt = pickup.hand_over(session, order.number, [frame1, digital], studio.counter, clock=clock)
    assert [line.code for line in receipt.handed_over] == [frame1, digital]
    owed = {line.code: line for line in receipt.owed}
    assert set(owed) == {album, frame2}
    assert owed[album].expected_return == view.tiles[0].expected_return is not None
    assert owed[album].status is S.SENT and owed[frame2].status is S.READY


def test_only_staff_who_may_pick_up_hand_over(session, studio, clock):
    order, codes = _ready_order(session, studio, clock)
    with pytest.raises(NotAllowed):
        pickup.hand_over(session, order.number, codes, studio.production, clock=clock)
    assert _statuses(session, codes) == [S.READY] * 4
