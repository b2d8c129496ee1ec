"""The guards of app/services/database.py: refusals of what is no SQLite file, of a migration
that breaks a foreign key, the check's limits, a failed first upgrade and a failed build."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url

from app.models import Item, ItemEvent, ItemStatus
from app.models.db import make_engine, sqlite_url
from app.services import database
from app.services.errors import BadInput, MigrationFailed

from .conftest import PG_URL
from .helpers import new_order
from .test_database import _scripts_with, _snapshot, _studio_file

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite file handling")
PG = make_url("postgresql+psycopg://u:p@localhost/studio")


def test_a_database_at_several_schema_revisions_at_once_is_not_guessed_at(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
    with pytest.raises(RuntimeError, match="several schema revisions"):
        database.current_revision(engine)


def test_backups_and_restores_of_postgresql_are_refused_pointing_to_its_own_tools(tmp_path):
    with pytest.raises(BadInput, match="pg_dump"):
        database.backup_sqlite(PG, tmp_path / "copy.db")
    with pytest.raises(BadInput, match="pg_restore"):
        database.restore_sqlite(PG, tmp_path / "copy.db")
    assert list(tmp_path.iterdir()) == []


def test_a_backup_of_a_database_file_that_is_not_there_is_refused_naming_it(tmp_path):
    missing = tmp_path / "gone" / "studio.db"
    with pytest.raises(BadInput, match="There is no database file") as refused:
        database.backup_sqlite(sqlite_url(missing), tmp_path / "copy.db")
    assert refused.value.params["path"] == str(missing)
    assert not (tmp_path / "copy.db").exists()


def test_the_quick_look_at_a_backup_refuses_what_is_not_a_file(tmp_path):
    assert database.verify_backup_file(tmp_path / "nothing.db", quick=True) == f"{tmp_path / 'nothing.db'} is not a file"
    (tmp_path / "folder.db").mkdir()
    assert "is not a file" in (database.verify_backup_file(tmp_path / "folder.db", quick=True) or "")
    (tmp_path / "notes.db").write_text("hello, not a database at all")
    assert database.verify_backup_file(tmp_path / "notes.db", quick=True) == "notes.db is not a SQLite database"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert database.verify_backup_file(other, quick=True) == "other.db is not a StudioDesk backup"


@sqlite_only
def test_a_restore_that_cannot_be_written_says_so_and_leaves_the_database_as_it_was(
        session, studio, clock, engine, tmp_path, monkeypatch):
    path = _studio_file(session, studio, clock, engine)
    backup = database.backup_sqlite(sqlite_url(path), tmp_path / "copy.db")
    before = _snapshot(path)

    def disk_full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(database, "replace_sqlite_file", disk_full)
    with pytest.raises(BadInput, match="Not restored") as refused:
        database.restore_sqlite(sqlite_url(path), backup)
    assert refused.value.params == {"error": "No space left on device", "path": str(path)}
    assert _snapshot(path) == before


@sqlite_only
def test_a_migration_that_leaves_a_foreign_key_pointing_nowhere_is_undone(session, studio, clock, engine, tmp_path):
    """SQLite's foreign keys are off while the schema changes: the check after it is the guard."""
    path = _studio_file(session, studio, clock, engine)
    before = _snapshot(path)
    scripts = _scripts_with(tmp_path, "    op.execute('UPDATE items SET order_id = 999999')\n")
    with pytest.raises(MigrationFailed) as err:
        database.upgrade(make_engine(sqlite_url(path)), script_location=scripts, backup_dir=tmp_path / "bk")
    assert "foreign key" in err.value.params["error"] and "items" in err.value.params["error"]
    assert _snapshot(path) == before


@sqlite_only
def test_a_new_database_whose_first_upgrade_fails_is_refused_without_a_backup_to_name(tmp_path):
    scripts = _scripts_with(tmp_path, "    op.execute('INSERT INTO no_such_table VALUES (1)')\n")
    with pytest.raises(MigrationFailed) as err:
        database.open_database(sqlite_url(tmp_path / "new.db"), script_location=scripts)
    assert "backup" not in err.value.params and err.value.params["new"] == "9001"
    assert "no_such_table" in err.value.params["error"]


