"""Lifecycle rules at the edges: partly picked-up orders cancelled, batches, items without a lab, naive times."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Item, ItemEvent, Shipment
from app.services import lifecycle
from app.services.balance import order_balance
from app.services.clock import Clock, FixedClock
from app.services.errors import BadInput
from app.services.orders import cancel_order

from .helpers import S, drive, event_count, first_lab_item, new_order


def _items(session, order) -> list[Item]:
    return list(session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)))


def _fresh(engine) -> Session:
    """A second session: sees only what was committed."""
    return Session(engine)


def test_cancelling_a_partly_picked_up_order_keeps_picked_up_items_and_cancels_the_rest(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)  # album, frame, frame, digital; 5,999.00 paid
    album, frame, frame2, digital = _items(session, order)
    drive(session, album.code, S.PICKED_UP, studio.manager, clock)
    lifecycle.transition(session, digital.code, S.READY, studio.production, clock=clock)
    drive(session, frame.code, S.RETURNED, studio.production, clock)
    album_events = event_count(session, album.id)

    cancel_order(session, order.id, "客户搬家", studio.manager, clock=clock)

    with _fresh(session.get_bind()) as s:
        statuses = {i.code: i.status for i in _items(s, order)}
        assert statuses == {album.code: S.PICKED_UP, frame.code: S.CANCELLED, frame2.code: S.CANCELLED,
                            digital.code: S.CANCELLED}
        assert event_count(s, album.id) == album_events  # the picked-up album's history is untouched
        cancels = s.scalars(select(ItemEvent).where(ItemEvent.to_status == S.CANCELLED)
                            .order_by(ItemEvent.item_id)).all()
        assert [(e.item_id, e.from_status, e.reason) for e in cancels] == [
            (frame.id, S.RETURNED, "客户搬家"), (frame2.id, S.WAITING, "客户搬家"), (digital.id, S.READY, "客户搬家")]
        balance = order_balance(s, order.id)
    assert balance.cancelled and balance.due_fen == 0
    assert balance.refund_due_fen == balance.paid_fen == 599900  # what was paid; the manager refunds from there


def test_a_batch_refuses_bad_lines_one_by_one_and_commits_the_accepted_ones(session, studio, clock):
    first = _items(session, new_order(session, studio, clock, paid=True))
    second = _items(session, new_order(session, studio, clock, name="李四", phone="13900139000"))
    drive(session, first[0].code, S.PICKED_UP, studio.manager, clock)  # cannot be sent again
    codes = [second[0].code, "2611-0001-01-0", first[0].code, "nonsense", second[1].code]
    clock.advance(minutes=1)

    result = lifecycle.transition_many(session, codes, S.RETURNED, studio.production, clock=clock)
    assert result.done == [] and [c for c, _ in result.refused] == codes  # nothing is at a lab: all refused

    result = lifecycle.transition_many(session, codes, S.SENT, studio.production, clock=clock)
    assert [r.code for r in result.done] == [second[0].code, second[1].code]
    assert [c for c, _ in result.refused] == ["2611-0001-01-0", first[0].code, "nonsense"]
    assert "already picked up" in str(dict(result.refused)[first[0].code])
    with _fresh(session.get_bind()) as s:
        assert [s.get(Item, i.id).status for i in second[:2]] == [S.SENT, S.SENT]
        assert s.get(Item, first[0].id).status is S.PICKED_UP
        # One shipment for the batch (the picked-up item went alone earlier, on its own).
        assert {s.get(Item, i.id).shipment_id for i in second[:2]} == {result.shipment_id}
        assert s.scalars(select(Shipment.id)).all() == [s.get(Item, first[0].id).shipment_id, result.shipment_id]
        assert {s.get(Item, i.id).shipment_id for i in second[:2]} == {result.shipment_id}


def test_an_unexpected_error_half_way_through_a_batch_rolls_back_the_whole_batch(session, studio, clock,
                                                                                 monkeypatch):
    order = new_order(session, studio, clock)
    items = _items(session, order)[:3]
    before = event_count(session)
    real_apply = lifecycle._apply
    calls = []

    def third_one_breaks(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[1].code)
        if len(calls) == 3:
            raise RuntimeError("disk unplugged")
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(lifecycle, "_apply", third_one_breaks)
    with pytest.raises(RuntimeError):
        lifecycle.transition_many(session, [i.code for i in items], S.SENT, studio.production, clock=clock)
    assert len(calls) == 3
    with _fresh(session.get_bind()) as s:
        assert event_count(s) == before
        assert [s.get(Item, i.id).status for i in items] == [S.WAITING] * 3
        assert s.scalar(select(func.count(Shipment.id))) == 0
    assert [session.get(Item, i.id).status for i in items] == [S.WAITING] * 3  # the session forgot it too


def test_sending_an_item_that_has_no_lab_is_refused_and_writes_nothing(session, studio, clock):
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    item.lab_id = None  # e.g. a product type booked before it had a usual lab
    session.commit()
    before = event_count(session)
    with pytest.raises(BadInput) as err:
        lifecycle.transition(session, item.code, S.SENT, studio.production, clock=clock)
    assert err.value.template == "Choose the lab {code} goes to."
    result = lifecycle.transition_many(session, [item.code], S.SENT, studio.production, clock=clock)
    assert result.done == [] and [c for c, _ in result.refused] == [item.code] and result.shipment_id is None
    with _fresh(session.get_bind()) as s:
        sent = s.get(Item, item.id)
        assert (sent.status, sent.lab_id, sent.expected_return, sent.shipment_id) == (S.WAITING, None, None, None)
        assert event_count(s) == before
        assert s.scalar(select(func.count(Shipment.id))) == 0


NAIVE = dt.datetime(2026, 11, 23, 10, 0)


class NaiveClock(Clock):
    def now(self) -> dt.datetime:
        return NAIVE


def test_naive_datetimes_are_refused_at_the_service_boundary(session, studio, clock):
    with pytest.raises(BadInput):
        FixedClock(moment=NAIVE)
    with pytest.raises(BadInput):
        clock.local(NAIVE)
    with pytest.raises(BadInput):
        lifecycle.event_values(1, "2611-0001-01-7", S.WAITING, S.SENT, at=NAIVE, staff_id=None, station=None)
    order = new_order(session, studio, clock)
    item = first_lab_item(session, order)
    before = (event_count(session), session.scalar(select(func.count(AuditEntry.id))))
    with pytest.raises(BadInput) as err:
        lifecycle.transition(session, item.code, S.SENT, studio.production, clock=NaiveClock())
    assert "no time zone" in err.value.message
    with pytest.raises(BadInput):  # cancelling writes an audit entry first: none may be left behind
        lifecycle.transition(session, item.code, S.CANCELLED, studio.manager, reason="测试", clock=NaiveClock())
    with pytest.raises(BadInput):
        lifecycle.transition_many(session, [item.code], S.SENT, studio.production, clock=NaiveClock())
    with _fresh(session.get_bind()) as s:
        assert s.get(Item, item.id).status is S.WAITING
        assert (event_count(s), s.scalar(select(func.count(AuditEntry.id)))) == before


# -- the transition rules themselves (lifecycle.check_transition), every pair of states --------------
# DESIGN.md §3, written out again here so that a changed rule table or a changed check is noticed.
W, SE, RE, RW, RD, PU, CA = (lifecycle.S.WAITING, lifecycle.S.SENT, lifecycle.S.RETURNED, lifecycle.S.REWORK,
                             lifecycle.S.READY, lifecycle.S.PICKED_UP, lifecycle.S.CANCELLED)
LEGAL_MOVES = {
    (W, SE), (RW, SE),  # first send-out; back to the lab for rework
    (SE, RE),
    (RE, RW), (RD, RW), (PU, RW),  # QC failed, a flaw on the shelf, a complaint's redo (brought back only)
    (RE, RD), (W, RD),  # checked; made in-house
    (RD, PU),
    (W, CA), (SE, CA), (RE, CA), (RW, CA), (RD, CA),  # anything not picked up or cancelled may be cancelled
}


@pytest.mark.parametrize("target", list(lifecycle.S))
@pytest.mark.parametrize("current", list(lifecycle.S))
def test_exactly_the_moves_of_the_design_are_legal_and_a_refusal_names_code_state_and_target(current, target):
    from app.services.errors import ScanRefused
    legal = (current, target) in LEGAL_MOVES
    assert lifecycle.is_allowed(current, target) is legal
    if legal:
        assert lifecycle.check_transition("2611-0042-03-7", current, target, " why ", brought_back=True) == "why"
        return
    with pytest.raises(ScanRefused) as err:
        lifecycle.check_transition("2611-0042-03-7", current, target, "why", brought_back=True)
    assert err.value.params == {"code": "2611-0042-03-7", "state": lifecycle.STATUS_TEXT[current],
                                "target": lifecycle.TARGET_TEXT[target]}
    assert err.value.message == (f"2611-0042-03-7 is {lifecycle.STATUS_TEXT[current]}; it cannot be marked "
                                 f"{lifecycle.TARGET_TEXT[target]}. Nothing changed.")


def test_a_picked_up_item_goes_back_to_rework_only_through_a_complaint():
    from app.services.errors import ScanRefused
    with pytest.raises(ScanRefused) as err:
        lifecycle.check_transition("2611-0042-03-7", PU, RW, "torn")
    assert err.value.params == {"code": "2611-0042-03-7", "state": "already picked up"}
    assert err.value.message == ("2611-0042-03-7 is already picked up; a customer's item is redone through a "
                                 "complaint (Complaints tab). Nothing changed.")
    assert lifecycle.check_transition("2611-0042-03-7", PU, RW, "torn", brought_back=True) == "torn"
    # brought_back opens no other move
    with pytest.raises(ScanRefused, match="cannot be marked"):
        lifecycle.check_transition("2611-0042-03-7", PU, SE, None, brought_back=True)


@pytest.mark.parametrize("design", [None, *lifecycle.DesignStatus])
def test_a_first_send_out_waits_for_the_design_approval_and_a_rework_send_out_does_not(design):
    from app.services.errors import ScanRefused
    unapproved = design in (lifecycle.DesignStatus.DESIGNING, lifecycle.DesignStatus.AWAITING_APPROVAL)
    assert lifecycle.may_go_to_lab(W, design) is not unapproved
    assert lifecycle.may_go_to_lab(RW, design)
    assert lifecycle.check_transition("C", RW, SE, None, design=design) is None
    if not unapproved:
        assert lifecycle.check_transition("C", W, SE, None, design=design) is None
        return
    with pytest.raises(ScanRefused) as err:
        lifecycle.check_transition("C", W, SE, None, design=design)
    assert err.value.params == {"code": "C", "design": lifecycle.DESIGN_TEXT[design]}
    assert err.value.message == (f"C cannot go to a lab yet: its design is {lifecycle.DESIGN_TEXT[design]}, and "
                                 "the customer must approve it first. Nothing changed.")
    # the gate only holds back the send-out: an unapproved item may still be made in-house or cancelled
    assert lifecycle.check_transition("C", W, RD, None, design=design) is None
    assert lifecycle.check_transition("C", W, CA, "changed mind", design=design) == "changed mind"


def test_rework_needs_a_typed_or_listed_reason_and_cancelling_a_typed_one():
    for current in (RE, RD):
        for blank in (None, "", "   "):
            with pytest.raises(BadInput) as err:
                lifecycle.check_transition("C", current, RW, blank)
            assert err.value.message == "Rework needs a reason."
            assert lifecycle.check_transition("C", current, RW, blank, from_list=True) is None
    for blank in (None, "", "   "):
        for from_list in (False, True):
            with pytest.raises(BadInput) as err:
                lifecycle.check_transition("C", W, CA, blank, from_list=from_list)
            assert err.value.message == "Cancelling needs a reason."
    # other moves need no reason and keep one given, trimmed
    assert lifecycle.check_transition("C", SE, RE, None) is None
    assert lifecycle.check_transition("C", SE, RE, "  early  ") == "early"
    with pytest.raises(BadInput, match="at most") as err:
        lifecycle.check_transition("C", RE, RW, "x" * 10_000)
    # the refusal names the field and the column's own limit
    from app.services.text import FIELD_TEXT, max_length

    assert err.value.params == {"what": FIELD_TEXT["reason"], "length": 10_000, "limit": max_length(ItemEvent.reason)}
