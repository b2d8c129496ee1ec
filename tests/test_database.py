"""Schema migrations, verified backups, restore and the consistency check."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text, update

from app.models import Base, Item, ItemStatus
from app.models.db import make_engine, sqlite_url
from app.services import database
from app.services.database import SCRIPT_LOCATION
from app.services.errors import BadInput, DatabaseTooNew, MigrationFailed

from .conftest import PG_URL
from .helpers import new_order

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite file handling")


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_the_schema_head_the_program_opens_without_alembic_is_the_newest_migration():
    """database.SCHEMA_HEAD lets an up-to-date database open without loading alembic; a new
    revision that forgets to move it would leave every database un-upgraded."""
    assert database.SCHEMA_HEAD == database.head_revision()


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path):
    """Alembic and the migration scripts cost about a tenth of a second of every start."""
    import subprocess
    import sys

    code = ("import sys; from app.models.db import sqlite_url; from app.services import database\n"
            f"engine, report = database.open_database(sqlite_url({str(tmp_path / 's.db')!r}))\n"
            "engine.dispose(); assert not report.upgraded\n"
            "print('alembic' in sys.modules)")
    database.open_database(sqlite_url(tmp_path / "s.db"))[0].dispose()  # made and upgraded here
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_upgrading_an_up_to_date_database_does_nothing(engine):
    report = database.upgrade(engine)
    assert not report.upgraded and report.backup is None


def _scripts_with(tmp_path: Path, body: str) -> str:
    """Our migrations plus one more revision whose upgrade() is ``body``."""
    scripts = tmp_path / "scripts"
    shutil.copytree(SCRIPT_LOCATION, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = database.head_revision()
    (scripts / "versions" / "9001_next.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9001'\ndown_revision = '{head}'\nbranch_labels = None\ndepends_on = None\n"
        f"def upgrade():\n{body}\ndef downgrade():\n    pass\n")
    return str(scripts)


def _studio_file(session, studio, clock, engine) -> Path:
    new_order(session, studio, clock)
    session.close()
    engine.dispose()
    return Path(engine.url.database)


def _snapshot(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {
            "tables": tables,
            "customer_columns": [r[1] for r in conn.execute("PRAGMA table_info(customers)")],
            "counts": {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables},
            "version": conn.execute("SELECT version_num FROM alembic_version").fetchall(),
        }
    finally:
        conn.close()


@sqlite_only
def test_upgrade_of_a_database_with_data_keeps_the_data_and_a_verified_backup(session, studio, clock, engine,
                                                                             tmp_path):
    path = _studio_file(session, studio, clock, engine)
    before = _snapshot(path)
    scripts = _scripts_with(tmp_path, "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n")
    report = database.upgrade(make_engine(sqlite_url(path)), script_location=scripts, backup_dir=tmp_path / "bk")
    assert report.upgraded and report.to_revision == "9001"
    after = _snapshot(path)
    assert after["counts"] == before["counts"] and "wechat" in after["customer_columns"]
    assert database.verify_backup_file(report.backup) is None
    assert _snapshot(report.backup) == before


@sqlite_only
def test_a_failed_upgrade_leaves_the_file_as_it_was(session, studio, clock, engine, tmp_path):
    path = _studio_file(session, studio, clock, engine)
    before = _snapshot(path)
    scripts = _scripts_with(tmp_path, "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n"
                                      "    op.execute('INSERT INTO no_such_table VALUES (1)')\n")
    with pytest.raises(MigrationFailed) as err:
        database.upgrade(make_engine(sqlite_url(path)), script_location=scripts, backup_dir=tmp_path / "bk")
    assert "as it was" in err.value.message
    assert _snapshot(path) == before


def test_a_database_from_a_newer_studiodesk_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    with pytest.raises(DatabaseTooNew) as err:
        database.upgrade(engine)
    assert "newer StudioDesk" in err.value.message
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "f00dfeed"


@sqlite_only
def test_backup_and_restore_round_trip(session, studio, clock, engine, tmp_path):
    path = _studio_file(session, studio, clock, engine)
    url = sqlite_url(path)
    backup = database.backup_sqlite(url, tmp_path / "copy.db")
    before = _snapshot(backup)
    eng = make_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DELETE FROM item_events"))
    eng.dispose()
    kept = database.restore_sqlite(url, backup)
    assert _snapshot(path) == before
    assert kept is not None and _snapshot(kept)["counts"]["item_events"] == 0


@sqlite_only
@pytest.mark.parametrize("kind", ["text", "other sqlite", "missing", "truncated"])
def test_restore_refuses_what_is_not_a_studiodesk_backup(session, studio, clock, engine, tmp_path, kind):
    path = _studio_file(session, studio, clock, engine)
    before = _snapshot(path)
    bogus = tmp_path / "bogus.db"
    if kind == "text":
        bogus.write_text("hello")
    elif kind == "other sqlite":
        sqlite3.connect(bogus).execute("CREATE TABLE t (x)").connection.commit()
    elif kind == "truncated":
        bogus.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(BadInput):
        database.restore_sqlite(sqlite_url(path), bogus)
    assert _snapshot(path) == before


def test_check_finds_a_status_that_disagrees_with_its_last_event(session, studio, clock, engine):
    order = new_order(session, studio, clock)
    assert database.check(engine).ok
    code = session.scalars(select(Item.code).where(Item.order_id == order.id)).first()
    session.execute(update(Item).where(Item.code == code).values(status=ItemStatus.READY))
    session.commit()
    report = database.check(engine)
    assert not report.ok
    assert report.problems == [f"item {code}: status ready but last event says waiting"]


def test_check_finds_an_item_history_the_lifecycle_does_not_allow(session, studio, clock, engine):
    from app.models import ItemEvent

    order = new_order(session, studio, clock)
    album, frame = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).all()[:2]
    for item, start, end in [(album, ItemStatus.WAITING, ItemStatus.PICKED_UP),  # skips the lab and the shelf
                             (frame, ItemStatus.SENT, ItemStatus.RETURNED)]:  # was never sent
        session.add(ItemEvent(item_id=item.id, from_status=start, to_status=end, at=clock.now()))
        item.status = end
    session.commit()
    report = database.check(engine)
    assert [p.split(": event")[0] for p in report.problems] == [f"item {album.code}", f"item {frame.code}"]
    assert "waiting -> picked_up after waiting" in report.problems[0]
    assert "sent -> returned after waiting" in report.problems[1]


@sqlite_only
def test_upgrading_a_0001_database_with_orders_marks_calendar_orders_due(tmp_path):
    """Revision 0002 on a database holding orders: data kept, booked/shot orders due now."""
    from alembic import command

    path = tmp_path / "old.db"
    engine = make_engine(sqlite_url(path))
    cfg = database.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                          "'2026-01-01 00:00:00')"))
        for oid, number, progress in [(1, "2601-0001", "booked"), (2, "2601-0002", "done"), (3, "2601-0003", "shot")]:
            conn.execute(text("INSERT INTO orders (id, number, customer_id, package_name, package_price_fen, "
                              "discount_fen, progress, booked_at) VALUES (:id, :n, 1, '套系', 100, 0, :p, "
                              "'2026-01-01 00:00:00')"), {"id": oid, "n": number, "p": progress})
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.from_revision == "0001" and report.backup is not None
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT number, progress, progress_due IS NOT NULL FROM orders ORDER BY id")).all()
    assert rows == [("2601-0001", "booked", 1), ("2601-0002", "done", 0), ("2601-0003", "shot", 1)]
    engine.dispose()


def _database_at(path: Path, revision: str):
    from alembic import command

    engine = make_engine(sqlite_url(path))
    cfg = database.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return engine, cfg


def _insert_complaints_and_events(conn) -> None:
    conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                      "'2026-01-01 00:00:00')"))
    conn.execute(text("INSERT INTO orders (id, number, customer_id, package_name, package_price_fen, discount_fen, "
                      "progress, booked_at) VALUES (1, '2601-0001', 1, '套系', 100, 0, 'in_production', "
                      "'2026-01-01 00:00:00')"))
    for cid, category in [(1, "product_quality"), (2, "delay"), (3, "other"), (4, "service_attitude")]:
        conn.execute(text("INSERT INTO complaints (id, customer_id, order_id, category, description, status, "
                          "received_at) VALUES (:id, 1, 1, :c, '相册有划痕', 'open', '2026-02-01 00:00:00')"),
                     {"id": cid, "c": category})


@sqlite_only
def test_upgrading_a_0002_database_turns_complaint_categories_into_seeded_rows(tmp_path):
    """Revision 0003 on a database holding complaints: each keeps its category, now a row with two names."""
    engine, _cfg = _database_at(tmp_path / "old.db", "0002")
    with engine.begin() as conn:
        _insert_complaints_and_events(conn)
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.from_revision == "0002" and report.backup is not None
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT c.id, ch.kind, ch.key, ch.name_zh, ch.name_en FROM complaints c "
                                 "JOIN choices ch ON ch.id = c.category_id ORDER BY c.id")).all()
        columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(complaints)")]
        fk_problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    assert rows == [(1, "complaint_category", "product_quality", "产品质量", "Product quality"),
                    (2, "complaint_category", "delay", "取件延误", "Late for pickup"),
                    (3, "complaint_category", "other", "其他", "Other"),
                    (4, "complaint_category", "service_attitude", "服务态度", "Service attitude")]
    assert "category" not in columns and "category_id" in columns
    assert fk_problems == []
    assert database.check(engine).ok
    engine.dispose()


@sqlite_only
def test_downgrading_0003_gives_back_category_values_and_reasons_as_text(tmp_path):
    """Down from 0003: complaints get their enum value back (a studio's own category: "other"),
    a rework reason picked from the list is kept as the event's text; up again works."""
    from alembic import command

    engine, cfg = _database_at(tmp_path / "old.db", "0002")
    with engine.begin() as conn:
        _insert_complaints_and_events(conn)
    database.upgrade(engine, backup_dir=tmp_path / "bk")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO choices (id, kind, key, name_zh, name_en, position, active) "
                          "VALUES (100, 'complaint_category', NULL, '停车不便', NULL, 9, 1)"))
        conn.execute(text("UPDATE complaints SET category_id = 100 WHERE id = 4"))
        conn.execute(text("INSERT INTO product_types (id, name, category, in_house, active) "
                          "VALUES (1, '相册', 'album', 0, 1)"))
        conn.execute(text("INSERT INTO shoot_sessions (id, order_id, seq, name) VALUES (1, 1, 1, '婚纱照')"))
        conn.execute(text("INSERT INTO items (id, code, order_id, session_id, seq, product_type_id, extra_price_fen, "
                          "status, status_at, version) VALUES (1, '2601-0001-01', 1, 1, 1, 1, 0, 'rework', "
                          "'2026-02-01 00:00:00', 2)"))
        damage = conn.execute(text("SELECT id FROM choices WHERE kind = 'rework_reason' AND key = 'damage'")).scalar()
        conn.execute(text("INSERT INTO item_events (id, item_id, from_status, to_status, at) "
                          "VALUES (1, 1, NULL, 'waiting', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO item_events (id, item_id, from_status, to_status, at, rework_reason_id, reason) "
                          "VALUES (2, 1, 'waiting', 'rework', '2026-02-01 00:00:00', :d, NULL)"), {"d": damage})
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        assert conn.execute(text("SELECT id, category FROM complaints ORDER BY id")).all() == [
            (1, "product_quality"), (2, "delay"), (3, "other"), (4, "other")]
        assert conn.execute(text("SELECT id, reason FROM item_events ORDER BY id")).all() == [(1, None), (2, "破损")]
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert "choices" not in tables
        assert "rework_reason_id" not in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(item_events)")]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.to_revision == database.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM complaints WHERE category_id IS NOT NULL")).scalar() == 4
    engine.dispose()


