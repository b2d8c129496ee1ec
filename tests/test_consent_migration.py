"""Revision 0011 on a database holding customers: nobody is assumed to consent, and down and
up again keeps the customers and what they consented to is asked again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from app.services import database

from .test_database import _database_at, sqlite_only


@sqlite_only
def test_upgrading_a_0010_database_gives_existing_customers_no_consent_and_keeps_them_down_and_up(tmp_path):
    engine, cfg = _database_at(tmp_path / "old.db", "0010")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                          "'2026-01-01 00:00:00'), (2, '李四', 'referral', '2026-01-02 00:00:00')"))
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").from_revision == "0010"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, marketing_consent_at, survey_consent_at FROM customers "
                                 "ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(1, None, None), (2, None, None)]
    with engine.begin() as conn:
        conn.execute(text("UPDATE customers SET marketing_consent_at = '2026-11-26 08:00:00' WHERE id = 1"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    with engine.connect() as conn:
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(customers)")]
        assert "marketing_consent_at" not in columns and "survey_consent_at" not in columns
        assert conn.execute(text("SELECT count(*) FROM customers")).scalar() == 2
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM customers WHERE marketing_consent_at IS NULL")).scalar() == 2
        assert database.check(engine).ok
    engine.dispose()
