"""The "ready for pickup" message: queued once when the last open item of an order is ready."""

from __future__ import annotations

from sqlalchemy import select

from app.models import ItemStatus, OutboxMessage, OutboxStatus
from app.services import lifecycle, pickup, receiving, studio as studio_service
from app.services.codes import display_order_number
from app.services.pickup_ready import READY_TEMPLATE
from app.services.receiving import ScanMode

from .helpers import new_order
from .pickup_helpers import item_codes, move

S = ItemStatus


def _outbox(session):  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_the_last_item_ready_queues_one_message_for_the_customer(session, studio, clock):
    studio_service.set_setting(session, studio_service.STUDIO_NAME, "星光影楼", studio.manager, clock=clock)
    order = new_order(session, studio, clock, name="王小明", phone="138 0013 8000")
    codes = item_codes(session, order.id)
    for code in codes[:-1]:
        move(session, studio, clock, code, S.READY)
    assert _outbox(session) == []  # one still missing
    move(session, studio, clock, codes[-1], S.READY)
    [message] = _outbox(session)
    assert (message.status, message.template, message.phone) == (OutboxStatus.PENDING, READY_TEMPLATE, "13800138000")
    assert message.order_id == order.id and message.customer_id == order.customer_id
    assert message.body.startswith("【星光影楼】王小明先生/女士")
    assert display_order_number(order.number) in message.body and "可取件" in message.body


def test_nothing_is_queued_while_any_item_is_still_missing(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    for code in (frame1, frame2, digital):
        move(session, studio, clock, code, S.READY)
    assert _outbox(session) == []


def test_the_same_readiness_is_never_told_twice(session, studio, clock):
    """Ready, then a flaw found on the shelf (rework), then ready again: still one message."""
    order = new_order(session, studio, clock)
    codes = item_codes(session, order.id)
    for code in codes:
        move(session, studio, clock, code, S.READY)
    for step in (S.REWORK, S.SENT, S.RETURNED, S.READY):
        clock.advance(minutes=1)
        lifecycle.transition(session, codes[0], step, studio.production, reason="划痕", clock=clock)
    lifecycle.transition(session, codes[0], S.READY, studio.production, clock=clock)  # scanned twice
    assert len(_outbox(session)) == 1


def test_after_a_partial_pickup_the_rest_becoming_ready_queues_a_new_message(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    for code in (frame1, frame2, digital):
        move(session, studio, clock, code, S.READY)
    clock.advance(minutes=1)
    pickup.hand_over(session, order.number, [frame1, frame2, digital], studio.counter, clock=clock)
    assert _outbox(session) == []
    move(session, studio, clock, album, S.READY)  # returned, checked, on the shelf
    assert len(_outbox(session)) == 1
    # a second partial pickup: part of the order was told, the rest is told again when ready
    order2 = new_order(session, studio, clock, paid=True, name="赵六", phone="13900000000")
    a, b, c, d = item_codes(session, order2.id)
    for code in (a, b, c, d):
        move(session, studio, clock, code, S.READY)
    assert len(_outbox(session)) == 2
    clock.advance(minutes=1)
    pickup.hand_over(session, order2.number, [a, b], studio.counter, clock=clock)
    clock.advance(minutes=1)
    lifecycle.transition(session, c, S.REWORK, studio.production, reason="划痕", clock=clock)
    move(session, studio, clock, c, S.READY)
    assert len(_outbox(session)) == 3


def test_a_batch_or_a_receiving_scan_queues_it_too(session, studio, clock):
    order = new_order(session, studio, clock)
    album, frame1, frame2, digital = item_codes(session, order.id)
    lifecycle.transition(session, digital, S.READY, studio.production, clock=clock)
    lifecycle.transition_many(session, [album, frame1, frame2], S.SENT, studio.production, clock=clock)
    lifecycle.transition_many(session, [frame1, frame2], S.RETURNED, studio.production, clock=clock)
    lifecycle.transition_many(session, [frame1, frame2], S.READY, studio.production, clock=clock)
    assert _outbox(session) == []
    receiving.apply_scan(session, album, ScanMode.RECEIVE_AND_PASS, studio.production, shelf="C-01", clock=clock)
    assert len(_outbox(session)) == 1
    order2 = new_order(session, studio, clock, name="钱七", phone="13700000000")
    codes2 = item_codes(session, order2.id)
    lifecycle.transition(session, codes2[3], S.READY, studio.production, clock=clock)
    lifecycle.transition_many(session, codes2[:3], S.SENT, studio.production, clock=clock)
    lifecycle.transition_many(session, codes2[:3], S.RETURNED, studio.production, clock=clock)
    lifecycle.transition_many(session, codes2[:3], S.READY, studio.production, clock=clock)  # the batch ends it
    assert [m.order_id for m in _outbox(session)] == [order.id, order2.id]


def test_a_cancelled_order_tells_nobody(session, studio, clock):
    from app.services.orders import cancel_order

    order = new_order(session, studio, clock)
    codes = item_codes(session, order.id)
    for code in codes[:-1]:
        move(session, studio, clock, code, S.READY)
    cancel_order(session, order.id, "顾客退单", studio.manager, clock=clock)
    assert _outbox(session) == []


def test_items_a_complaint_brought_back_are_told_ready_again_even_when_it_took_all_of_them(session, studio, clock):
    """The last pickup is read from the history: a redo of every item of an order leaves no
    item picked up now, and the customer must still hear that the redone items are ready."""
    from app.models import Item, Lab

    order = new_order(session, studio, clock)
    codes = item_codes(session, order.id)
    for code in codes:
        move(session, studio, clock, code, ItemStatus.READY)
    clock.advance(hours=1)
    for code in codes:
        lifecycle.transition(session, code, ItemStatus.PICKED_UP, studio.manager, override_reason="测试", clock=clock)
    assert len(_outbox(session)) == 1
    for code in codes:  # the customer brings everything back: a complaint redoes it all
        clock.advance(minutes=1)
        item = session.scalar(select(Item).where(Item.code == code))
        lifecycle.lock_items(session, [code])
        lifecycle.rework_for_complaint(session, item, studio.manager, reason="客诉 1：褪色", clock=clock)
        session.commit()
    for code in codes:
        item = session.scalar(select(Item).where(Item.code == code))
        lab = item.lab_id or session.scalar(select(Lab.id).limit(1))
        for step in (ItemStatus.SENT, ItemStatus.RETURNED, ItemStatus.READY):
            clock.advance(minutes=1)
            lifecycle.transition(session, code, step, studio.production, clock=clock,
                                 lab_id=lab if step is ItemStatus.SENT else None)
    assert len(_outbox(session)) == 2