@sqlite_only
def test_upgrading_a_0003_database_with_staff_adds_the_throttle_and_drops_hand_typed_badges(tmp_path):
    """Revision 0004 on a database holding staff: each keeps its row and PIN, starts with no
    failures and not locked; a hand-typed badge is removed (a manager issues a new one), an
    issued one stays. Down and up again works."""
    from alembic import command

    engine, cfg = _database_at(tmp_path / "old.db", "0003")
    with engine.begin() as conn:
        for sid, name, role, badge in [(1, "王店长", "manager", "B-0001"), (2, "李前台", "counter", "B-28N07FV5HZA"),
                                       (3, "张后期", "production", None)]:
            conn.execute(text("INSERT INTO staff (id, name, role, password_hash, badge_code, active, created_at) "
                              "VALUES (:id, :n, :r, 'hash', :b, 1, '2026-01-01 00:00:00')"),
                         {"id": sid, "n": name, "r": role, "b": badge})
        conn.execute(text("INSERT INTO audit_log (id, at, staff_id, action) VALUES (1, '2026-01-01 00:00:00', 1, 'x')"))
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.from_revision == "0003" and report.backup is not None
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, name, password_hash, badge_code, failed_logins, last_failed_at, locked_at "
                                 "FROM staff ORDER BY id")).all()
    assert rows == [(1, "王店长", "hash", None, 0, None, None), (2, "李前台", "hash", "B-28N07FV5HZA", 0, None, None),
                    (3, "张后期", "hash", None, 0, None, None)]
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    with engine.connect() as conn:
        assert "failed_logins" not in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(staff)")]
        assert conn.execute(text("SELECT count(*) FROM staff")).scalar() == 3
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    engine.dispose()


