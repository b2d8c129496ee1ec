"""Personal information law: consent, survey answers only with consent, a customer's own copy,
erasure on request (anonymised, accounts kept), every act audited."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import ForeignKey, String, Text, func, select
from sqlalchemy import Enum as SAEnum

from app.models import (
    AuditEntry, Base, ComplaintEvent, ComplaintEventKind, Customer, CustomerPhone, CustomerSearchKey, FollowUp, ItemEvent, Order, Payment, SurveyAnswer,
    SurveyQuestion,
)
from app.services import follow_ups, privacy, surveys
from app.services.balance import order_balance
from app.services.customers import search_customers, update_customer, NewCustomer
from app.services.errors import BadInput, NotAllowed
from app.services.privacy import ERASED_NAME, ERASURE, KEPT, How
from app.services.records import customer_file

from .customer_helpers import complaint, follow_up
from .helpers import S, drive, first_lab_item, new_order


def _question(session, key: str) -> int:
    return session.scalar(select(SurveyQuestion.id).where(SurveyQuestion.key == key))


@pytest.fixture
def served(session, studio, clock):
    """张三 with a paid order whose album was picked up, a follow-up, a complaint and survey answers."""
    order = new_order(session, studio, clock, paid=True, name="张三", phone="13800138000")
    drive(session, first_lab_item(session, order).code, S.PICKED_UP, studio.manager, clock)
    who = session.get(Customer, order.customer_id)
    who.birthday = who.wedding_date = None
    who.address, who.notes, who.family_notes = "北京市朝阳区幸福路1号", "喜欢安静", "女儿 3 岁"
    follow_up(session, who, 5)
    made = complaint(session, who, description="张三说相册有划痕")
    session.add(ComplaintEvent(complaint_id=made.id, kind=ComplaintEventKind.RECORDED, at=clock.now(),
                               detail="张三的电话 13800138000"))
    session.commit()
    privacy.set_consent(session, who.id, "survey", True, studio.counter, clock=clock)
    privacy.set_consent(session, who.id, "marketing", True, studio.counter, clock=clock)
    surveys.save_answers(session, who.id, {_question(session, "hobbies"): "登山",
                                           _question(session, "children"): "yes"}, studio.counter, clock=clock)
    return who.id, order.id


def test_consent_given_and_withdrawn_is_recorded_with_time_and_audited(session, studio, clock, served):
    cid, _ = served
    assert session.get(Customer, cid).marketing_consent_at == clock.now()
    privacy.set_consent(session, cid, "marketing", False, studio.counter, clock=clock)
    assert session.get(Customer, cid).marketing_consent_at is None
    acts = session.scalars(select(AuditEntry.action).where(AuditEntry.target == f"customer:{cid}")).all()
    assert acts.count("customer.consent") == 3


def test_survey_answers_are_refused_without_survey_consent(session, studio, clock):
    who = new_order(session, studio, clock).customer
    with pytest.raises(NotAllowed):
        surveys.save_answers(session, who.id, {_question(session, "hobbies"): "登山"}, studio.counter, clock=clock)
    assert session.scalar(select(func.count(SurveyAnswer.id))) == 0


def test_withdrawing_survey_consent_deletes_the_survey_answers(session, studio, clock, served):
    cid, _ = served
    assert len(surveys.answers(session, cid)) == 2
    message = privacy.set_consent(session, cid, "survey", False, studio.counter, clock=clock)
    assert surveys.answers(session, cid) == {} and message.params["n"] == 2


def test_impossible_survey_answers_are_refused_and_nothing_is_written(session, studio, clock, served):
    cid, _ = served
    for key, value in (("wedding_banquet", "明年五月"), ("children", "maybe"), ("style", "赛博朋克")):
        with pytest.raises(BadInput):
            surveys.save_answers(session, cid, {_question(session, "hobbies"): "钓鱼",
                                                _question(session, key): value}, studio.counter, clock=clock)
    assert surveys.answers(session, cid)[_question(session, "hobbies")] == "登山"


def test_an_empty_answer_removes_the_stored_one(session, studio, clock, served):
    cid, _ = served
    surveys.save_answers(session, cid, {_question(session, "hobbies"): "  "}, studio.counter, clock=clock)
    assert _question(session, "hobbies") not in surveys.answers(session, cid)


def test_a_customer_s_export_holds_their_file_orders_payments_items_and_answers_in_chinese(
        session, studio, clock, served, tmp_path):
    cid, _ = served
    path = privacy.export_customer_data(session, cid, tmp_path / "张三.xlsx", studio.manager, clock=clock)
    wb = load_workbook(path)
    assert wb.sheetnames == ["客户档案", "电话", "订单", "付款", "产品", "投诉", "回访", "调查"]
    assert ("姓名", "张三") in [tuple(r) for r in wb["客户档案"].iter_rows(values_only=True)]
    assert [r[1] for r in wb["电话"].iter_rows(min_row=2, values_only=True)] == ["13800138000"]
    assert wb["订单"].max_row == 2 and wb["付款"].max_row == 2 and wb["产品"].max_row > 2
    assert sorted(r[1] for r in wb["调查"].iter_rows(min_row=2, values_only=True)) == ["yes", "登山"]
    assert not list(tmp_path.glob("*.partial"))
    assert session.scalar(select(func.count()).where(AuditEntry.action == "customer.export")) == 1
    with pytest.raises(NotAllowed):
        privacy.export_customer_data(session, cid, tmp_path / "b.xlsx", studio.counter, clock=clock)


def test_erasure_anonymises_the_customer_and_keeps_order_totals_payments_and_item_history(
        session, studio, clock, served):
    cid, order_id = served
    balance = order_balance(session, order_id)
    events = session.scalar(select(func.count(ItemEvent.id)))
    payments = session.scalar(select(func.count(Payment.id)))
    privacy.erase_customer(session, cid, "张三", studio.manager, clock=clock)
    c = session.get(Customer, cid)
    assert c.name == ERASED_NAME and c.erased_at == clock.now()
    assert (c.address, c.notes, c.family_notes, c.partner_name, c.birthday) == (None, None, None, None, None)
    assert c.marketing_consent_at is None and c.survey_consent_at is None
    for model in (CustomerPhone, CustomerSearchKey, SurveyAnswer):
        assert session.scalar(select(func.count()).select_from(model).where(model.customer_id == cid)) == 0
    assert session.scalar(select(FollowUp.notes).where(FollowUp.customer_id == cid)) is None
    assert "张三" not in customer_file(session, cid).complaints[0].description
    assert session.scalar(select(func.count(ComplaintEvent.id)).where(ComplaintEvent.detail.is_not(None))) == 0
    assert order_balance(session, order_id) == balance
    assert session.scalar(select(func.count(ItemEvent.id))) == events
    assert session.scalar(select(func.count(Payment.id))) == payments
    assert session.get(Order, order_id).customer_id == cid
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "customer.erase")).one()
    assert entry.target == f"customer:{cid}" and "张三" not in (entry.detail or "")


def test_an_erased_customer_cannot_be_found_by_name_or_phone_any_more(session, studio, clock, served):
    cid, _ = served
    assert [h.id for h in search_customers(session, "张三")] == [cid]
    privacy.erase_customer(session, cid, "张三", studio.manager, clock=clock)
    for typed in ("张三", "zs", "zhangsan", "8000", "13800138000", "已删除"):
        assert search_customers(session, typed) == []


def test_only_a_manager_erases_and_only_with_the_customer_s_name_typed(session, studio, clock, served):
    cid, _ = served
    with pytest.raises(NotAllowed):
        privacy.erase_customer(session, cid, "张三", studio.counter, clock=clock)
    with pytest.raises(BadInput):
        privacy.erase_customer(session, cid, "李四", studio.manager, clock=clock)
    assert session.get(Customer, cid).erased_at is None


def test_an_erased_customer_is_never_erased_edited_or_surveyed_again(session, studio, clock, served):
    cid, _ = served
    privacy.erase_customer(session, cid, "张三", studio.manager, clock=clock)
    with pytest.raises(NotAllowed):
        privacy.erase_customer(session, cid, ERASED_NAME, studio.manager, clock=clock)
    with pytest.raises(NotAllowed):
        update_customer(session, cid, NewCustomer(name="张三"), studio.manager, clock=clock)
    with pytest.raises(NotAllowed):
        privacy.set_consent(session, cid, "survey", True, studio.manager, clock=clock)


# Tables whose rows belong to one customer: what points at them is the customer's too.
_OWNED = ("customers", "orders", "items", "shoot_sessions")


def _customer_linked_tables():
    """Every table holding a customer, or reached from customers through their orders, the
    orders' items and sessions (a payment's note, an item event's typed reason)."""
    owned = [Base.metadata.tables[name] for name in _OWNED]
    for table in Base.metadata.sorted_tables:
        if table in owned or any(fk.column.table in owned for fk in table.foreign_keys):
            yield table


