"""Which database is used, and how a SQLite file is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.models.db import ENV_VAR, default_db_path, make_engine, resolve_url, sqlite_url


def test_db_argument_beats_environment_beats_default(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_url(None).database == str(default_db_path())
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    assert resolve_url(tmp_path / "arg.db").database == str(tmp_path / "arg.db")


def test_urls_pick_the_engine_and_postgresql_gets_psycopg():
    assert resolve_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("sqlite:///x.db").drivername == "sqlite"
    assert resolve_url("studio.db").database == str(Path("studio.db").absolute())


def test_sqlite_runs_in_wal_with_foreign_keys_full_sync_and_a_busy_timeout(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "s.db"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000
    engine.dispose()


def test_missing_folders_of_a_new_sqlite_file_are_created(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "a" / "b" / "s.db"))
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    engine.dispose()
    assert (tmp_path / "a" / "b" / "s.db").exists()


@pytest.mark.parametrize("bad", ["nosuchdriver://x", "postgresql+nodriver://u@h/d"])
def test_unknown_database_kinds_are_refused(bad):
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError
    with pytest.raises((ArgumentError, NoSuchModuleError)):
        make_engine(resolve_url(bad))


def test_bulk_insert_stores_what_the_orm_would_enums_times_and_nulls(engine, session):
    import datetime as dt

    from sqlalchemy import select

    from app.models import Role, Staff
    from app.models.db import bulk_insert

    at = dt.datetime(2026, 11, 23, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    rows = [dict(id=i, name=f"员工{i}", role=role, password_hash=None, badge_code=None if i % 2 else f"B-{i}",
                 active=bool(i % 2), created_at=at) for i, role in enumerate(Role, start=1)]
    with engine.begin() as conn:
        bulk_insert(conn, Staff.__table__, rows, chunk=2)
    got = [(s.id, s.name, s.role, s.badge_code, s.active, s.created_at)
           for s in session.scalars(select(Staff).order_by(Staff.id))]
    assert got == [(r["id"], r["name"], r["role"], r["badge_code"], r["active"], at) for r in rows]
    assert got[0][-1].tzinfo == dt.timezone.utc  # read back as the same moment, in UTC
