"""The demo studio: deterministic, every state present, consistent with the rules."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Complaint, FollowUp, Item, ItemEvent, ItemStatus, Order, Payment, Progress, Staff
from app.models.db import sqlite_url
from app.services import database
from app.services import lifecycle
from app.services.codes import parse_badge
from app.services.demo import DEMO_LOGINS, build_demo, demo_badges
from app.services.errors import ScanRefused
from app.services.lifecycle import overdue_items
from app.services.balance import order_balance
from app.services.staff import login

TODAY = dt.date(2026, 11, 23)


def _digest(session) -> str:
    rows = session.execute(select(Item.code, Item.status, Item.expected_return).order_by(Item.id)).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_demo_has_every_state_rework_overdue_and_balances_due(engine, session):
    report = build_demo(engine, years=0.5, seed=1, today=TODAY, orders_per_month=120)
    assert report.orders == session.scalar(select(func.count(Order.id)))
    assert report.events == session.scalar(select(func.count(ItemEvent.id)))
    statuses = set(session.scalars(select(Item.status).distinct()))
    assert statuses >= {ItemStatus.WAITING, ItemStatus.SENT, ItemStatus.RETURNED, ItemStatus.READY,
                        ItemStatus.PICKED_UP}
    assert session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.to_status == ItemStatus.REWORK)) > 0
    assert overdue_items(session, TODAY)
    ready_orders = session.scalars(select(Order.id).where(Order.progress == Progress.READY)).all()
    assert any(order_balance(session, oid).due_fen > 0 for oid in ready_orders)
    assert session.scalar(select(func.count(Complaint.id))) > 0
    assert session.scalar(select(func.count(FollowUp.id))) > 0
    assert database.check(engine).ok


def test_nobody_picked_up_while_owing(engine, session):
    build_demo(engine, years=0.5, seed=3, today=TODAY, orders_per_month=80)
    picked = session.scalars(select(Item.order_id).where(Item.status == ItemStatus.PICKED_UP).distinct()).all()
    assert picked and all(order_balance(session, oid).due_fen <= 0 for oid in picked)


def test_demo_logins_work_one_per_role(engine, session):
    build_demo(engine, years=0.1, seed=2, today=TODAY, orders_per_month=20)
    roles = {login(session, name, pin).role for name, _role, pin in DEMO_LOGINS}
    assert roles == {r for _n, r, _p in DEMO_LOGINS} and len(roles) == 3


def test_demo_badges_are_issued_codes_the_same_for_a_seed_and_those_the_readme_lists(engine, session):
    build_demo(engine, years=0.1, seed=2, today=TODAY, orders_per_month=20)
    stored = {name: code for name, code in session.execute(
        select(Staff.name, Staff.badge_code).where(Staff.password_hash.is_not(None)))}  # the crew does not log in
    assert stored == demo_badges(2) and all(parse_badge(code) == code for code in stored.values())
    assert len(set(stored.values())) == len(stored) and demo_badges(3) != demo_badges(2)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name, _role, _pin in DEMO_LOGINS:
        assert f"| {name} |" in readme and demo_badges(2611)[name] in readme


def test_demo_is_deterministic_for_a_seed(tmp_path):
    digests = []
    for run in range(2):
        eng, _ = database.open_database(sqlite_url(tmp_path / f"{run}.db"))
        build_demo(eng, years=0.2, seed=9, today=TODAY, orders_per_month=60)
        with Session(eng) as s:
            digests.append((_digest(s), s.scalar(select(func.count(Payment.id)))))
        eng.dispose()
    assert digests[0] == digests[1]


def test_demo_refuses_a_database_that_has_orders(engine, session):
    build_demo(engine, years=0.1, seed=2, today=TODAY, orders_per_month=10)
    staff = session.scalar(select(func.count(Staff.id)))
    try:
        build_demo(engine, years=0.1, seed=2, today=TODAY, orders_per_month=10)
    except ValueError as exc:
        assert "already holds orders" in str(exc)
    else:
        raise AssertionError("a second demo was written over the first")
    assert session.scalar(select(func.count(Staff.id))) == staff


def test_every_demo_item_history_is_a_legal_walk_through_the_lifecycle(engine, session):
    report = build_demo(engine, years=0.5, seed=5, today=TODAY, orders_per_month=80)
    last: dict[int, ItemStatus] = {}
    for item_id, from_status, to_status in session.execute(
            select(ItemEvent.item_id, ItemEvent.from_status, ItemEvent.to_status)
            .order_by(ItemEvent.item_id, ItemEvent.id)):
        before = last.get(item_id)
        assert from_status is before, item_id
        assert to_status is ItemStatus.WAITING if before is None else lifecycle.is_allowed(before, to_status), item_id
        last[item_id] = to_status
    assert len(last) == report.items
    assert database.check(engine).ok


def test_the_demo_writes_histories_through_the_lifecycle_rules(engine, session, monkeypatch):
    monkeypatch.setitem(lifecycle.ALLOWED_FROM, ItemStatus.REWORK, frozenset())  # were rework forbidden...
    with pytest.raises(ScanRefused):  # ...the demo's rework stories would stop the build
        build_demo(engine, years=0.5, seed=1, today=TODAY, orders_per_month=120)
    assert session.scalar(select(func.count(Order.id))) == 0


def test_demo_follow_ups_are_plausible_and_the_generator_adds_nothing_the_demo_already_made(engine, session):
    from app.models import FollowUpScore, ReferralLead
    from app.services import follow_ups
    from app.services.clock import STUDIO_TZ, FixedClock

    build_demo(engine, years=1, seed=3, today=TODAY, orders_per_month=150)
    made = session.scalars(select(FollowUp).where(FollowUp.called_at.is_not(None))).all()
    reached = [f for f in made if f.reached]
    assert 0.78 < len(reached) / len(made) < 0.92  # ~85% reached, the rest given up
    assert all(f.given_up_at is not None and f.attempts == 3 for f in made if not f.reached)
    overall = [f.score_overall for f in reached]
    assert None not in overall and sum(s >= 4 for s in overall) / len(overall) > 0.85 and min(overall) <= 2
    assert session.scalar(select(func.count(FollowUpScore.id))) > 3 * len(reached)
    leads = session.scalar(select(func.count(ReferralLead.id)))
    assert 0.01 < leads / len(reached) < 0.06
    today = follow_ups.worklist(session, TODAY)
    assert today and any(c.attempt == 2 for c in today)
    clock = FixedClock(moment=dt.datetime.combine(TODAY, dt.time(10), STUDIO_TZ))
    assert follow_ups.generate_due_calls(session, clock=clock) == 0  # the demo made them as the service would
    assert follow_ups.staff_scores(session, f"{TODAY:%Y-%m}")
    named = session.execute(select(Complaint.staff_id, Complaint.staff_position)
                            .where(Complaint.staff_id.is_not(None))).all()
    assert named and all(p is not None for _s, p in named)