def test_every_text_column_of_a_customer_linked_table_is_erased_or_declared_kept():
    erased = {(m.__table__.name, col) for m, col, _how in ERASURE}
    deleted = {m.__table__.name for m, _col, how in ERASURE if how is How.DELETE_ROWS}
    kept = {(m.__table__.name, col) for m, col in KEPT}
    undecided = []
    for table in _customer_linked_tables():
        if table.name in deleted:
            continue
        for column in table.columns:
            is_text = isinstance(column.type, String | Text) and not isinstance(column.type, SAEnum)
            if is_text and (table.name, column.name) not in erased | kept:
                undecided.append(f"{table.name}.{column.name}")
    assert undecided == [], f"declare these in privacy.ERASURE or privacy.KEPT: {undecided}"


def test_the_declared_erasure_names_real_columns_of_tables_holding_the_customer():
    for model, column, how in ERASURE:
        table = model.__table__
        assert how is How.DELETE_ROWS or column in table.columns, f"{table.name}.{column}"
        assert table.name in ("customers", "complaint_events") or {"customer_id", "order_id", "item_id", "session_id"} & set(
            table.columns.keys()), table.name
    for model, column in KEPT:
        assert column in model.__table__.columns


def test_the_guard_fails_on_an_undeclared_text_column(monkeypatch):
    """The completeness test can fail: a customer-linked table with a new note column."""
    from sqlalchemy import Column, Integer, Table

    extra = Table("tmp_customer_notes", Base.metadata, Column("id", Integer, primary_key=True),
                  Column("customer_id", Integer, ForeignKey("customers.id")), Column("secret", Text))
    try:
        with pytest.raises(AssertionError, match="tmp_customer_notes.secret"):
            test_every_text_column_of_a_customer_linked_table_is_erased_or_declared_kept()
    finally:
        Base.metadata.remove(extra)


