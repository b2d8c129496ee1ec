"""Scheduled backups (app/services/backups.py): verified, rotated (7 daily, 4 weekly, 12
monthly), to a folder outside the database's folder, never two at once; the preview and
the restore a manager makes from the window."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.models import AuditEntry, Customer, Item, ItemStatus, Order
from app.models.db import sqlite_path
from app.services import backups, station_lock
from app.services.backups import BackupSettings, to_keep
from app.services.database import verify_backup_file
from app.services.errors import BadInput, DatabaseInUse, DatabaseTooNew, NotAllowed

from .helpers import drive, new_order

S = dt.datetime

# Backups and restores here are of a SQLite file; on PostgreSQL they are pg_dump's (README).
SQLITE_FILE = pytest.mark.skipif(bool(os.environ.get("STUDIODESK_TEST_DB_URL")), reason="backups of a SQLite file")

# -- rotation, a pure function --------------------------------------------------------------
def _days(first: dt.date, last: dt.date, hour: int = 3) -> dict[dt.datetime, dt.datetime]:
    out = {}
    day = first
    while day <= last:
        t = S(day.year, day.month, day.day, hour)
        out[t] = t
        day += dt.timedelta(days=1)
    return out


def test_rotation_keeps_the_newest_backup_of_7_days_4_weeks_and_12_months():
    """Daily backups from 1 January to Tuesday 31 March 2026: the 7 newest days (25-31 March),
    the newest of the 4 newest ISO weeks (31, 29, 22, 15 March) and of the months (31 March,
    28 February, 31 January)."""
    daily = _days(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    kept = {t.date() for t in to_keep(daily)}
    expected = {dt.date(2026, 3, d) for d in range(25, 32)} | {
        dt.date(2026, 3, 22), dt.date(2026, 3, 15), dt.date(2026, 2, 28), dt.date(2026, 1, 31)}
    assert kept == expected


def test_rotation_keeps_twelve_months_of_a_long_history_and_no_more():
    history = _days(dt.date(2023, 1, 1), dt.date(2026, 11, 26))
    kept = to_keep(history)
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12 and min(months) == (2025, 12)
    assert len(kept) <= 7 + 4 + 12


def test_rotation_keeps_the_newer_of_two_backups_on_one_day():
    morning, evening = S(2026, 5, 4, 9), S(2026, 5, 4, 18)
    assert to_keep({"a": morning, "b": evening}) == {"b"}


def test_rotation_keeps_everything_while_there_are_few_backups():
    few = {n: S(2026, 1, 1) + dt.timedelta(days=3 * n) for n in range(5)}
    assert to_keep(few) == set(few)


def test_rotation_of_nothing_keeps_nothing():
    assert to_keep({}) == set()


# -- the folder ---------------------------------------------------------------------------
def test_a_backup_folder_inside_the_database_folder_is_refused(tmp_path: Path):
    db = tmp_path / "data" / "studio.db"
    for inside in (db.parent, db.parent / "backups", db.parent / "a" / "b"):
        with pytest.raises(BadInput, match="inside the database's folder"):
            backups.check_folder(db, inside)
    with pytest.raises(BadInput, match="full path"):
        backups.check_folder(db, "backups")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(BadInput, match="is a file"):
        backups.check_folder(db, tmp_path / "afile")
    assert backups.check_folder(db, tmp_path / "usb" / "backups") == (tmp_path / "usb" / "backups").resolve()


def test_backup_settings_are_a_managers_and_are_checked(session: Session, studio, clock, tmp_path: Path):
    db = tmp_path / "studio.db"
    assert backups.backup_settings(session) == BackupSettings(True, 24, None)
    with pytest.raises(NotAllowed):
        backups.save_backup_settings(session, BackupSettings(True, 6, None), studio.counter, database=db, clock=clock)
    for hours in (0, 169):
        with pytest.raises(BadInput, match="1 to 168 hours"):
            backups.save_backup_settings(session, BackupSettings(True, hours, None), studio.manager, database=db,
                                         clock=clock)
    with pytest.raises(BadInput, match="inside the database's folder"):
        backups.save_backup_settings(session, BackupSettings(True, 6, str(tmp_path / "b")), studio.manager,
                                     database=db, clock=clock)
    other = tmp_path.parent / f"{tmp_path.name}-usb"
    saved = backups.save_backup_settings(session, BackupSettings(False, 6, str(other)), studio.manager, database=db,
                                         clock=clock)
    assert backups.backup_settings(session) == saved == BackupSettings(False, 6, str(other.resolve()))
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "setting.change")) == 3


# -- the scheduled backup -----------------------------------------------------------------
@pytest.fixture
def other_disk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("usb-disk")


@SQLITE_FILE
def test_a_scheduled_backup_is_a_verified_copy_in_the_chosen_folder(engine: Engine, session: Session, studio, clock,
                                                                   other_disk: Path):
    new_order(session, studio, clock)
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)), clock=clock)
    assert done is not None and done.path.parent == other_disk.resolve()
    assert done.path.name.endswith("-auto.db") and verify_backup_file(done.path) is None
    assert not list(other_disk.glob("*.partial"))
    with sqlite3.connect(done.path) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (1,)
    conn.close()


@SQLITE_FILE
def test_scheduled_backups_are_rotated_and_other_backups_are_left_alone(engine: Engine, clock, other_disk: Path):
    db = sqlite_path(engine.url)
    assert db is not None
    settings = BackupSettings(True, 24, str(other_disk))
    clock.moment = clock.moment.replace(year=2025, month=1, day=1)
    made = []
    for _ in range(60):  # one every 3 days for 180 days
        made.append(backups.make_backup(engine.url, settings, clock=clock))
        clock.advance(days=3)
    strangers = [other_disk / "studio-20240101-000000.db", other_disk / "studio-20240101-000000-before-upgrade-0007.db",
                 other_disk / "another-20240101-000000-auto.db"]
    for path in strangers:
        path.write_bytes(b"kept")
    last = backups.make_backup(engine.url, settings, clock=clock)
    assert last is not None
    left = backups.auto_backups(other_disk, db)
    assert set(left) == backups.to_keep(left) and last.path in left
    assert 7 <= len(left) <= 7 + 4 + 12
    assert all(p.exists() for p in strangers)


@SQLITE_FILE
def test_a_scheduled_backup_is_never_made_while_another_is_running(engine: Engine, other_disk: Path):
    settings = BackupSettings(True, 24, str(other_disk))
    assert backups._running.acquire(blocking=False)
    try:
        with pytest.raises(backups.BackupBusy):
            backups.make_backup(engine.url, settings)
    finally:
        backups._running.release()
    assert list(other_disk.iterdir()) == []
    assert backups.make_backup(engine.url, settings) is not None


@SQLITE_FILE
def test_a_scheduled_backup_that_cannot_be_written_is_one_refusal_and_leaves_nothing(engine: Engine, tmp_path: Path,
                                                                                    other_disk: Path):
    blocker = other_disk / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BadInput):
        backups.make_backup(engine.url, BackupSettings(True, 24, str(blocker / "sub")))
    assert [p.name for p in other_disk.iterdir()] == ["not-a-folder"]


def test_nothing_is_scheduled_for_postgresql_or_when_switched_off(engine: Engine, other_disk: Path):
    pg = make_url("postgresql+psycopg://u:p@localhost/studio")
    assert backups.make_backup(pg, BackupSettings(True, 24, str(other_disk))) is None
    assert backups.make_backup(engine.url, BackupSettings(False, 24, str(other_disk))) is None
    assert list(other_disk.iterdir()) == []


# -- preview and restore ----------------------------------------------------------------------
@SQLITE_FILE
def test_the_preview_of_a_backup_shows_its_date_and_counts_to_a_manager_only(
        engine: Engine, session: Session, studio, clock, other_disk: Path):
    order = new_order(session, studio, clock)
    code = session.scalars(select(Item.code).where(Item.order_id == order.id).order_by(Item.seq)).first()
    drive(session, code, ItemStatus.SENT, studio.production, clock)
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)), clock=clock)
    assert done is not None
    with pytest.raises(NotAllowed):
        backups.preview_backup(done.path, studio.counter)
    preview = backups.preview_backup(done.path, studio.manager)
    assert (preview.customers, preview.orders, preview.items) == (
        session.scalar(select(func.count(Customer.id))), 1, session.scalar(select(func.count(Item.id))))
    assert preview.newest_event is not None
    assert preview.newest_event.replace(tzinfo=None) == clock.now().replace(tzinfo=None)
    assert preview.made_at == clock.now().astimezone().replace(tzinfo=None, microsecond=0)
    junk = other_disk / "junk.db"
    junk.write_bytes(b"not a database")
    with pytest.raises(BadInput, match="cannot be restored"):
        backups.preview_backup(junk, studio.manager)


@SQLITE_FILE
def test_a_backup_from_a_newer_studiodesk_is_not_offered_for_restore(engine: Engine, studio, other_disk: Path):
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)))
    assert done is not None
    with sqlite3.connect(done.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()
    with pytest.raises(DatabaseTooNew):
        backups.preview_backup(done.path, studio.manager)


@SQLITE_FILE
def test_a_restore_lets_go_takes_the_exclusive_hold_and_takes_the_hold_back(
        engine: Engine, session: Session, studio, clock, other_disk: Path):
    db = sqlite_path(engine.url)
    assert db is not None
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)), clock=clock)
    assert done is not None
    new_order(session, studio, clock)  # made after the backup: gone after the restore
    session.close()
    held = {"claim": station_lock.hold_shared(db, "前台1")}
    calls = []

    def let_go() -> None:
        calls.append("let go")
        engine.dispose()
        held["claim"].release()

    def take_back() -> None:
        calls.append("take back")
        held["claim"] = station_lock.hold_shared(db, "前台1")

    kept = backups.restore_here(engine.url, done.path, studio.manager, let_go=let_go, take_back=take_back, clock=clock)
    assert calls == ["let go", "take back"]
    assert kept is not None and kept.exists()
    with Session(engine) as s:
        assert s.scalar(select(func.count(Order.id))) == 0
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "database.restore")) == 1
    assert [h.station for h in station_lock.holders(db)] == ["前台1"]
    held["claim"].release()


@SQLITE_FILE
def test_a_restore_while_another_station_has_the_file_open_is_refused_and_changes_nothing(
        engine: Engine, session: Session, studio, clock, other_disk: Path):
    db = sqlite_path(engine.url)
    assert db is not None
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)), clock=clock)
    assert done is not None
    new_order(session, studio, clock)
    session.close()
    elsewhere = station_lock.hold_shared(db, "后期")
    calls = []
    try:
        with pytest.raises(DatabaseInUse, match="后期"):
            backups.restore_here(engine.url, done.path, studio.manager, let_go=lambda: calls.append("let go"),
                                 take_back=lambda: calls.append("take back"), clock=clock)
    finally:
        elsewhere.release()
    assert calls == ["let go", "take back"]
    with Session(engine) as s:
        assert s.scalar(select(func.count(Order.id))) == 1


@SQLITE_FILE
def test_a_failed_restore_says_its_own_error_even_when_the_file_cannot_be_held_again(
        engine: Engine, session: Session, studio, clock, other_disk: Path):
    """Taking the file back after a refused restore may fail too (another station took it):
    the manager still sees why the restore was refused, not the second trouble."""
    db = sqlite_path(engine.url)
    assert db is not None
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)), clock=clock)
    assert done is not None
    session.close()
    elsewhere = station_lock.hold_shared(db, "后期")

    def take_back() -> None:
        raise RuntimeError("held elsewhere now")

    try:
        with pytest.raises(DatabaseInUse, match="后期"):
            backups.restore_here(engine.url, done.path, studio.manager, let_go=lambda: None, take_back=take_back,
                                 clock=clock)
    finally:
        elsewhere.release()


def test_only_a_manager_restores_and_nothing_is_let_go_before_the_check(engine: Engine, studio, other_disk: Path):
    junk = other_disk / "junk.db"
    junk.write_bytes(b"not a database")
    calls: list[str] = []
    with pytest.raises(NotAllowed):
        backups.restore_here(engine.url, junk, studio.counter, let_go=lambda: calls.append("x"),
                             take_back=lambda: calls.append("y"))
    with pytest.raises(BadInput):
        backups.restore_here(engine.url, junk, studio.manager, let_go=lambda: calls.append("x"),
                             take_back=lambda: calls.append("y"))
    assert calls == []


@SQLITE_FILE
def test_the_backups_offered_for_a_restore_are_newest_first(engine: Engine, clock, other_disk: Path):
    settings = BackupSettings(True, 24, str(other_disk))
    first = backups.make_backup(engine.url, settings, clock=clock)
    clock.advance(days=1)
    second = backups.make_backup(engine.url, settings, clock=clock)
    assert first is not None and second is not None
    assert backups.backups_of(engine.url, settings)[:2] == [second.path, first.path]


@SQLITE_FILE
def test_a_backup_is_due_at_start_only_when_the_newest_automatic_one_is_as_old_as_the_interval(
        engine: Engine, clock, other_disk: Path):
    settings = BackupSettings(True, 24, str(other_disk))
    assert backups.seconds_until_due(engine.url, settings, clock=clock) == 0  # none yet
    backups.make_backup(engine.url, settings, clock=clock)
    clock.advance(hours=2)
    assert backups.seconds_until_due(engine.url, settings, clock=clock) == 22 * 3600
    clock.advance(hours=22)
    assert backups.seconds_until_due(engine.url, settings, clock=clock) == 0
    assert backups.seconds_until_due(engine.url, BackupSettings(False, 24, str(other_disk)), clock=clock) is None
    assert backups.seconds_until_due(make_url("postgresql+psycopg://u:p@h/s"), settings, clock=clock) is None


# -- edges of the settings, the folder and the restore (issue 18) ------------------------------
def _set(session: Session, key: str, value: str) -> None:
    from app.models import Setting

    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.commit()


@pytest.mark.parametrize(("stored", "hours"), [("abc", 24), ("", 24), ("0", 1), ("-3", 1), ("500", 168), ("6", 6)])
def test_a_stored_backup_interval_that_is_no_number_is_a_day_and_one_out_of_range_is_brought_within(
        session: Session, stored: str, hours: int):
    _set(session, backups.BACKUP_EVERY_HOURS, stored)
    assert backups.backup_settings(session).every_hours == hours


def test_a_stored_blank_backup_folder_means_the_folder_beside_the_database(session: Session):
    _set(session, backups.BACKUP_FOLDER, "   ")
    _set(session, backups.BACKUP_ENABLED, "0")
    assert backups.backup_settings(session) == BackupSettings(False, 24, None)


def test_saving_the_backup_settings_audits_only_what_changed(session: Session, studio, clock, tmp_path: Path):
    db = tmp_path / "studio.db"
    audited = select(AuditEntry.target).where(AuditEntry.action == "setting.change").order_by(AuditEntry.id)
    backups.save_backup_settings(session, BackupSettings(True, 24, None), studio.manager, database=db, clock=clock)
    assert len(session.scalars(audited).all()) == 3  # the defaults written down the first time
    backups.save_backup_settings(session, BackupSettings(True, 24, None), studio.manager, database=db, clock=clock)
    assert len(session.scalars(audited).all()) == 3
    backups.save_backup_settings(session, BackupSettings(True, 12, "  "), studio.manager, database=db, clock=clock)
    assert session.scalars(audited).all()[3:] == [backups.BACKUP_EVERY_HOURS]


def test_on_postgresql_the_backup_folder_is_kept_as_typed(session: Session, studio, clock):
    saved = backups.save_backup_settings(session, BackupSettings(True, 24, "  /srv/backups "), studio.manager,
                                         database=None, clock=clock)
    assert saved.folder == "/srv/backups" and backups.backup_settings(session).folder == "/srv/backups"


def test_automatic_backups_are_told_by_their_name_and_an_impossible_time_is_ignored(tmp_path: Path):
    folder = tmp_path / "usb"
    folder.mkdir()
    names = ["studio-20261126-101500-auto.db", "studio-20261126-101500-auto-2.db", "studio-20261399-000000-auto.db",
             "studio-20261126-101500.db", "studio-20261126-101500-before-upgrade-0007.db",
             "other-20261126-101500-auto.db", "studio-20261126-101500-auto.db.partial"]
    for name in names:
        (folder / name).write_bytes(b"x")
    found = backups.auto_backups(folder, tmp_path / "data" / "studio.db")
    assert found == {folder / names[0]: S(2026, 11, 26, 10, 15), folder / names[1]: S(2026, 11, 26, 10, 15)}


def test_a_backup_folder_that_cannot_be_read_holds_no_automatic_backups(tmp_path: Path):
    assert backups.auto_backups(tmp_path / "unplugged", tmp_path / "studio.db") == {}
    assert backups.rotate(tmp_path / "unplugged", tmp_path / "studio.db") == []


def test_an_old_backup_that_cannot_be_deleted_is_left_and_rotation_goes_on(tmp_path: Path, monkeypatch, caplog):
    folder = tmp_path / "usb"
    folder.mkdir()
    day = dt.date(2026, 1, 1)
    for n in range(40):  # daily: rotation deletes some of them
        when = day + dt.timedelta(days=n)
        (folder / f"studio-{when:%Y%m%d}-030000-auto.db").write_bytes(b"x")
    stuck = folder / "studio-20260102-030000-auto.db"
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == stuck:
            raise PermissionError(13, "Permission denied", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    removed = backups.rotate(folder, tmp_path / "studio.db")
    assert stuck.exists() and stuck not in removed and removed
    assert not any(p.exists() for p in removed)
    assert "could not remove the old backup" in caplog.text


def test_a_backup_is_due_at_once_when_the_chosen_folder_is_refused(engine: Engine, clock, tmp_path: Path):
    """The scheduled backup then runs and says why the folder is refused, instead of never running."""
    db = sqlite_path(engine.url) or tmp_path / "studio.db"
    inside = BackupSettings(True, 24, str(db.parent / "backups-here"))
    url = engine.url if sqlite_path(engine.url) else make_url(f"sqlite:///{db}")
    assert backups.seconds_until_due(url, inside, clock=clock) == 0.0


def test_no_backups_are_offered_for_restore_on_postgresql():
    pg = make_url("postgresql+psycopg://u:p@localhost/studio")
    assert backups.backups_of(pg, BackupSettings(True, 24, "/srv/backups")) == []


def test_backups_beside_the_database_are_offered_even_when_the_chosen_folder_is_refused(tmp_path: Path):
    db = tmp_path / "data" / "studio.db"
    beside = db.parent / "backups"
    beside.mkdir(parents=True)
    (beside / "studio-20261120-090000-auto.db").write_bytes(b"x")
    (beside / "notes.txt").write_text("not a backup")
    (beside / "folder.db").mkdir()
    refused = BackupSettings(True, 24, str(db.parent / "inside"))
    assert backups.backups_of(make_url(f"sqlite:///{db}"), refused) == [beside / "studio-20261120-090000-auto.db"]


def test_a_backup_without_a_time_in_its_name_is_dated_by_its_file(tmp_path: Path):
    db = tmp_path / "data" / "studio.db"
    beside = db.parent / "backups"
    beside.mkdir(parents=True)
    named = beside / "studio-20261120-090000.db"
    hand, impossible = beside / "copy for the tax office.db", beside / "studio-20261399-990000.db"
    for path in (named, hand, impossible):
        path.write_bytes(b"x")
    os.utime(hand, (S(2026, 11, 25, 8).timestamp(),) * 2)
    os.utime(impossible, (S(2026, 11, 1, 8).timestamp(),) * 2)
    assert backups.backups_of(make_url(f"sqlite:///{db}"), BackupSettings()) == [hand, named, impossible]


def test_a_restore_on_postgresql_is_refused_before_anything_is_let_go(studio):
    calls: list[str] = []
    with pytest.raises(BadInput, match="pg_restore"):
        backups.restore_here(make_url("postgresql+psycopg://u:p@localhost/studio"), "/tmp/x.db", studio.manager,
                             let_go=lambda: calls.append("let go"), take_back=lambda: calls.append("take back"))
    assert calls == []


def test_a_file_with_studiodesks_table_names_but_not_its_tables_is_refused_in_the_preview(studio, tmp_path: Path):
    from app.services.database import SCHEMA_HEAD

    fake = tmp_path / "usb" / "studio-20261120-090000-auto.db"
    fake.parent.mkdir()
    with sqlite3.connect(fake) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (SCHEMA_HEAD,))
        for name in ("orders", "items", "item_events", "customers"):
            conn.execute(f"CREATE TABLE {name} (something TEXT)")
    conn.close()
    with pytest.raises(BadInput, match="cannot be restored") as refused:
        backups.preview_backup(fake, studio.manager)
    assert refused.value.params["path"] == str(fake) and "no such column" in refused.value.params["problem"]


@SQLITE_FILE
def test_a_restore_by_a_manager_added_after_the_backup_stands_without_an_audit_entry(
        engine: Engine, session: Session, studio, clock, other_disk: Path):
    from app.models import Role
    from app.services.staff import actor_of, create_staff

    db = sqlite_path(engine.url)
    assert db is not None
    done = backups.make_backup(engine.url, BackupSettings(True, 24, str(other_disk)), clock=clock)
    assert done is not None
    newcomer = actor_of(create_staff(session, "赵新店长", Role.MANAGER, "4444", by=studio.manager, clock=clock), "前台1")
    session.close()
    kept = backups.restore_here(engine.url, done.path, newcomer, let_go=engine.dispose, take_back=lambda: None,
                                clock=clock)
    assert kept is not None and kept.exists()
    with Session(engine) as s:
        from app.models import Staff

        assert s.scalar(select(Staff).where(Staff.name == "赵新店长")) is None  # the restored database
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "database.restore")) == 0
