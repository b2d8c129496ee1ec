"""Revision 0014 on a populated 0011 database: the early reminders are kept (done ones as
done), outbox messages keep their text and become SMS service messages, the default rules
and templates are there; down and up again keeps them."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from app.services import database

from .test_database import _database_at, sqlite_only


@sqlite_only
def test_upgrading_a_0011_database_keeps_reminders_and_outbox_and_seeds_rules_down_and_up(tmp_path):
    engine, cfg = _database_at(tmp_path / "old.db", "0011")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                          "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO orders (id, number, customer_id, package_name, package_price_fen, "
                          "discount_fen, progress, booked_at) VALUES (1, '2601-0001', 1, '套系', 100, 0, 'booked', "
                          "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO reminders (id, kind, due_date, customer_id, order_id, title, rule, done_at) "
                          "VALUES (1, 'call', '2026-11-20', 1, 1, '提醒 张三 明天拍照', 'shoot-1d', NULL), "
                          "(2, 'greeting', '2026-11-21', 1, NULL, '生日', NULL, '2026-11-21 01:00:00')"))
        conn.execute(text("INSERT INTO outbox_messages (id, customer_id, order_id, phone, template, body, status, "
                          "created_at) VALUES (1, 1, 1, '13800138000', 'ready_for_pickup', '您好', 'pending', "
                          "'2026-11-20 01:00:00')"))
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").from_revision == "0011"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, event, subject_kind, subject_id, due_date, outcome, rule_id "
                                 "FROM reminders ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "shoot", "order", 1, "2026-11-20", None, None),
                                            (2, "birthday", "customer", 1, "2026-11-21", "done", None)]
        assert tuple(conn.execute(text("SELECT body, channel, marketing, reminder_id FROM outbox_messages")).one()) \
            == ("您好", "sms", 0, None)
        events = {r[0] for r in conn.execute(text("SELECT event FROM reminder_rules"))}
        assert events == {"shoot", "selection", "pickup_date", "all_ready", "birthday", "wedding_anniversary",
                          "balance_due", "uncollected"}
        assert conn.execute(text("SELECT count(*) FROM message_templates WHERE marketing")).scalar() == 2
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text("SELECT id, kind, done_at IS NOT NULL FROM reminders "
                                                     "ORDER BY id"))] == [(1, "call", 0), (2, "greeting", 1)]
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(outbox_messages)")]
        assert "channel" not in columns and "reminder_id" not in columns
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM reminders")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM outbox_messages")).scalar() == 1
        assert database.check(engine).ok
    engine.dispose()
