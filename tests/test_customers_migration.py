"""Revision 0012 on a database holding customers: tiers, erasure and surveys arrive without
changing anyone's data, the default survey questions are seeded, and down and up again works."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from app.services import database

from .test_database import _database_at, sqlite_only


@sqlite_only
def test_upgrading_a_0011_database_keeps_customers_unerased_seeds_questions_and_goes_down_and_up(tmp_path):
    engine, cfg = _database_at(tmp_path / "old.db", "0011")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO staff (id, name, role, active, created_at, failed_logins) VALUES "
                          "(1, '王经理', 'manager', 1, '2026-01-01 00:00:00', 0)"))
        conn.execute(text("INSERT INTO customers (id, name, channel, tier, created_at, survey_consent_at) VALUES "
                          "(1, '张三', 'natural', 'top', '2026-01-01 00:00:00', '2026-02-01 00:00:00'), "
                          "(2, '李四', 'referral', NULL, '2026-01-02 00:00:00', NULL)"))
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").from_revision == "0011"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, name, tier, tier_score, erased_at, erased_by FROM customers "
                                 "ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "张三", "top", None, None, None), (2, "李四", None, None, None, None)]
        phases = dict(conn.execute(text("SELECT phase, count(*) FROM survey_questions WHERE active GROUP BY phase")).all())
        assert set(phases) == {"before_shoot", "during_shoot", "after_shoot"} and sum(phases.values()) >= 20
        question = conn.execute(text("SELECT id FROM survey_questions WHERE key = 'hobbies'")).scalar()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO survey_answers (customer_id, question_id, value, answered_at, staff_id) "
                          "VALUES (1, :q, '登山', '2026-11-26 08:00:00', 1)"), {"q": question})
        conn.execute(text("UPDATE customers SET erased_by = 1, erased_at = '2026-11-26 09:00:00' WHERE id = 2"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    with engine.connect() as conn:
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(customers)")]
        assert not {"tier_score", "erased_at", "erased_by"} & set(columns)
        assert conn.execute(text("SELECT count(*) FROM customers")).scalar() == 2
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM survey_answers")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM customers WHERE erased_at IS NULL")).scalar() == 2
        assert database.check(engine).ok
    engine.dispose()
