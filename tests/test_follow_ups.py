"""Follow-up calls (回访): the worklist generated from what happened (once per stage, whoever
generates it), retries and giving up, scores refused at the field, referral leads as
prospects, staff service scores with hand-checked numbers, and revision 0013."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.models import (
    AuditEntry, Channel, Customer, FollowUp, FollowUpQuestion, FollowUpScore, FollowUpStage, Item, ItemStatus, Order, Position, Progress,
    ReferralLead, SessionState, ShootSession,
)
from app.services import database, follow_ups
from app.services.errors import BadInput, NotAllowed
from app.services.follow_ups import Lead

from .helpers import drive, new_order
from .test_database import _database_at, sqlite_only

ST = FollowUpStage
TODAY = dt.date(2026, 11, 23)  # the FixedClock's day in the studio


def shot_order(session, studio, clock, *, shot: dt.date | None = None, selected: dt.date | None = None,
               name: str = "张三", phone: str = "13800138000") -> Order:
    order = new_order(session, studio, clock, name=name, phone=phone)
    s = order.sessions[0]
    if shot:
        s.shoot_date, s.state = shot, SessionState.SHOT
    if selected:
        s.selection_date, s.state = selected, SessionState.SELECTED
    session.commit()
    return order


def call_of(session, order, stage) -> FollowUp:
    return session.scalars(select(FollowUp).where(FollowUp.order_id == order.id, FollowUp.stage == stage)).one()


def answers(session, stage, overall: int = 5, others: int = 4) -> dict[int, int]:
    return {q.id: (overall if q.overall else others) for q in follow_ups.questions(session, stage) if q.required}


def test_each_stage_has_a_seeded_questionnaire_with_one_overall_question(session):
    for stage in follow_ups.STAGES:
        qs = follow_ups.questions(session, stage)
        assert len(qs) >= 3 and sum(q.overall for q in qs) == 1 and all(q.text_zh and q.text_en for q in qs)


def test_what_happened_becomes_calls_due_after_the_stage_offsets_once_however_often_generated(session, studio, clock):
    a = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    b = shot_order(session, studio, clock, shot=dt.date(2026, 11, 15), selected=dt.date(2026, 11, 22), name="李四",
                   phone="13900139000")
    shot_order(session, studio, clock, name="王五", phone="13700137000")  # booked only: no call
    assert follow_ups.generate_due_calls(session, clock=clock) == 3
    assert follow_ups.generate_due_calls(session, clock=clock) == 0  # idempotent
    assert call_of(session, a, ST.AFTER_SHOOT).due_on == dt.date(2026, 11, 21)  # 1 day after the shoot
    assert call_of(session, b, ST.AFTER_SHOOT).due_on == dt.date(2026, 11, 16)
    assert call_of(session, b, ST.AFTER_SELECTION).due_on == dt.date(2026, 11, 24)  # 2 days after selection
    today = follow_ups.worklist(session, TODAY)
    assert [(c.customer_name, c.stage, c.due_on) for c in today] == [  # oldest first
        ("李四", ST.AFTER_SHOOT, dt.date(2026, 11, 16)), ("张三", ST.AFTER_SHOOT, dt.date(2026, 11, 21))]
    assert today[0].phone == "13900139000" and today[0].attempt == 1 and today[0].order_number.startswith(b.number)
    assert len(follow_ups.worklist(session, TODAY + dt.timedelta(days=1))) == 3


def test_the_generator_looks_back_only_its_window(session, studio, clock):
    shot_order(session, studio, clock, shot=TODAY - dt.timedelta(days=follow_ups.LOOK_BACK_DAYS + 1))
    assert follow_ups.generate_due_calls(session, clock=clock) == 0


def test_a_stage_call_for_a_session_is_unique_in_the_database(session, studio, clock):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    session.add(FollowUp(customer_id=order.customer_id, order_id=order.id, stage=ST.AFTER_SHOOT, due_on=TODAY,
                         source_key=f"after_shoot:s{order.sessions[0].id}", reached=False))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_a_generator_racing_another_station_adds_nothing_twice(session, engine, studio, clock, monkeypatch):
    from sqlalchemy.orm import Session as OrmSession

    shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    real = follow_ups.due_candidates
    raced = []

    def other_station_first(s, today):
        found = real(s, today)
        if not raced:  # the other station commits the same calls between our look and our insert
            raced.append(True)
            with OrmSession(engine) as other:
                follow_ups.generate_due_calls(other, clock=clock)
        return found

    monkeypatch.setattr(follow_ups, "due_candidates", other_station_first)
    assert follow_ups.generate_due_calls(session, clock=clock) == 0
    assert session.scalar(select(func.count(FollowUp.id))) == 1


def test_offsets_per_stage_are_settings_a_manager_changes(session, studio, clock):
    with pytest.raises(NotAllowed):
        follow_ups.set_follow_up_settings(session, {"after_shoot": 5}, 3, studio.counter, clock=clock)
    with pytest.raises(BadInput):
        follow_ups.set_follow_up_settings(session, {"after_shoot": -1}, 3, studio.manager, clock=clock)
    follow_ups.set_follow_up_settings(session, {"after_shoot": 5}, 2, studio.manager, clock=clock)
    assert follow_ups.offsets(session)[ST.AFTER_SHOOT] == 5 and follow_ups.max_attempts(session) == 2
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    assert call_of(session, order, ST.AFTER_SHOOT).due_on == dt.date(2026, 11, 25)


def test_an_order_fully_picked_up_gets_its_after_pickup_call(session, studio, clock):
    order = new_order(session, studio, clock, paid=True)
    album = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).first()
    drive(session, album.code, ItemStatus.PICKED_UP, studio.manager, clock)
    follow_ups.generate_due_calls(session, clock=clock)
    assert session.scalar(select(func.count(FollowUp.id)).where(FollowUp.stage == ST.AFTER_PICKUP)) == 0  # partly
    session.get(Order, order.id).progress = Progress.DONE
    session.commit()
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_PICKUP)
    assert call.due_on == TODAY + dt.timedelta(days=3) and call.session_id == order.sessions[-1].id


def test_a_call_not_reached_is_due_again_the_next_day_until_it_is_given_up(session, studio, clock):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    for attempt in (1, 2):
        result = follow_ups.record_call(session, call.id, False, studio.counter, clock=clock)
        assert result.next_due == TODAY + dt.timedelta(days=1) and not result.given_up
        assert [c.attempt for c in follow_ups.worklist(session, TODAY + dt.timedelta(days=1))] == [attempt + 1]
    result = follow_ups.record_call(session, call.id, False, studio.counter, clock=clock)  # the third: given up
    assert result.given_up and follow_ups.worklist(session, TODAY + dt.timedelta(days=5)) == []
    [gone] = follow_ups.given_up(session, TODAY)
    assert gone.attempts == 3 and gone.customer_name == "张三"
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action.like("follow_up.%"))) == 3


def test_a_reached_call_keeps_a_score_per_question_and_the_overall_one_on_the_call(session, studio, clock):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    scores = answers(session, ST.AFTER_SHOOT, overall=4, others=5)
    follow_ups.record_call(session, call.id, True, studio.counter, scores=scores, notes="很满意", clock=clock)
    session.refresh(call)
    assert call.called_at == clock.now() and call.reached and call.score_overall == 4 and call.notes == "很满意"
    assert session.scalar(select(func.count(FollowUpScore.id)).where(FollowUpScore.follow_up_id == call.id)) == len(scores)
    assert follow_ups.worklist(session, TODAY) == []
    with pytest.raises(BadInput):
        follow_ups.record_call(session, call.id, True, studio.counter, scores=scores, clock=clock)


@pytest.mark.parametrize("bad", [0, 6, 4.5, True, "5", -1])
def test_an_impossible_score_is_refused_and_nothing_is_written(session, studio, clock, bad):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    scores = answers(session, ST.AFTER_SHOOT)
    scores[next(iter(scores))] = bad
    with pytest.raises(BadInput, match="1 to 5"):
        follow_ups.record_call(session, call.id, True, studio.counter, scores=scores,
                               leads=[Lead("赵六", "13600136000")], clock=clock)
    session.refresh(call)
    assert call.called_at is None and session.scalar(select(func.count(FollowUpScore.id))) == 0
    assert session.scalar(select(func.count(Customer.id))) == 1


def test_a_missing_required_answer_is_refused_and_an_optional_one_may_be_left_out(session, studio, clock):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    scores = answers(session, ST.AFTER_SHOOT)
    overall = next(q.id for q in follow_ups.questions(session, ST.AFTER_SHOOT) if q.overall)
    with pytest.raises(BadInput, match="needs a score"):
        follow_ups.record_call(session, call.id, True, studio.counter,
                               scores={k: v for k, v in scores.items() if k != overall}, clock=clock)
    assert session.get(FollowUp, call.id).called_at is None
    assert not any(q.required for q in follow_ups.questions(session, ST.AFTER_SHOOT) if q.id not in scores)
    follow_ups.record_call(session, call.id, True, studio.counter, scores=scores, clock=clock)  # optional left out


def test_referral_leads_become_prospects_referred_by_the_called_customer_and_a_known_phone_is_linked(
        session, studio, clock):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    known = new_order(session, studio, clock, name="老客户", phone="13500135000").customer_id
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    with pytest.raises(BadInput):
        follow_ups.record_call(session, call.id, True, studio.counter, scores=answers(session, ST.AFTER_SHOOT),
                               leads=[Lead("赵六", "not a phone")], clock=clock)
    result = follow_ups.record_call(
        session, call.id, True, studio.counter, scores=answers(session, ST.AFTER_SHOOT), clock=clock,
        leads=[Lead("赵六", "136 0013 6000", "同事"), Lead("老客户", "+86 13500135000", "朋友")])
    new_id, linked = result.lead_customer_ids
    prospect = session.get(Customer, new_id)
    assert prospect.name == "赵六" and prospect.channel is Channel.REFERRAL and prospect.referrer_id == order.customer_id
    assert [p.digits for p in prospect.phones] == ["13600136000"]
    assert linked == known and session.scalar(select(func.count(Customer.id))) == 3  # no duplicate
    leads = session.scalars(select(ReferralLead).order_by(ReferralLead.id)).all()
    assert [(x.relation, x.new_customer, x.referrer_id) for x in leads] == [
        ("同事", True, order.customer_id), ("朋友", False, order.customer_id)]


def _scored_call(session, studio, clock, order, photographer: int, photo_score: int, counter_score: int) -> None:
    s = session.get(ShootSession, order.sessions[0].id)
    s.photographer_id = photographer
    session.commit()
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    qs = {q.key: q.id for q in follow_ups.questions(session, ST.AFTER_SHOOT)}
    follow_ups.record_call(session, call.id, True, studio.counter, clock=clock, scores={
        qs["overall"]: 5, qs["photographer"]: photo_score, qs["makeup"]: 3, qs["counter"]: counter_score})


def test_staff_scores_average_the_answers_of_the_questions_scoring_their_position_on_their_orders(
        session, studio, clock):
    a = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    b = shot_order(session, studio, clock, shot=dt.date(2026, 11, 21), name="李四", phone="13900139000")
    c = shot_order(session, studio, clock, shot=dt.date(2026, 11, 22), name="王五", phone="13700137000")
    p1, p2 = studio.production.staff_id, studio.manager.staff_id
    _scored_call(session, studio, clock, a, p1, 5, 4)
    _scored_call(session, studio, clock, b, p1, 2, 3)
    _scored_call(session, studio, clock, c, p2, 4, 5)
    # (5 + 2) / 2 = 3.5 for the first photographer, 4 for the second; the counter clerk
    # booked all three: (4 + 3 + 5) / 3 = 4; nobody was the make-up artist
    rows = {(r.position, r.staff_id): (r.answers, r.average) for r in follow_ups.staff_scores(session, "2026-11")}
    assert rows == {(Position.PHOTOGRAPHER, p2): (1, 4.0), (Position.PHOTOGRAPHER, p1): (2, 3.5),
                    (Position.COUNTER, studio.counter.staff_id): (3, 4.0)}
    assert follow_ups.staff_scores(session, "2026-10") == []
    by_month = follow_ups.position_months(session, "2026-11", 12)
    assert by_month == {(Position.PHOTOGRAPHER, "2026-11"): 11 / 3, (Position.MAKEUP, "2026-11"): 3.0,
                        (Position.COUNTER, "2026-11"): 4.0}
    [shoot] = [f for f in follow_ups.month_figures(session, "2026-11") if f.stage is ST.AFTER_SHOOT]
    assert (shoot.due, shoot.made, shoot.reached, shoot.given_up, shoot.satisfaction) == (3, 3, 3, 0, 5.0)


def test_questionnaires_are_edited_by_a_manager_and_the_overall_question_stays(session, studio, clock):
    with pytest.raises(NotAllowed):
        follow_ups.save_question(session, None, "after_shoot", "服装是否干净", None, None, True, True, studio.counter,
                                 clock=clock)
    q = follow_ups.save_question(session, None, "after_shoot", "服装是否干净", "Clean costumes", "makeup", False, True,
                                 studio.manager, clock=clock)
    assert follow_ups.questions(session, "after_shoot")[-1] == q and q.position is Position.MAKEUP
    with pytest.raises(BadInput):
        follow_ups.save_question(session, None, "after_shoot", " ", "", None, True, True, studio.manager, clock=clock)
    with pytest.raises(BadInput):
        follow_ups.save_question(session, None, "after_shoot", "后期", None, "production", True, True, studio.manager,
                                 clock=clock)
    overall = next(x for x in follow_ups.questions(session, "after_shoot") if x.overall)
    with pytest.raises(BadInput):
        follow_ups.save_question(session, overall.id, "after_shoot", "总体", None, None, True, False, studio.manager,
                                 clock=clock)
    follow_ups.move_question(session, q.id, -1, studio.manager, clock=clock)
    assert follow_ups.questions(session, "after_shoot")[-2].id == q.id


@sqlite_only
def test_upgrading_a_populated_0011_database_keeps_follow_ups_and_seeds_the_questionnaires_down_and_up(tmp_path):
    engine, cfg = _database_at(tmp_path / "old.db", "0011")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                          "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO follow_ups (id, customer_id, stage, called_at, reached, score_overall) VALUES "
                          "(1, 1, 'after_pickup', '2026-02-01 00:00:00', 1, 4), (2, 1, 'after_shoot', NULL, 0, NULL)"))
        conn.execute(text("UPDATE follow_ups SET due_on = '2026-02-03' WHERE id = 2"))
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").from_revision == "0011"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, score_overall, attempts, source_key FROM follow_ups ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, 4, 0, None), (2, None, 0, None)]
        assert conn.execute(text("SELECT count(*) FROM follow_up_questions WHERE overall")).scalar() == 3
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    from alembic import command

    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM follow_ups")).scalar() == 2
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(follow_ups)")]
        assert "source_key" not in columns
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM follow_up_questions")).scalar() == 14
        assert database.check(engine).ok
    engine.dispose()


def test_the_monthly_workbook_has_the_follow_up_sheet_with_the_months_figures(session, studio, clock, tmp_path):
    from openpyxl import load_workbook

    from app.services.month_end import export_month

    a = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    b = shot_order(session, studio, clock, shot=dt.date(2026, 11, 21), name="李四", phone="13900139000")
    _scored_call(session, studio, clock, a, studio.production.staff_id, 5, 4)
    _scored_call(session, studio, clock, b, studio.production.staff_id, 2, 3)
    c = shot_order(session, studio, clock, shot=dt.date(2026, 11, 22), name="王五", phone="13700137000")
    follow_ups.generate_due_calls(session, clock=clock)
    follow_ups.record_call(session, call_of(session, c, ST.AFTER_SHOOT).id, False, studio.counter, clock=clock)
    path = export_month(session, "2026-11", tmp_path / "m.xlsx", studio.manager).path
    ws = load_workbook(path)["Follow-ups"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    # stage, due, made, reached, given up, overall satisfaction: 3 due (one retried: due again
    # on the 24th, still in November), 2 reached, both overall 5
    assert rows[1][:6] == ("after the shoot", 3, 2, 2, 0, 5)
    assert rows[2][:6] == ("after the selection", 0, 0, 0, 0, None)
    positions = {r[0]: r for r in rows[7:] if r[0]}
    # photographer: (5 + 2) / 2 = 3.5 after the shoot; counter (4 + 3) / 2; make-up 3 and 3
    assert positions["photographer"][1:6] == (3.5, None, None, 2, 3.5)
    assert positions["counter clerk"][1:6] == (3.5, None, None, 2, 3.5)
    assert positions["make-up artist"][5] == 3


def test_a_complaints_call_on_the_worklist_is_recorded_through_the_complaint_and_closes_anticipate(
        session, studio, clock):
    from app.models import Complaint
    from app.services import complaints, lifecycle

    from .test_complaints import picked_up_album, record, walk_to_amend

    order, album = picked_up_album(session, studio, clock)
    cid = record(session, studio, clock, order, item_ids=[album.id])
    walk_to_amend(session, studio, clock, cid)
    complaints.amend(session, cid, "redo", studio.counter, fault="studio", clock=clock)
    for step in (ItemStatus.SENT, ItemStatus.RETURNED, ItemStatus.READY, ItemStatus.PICKED_UP):
        clock.advance(days=1)
        lifecycle.transition(session, album.code, step, studio.manager, clock=clock)
    clock.advance(days=3)
    [due] = [c for c in follow_ups.worklist(session, clock.today()) if c.complaint_id == cid]
    with pytest.raises(BadInput):  # reached: the customer's words are needed
        follow_ups.record_call(session, due.follow_up_id, True, studio.counter,
                               scores=answers(session, ST.AFTER_PICKUP, overall=4), clock=clock)
    follow_ups.record_call(session, due.follow_up_id, True, studio.counter,
                           scores=answers(session, ST.AFTER_PICKUP, overall=4), notes="满意", clock=clock)
    assert session.get(Complaint, cid).anticipated_at == clock.now()
    assert session.get(FollowUp, due.follow_up_id).score_overall == 4


def test_an_erased_customer_is_never_called_again(session, studio, clock):
    from app.services import privacy

    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    privacy.erase_customer(session, order.customer_id, "张三", studio.manager, clock=clock)
    follow_ups.generate_due_calls(session, clock=clock)
    due = follow_ups.worklist(session, TODAY + dt.timedelta(days=30))
    assert [c for c in due if c.customer_id == order.customer_id] == []
    # a call left behind (made before the erasure by a station that raced it) is not listed either
    session.add(FollowUp(customer_id=order.customer_id, order_id=order.id, stage=FollowUpStage.AFTER_SHOOT,
                         source_key="after_shoot:x", due_on=TODAY, called_at=None, reached=False, attempts=0))
    session.commit()
    assert [c for c in follow_ups.worklist(session, TODAY) if c.customer_id == order.customer_id] == []


def test_a_score_refusal_names_the_question_by_its_number_not_by_its_chinese_text(session, studio, clock):
    order = shot_order(session, studio, clock, shot=dt.date(2026, 11, 20))
    follow_ups.generate_due_calls(session, clock=clock)
    call = call_of(session, order, ST.AFTER_SHOOT)
    asked = follow_ups.questions(session, ST.AFTER_SHOOT)
    overall = next(n for n, q in enumerate(asked, 1) if q.overall)
    scores = {k: v for k, v in answers(session, ST.AFTER_SHOOT).items() if k != asked[overall - 1].id}
    with pytest.raises(BadInput) as refused:
        follow_ups.record_call(session, call.id, True, studio.counter, scores=scores, clock=clock)
    assert str(refused.value) == f"Question {overall}: this question needs a score."
    assert asked[overall - 1].text_zh and asked[overall - 1].text_zh not in str(refused.value)
    # a studio's own question typed only in Chinese is quoted as typed
    row = session.get(FollowUpQuestion, asked[0].id)
    row.text_en = None
    session.commit()
    with pytest.raises(BadInput) as refused:
        follow_ups.record_call(session, call.id, True, studio.counter,
                               scores={**answers(session, ST.AFTER_SHOOT), asked[0].id: 9}, clock=clock)
    assert str(refused.value) == f"Question 1 ({row.text_zh}): a score is a whole number from 1 to 5, not 9."


def test_a_complaint_s_recovery_call_is_not_counted_as_an_after_pickup_satisfaction_call(session, studio, clock):
    from .customer_helpers import complaint

    order = shot_order(session, studio, clock)
    who = session.get(Customer, order.customer_id)
    made = complaint(session, who)
    # as complaint_follow_up makes it, then called: the unhappy customer gives 1
    call = FollowUp(customer_id=who.id, order_id=order.id, stage=FollowUpStage.AFTER_PICKUP, complaint_id=made.id,
                    due_on=TODAY, called_at=clock.now(), reached=True, score_overall=1)
    session.add(call)
    session.flush()
    question = next(q for q in follow_ups.questions(session, ST.AFTER_PICKUP) if q.position is not None)
    session.add(FollowUpScore(follow_up_id=call.id, question_id=question.id, score=1))
    session.commit()
    pickup = {f.stage: f for f in follow_ups.month_figures(session, "2026-11")}[FollowUpStage.AFTER_PICKUP]
    assert (pickup.due, pickup.made, pickup.satisfaction) == (0, 0, None)
    assert follow_ups.stage_position_averages(session, "2026-11") == {}
