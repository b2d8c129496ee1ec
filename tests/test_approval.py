"""Design approval (看样 / 看效果图): the catalogue setting, the approval acts, the gate at the lab."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    ApprovalVia, AuditEntry, DesignStatus, Item, ItemEvent, Order, ProductType, Progress, SessionState, Shipment,
    ShootSession,
)
from app.services import approval, catalogue, codes, lifecycle
from app.services.errors import BadInput, NotAllowed, NotFound, ScanRefused
from app.services.messages import Phrase
from app.services.orders import cancel_order
from app.services.progress import refresh_order_progress

from .helpers import S, drive, event_count, new_order

D = DesignStatus
WAITS = ApprovalVia.WECHAT


@pytest.fixture
def approving(session, studio):
    """The studio's album and frames need the customer's approval (看样); digital files do not."""
    for pid in (studio.album, studio.frame):
        session.get(ProductType, pid).needs_approval = True
    session.commit()
    return studio


def _items(session: Session, order: Order) -> list[Item]:
    session.expire_all()
    return list(session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)))


def _selected(session: Session, order: Order, clock) -> None:
    """The customer chose the photos (recorded by the selection-day screen; set here directly)."""
    for s in session.scalars(select(ShootSession).where(ShootSession.order_id == order.id)):
        s.state = SessionState.SELECTED
    refresh_order_progress(session, order, clock.today())
    session.commit()


def _order(session, studio, clock, **kw) -> tuple[Order, list[Item]]:
    order = new_order(session, studio, clock, **kw)
    return order, _items(session, order)


def _snapshot(session: Session, order: Order) -> list[tuple]:
    return [(i.code, i.status, i.design_status, i.approved_at, i.approved_by, i.approved_via, i.version, i.lab_id)
            for i in _items(session, order)]


# -- the catalogue --------------------------------------------------------------------------

def test_a_product_type_says_whether_its_design_needs_approval_and_what_it_costs_as_an_extra(session, studio, clock):
    pid = catalogue.save_product_type(session, studio.manager, id=None, name="24寸 放大", category="enlargement",
                                      in_house=False, default_lab_id=studio.lab, needs_approval=True,
                                      extra_price_fen=80000, clock=clock)
    view = next(p for p in catalogue.product_types(session) if p.id == pid)
    assert (view.needs_approval, view.extra_price_fen) == (True, 80000)
    catalogue.save_product_type(session, studio.manager, id=pid, name="24寸 放大", category="enlargement",
                                in_house=False, default_lab_id=studio.lab, needs_approval=False,
                                extra_price_fen=None, clock=clock)
    view = next(p for p in catalogue.product_types(session) if p.id == pid)
    assert (view.needs_approval, view.extra_price_fen) == (False, None)


def test_changing_approval_or_extra_price_is_audited_with_before_and_after(session, studio, clock):
    catalogue.save_product_type(session, studio.manager, id=studio.album, name="30P 相册", category="album",
                                in_house=False, default_lab_id=studio.lab, needs_approval=True,
                                extra_price_fen=120000, clock=clock)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "catalogue.product")
                            .order_by(AuditEntry.id.desc())).first()
    assert entry.staff_id == studio.manager.staff_id and entry.target == f"product:{studio.album}"
    assert entry.detail == "30P 相册; needs approval no -> yes, extra price none -> 120000 fen"


@pytest.mark.parametrize("price", [-1, 800.0, True])
def test_an_extra_price_is_whole_non_negative_fen(session, studio, clock, price):
    with pytest.raises(BadInput):
        catalogue.save_product_type(session, studio.manager, id=studio.album, name="30P 相册", category="album",
                                    in_house=False, default_lab_id=studio.lab, extra_price_fen=price, clock=clock)
    assert session.get(ProductType, studio.album).extra_price_fen is None


@pytest.mark.parametrize("role", ["counter", "production"])
def test_only_a_manager_sets_approval_and_extra_prices(session, studio, clock, role):
    with pytest.raises(NotAllowed):
        catalogue.save_product_type(session, getattr(studio, role), id=studio.album, name="30P 相册",
                                    category="album", in_house=False, default_lab_id=studio.lab,
                                    needs_approval=True, extra_price_fen=100, clock=clock)
    session.expire_all()
    assert session.get(ProductType, studio.album).needs_approval is False


def test_items_of_a_product_needing_approval_are_booked_as_designing(session, approving, clock):
    _, items = _order(session, approving, clock)
    assert [i.design_status for i in items] == [D.DESIGNING, D.DESIGNING, D.DESIGNING, D.NOT_NEEDED]


# -- the acts ------------------------------------------------------------------------------

def test_designs_go_designing_then_awaiting_then_approved_with_time_staff_and_how(session, approving, clock):
    order, (album, frame, _frame2, _digital) = _order(session, approving, clock)
    clock.advance(hours=1)
    sent = approval.send_to_customer(session, [album.code, frame.code], approving.production, clock=clock)
    assert sent.design_status is D.AWAITING_APPROVAL and sent.codes == [album.code, frame.code]
    assert [i.design_status for i in _items(session, order)][:2] == [D.AWAITING_APPROVAL] * 2
    clock.advance(hours=2)
    done = approval.approve(session, [album.code, frame.code], ApprovalVia.IN_STORE, approving.counter, clock=clock)
    assert "approved" in str(done.message)
    a, f, f2, _ = _items(session, order)
    for item in (a, f):
        assert (item.design_status, item.approved_by, item.approved_via) == (
            D.APPROVED, approving.counter.staff_id, ApprovalVia.IN_STORE)
        assert item.approved_at == clock.now()
    assert f2.design_status is D.DESIGNING and f2.approved_at is None


def test_a_design_approved_the_moment_it_is_shown_needs_no_sent_step(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    approval.approve(session, [album.code], "wechat", approving.counter, clock=clock)  # Qt hands back strings
    assert _items(session, order)[0].approved_via is ApprovalVia.WECHAT


def test_production_and_the_counter_may_both_record_approvals(session, approving, clock):
    order, (album, frame, *_rest) = _order(session, approving, clock)
    approval.send_to_customer(session, [album.code], approving.production, clock=clock)
    approval.approve(session, [album.code], WAITS, approving.production, clock=clock)
    approval.approve(session, [frame.code], WAITS, approving.counter, clock=clock)
    assert [i.approved_by for i in _items(session, order)][:2] == [approving.production.staff_id,
                                                                    approving.counter.staff_id]


def test_approving_an_item_that_needs_no_approval_is_refused_naming_it(session, approving, clock):
    order, (album, _f, _f2, digital) = _order(session, approving, clock)
    before = _snapshot(session, order)
    with pytest.raises(ScanRefused) as refused:
        approval.approve(session, [album.code, digital.code], WAITS, approving.counter, clock=clock)
    assert digital.code in str(refused.value) and "needs no approval" in str(refused.value)
    assert _snapshot(session, order) == before  # the album was not approved either: all or nothing


def test_approving_an_already_approved_design_is_refused(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    approval.approve(session, [album.code], WAITS, approving.counter, clock=clock)
    before = _snapshot(session, order)
    clock.advance(hours=1)
    with pytest.raises(ScanRefused) as refused:
        approval.approve(session, [album.code], ApprovalVia.IN_STORE, approving.counter, clock=clock)
    assert refused.value.params["design"] == "approved"
    assert _snapshot(session, order) == before  # the first approval's time and way are kept


def test_sending_a_design_that_is_already_with_the_customer_is_refused(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    approval.send_to_customer(session, [album.code], approving.counter, clock=clock)
    with pytest.raises(ScanRefused) as refused:
        approval.send_to_customer(session, [album.code], approving.counter, clock=clock)
    assert refused.value.params["design"] == "waiting for the customer's approval"


def test_approving_a_cancelled_item_is_refused(session, approving, clock):
    order, (album, frame, *_rest) = _order(session, approving, clock)
    lifecycle.transition(session, frame.code, S.CANCELLED, approving.manager, reason="客户不要了", clock=clock)
    before = _snapshot(session, order)
    with pytest.raises(ScanRefused) as refused:
        approval.approve(session, [album.code, frame.code], WAITS, approving.counter, clock=clock)
    assert frame.code in str(refused.value) and "cancelled" in str(refused.value)
    assert _snapshot(session, order) == before


def test_approving_an_item_of_a_cancelled_order_is_refused(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    cancel_order(session, order.id, "客户取消", approving.manager, clock=clock)
    before = _snapshot(session, order)
    for act in (lambda: approval.approve(session, [album.code], WAITS, approving.counter, clock=clock),
                lambda: approval.send_to_customer(session, [album.code], approving.counter, clock=clock),
                lambda: approval.needs_changes(session, [album.code], "换字", approving.counter, clock=clock)):
        with pytest.raises(ScanRefused) as refused:
            act()
        assert "cancelled" in str(refused.value)
    assert _snapshot(session, order) == before


def test_one_act_covers_items_of_one_order_only(session, approving, clock):
    first, (album1, *_a) = _order(session, approving, clock)
    second, (album2, *_b) = _order(session, approving, clock, name="李四", phone="13900139000")
    with pytest.raises(BadInput):
        approval.approve(session, [album1.code, album2.code], WAITS, approving.counter, clock=clock)
    assert {i.design_status for i in _items(session, first) + _items(session, second)} == {D.DESIGNING, D.NOT_NEEDED}


def test_an_unknown_or_mistyped_code_or_nothing_ticked_is_refused(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    before = _snapshot(session, order)
    for given in ([album.code, "2611-0099-01-0"], [album.code[:-1] + "X"], [], [order.number]):
        with pytest.raises((BadInput, NotFound)):
            approval.approve(session, given, WAITS, approving.counter, clock=clock)
    assert _snapshot(session, order) == before


def test_a_customer_asking_for_changes_sends_the_design_back_and_is_kept_with_the_note(session, approving, clock):
    order, (album, frame, *_rest) = _order(session, approving, clock)
    approval.send_to_customer(session, [album.code, frame.code], approving.production, clock=clock)
    clock.advance(hours=3)
    approval.needs_changes(session, [album.code], "  第5页换成海边那张  ", approving.counter, clock=clock)
    assert [i.design_status for i in _items(session, order)][:2] == [D.DESIGNING, D.AWAITING_APPROVAL]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "design.changes")).one()
    assert (entry.target, entry.detail, entry.staff_id, entry.at) == (
        f"item:{album.code}", "第5页换成海边那张", approving.counter.staff_id, clock.now())
    lines = {d.code: d for d in approval.order_designs(session, order.id)}
    assert (lines[album.code].changes_asked, lines[album.code].last_change) == (1, "第5页换成海边那张")
    assert (lines[frame.code].changes_asked, lines[frame.code].last_change) == (0, None)


def test_asking_for_changes_needs_a_note(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    approval.send_to_customer(session, [album.code], approving.counter, clock=clock)
    with pytest.raises(BadInput):
        approval.needs_changes(session, [album.code], "   ", approving.counter, clock=clock)
    assert _items(session, order)[0].design_status is D.AWAITING_APPROVAL


def test_changes_to_an_approved_design_clear_the_approval_while_it_has_not_gone_to_a_lab(session, approving, clock):
    order, (album, frame, *_rest) = _order(session, approving, clock)
    approval.approve(session, [album.code, frame.code], WAITS, approving.counter, clock=clock)
    approval.needs_changes(session, [album.code], "名字写错了", approving.counter, clock=clock)
    a = _items(session, order)[0]
    assert (a.design_status, a.approved_at, a.approved_by, a.approved_via) == (D.DESIGNING, None, None, None)
    detail = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "design.changes")).one()
    assert detail.startswith("名字写错了 (approved ") and "via WeChat" in detail
    lifecycle.transition(session, frame.code, S.SENT, approving.production, clock=clock)
    with pytest.raises(ScanRefused) as refused:
        approval.needs_changes(session, [frame.code], "太暗", approving.counter, clock=clock)
    assert "rework" in str(refused.value)
    assert _items(session, order)[1].design_status is D.APPROVED


def test_a_design_still_being_designed_cannot_be_sent_back_for_changes(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    with pytest.raises(ScanRefused):
        approval.needs_changes(session, [album.code], "换字", approving.counter, clock=clock)
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "design.changes")) == 0


def test_progress_shows_awaiting_design_approval_until_every_design_of_the_selected_session_is_approved(
        session, approving, clock):
    order, (album, frame, frame2, _digital) = _order(session, approving, clock)
    _selected(session, order, clock)
    assert session.get(Order, order.id).progress is Progress.AWAITING_APPROVAL
    approval.approve(session, [album.code, frame.code], WAITS, approving.counter, clock=clock)
    assert session.get(Order, order.id).progress is Progress.AWAITING_APPROVAL
    approval.approve(session, [frame2.code], WAITS, approving.counter, clock=clock)
    assert session.get(Order, order.id).progress is Progress.SELECTED
    approval.needs_changes(session, [frame2.code], "换框", approving.counter, clock=clock)
    assert session.get(Order, order.id).progress is Progress.AWAITING_APPROVAL


# -- reads ------------------------------------------------------------------------------------

def test_an_orders_designs_list_every_item_with_its_design_status_and_approval(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    approval.approve(session, [album.code], ApprovalVia.IN_STORE, approving.counter, clock=clock)
    lines = approval.order_designs(session, order.id)
    assert [(d.seq, d.design_status, d.needs_approval) for d in lines] == [
        (1, D.APPROVED, True), (2, D.DESIGNING, True), (3, D.DESIGNING, True), (4, D.NOT_NEEDED, False)]
    assert (lines[0].approved_by, lines[0].approved_via, lines[0].product) == ("李前台", ApprovalVia.IN_STORE,
                                                                               "30P 相册")
    with pytest.raises(NotFound):
        approval.order_designs(session, 10**6)


def test_items_awaiting_approval_across_orders_are_listed_longest_waiting_first(session, approving, clock):
    orders = []
    for n, selection in enumerate([dt.date(2026, 11, 20), dt.date(2026, 11, 3), dt.date(2026, 11, 12)]):
        order, items = _order(session, approving, clock, name=f"客{n}", phone=f"1390013900{n}")
        session.execute(ShootSession.__table__.update().where(ShootSession.order_id == order.id)
                        .values(selection_date=selection))
        session.commit()
        approval.send_to_customer(session, [items[0].code], approving.counter, clock=clock)
        orders.append((order, items))
    cancel_order(session, orders[2][0].id, "退单", approving.manager, clock=clock)
    lines = approval.awaiting_approval(session)
    assert [line.code for line in lines] == [orders[1][1][0].code, orders[0][1][0].code]
    assert lines[0].customer == "客1" and lines[0].selection_date == dt.date(2026, 11, 3)
    assert lines[0].order_number == codes.display_order_number(orders[1][0].number)
    with_designing = approval.awaiting_approval(session, include_designing=True)
    assert len(with_designing) == 6  # plus the two frames of each live order
    assert approval.awaiting_approval(session, limit=1)[0].code == orders[1][1][0].code


# -- the gate ---------------------------------------------------------------------------------

@pytest.mark.parametrize("design", [D.DESIGNING, D.AWAITING_APPROVAL])
def test_an_item_whose_design_is_not_approved_cannot_go_to_a_lab_and_nothing_changes(session, approving, clock,
                                                                                     design):
    order, (album, *_rest) = _order(session, approving, clock)
    if design is D.AWAITING_APPROVAL:
        approval.send_to_customer(session, [album.code], approving.counter, clock=clock)
    before, events, shipments = _snapshot(session, order), event_count(session), _count(session, Shipment)
    clock.advance(minutes=5)
    with pytest.raises(ScanRefused) as refused:
        lifecycle.transition(session, album.code, S.SENT, approving.production, lab_id=approving.lab, clock=clock)
    assert refused.value.params["code"] == album.code
    assert refused.value.params["design"] == lifecycle.DESIGN_TEXT[design]
    assert isinstance(refused.value.params["design"], Phrase)
    assert (_snapshot(session, order), event_count(session), _count(session, Shipment)) == (before, events, shipments)


def test_a_batch_send_out_refuses_unapproved_designs_and_sends_the_rest(session, approving, clock):
    order, (album, frame, frame2, digital) = _order(session, approving, clock)
    approval.approve(session, [frame.code], WAITS, approving.counter, clock=clock)
    clock.advance(minutes=5)
    result = lifecycle.transition_many(session, [album.code, frame.code, frame2.code], S.SENT, approving.production,
                                       lab_id=approving.lab, clock=clock)
    assert [r.code for r in result.done] == [frame.code]
    assert [(code, m.params["design"]) for code, m in result.refused] == [
        (album.code, "still being designed"), (frame2.code, "still being designed")]
    items = _items(session, order)
    assert [i.status for i in items] == [S.WAITING, S.SENT, S.WAITING, S.WAITING]
    assert [i.version for i in items] == [1, 3, 1, 1]  # approved, then sent
    assert event_count(session, album.id) == 1 and event_count(session, frame2.id) == 1
    assert session.scalar(select(Shipment.id).where(Shipment.id == items[1].shipment_id)) is not None


def test_a_batch_of_only_unapproved_designs_writes_no_shipment(session, approving, clock):
    order, (album, frame, *_rest) = _order(session, approving, clock)
    before, events = _snapshot(session, order), event_count(session)
    result = lifecycle.transition_many(session, [album.code, frame.code], S.SENT, approving.production,
                                       lab_id=approving.lab, clock=clock)
    assert (result.done, len(result.refused), result.shipment_id) == ([], 2, None)
    assert (_snapshot(session, order), event_count(session), _count(session, Shipment)) == (before, events, 0)


def test_approved_designs_and_items_needing_no_approval_go_to_the_lab(session, approving, clock):
    order, (album, _f, _f2, _digital) = _order(session, approving, clock)
    plain, (plain_album, *_p) = _order(session, approving, clock, name="李四", phone="13900139000")
    session.get(Item, plain_album.id).design_status = D.NOT_NEEDED  # booked before its product needed approval
    session.commit()
    approval.approve(session, [album.code], WAITS, approving.counter, clock=clock)
    for code in (album.code, plain_album.code):
        assert lifecycle.transition(session, code, S.SENT, approving.production, clock=clock).changed


def test_back_to_the_lab_for_rework_needs_no_new_approval(session, approving, clock):
    order, (album, *_rest) = _order(session, approving, clock)
    approval.approve(session, [album.code], WAITS, approving.counter, clock=clock)
    drive(session, album.code, S.REWORK, approving.production, clock)
    session.get(Item, album.id).design_status = D.AWAITING_APPROVAL  # e.g. an item from before the gate
    session.commit()
    assert lifecycle.transition(session, album.code, S.SENT, approving.production, clock=clock).changed


def test_the_gate_is_a_rule_of_check_transition_for_every_caller(approving):
    with pytest.raises(ScanRefused):
        lifecycle.check_transition("2611-0001-01-7", S.WAITING, S.SENT, None, design=D.AWAITING_APPROVAL)
    for design in (D.NOT_NEEDED, D.APPROVED, None):
        lifecycle.check_transition("2611-0001-01-7", S.WAITING, S.SENT, None, design=design)
    lifecycle.check_transition("2611-0001-01-7", S.REWORK, S.SENT, None, design=D.DESIGNING)
    at = dt.datetime(2026, 11, 26, 9, tzinfo=dt.timezone.utc)
    with pytest.raises(ScanRefused):
        lifecycle.event_values(1, "2611-0001-01-7", S.WAITING, S.SENT, at=at, staff_id=None, station=None,
                               design=D.DESIGNING)


def _count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0



def test_the_demo_studio_obeys_the_gate_and_shows_designs_awaiting_approval(engine):
    """The demo builder makes events with the lifecycle's rules but without design statuses;
    its items must still tell a story the gate allows."""
    from app.services.demo import build_demo

    build_demo(engine, years=0.1, seed=5, today=dt.date(2026, 11, 23), orders_per_month=60)
    with Session(engine) as s:
        sent_unapproved = s.scalar(select(func.count(Item.id)).where(
            Item.design_status.in_([D.DESIGNING, D.AWAITING_APPROVAL]),
            Item.id.in_(select(ItemEvent.item_id).where(ItemEvent.to_status == S.SENT))))
        assert sent_unapproved == 0
        assert approval.awaiting_approval(s), "the demo shows items awaiting approval"
        waiting = s.scalar(select(Order).where(Order.progress == Progress.AWAITING_APPROVAL).limit(1))
        assert waiting is not None
        assert any(d.design_status in (D.DESIGNING, D.AWAITING_APPROVAL) for d in approval.order_designs(s, waiting.id))


def test_the_awaiting_list_and_the_changes_asked_are_read_through_indexes(session, engine):
    """Ten years hold 400,000 items and every sign-in in the audit log: both reads look up
    the few rows they need (revision 0006) instead of reading every row."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the query plan is read with SQLite's EXPLAIN QUERY PLAN")
    from sqlalchemy.dialects import sqlite

    def plan(statement) -> str:  # type: ignore[no-untyped-def]
        sql = str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        return " | ".join(row[-1] for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql))

    for designing in (False, True):
        assert "USING INDEX ix_items_design_status" in plan(approval.awaiting_query(designing))
    changes = select(AuditEntry.target, AuditEntry.detail).where(
        AuditEntry.action == approval.CHANGES_ACT, AuditEntry.target.in_(["item:2611-0001-01-7"]))
    assert "USING INDEX ix_audit_log_target" in plan(changes)
