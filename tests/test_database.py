"""Schema migrations, verified backups, restore and the consistency check."""

from __future__ import annotations

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
