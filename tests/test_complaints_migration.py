"""Revision 0010 on a database holding complaints: deadlines from the normal severity, a
closed complaint's steps done, and down and up again keeping the complaints."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from app.services import database

from .test_database import _database_at, sqlite_only


@sqlite_only
def test_upgrading_a_0007_database_with_complaints_sets_deadlines_and_keeps_them_down_and_up(tmp_path):
    engine, cfg = _database_at(tmp_path / "old.db", "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                          "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO orders (id, number, customer_id, package_name, package_price_fen, discount_fen, "
                          "progress, booked_at) VALUES (1, '2601-0001', 1, '套系', 100, 0, 'done', "
                          "'2026-01-01 00:00:00')"))
        category = conn.execute(text("SELECT id FROM choices WHERE kind = 'complaint_category' "
                                     "AND key = 'product_quality'")).scalar()
        conn.execute(text("INSERT INTO complaints (id, customer_id, order_id, category_id, description, status, "
                          "received_at, acknowledged_at) VALUES (1, 1, 1, :c, '相册有划痕', 'in_progress', "
                          "'2026-02-01 00:00:00', '2026-02-01 01:00:00')"), {"c": category})
        conn.execute(text("INSERT INTO complaints (id, customer_id, order_id, category_id, description, status, "
                          "received_at, closed_at, resolution_score) VALUES (2, 1, 1, :c, '取件晚了', 'closed', "
                          "'2026-03-01 00:00:00', '2026-03-05 00:00:00', 4)"), {"c": category})
        conn.execute(text("INSERT INTO follow_ups (id, customer_id, order_id, stage, called_at, reached) VALUES "
                          "(1, 1, 1, 'after_pickup', '2026-03-06 00:00:00', 1)"))
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.from_revision == "0007"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, severity, acknowledge_due, apologize_due, amend_due, anticipate_due, "
                                 "due_at, acknowledged_at, anticipated_at FROM complaints ORDER BY id")).all()
        fk_problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    first, closed = rows
    received = dt.datetime(2026, 2, 1)
    as_time = dt.datetime.fromisoformat
    assert first[1] == "normal"
    assert [as_time(str(v)) for v in first[2:6]] == [received + dt.timedelta(hours=h) for h in (4, 48, 168, 720)]
    assert as_time(str(first[6])) == received + dt.timedelta(hours=48)  # acknowledged: apologize is next
    assert closed[6] is None and as_time(str(closed[8])) == dt.datetime(2026, 3, 5)  # done when closed
    assert fk_problems == []
    assert database.check(engine).ok
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO complaint_items (complaint_id, item_id) SELECT 1, id FROM items LIMIT 0"))
        conn.execute(text("INSERT INTO follow_ups (customer_id, order_id, stage, due_on, reached, complaint_id) "
                          "VALUES (1, 1, 'after_pickup', '2026-03-09', 0, 1)"))
        conn.execute(text("INSERT INTO complaint_events (complaint_id, kind, at) VALUES (1, 'recorded', "
                          "'2026-02-01 00:00:00')"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    with engine.connect() as conn:
        assert "severity" not in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(complaints)")]
        assert conn.execute(text("SELECT count(*) FROM complaints")).scalar() == 2
        assert conn.execute(text("SELECT id FROM follow_ups")).scalars().all() == [1]  # the call still to make went
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM complaints WHERE acknowledge_due IS NOT NULL")).scalar() == 2
    engine.dispose()