def test_an_erased_customer_shows_as_deleted_in_lists(session, studio, clock, served):
    from app.services.complaints import complaint_list

    cid, _ = served
    privacy.erase_customer(session, cid, "张三", studio.manager, clock=clock)
    assert {r.customer_name for r in complaint_list(session, include_closed=True, clock=clock)} == {ERASED_NAME}
    assert customer_file(session, cid).name == ERASED_NAME


def test_an_export_that_cannot_be_written_leaves_no_partial_file_and_says_so(session, studio, clock, served,
                                                                              tmp_path):
    cid, _ = served
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BadInput, match="could not be written"):
        privacy.export_customer_data(session, cid, blocker / "张三.xlsx", studio.manager, clock=clock)
    assert blocker.read_text() == "x" and not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    assert session.scalar(select(func.count()).where(AuditEntry.action == "customer.export")) == 0


def test_withdrawing_marketing_consent_keeps_the_survey_answers(session, studio, clock, served):
    cid, _ = served
    privacy.set_consent(session, cid, "marketing", False, studio.counter, clock=clock)
    assert len(surveys.answers(session, cid)) == 2


def test_erasure_leaves_no_customer_name_in_the_audit_entries_of_their_follow_up_calls(session, studio, clock):
    import datetime as dt

    from app.models import FollowUpStage

    from .test_follow_ups import answers, call_of, shot_order

    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, FollowUpStage.AFTER_SHOOT)
    follow_ups.record_call(session, call.id, False, studio.manager, clock=clock)
    follow_ups.record_call(session, call.id, True, studio.manager, scores=answers(session, FollowUpStage.AFTER_SHOOT),
                           clock=clock)
    # an entry written by an older version, which named the customer
    session.add(AuditEntry(at=clock.now(), action="follow_up.call", target=f"follow_up:{call.id}",
                           detail="张三, after the shoot: overall 5",
                           detail_message={"t": "{name}, {stage}", "p": {"name": "张三", "stage": {"phrase": "x"}}}))
    session.commit()
    privacy.erase_customer(session, order.customer_id, "张三", studio.manager, clock=clock)
    rows = session.execute(select(AuditEntry.detail, AuditEntry.detail_message)
                           .where(AuditEntry.action.like("follow_up.%"))).all()
    assert len(rows) == 3
    assert not any("张三" in str(row) for row in rows), rows