@sqlite_only
def test_a_database_at_the_head_of_newer_migrations_opens_without_another_upgrade(session, studio, clock, engine,
                                                                                tmp_path):
    path = _studio_file(session, studio, clock, engine)
    scripts = _scripts_with(tmp_path, "    op.add_column('customers', sa.Column('wechat', sa.String(40)))\n")
    assert database.upgrade(make_engine(sqlite_url(path)), script_location=scripts, backup_dir=tmp_path / "bk").upgraded
    again = database.upgrade(make_engine(sqlite_url(path)), script_location=scripts, backup_dir=tmp_path / "bk2")
    assert (again.upgraded, again.to_revision, again.backup) == (False, "9001", None)
    assert not (tmp_path / "bk2").exists()


@sqlite_only
def test_a_new_database_that_fails_its_check_is_never_put_in_place(tmp_path, monkeypatch):
    target = tmp_path / "demo.db"
    monkeypatch.setattr(database, "verify_backup_file", lambda _path: "integrity: page 3 is never used")
    with pytest.raises(MigrationFailed, match="failed its check") as err:
        database.build_sqlite_file(target, lambda _engine: "built")
    assert err.value.params["problem"] == "integrity: page 3 is never used"
    assert list(tmp_path.iterdir()) == []


@sqlite_only
def test_a_new_database_that_cannot_be_written_is_one_refusal_and_leaves_nothing(tmp_path):
    target = tmp_path / "demo.db"

    def disk_full(_engine):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    with pytest.raises(BadInput, match="could not be written") as err:
        database.build_sqlite_file(target, disk_full)
    assert err.value.params == {"path": str(target), "error": "No space left on device"}
    assert list(tmp_path.iterdir()) == []


@sqlite_only
def test_the_check_of_a_file_without_the_schema_says_to_migrate(tmp_path):
    empty = make_engine(sqlite_url(tmp_path / "empty.db"))
    try:
        report = database.check(empty)
    finally:
        empty.dispose()
    assert report.problems == ["the schema is missing: run studiodesk-admin migrate"]


def test_the_check_finds_an_item_without_any_event(session, studio, clock, engine):
    order = new_order(session, studio, clock)
    item = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).first()
    session.execute(ItemEvent.__table__.delete().where(ItemEvent.item_id == item.id))
    session.commit()
    assert database.check(engine).problems == [f"item {item.code}: status waiting but no event"]


def test_the_check_lists_at_most_the_problems_asked_for_and_says_there_are_more(session, studio, clock, engine):
    order = new_order(session, studio, clock)
    codes = session.scalars(select(Item.code).where(Item.order_id == order.id).order_by(Item.id)).all()
    assert len(codes) >= 3
    session.execute(update(Item).where(Item.order_id == order.id).values(status=ItemStatus.READY))
    session.commit()
    report = database.check(engine, max_listed=2)
    assert report.problems == [f"item {codes[0]}: status ready but last event says waiting",
                               f"item {codes[1]}: status ready but last event says waiting",
                               "... more items differ"]


def test_the_check_lists_at_most_the_broken_histories_asked_for_and_says_there_are_more(
        session, studio, clock, engine):
    order = new_order(session, studio, clock)
    items = session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.id)).all()
    for item in items[:3]:  # straight from waiting to picked up: the lab and the shelf skipped
        session.add(ItemEvent(item_id=item.id, from_status=ItemStatus.WAITING, to_status=ItemStatus.PICKED_UP,
                              at=clock.now()))
        item.status = ItemStatus.PICKED_UP
    session.commit()
    report = database.check(engine, max_listed=2)
    assert len(report.problems) == 3 and report.problems[-1] == "... more events break the lifecycle"
    assert all("waiting -> picked_up after waiting" in p for p in report.problems[:2])


@sqlite_only
def test_a_backup_is_never_written_over_the_database_itself(session, studio, clock, engine):
    path = _studio_file(session, studio, clock, engine)
    before = _snapshot(path)
    for target in (path, path.parent / "." / path.name):
        with pytest.raises(BadInput, match="over the database itself"):
            database.backup_sqlite(sqlite_url(path), target, force=True)
    assert _snapshot(path) == before


def test_a_folder_given_as_the_database_to_back_up_is_refused(tmp_path):
    with pytest.raises(BadInput, match="is a folder, not a database file"):
        database.backup_sqlite(sqlite_url(tmp_path), tmp_path / "copy.db")
