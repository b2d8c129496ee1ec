"""Receiving, QC, the boards and the overdue alarm, without the window."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models import Choice, ChoiceKind, DesignStatus, Item, ItemEvent, ItemStatus
from app.services import boards, history, lifecycle, receiving, studio as studio_service
from app.services.boards import Board, BoardFilter
from app.services.errors import BadInput, NotAllowed, ScanRefused
from app.services.receiving import ScanMode

from .helpers import drive, event_count
from .tracking_helpers import lab_items, sent_items

S = ItemStatus


def _reason(session, key: str) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(Choice.id).where(Choice.kind == ChoiceKind.REWORK_REASON, Choice.key == key))


def _status(session, code: str) -> ItemStatus:  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.scalar(select(Item.status).where(Item.code == code))


def _codes(session, board: Board, flt: BoardFilter | None = None, clock=None) -> list[str]:  # type: ignore[no-untyped-def]
    rows, _more = boards.board_page(session, board, flt, clock=clock)
    return [r.code for r in rows]


# -- receiving and QC -------------------------------------------------------------
def test_receiving_an_item_never_sent_is_refused_with_its_status_and_writes_nothing(session, studio, clock):
    code = lab_items(session, studio, clock, 1)[0]
    before = event_count(session)
    with pytest.raises(ScanRefused) as refused:
        receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    assert "waiting to be made" in str(refused.value)
    assert event_count(session) == before and _status(session, code) is S.WAITING


def test_receive_then_pass_with_a_shelf_place(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    answer = receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    assert answer.changed and answer.before is S.SENT and answer.item.status is S.RETURNED
    assert answer.item.customer_name == "顾客00" and answer.item.product == "30P 相册"
    again = receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    assert not again.changed and "already" in str(again.message)
    receiving.apply_scan(session, code, ScanMode.PASS, studio.production, shelf="A-03", clock=clock)
    session.expire_all()
    item = session.scalar(select(Item).where(Item.code == code))
    assert item.status is S.READY and item.shelf == "A-03"


def test_receive_and_pass_is_one_scan_two_events_committed_together(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    before = event_count(session)
    answer = receiving.apply_scan(session, code, ScanMode.RECEIVE_AND_PASS, studio.production, shelf="B1",
                                  clock=clock)
    assert answer.item.status is S.READY and event_count(session) == before + 2
    assert str(answer.message) == f"{code}: at the lab → ready for pickup"
    steps = session.scalars(select(ItemEvent.to_status).order_by(ItemEvent.id.desc()).limit(2)).all()
    assert steps == [S.READY, S.RETURNED]


def test_receive_and_pass_of_an_item_already_received_only_passes_it(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    answer = receiving.apply_scan(session, code, ScanMode.RECEIVE_AND_PASS, studio.production, clock=clock)
    assert answer.before is S.RETURNED and answer.item.status is S.READY


def test_the_receive_and_pass_setting_is_off_until_a_manager_turns_it_on(session, studio, clock):
    assert receiving.receive_and_pass_default(session) is False
    with pytest.raises(NotAllowed):
        studio_service.set_setting(session, receiving.RECEIVE_AND_PASS, "1", studio.production, clock=clock)
    studio_service.set_setting(session, receiving.RECEIVE_AND_PASS, "1", studio.manager, clock=clock)
    assert receiving.receive_and_pass_default(session) is True


def test_rework_records_the_reason_from_the_studio_list(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    colour = _reason(session, "colour")
    answer = receiving.apply_scan(session, code, ScanMode.REWORK, studio.production, rework_reason_id=colour,
                                  clock=clock)
    assert answer.item.status is S.REWORK
    last = session.scalars(select(ItemEvent).order_by(ItemEvent.id.desc())).first()
    assert last.rework_reason_id == colour and last.to_status is S.REWORK


def test_rework_other_needs_a_note_and_writes_nothing_without_one(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    before = event_count(session)
    other = _reason(session, "other")
    with pytest.raises(BadInput):
        receiving.apply_scan(session, code, ScanMode.REWORK, studio.production, rework_reason_id=other, clock=clock)
    assert event_count(session) == before and _status(session, code) is S.RETURNED
    receiving.apply_scan(session, code, ScanMode.REWORK, studio.production, rework_reason_id=other,
                         detail="相框角裂", clock=clock)
    last = session.scalars(select(ItemEvent).order_by(ItemEvent.id.desc())).first()
    assert last.reason == "相框角裂" and last.rework_reason_id == other


def test_rework_of_an_item_still_at_the_lab_receives_it_first_in_one_scan(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    answer = receiving.apply_scan(session, code, ScanMode.REWORK, studio.production,
                                  rework_reason_id=_reason(session, "damage"), clock=clock)
    assert answer.before is S.SENT and answer.item.status is S.REWORK


def test_a_refused_second_step_leaves_the_first_unwritten_too(session, studio, clock):
    """A rework scan of an item still at the lab (receive + rework) whose reason is switched
    off writes neither step."""
    code = sent_items(session, studio, clock, 1)[0]
    damage = _reason(session, "damage")
    session.get(Choice, damage).active = False
    session.commit()
    before = event_count(session)
    with pytest.raises(BadInput):
        receiving.apply_scan(session, code, ScanMode.REWORK, studio.production, rework_reason_id=damage, clock=clock)
    assert event_count(session) == before and _status(session, code) is S.SENT


def test_check_scan_answers_like_the_scan_and_writes_nothing(session, studio, clock):
    waiting = lab_items(session, studio, clock, 1)[0]
    sent = sent_items(session, studio, clock, 1)[0]
    before = event_count(session)
    assert receiving.check_scan(session, sent, ScanMode.REWORK, studio.production).status is S.SENT
    with pytest.raises(ScanRefused):
        receiving.check_scan(session, waiting, ScanMode.REWORK, studio.production)
    with pytest.raises(NotAllowed):
        receiving.check_scan(session, sent, ScanMode.RECEIVE, studio.counter)
    assert event_count(session) == before


def test_counter_staff_may_not_receive(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    with pytest.raises(NotAllowed):
        receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.counter, clock=clock)
    assert _status(session, code) is S.SENT


# -- boards ---------------------------------------------------------------------
def test_waiting_board_holds_lab_items_waiting_or_for_rework_by_lab_oldest_first(session, studio, clock):
    first = lab_items(session, studio, clock, 1)  # album, frame, frame: lab 金彩相册厂
    clock.advance(hours=1)
    second = lab_items(session, studio, clock, 1)
    lifecycle.transition(session, second[0], S.SENT, studio.production, lab_id=studio.slow_lab, clock=clock)
    drive(session, second[0], S.RETURNED, studio.production, clock)  # sent again below: stays
    clock.advance(hours=1)
    lifecycle.transition(session, second[0], S.REWORK, studio.production, reason="偏色", clock=clock)
    session.execute(Item.__table__.update().where(Item.code == first[2]).values(
        design_status=DesignStatus.AWAITING_APPROVAL))
    session.commit()
    got = _codes(session, Board.WAITING, clock=clock)
    # 金彩 (oldest first) before 慢工; the in-house digital files and the design not approved are not there
    assert got == [first[0], first[1], second[1], second[2], second[0]]


def test_at_lab_board_is_by_expected_return(session, studio, clock):
    codes = lab_items(session, studio, clock, 1)
    lifecycle.transition_many(session, codes, S.SENT, studio.production, lab_id=studio.lab, clock=clock)
    # album: 10 days at this lab; frames: the lab's default 7 days
    assert _codes(session, Board.AT_LAB, clock=clock) == [codes[1], codes[2], codes[0]]


def test_overdue_board_is_past_expected_return_by_lab_oldest_first_and_matches_the_count(session, studio, clock):
    slow = lab_items(session, studio, clock, 1)
    lifecycle.transition_many(session, slow, S.SENT, studio.production, lab_id=studio.slow_lab, clock=clock)
    clock.advance(days=2)
    quick = lab_items(session, studio, clock, 1)
    lifecycle.transition_many(session, quick, S.SENT, studio.production, lab_id=studio.lab, clock=clock)
    clock.advance(days=8)  # frames at 金彩 (7 days) overdue; album (10) and 慢工 (20) not yet
    assert _codes(session, Board.OVERDUE, clock=clock) == [quick[1], quick[2]]
    assert boards.overdue_count(session, clock=clock) == 2
    clock.advance(days=20)  # everything overdue; 慢工's were sent earlier but come after 金彩's
    assert _codes(session, Board.OVERDUE, clock=clock) == [quick[1], quick[2], quick[0], slow[0], slow[1], slow[2]]
    assert boards.overdue_count(session, clock=clock) == 6
    receiving.apply_scan(session, quick[1], ScanMode.RECEIVE, studio.production, clock=clock)
    assert boards.overdue_count(session, clock=clock) == 5
    assert boards.board_count(session, Board.OVERDUE, clock=clock) == 5


def test_on_the_expected_day_an_item_is_not_yet_overdue(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]  # album: back in 10 days
    clock.advance(days=10)
    assert boards.overdue_count(session, clock=clock) == 0
    clock.advance(days=1)
    assert boards.overdue_count(session, clock=clock) == 1 and _codes(session, Board.OVERDUE, clock=clock) == [code]


def test_returned_board_holds_items_back_but_not_checked_oldest_first(session, studio, clock):
    codes = sent_items(session, studio, clock, 3)
    for code in reversed(codes):
        clock.advance(minutes=5)
        receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    receiving.apply_scan(session, codes[0], ScanMode.PASS, studio.production, clock=clock)
    assert _codes(session, Board.RETURNED, clock=clock) == [codes[2], codes[1]]


def test_uncollected_board_holds_items_ready_longer_than_the_studio_setting(session, studio, clock):
    codes = sent_items(session, studio, clock, 2)
    receiving.apply_scan(session, codes[0], ScanMode.RECEIVE_AND_PASS, studio.production, clock=clock)
    clock.advance(days=5)
    receiving.apply_scan(session, codes[1], ScanMode.RECEIVE_AND_PASS, studio.production, clock=clock)
    clock.advance(days=27)  # ready for 32 and 27 days
    assert _codes(session, Board.UNCOLLECTED, clock=clock) == [codes[0]]
    studio_service.set_setting(session, boards.UNCOLLECTED_DAYS, "20", studio.manager, clock=clock)
    assert _codes(session, Board.UNCOLLECTED, clock=clock) == [codes[0], codes[1]]


def test_board_filters_lab_product_type_dates_and_staff(session, studio, clock):
    codes = lab_items(session, studio, clock, 2)  # order 1: album, frame, frame; order 2 the same
    lifecycle.transition_many(session, codes[:3], S.SENT, studio.production, lab_id=studio.lab, clock=clock)
    clock.advance(days=1)
    lifecycle.transition_many(session, codes[3:], S.SENT, studio.manager, lab_id=studio.slow_lab, clock=clock)
    at_lab = Board.AT_LAB
    assert set(_codes(session, at_lab, BoardFilter(lab_id=studio.slow_lab), clock)) == set(codes[3:])
    assert _codes(session, at_lab, BoardFilter(product_type_id=studio.album), clock) == [codes[0], codes[3]]
    assert set(_codes(session, at_lab, BoardFilter(staff_id=studio.manager.staff_id), clock)) == set(codes[3:])
    # lab boards: the date range is the expected return (金彩 frames: 7 days from the first day)
    day0 = clock.today() - dt.timedelta(days=1)
    frames_back = day0 + dt.timedelta(days=7)
    assert _codes(session, at_lab, BoardFilter(date_from=frames_back, date_to=frames_back), clock) == codes[1:3]
    # other boards: since when (local days)
    for code in codes[3:]:
        receiving.apply_scan(session, code, ScanMode.RECEIVE, studio.production, clock=clock)
    today = clock.today()
    assert set(_codes(session, Board.RETURNED, BoardFilter(date_from=today, date_to=today), clock)) == set(codes[3:])
    assert _codes(session, Board.RETURNED, BoardFilter(date_to=today - dt.timedelta(days=1)), clock) == []


def test_boards_come_in_pages(session, studio, clock):
    codes = sent_items(session, studio, clock, 9)
    first, more = boards.board_page(session, Board.AT_LAB, offset=0, limit=5, clock=clock)
    rest, last = boards.board_page(session, Board.AT_LAB, offset=5, limit=5, clock=clock)
    assert more and not last and len(first) == 5 and len(rest) == 4
    assert {r.code for r in first + rest} == set(codes)
    assert first[0].staff_name == "张后期" and first[0].lab_name == "金彩相册厂"


def test_board_counts_for_the_chooser(session, studio, clock):
    sent_items(session, studio, clock, 3)
    counts = boards.board_counts(session, clock=clock)
    assert counts[Board.AT_LAB] == 3 and counts[Board.OVERDUE] == 0 and counts[Board.RETURNED] == 0


# -- history --------------------------------------------------------------------
def test_item_history_names_staff_station_shipment_lab_and_rework_reason(session, studio, clock):
    code = sent_items(session, studio, clock, 1)[0]
    clock.advance(days=3)
    receiving.apply_scan(session, code, ScanMode.REWORK, studio.production, rework_reason_id=_reason(session, "colour"),
                         detail="偏红", clock=clock)
    got = history.item_history(session, code)
    assert [e.to_status for e in got.events] == [S.WAITING, S.SENT, S.RETURNED, S.REWORK]
    sent, rework = got.events[1], got.events[3]
    assert sent.staff_name == "张后期" and sent.station == "后期" and sent.shipment_lab == "金彩相册厂"
    assert sent.shipment_id is not None
    assert rework.rework_reason is not None and rework.rework_reason.name_zh == "偏色/颜色" and rework.reason == "偏红"
    assert got.item.customer_name == "顾客00" and len(got.order.items) == 4
    assert session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.item_id == got.item.item_id)) == 4