def test_erasure_drops_the_customer_s_calls_and_messages_not_made_and_withdraws_open_reminders(session, studio, clock):
    import datetime as dt

    from app.models import OutboxMessage, Reminder, ReminderEvent, Role

    from .test_follow_ups import TODAY, shot_order

    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    session.add(OutboxMessage(customer_id=order.customer_id, phone="13800138000", body="张三 您好", created_at=clock.now()))
    session.add(Reminder(event=ReminderEvent.SHOOT, subject_kind="customer", subject_id=order.customer_id,
                         event_date=TODAY, due_date=TODAY, role=Role.COUNTER, customer_id=order.customer_id,
                         title="张三", created_at=clock.now()))
    session.commit()
    assert session.scalar(select(func.count(FollowUp.id)).where(FollowUp.customer_id == order.customer_id)) > 0
    privacy.erase_customer(session, order.customer_id, "张三", studio.manager, clock=clock)
    due = follow_ups.worklist(session, TODAY + dt.timedelta(days=30))
    assert [(c.customer_name, c.phone) for c in due if c.customer_id == order.customer_id] == []
    assert session.scalar(select(func.count(FollowUp.id)).where(FollowUp.customer_id == order.customer_id)) == 0
    assert session.scalar(select(func.count(OutboxMessage.id))
                          .where(OutboxMessage.customer_id == order.customer_id)) == 0
    assert session.scalars(select(Reminder.withdrawn_at)
                           .where(Reminder.customer_id == order.customer_id)).all() == [clock.now()]


def test_the_guard_follows_the_customer_s_orders_items_and_sessions():
    from sqlalchemy import Column, Integer, Table

    extra = Table("tmp_item_notes", Base.metadata, Column("id", Integer, primary_key=True),
                  Column("item_id", Integer, ForeignKey("items.id")), Column("secret", Text))
    try:
        with pytest.raises(AssertionError, match="tmp_item_notes.secret"):
            test_every_text_column_of_a_customer_linked_table_is_erased_or_declared_kept()
    finally:
        Base.metadata.remove(extra)


def test_erasure_blanks_the_text_typed_about_their_payments_items_and_sessions_and_keeps_the_history(
        session, studio, clock):
    """What the customer's own copy exports as theirs (a payment's note, an item's description)
    and reasons typed in the item and session history go; amounts, statuses and times stay."""
    from sqlalchemy import insert

    from app.models import Item, ItemStatus, PaymentKind, PaymentMethod, SessionChange, SessionChangeKind, ShootSession
    from app.services.orders import take_payment

    order = new_order(session, studio, clock)
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.WECHAT, 100, studio.counter,
                 note="张三 微信 13800138000 代付", clock=clock)
    item = session.scalars(select(Item).where(Item.order_id == order.id)).first()
    item.description = "张三和女儿的合照"
    sid = session.scalar(select(ShootSession.id).where(ShootSession.order_id == order.id))
    session.execute(insert(ItemEvent).values(item_id=item.id, to_status=ItemStatus.REWORK, at=clock.now(),
                                             reason="张三说脸太圆", note="张三 13800138000"))
    session.execute(insert(SessionChange).values(session_id=sid, kind=SessionChangeKind.RESCHEDULED, at=clock.now(),
                                                 reason="张三住院"))
    session.commit()
    events_before = session.execute(select(ItemEvent.id, ItemEvent.to_status, ItemEvent.at)
                                    .where(ItemEvent.item_id == item.id).order_by(ItemEvent.id)).all()
    privacy.erase_customer(session, order.customer_id, "张三", studio.manager, clock=clock)
    texts = [*session.scalars(select(Payment.note).where(Payment.order_id == order.id)),
             *session.scalars(select(Item.description).where(Item.order_id == order.id)),
             *session.scalars(select(ItemEvent.reason).where(ItemEvent.item_id == item.id)),
             *session.scalars(select(ItemEvent.note).where(ItemEvent.item_id == item.id)),
             *session.scalars(select(SessionChange.reason).where(SessionChange.session_id == sid))]
    assert not any("张三" in (t or "") for t in texts), texts
    assert session.scalars(select(Payment.amount_fen).where(Payment.order_id == order.id)).all() == [100]
    assert session.execute(select(ItemEvent.id, ItemEvent.to_status, ItemEvent.at)
                           .where(ItemEvent.item_id == item.id).order_by(ItemEvent.id)).all() == events_before