@sqlite_only
def test_upgrading_a_0004_database_with_orders_records_session_states_and_approves_existing_items(tmp_path):
    """Revision 0005 on a database holding orders: a session whose items went to a lab or whose
    selection date passed counts as selected, one whose shoot passed as shot, a future one stays
    booked; every existing item counts as approved (nothing in the works is held at the gate);
    the default time slots are there. Down and up again keeps the orders."""
    from alembic import command

    engine, cfg = _database_at(tmp_path / "old.db", "0004")
    today = dt.date.today()
    past, future = today - dt.timedelta(days=20), today + dt.timedelta(days=20)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (id, name, channel, created_at) VALUES (1, '张三', 'natural', "
                          "'2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO product_types (id, name, category, in_house, active) "
                          "VALUES (1, '相册', 'album', 0, 1)"))
        conn.execute(text("INSERT INTO orders (id, number, customer_id, package_name, package_price_fen, discount_fen, "
                          "progress, booked_at) VALUES (1, '2601-0001', 1, '成长套', 100, 0, 'in_production', "
                          "'2026-01-01 00:00:00')"))
        sessions = [(1, past, future, "waiting"),  # shot, selection to come
                    (2, past, past, "waiting"),  # selection date passed
                    (3, future, future, "sent"),  # items already at the lab (dates moved later)
                    (4, future, future, "waiting")]  # nothing happened yet
        for sid, shoot, selection, status in sessions:
            conn.execute(text("INSERT INTO shoot_sessions (id, order_id, seq, name, shoot_date, selection_date) "
                              "VALUES (:id, 1, :id, '拍摄', :s, :sel)"), {"id": sid, "s": shoot, "sel": selection})
            conn.execute(text("INSERT INTO items (id, code, order_id, session_id, seq, product_type_id, "
                              "extra_price_fen, status, status_at, version) VALUES (:id, :code, 1, :id, :id, 1, 0, "
                              ":st, '2026-01-02 00:00:00', 1)"), {"id": sid, "code": f"2601-0001-0{sid}", "st": status})
    report = database.upgrade(engine, backup_dir=tmp_path / "bk")
    assert report.from_revision == "0004" and report.backup is not None
    with engine.connect() as conn:
        states = conn.execute(text("SELECT state FROM shoot_sessions ORDER BY id")).scalars().all()
        designs = set(conn.execute(text("SELECT design_status FROM items")).scalars())
        slots = conn.execute(text("SELECT kind, count(*) FROM time_slots GROUP BY kind ORDER BY kind")).all()
        needs_approval = conn.execute(text("SELECT needs_approval FROM product_types")).scalar()
    assert states == ["shot", "selected", "selected", "booked"]
    assert designs == {"approved"} and not needs_approval
    assert slots == [("selection", 3), ("shoot", 4)]
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    with engine.connect() as conn:
        assert "state" not in [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(shoot_sessions)")]
        assert conn.execute(text("SELECT count(*) FROM items")).scalar() == 4
    assert database.upgrade(engine, backup_dir=tmp_path / "bk").to_revision == database.head_revision()
    engine.dispose()
