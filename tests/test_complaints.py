"""Complaints (客诉): recording, the 4A steps and their deadlines, redo through rework, the
follow-up call, closing and reopening, the monthly board and the lab scorecard."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models import (
    AuditEntry, ChoiceKind, Complaint, ComplaintEvent, ComplaintEventKind, ComplaintStatus, FollowUp, Item, ItemEvent,
    ItemStatus, Payment, PaymentKind, Position,
)
from app.services import choices, complaints, lifecycle
from app.services.complaints import NewComplaint
from app.services.errors import BadInput, NotAllowed, NotFound, ScanRefused

from .helpers import drive, new_order

S = ItemStatus
H = dt.timedelta(hours=1)


def category(session, key: str = "product_quality") -> int:
    return next(e.id for e in choices.entries(session, ChoiceKind.COMPLAINT_CATEGORY) if e.key == key)


def album_of(session, order) -> Item:
    return session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).first()


def record(session, studio, clock, order, **kw) -> int:
    data = dict(customer_id=order.customer_id, category_id=category(session), description="相册有划痕")
    data.update(kw)
    return complaints.record_complaint(session, NewComplaint(**data), studio.counter, clock=clock)


def picked_up_album(session, studio, clock, **kw):
    order = new_order(session, studio, clock, paid=True, **kw)
    album = album_of(session, order)
    drive(session, album.code, S.PICKED_UP, studio.manager, clock)
    return order, album


def walk_to_amend(session, studio, clock, cid: int) -> None:
    for step in ("acknowledge", "apologize"):
        complaints.mark_step_done(session, cid, step, studio.counter, clock=clock)


def test_recording_a_complaint_sets_the_step_deadlines_from_its_severity(session, studio, clock):
    order = new_order(session, studio, clock)
    cid = record(session, studio, clock, order, severity="severe")
    c = session.get(Complaint, cid)
    now = clock.now()
    assert (c.acknowledge_due, c.apologize_due, c.amend_due, c.anticipate_due) == (
        now + 2 * H, now + 24 * H, now + 72 * H, now + 336 * H)
    assert c.due_at == now + 2 * H and c.status is ComplaintStatus.OPEN
    assert c.received_by == studio.counter.staff_id and c.owner_id == studio.counter.staff_id
    minor = session.get(Complaint, record(session, studio, clock, order, severity="minor"))
    assert minor.acknowledge_due == now + 24 * H


def test_step_deadlines_follow_the_settings_a_manager_sets(session, studio, clock):
    with pytest.raises(NotAllowed):
        complaints.set_deadline_hours(session, "normal", [1, 2, 3, 4], studio.counter, clock=clock)
    for bad in ([1, 2, 3], [0, 2, 3, 4], [1, 2, 3, 10**6]):
        with pytest.raises(BadInput):
            complaints.set_deadline_hours(session, "normal", bad, studio.manager, clock=clock)
    complaints.set_deadline_hours(session, "normal", [1, 2, 3, 4], studio.manager, clock=clock)
    c = session.get(Complaint, record(session, studio, clock, new_order(session, studio, clock)))
    assert c.anticipate_due - c.received_at == 4 * H and c.acknowledge_due - c.received_at == H
    assert session.scalar(select(AuditEntry.detail).where(AuditEntry.target == "complaint_deadline_hours.normal")) \
        == "1,2,3,4"


def test_a_complaint_needs_a_customer_a_description_and_a_category(session, studio, clock):
    order = new_order(session, studio, clock)
    with pytest.raises(BadInput):
        record(session, studio, clock, order, customer_id=None)
    with pytest.raises(BadInput):
        record(session, studio, clock, order, description="   ")
    with pytest.raises(BadInput):
        record(session, studio, clock, order, category_id=None)
    with pytest.raises(NotFound):
        record(session, studio, clock, order, category_id=next(
            e.id for e in choices.entries(session, ChoiceKind.REWORK_REASON)))
    with pytest.raises(NotAllowed):
        complaints.record_complaint(session, NewComplaint(order.customer_id, category(session), "x"),
                                    studio.production, clock=clock)
    assert session.scalar(select(func.count(Complaint.id))) == 0


def test_a_complaint_names_only_items_of_the_customers_own_orders(session, studio, clock):
    mine = new_order(session, studio, clock)
    theirs = new_order(session, studio, clock, name="李四", phone="13900139000")
    with pytest.raises(BadInput):
        record(session, studio, clock, mine, item_ids=[album_of(session, theirs).id])
    with pytest.raises(BadInput):
        record(session, studio, clock, mine, order_id=theirs.id)
    cid = record(session, studio, clock, mine, item_ids=[album_of(session, mine).id])
    detail = complaints.complaint_detail(session, cid, clock=clock)
    assert [i.code for i in detail.items] == [album_of(session, mine).code]
    assert detail.order_id == mine.id  # the order of the items named


def test_the_steps_are_done_in_order_each_with_its_time_and_staff(session, studio, clock):
    cid = record(session, studio, clock, new_order(session, studio, clock))
    with pytest.raises(BadInput):
        complaints.mark_step_done(session, cid, "apologize", studio.counter, clock=clock)
    clock.advance(minutes=30)
    complaints.mark_step_done(session, cid, "acknowledge", studio.counter, clock=clock)
    with pytest.raises(BadInput):
        complaints.mark_step_done(session, cid, "acknowledge", studio.counter, clock=clock)
    c = session.get(Complaint, cid)
    assert c.acknowledged_at == clock.now() and c.acknowledged_by == studio.counter.staff_id
    assert c.status is ComplaintStatus.IN_PROGRESS and c.due_at == c.apologize_due
    with pytest.raises(BadInput):  # amend is chosen, not ticked
        complaints.mark_step_done(session, cid, "amend", studio.counter, clock=clock)
    kinds = session.scalars(select(ComplaintEvent.kind).where(ComplaintEvent.complaint_id == cid)
                            .order_by(ComplaintEvent.id)).all()
    assert kinds == [ComplaintEventKind.RECORDED, ComplaintEventKind.STEP_DONE]


def test_overdue_steps_are_counted_and_shown_on_the_list(session, studio, clock):
    order = new_order(session, studio, clock)
    severe = record(session, studio, clock, order, severity="severe")  # due 2 h and 24 h
    normal = record(session, studio, clock, order)  # due 4 h and 48 h
    assert complaints.overdue_steps(session, clock=clock) == 0
    clock.advance(hours=25)
    assert complaints.overdue_steps(session, clock=clock) == 3  # severe: two steps, normal: one
    complaints.mark_step_done(session, severe, "acknowledge", studio.counter, clock=clock)
    assert complaints.overdue_steps(session, clock=clock) == 2
    rows = {r.id: r for r in complaints.complaint_list(session, clock=clock)}
    assert (rows[severe].overdue_steps, rows[normal].overdue_steps) == (1, 1)
    assert [r.id for r in complaints.complaint_list(session, clock=clock)] == [normal, severe]  # by next deadline


def test_a_redo_sends_a_picked_up_item_to_rework_with_the_complaint_as_reason_and_the_fault(session, studio, clock):
    order, album = picked_up_album(session, studio, clock)
    cid = record(session, studio, clock, order, item_ids=[album.id])
    with pytest.raises(BadInput):  # apologize first
        complaints.amend(session, cid, "redo", studio.counter, fault="lab", clock=clock)
    walk_to_amend(session, studio, clock, cid)
    with pytest.raises(BadInput):  # whose fault?
        complaints.amend(session, cid, "redo", studio.counter, clock=clock)
    complaints.amend(session, cid, "redo", studio.counter, fault="lab", action="重做相册", clock=clock)
    session.refresh(album)
    assert album.status is S.REWORK
    event = session.scalars(select(ItemEvent).where(ItemEvent.item_id == album.id).order_by(ItemEvent.id.desc())).first()
    assert event.from_status is S.PICKED_UP and event.reason.startswith(f"complaint {cid}:")
    assert event.staff_id == studio.counter.staff_id
    c = session.get(Complaint, cid)
    assert c.fault.value == "lab" and c.lab_id == studio.lab and c.amended_at is not None
    assert c.amend_kind.value == "redo"


def test_a_redone_items_history_passes_the_consistency_check(session, studio, clock, engine):
    from app.services import database

    order, album = picked_up_album(session, studio, clock)
    cid = record(session, studio, clock, order, item_ids=[album.id])
    walk_to_amend(session, studio, clock, cid)
    complaints.amend(session, cid, "redo", studio.counter, fault="customer", clock=clock)
    for step in (S.SENT, S.RETURNED, S.READY, S.PICKED_UP):
        clock.advance(days=1)
        lifecycle.transition(session, album.code, step, studio.manager, clock=clock)
    session.close()
    assert database.check(engine).ok


def test_a_picked_up_item_goes_back_to_rework_only_through_a_complaint(session, studio, clock):
    _order, album = picked_up_album(session, studio, clock)
    with pytest.raises(ScanRefused):
        lifecycle.transition(session, album.code, S.REWORK, studio.manager, reason="破损", clock=clock)
    session.refresh(album)
    assert album.status is S.PICKED_UP


def test_picking_up_a_redone_item_schedules_the_call_whose_outcome_closes_anticipate(session, studio, clock):
    order, album = picked_up_album(session, studio, clock)
    cid = record(session, studio, clock, order, item_ids=[album.id])
    walk_to_amend(session, studio, clock, cid)
    complaints.amend(session, cid, "redo", studio.counter, fault="studio", clock=clock)
    with pytest.raises(BadInput):  # the call closes it
        complaints.mark_step_done(session, cid, "anticipate", studio.counter, note="复查", clock=clock)
    assert session.scalar(select(func.count(FollowUp.id))) == 0
    for step in (S.SENT, S.RETURNED, S.READY, S.PICKED_UP):
        clock.advance(days=1)
        lifecycle.transition(session, album.code, step, studio.manager, clock=clock)
    follow_up = session.scalar(select(FollowUp).where(FollowUp.complaint_id == cid))
    assert follow_up.due_on == clock.today() + dt.timedelta(days=3) and follow_up.called_at is None
    assert follow_up.stage.value == "after_pickup"
    with pytest.raises(BadInput):
        complaints.record_follow_up_call(session, follow_up.id, True, studio.counter, score=6, notes="好", clock=clock)
    complaints.record_follow_up_call(session, follow_up.id, False, studio.counter, clock=clock)
    session.refresh(follow_up)
    assert follow_up.due_on == clock.today() + dt.timedelta(days=1)  # tried again tomorrow
    assert session.get(Complaint, cid).anticipated_at is None
    clock.advance(days=1)
    complaints.record_follow_up_call(session, follow_up.id, True, studio.counter, score=4, notes="满意,以后先验货",
                                     clock=clock)
    c = session.get(Complaint, cid)
    assert c.anticipated_at == clock.now() and c.anticipate_note == "满意,以后先验货"
    assert session.get(FollowUp, follow_up.id).score_overall == 4
    assert c.lab_id is None and c.fault.value == "studio"


def test_a_complaint_with_an_open_step_cannot_be_closed_and_the_score_is_1_to_5(session, studio, clock):
    cid = record(session, studio, clock, new_order(session, studio, clock))
    walk_to_amend(session, studio, clock, cid)
    complaints.amend(session, cid, "gift", studio.counter, action="赠送摆台一个", clock=clock)
    with pytest.raises(BadInput):
        complaints.close_complaint(session, cid, 5, studio.counter, clock=clock)
    with pytest.raises(BadInput):
        complaints.mark_step_done(session, cid, "anticipate", studio.counter, note="  ", clock=clock)
    complaints.mark_step_done(session, cid, "anticipate", studio.counter, note="出件前再检查", clock=clock)
    for bad in (0, 6, 4.5, True, None):
        with pytest.raises(BadInput):
            complaints.close_complaint(session, cid, bad, studio.counter, clock=clock)
    complaints.close_complaint(session, cid, 5, studio.counter, clock=clock)
    c = session.get(Complaint, cid)
    assert c.status is ComplaintStatus.CLOSED and c.resolution_score == 5 and c.due_at is None


def test_reopening_keeps_the_history_and_opens_amend_and_anticipate_again(session, studio, clock):
    cid = record(session, studio, clock, new_order(session, studio, clock))
    walk_to_amend(session, studio, clock, cid)
    complaints.amend(session, cid, "discount", studio.counter, amount_fen=20000, action="下次拍摄八折", clock=clock)
    complaints.mark_step_done(session, cid, "anticipate", studio.counter, note="培训", clock=clock)
    complaints.close_complaint(session, cid, 2, studio.counter, clock=clock)
    with pytest.raises(BadInput):
        complaints.reopen_complaint(session, cid, " ", studio.counter, clock=clock)
    clock.advance(days=2)
    complaints.reopen_complaint(session, cid, "顾客不接受", studio.counter, clock=clock)
    c = session.get(Complaint, cid)
    assert c.status is ComplaintStatus.IN_PROGRESS and c.resolution_score is None and c.closed_at is None
    assert c.acknowledged_at is not None and c.amended_at is None and c.anticipated_at is None
    assert c.amend_due == clock.now() + 168 * H and c.due_at == c.amend_due
    detail = complaints.complaint_detail(session, cid, clock=clock)
    assert [e.kind.value for e in detail.events] == [
        "recorded", "step_done", "step_done", "step_done", "step_done", "closed", "reopened"]
    assert detail.events[-2].score == 2 and detail.events[-1].score == 2 and detail.events[-1].detail == "顾客不接受"
    assert detail.events[3].detail == "下次拍摄八折"


def test_discount_and_gift_say_how_much_or_what(session, studio, clock):
    cid = record(session, studio, clock, new_order(session, studio, clock))
    walk_to_amend(session, studio, clock, cid)
    for kw in (dict(kind="discount"), dict(kind="discount", amount_fen=0), dict(kind="gift"),
               dict(kind="gift", action="摆台", amount_fen=100), dict(kind="discount", amount_fen=1.5)):
        kind = kw.pop("kind")
        with pytest.raises(BadInput):
            complaints.amend(session, cid, kind, studio.counter, clock=clock, **kw)
    assert session.get(Complaint, cid).amended_at is None


def test_a_refund_goes_through_the_payment_service_and_needs_a_manager(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    cid = record(session, studio, clock, order, order_id=order.id)
    walk_to_amend(session, studio, clock, cid)
    with pytest.raises(NotAllowed):
        complaints.amend(session, cid, "refund", studio.counter, amount_fen=10000, action="退部分款", clock=clock)
    assert session.scalar(select(func.count(Payment.id)).where(Payment.kind == PaymentKind.REFUND)) == 0
    assert session.get(Complaint, cid).amended_at is None
    with pytest.raises(BadInput):  # more than was paid
        complaints.amend(session, cid, "refund", studio.counter, amount_fen=10**9, action="退款",
                         approved_by=studio.manager, clock=clock)
    complaints.amend(session, cid, "refund", studio.counter, amount_fen=10000, action="退部分款", method="wechat",
                     approved_by=studio.manager, clock=clock)
    c = session.get(Complaint, cid)
    payment = session.get(Payment, c.refund_payment_id)
    assert payment.kind is PaymentKind.REFUND and payment.amount_fen == 10000 and payment.order_id == order.id
    assert payment.staff_id == studio.manager.staff_id and payment.note == f"complaint {cid}: 退部分款"
    assert c.amend_fen == 10000 and c.amended_by == studio.counter.staff_id
    assert session.scalar(select(AuditEntry.staff_id).where(AuditEntry.action == "payment.refund")) == \
        studio.manager.staff_id


def test_the_apology_letter_fills_its_placeholders_and_nothing_else(session, studio, clock):
    order = new_order(session, studio, clock, name="王五")
    cid = record(session, studio, clock, order, order_id=order.id, description="说好{date}取件 {customer.__class__}")
    fields = complaints.letter_fields(session, cid, clock=clock)
    text = complaints.fill_letter("尊敬的{customer}:{description}。{unknown} {order} {date}", fields)
    assert text == (f"尊敬的王五:说好{{date}}取件 {{customer.__class__}}。{{unknown}} {fields['order']} "
                    f"{clock.today().isoformat()}")
    assert fields["order"].startswith(order.number)


def _deliver(session, studio, clock, **kw) -> None:
    """An order whose digital files (made in-house) are picked up now."""
    order = new_order(session, studio, clock, paid=True, **kw)
    digital = session.scalar(select(Item).where(Item.order_id == order.id, Item.product_type_id == studio.digital))
    lifecycle.transition(session, digital.code, S.READY, studio.manager, clock=clock)
    lifecycle.transition(session, digital.code, S.PICKED_UP, studio.manager, clock=clock)


def test_the_monthly_board_counts_by_category_position_and_staff_and_the_rate_over_orders_delivered(
        session, studio, clock):
    # October (local): one complaint, two orders delivered
    clock.moment = dt.datetime(2026, 10, 10, 2, tzinfo=dt.timezone.utc)
    _deliver(session, studio, clock, phone="13800000001")
    _deliver(session, studio, clock, phone="13800000002")
    first = new_order(session, studio, clock, phone="13800000003")
    record(session, studio, clock, first, category_id=category(session, "delay"))
    # November: three complaints, four orders delivered (one twice the same day counts once)
    clock.moment = dt.datetime(2026, 11, 3, 2, tzinfo=dt.timezone.utc)
    for n in range(3):
        _deliver(session, studio, clock, phone=f"1390000000{n}")
    order = new_order(session, studio, clock, paid=True, phone="13900000009")
    drive(session, album_of(session, order).code, S.PICKED_UP, studio.manager, clock)
    photographer = studio.production.staff_id
    record(session, studio, clock, order, staff_id=photographer, staff_position="photographer",
           category_id=category(session, "photography"))
    record(session, studio, clock, order, staff_id=photographer, staff_position="photographer")
    record(session, studio, clock, order, staff_id=studio.counter.staff_id, staff_position="counter")
    # 31 Oct 17:00 UTC is already 1 November in Shanghai: November's
    clock.moment = dt.datetime(2026, 10, 31, 17, tzinfo=dt.timezone.utc)
    record(session, studio, clock, order, category_id=category(session, "photography"))
    board = complaints.monthly_board(session, 2026, 11, clock=clock)
    assert board.complaints == 4 and board.delivered == 4 and board.rate == 1.0
    assert [(g.entry.key, g.count) for g in board.by_category] == [("photography", 2), ("product_quality", 2)]
    assert [(g.key, g.count) for g in board.by_position] == [(Position.PHOTOGRAPHER, 2), (Position.COUNTER, 1),
                                                             (None, 1)]
    assert [(g.name, g.count) for g in board.by_staff] == [("张后期", 2), ("李前台", 1), ("", 1)]
    assert len(board.trend) == 12 and (board.trend[0].year, board.trend[0].month) == (2025, 12)
    assert [(p.month, p.complaints, p.delivered) for p in board.trend[-2:]] == [(10, 1, 2), (11, 4, 4)]
    assert board.trend[-2].rate == 0.5 and board.trend[0].rate is None


def test_the_lab_scorecard_gives_median_turnaround_share_late_rework_rate_and_complaints(session, studio, clock):
    clock.moment = dt.datetime(2026, 11, 1, 2, tzinfo=dt.timezone.utc)  # 10:00 on 1 November, Shanghai
    orders = [new_order(session, studio, clock, phone=f"1380000000{n}") for n in range(3)]
    albums = [album_of(session, o) for o in orders]  # the lab's turnaround for an album: 10 days
    for album in albums:
        lifecycle.transition(session, album.code, S.SENT, studio.production, clock=clock)
    clock.advance(days=10)
    lifecycle.transition(session, albums[0].code, S.RETURNED, studio.production, clock=clock)  # 10 days: on time
    clock.advance(days=2)
    lifecycle.transition(session, albums[1].code, S.RETURNED, studio.production, clock=clock)  # 12 days: late
    lifecycle.transition(session, albums[1].code, S.REWORK, studio.production, reason="偏色", clock=clock)
    clock.advance(days=3)
    lifecycle.transition(session, albums[2].code, S.RETURNED, studio.production, clock=clock)  # 15 days: late
    cid = record(session, studio, clock, orders[0], item_ids=[albums[0].id])
    session.get(Complaint, cid).lab_id = studio.lab
    session.commit()
    [score] = complaints.lab_scorecard(session, 2026, 11, clock=clock)
    assert (score.lab_id, score.name, score.returned, score.median_days, score.late) == (
        studio.lab, "金彩相册厂", 3, 12, 2)
    assert score.late_share == pytest.approx(2 / 3) and score.rework_rate == pytest.approx(1 / 3)
    assert (score.reworks, score.complaints) == (1, 1)
    assert complaints.lab_scorecard(session, 2026, 10, clock=clock) == []


def test_a_month_that_does_not_exist_is_refused(session, clock):
    with pytest.raises(BadInput):
        complaints.monthly_board(session, 2026, 13, clock=clock)


def test_the_studios_apology_letter_is_changed_by_a_manager(session, studio, clock):
    assert complaints.letter_template(session) is None
    with pytest.raises(NotAllowed):
        complaints.set_letter_template(session, "尊敬的{customer}", studio.counter, clock=clock)
    with pytest.raises(BadInput):
        complaints.set_letter_template(session, "  ", studio.manager, clock=clock)
    complaints.set_letter_template(session, "尊敬的{customer}", studio.manager, clock=clock)
    assert complaints.letter_template(session) == "尊敬的{customer}"


def test_a_follow_up_call_that_reached_the_customer_is_kept_even_while_amend_is_open_again(session, studio, clock):
    """After a reopen Amend may be open again: the call (score, what the customer said) is still
    saved; it closes Anticipate only once the steps before are done."""
    order, album = picked_up_album(session, studio, clock)
    cid = record(session, studio, clock, order, item_ids=[album.id])
    walk_to_amend(session, studio, clock, cid)
    complaints.amend(session, cid, "redo", studio.counter, fault="studio", clock=clock)
    for step in (S.SENT, S.RETURNED, S.READY, S.PICKED_UP):
        clock.advance(days=1)
        lifecycle.transition(session, album.code, step, studio.manager, clock=clock)
    follow_up = session.scalar(select(FollowUp).where(FollowUp.complaint_id == cid))
    session.get(Complaint, cid).amended_at = None  # as a reopen leaves it
    session.commit()
    complaints.record_follow_up_call(session, follow_up.id, True, studio.counter, score=5, notes="已满意", clock=clock)
    session.expire_all()
    assert session.get(FollowUp, follow_up.id).score_overall == 5
    assert session.get(Complaint, cid).anticipated_at is None
