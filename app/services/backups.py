"""Scheduled backups of a SQLite database, their rotation, and restoring one from the window.

The program makes a backup when it starts (unless its newest automatic backup is younger than
the interval: then when that is N hours old) and every N hours (the studio's settings, changed
by a manager): a verified copy (:func:`database.backup_sqlite`: written beside its name,
integrity-checked as a StudioDesk database, renamed into place) named
``<db>-<local time>-auto.db`` in the backup folder, which may be another disk; a folder
inside the database's own folder is refused, since one broken disk would take both.

Rotation (:func:`to_keep`, a pure function over the backups' times) keeps the newest backup
of each of the 7 newest days that have one, of each of the 4 newest weeks and of each of the
12 newest months; every other automatic backup of this database in the folder is deleted.
Backups made by hand, before an upgrade or before a restore are never touched.

Restoring (:func:`restore_here`): the window lets go of the file first (its connections and
its station hold), then the station lock's exclusive hold is taken as ``studiodesk-admin
restore`` does; if anything refuses, the window takes its hold back and the database is as
it was.

PostgreSQL databases are backed up on the server with ``pg_dump`` (README); the schedule
here does nothing for them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ..models import Customer, Item, ItemEvent, Order, Setting
from ..models.db import backups_dir, make_engine, side_files, sqlite_path, sqlite_url
from . import station_lock
from .clock import SYSTEM_CLOCK, Clock
from .database import (
    backup_name, backup_sqlite, known_revision, restore_sqlite, sqlite_file_revision, verify_backup_file,
)
from .errors import BadInput, DatabaseTooNew, StudioError
from .staff import Actor, Permission, record, require
from .studio import get_setting

log = logging.getLogger(__name__)
K = TypeVar("K")

AUTO_LABEL = "auto"
BACKUP_ENABLED = "backup_enabled"  # "1" / "0"
BACKUP_EVERY_HOURS = "backup_every_hours"
BACKUP_FOLDER = "backup_folder"  # empty: the backups folder beside the database
DEFAULT_EVERY_HOURS = 24
MAX_EVERY_HOURS = 24 * 7
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


class BackupBusy(StudioError):
    """A backup of this database is being made already."""


@dataclass(frozen=True)
class BackupSettings:
    enabled: bool = True
    every_hours: int = DEFAULT_EVERY_HOURS
    folder: str | None = None  # None: the backups folder beside the database


def backup_settings(session: Session) -> BackupSettings:
    """The studio's backup schedule (the defaults until a manager changes it)."""
    try:
        hours = int(get_setting(session, BACKUP_EVERY_HOURS) or DEFAULT_EVERY_HOURS)
    except ValueError:
        hours = DEFAULT_EVERY_HOURS
    hours = min(max(hours, 1), MAX_EVERY_HOURS)
    folder = (get_setting(session, BACKUP_FOLDER) or "").strip() or None
    return BackupSettings(get_setting(session, BACKUP_ENABLED, "1") != "0", hours, folder)


def check_folder(database: Path, folder: str | Path) -> Path:
    """The chosen backup folder as an absolute path; refused when it is inside the database's
    own folder (one broken disk would take the database and its backups) or is a file."""
    chosen = Path(folder).expanduser()
    if not chosen.is_absolute():
        raise BadInput("Give the backup folder's full path (for example E:\\StudioDesk backups); {folder} is not one.",
                       folder=str(folder))
    home = Path(database).expanduser().absolute().parent.resolve()
    where = chosen.resolve()
    if where == home or home in where.parents:
        raise BadInput("The backup folder {folder} is inside the database's folder {home}: one broken disk would "
                       "take the database and its backups. Choose a folder on another disk (a second drive or a "
                       "USB disk).", folder=str(chosen), home=str(home))
    if where.exists() and not where.is_dir():
        raise BadInput("{folder} is a file, not a folder. Choose a folder for the backups.", folder=str(chosen))
    return where


def save_backup_settings(
    session: Session, settings: BackupSettings, actor: Actor, *, database: Path | None, clock: Clock = SYSTEM_CLOCK,
) -> BackupSettings:
    """Change the schedule (manager only): every 1 to 168 hours, to a folder outside the
    database's folder (``database``: the SQLite file; None for PostgreSQL, where the folder
    is not used)."""
    require(actor, Permission.MANAGE_SETTINGS)
    if not 1 <= settings.every_hours <= MAX_EVERY_HOURS:
        raise BadInput("Back up every 1 to {most} hours; {hours} is outside that.", most=MAX_EVERY_HOURS,
                       hours=settings.every_hours)
    folder = (settings.folder or "").strip() or None
    if folder is not None and database is not None:
        folder = str(check_folder(database, folder))
    values = {BACKUP_ENABLED: "1" if settings.enabled else "0", BACKUP_EVERY_HOURS: str(settings.every_hours),
              BACKUP_FOLDER: folder or ""}
    for key, value in values.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value != value:
            row.value = value
        else:
            continue
        record(session, actor, "setting.change", key, value, clock=clock)
    session.commit()
    return BackupSettings(settings.enabled, settings.every_hours, folder)


def folder_for(database: Path, settings: BackupSettings) -> Path:
    """Where the scheduled backups of ``database`` go."""
    return check_folder(database, settings.folder) if settings.folder else backups_dir(database)


# -- rotation -------------------------------------------------------------------------------
def to_keep(backups: Mapping[K, dt.datetime], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
            monthly: int = KEEP_MONTHLY) -> set[K]:
    """Which backups (key -> when it was made) rotation keeps: the newest of each of the
    ``daily`` newest days that have a backup, of each of the ``weekly`` newest ISO weeks and
    of each of the ``monthly`` newest months. The newest backup is always kept."""
    newest_first = sorted(backups, key=lambda k: backups[k], reverse=True)
    keep: set[K] = set()
    periods: list[tuple[int, Callable[[dt.datetime], object]]] = [
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ]
    for count, period in periods:
        seen: set[object] = set()
        for key in newest_first:
            p = period(backups[key])
            if p in seen:
                continue
            if len(seen) == count:
                break
            seen.add(p)
            keep.add(key)
    return keep


def _auto_name(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-(\d{8}-\d{6})-" + AUTO_LABEL + r"(?:-\d+)?\.db")


def auto_backups(folder: Path, database: Path) -> dict[Path, dt.datetime]:
    """The automatic backups of ``database`` in ``folder``, with when each was made (from its
    name, local time)."""
    pattern = _auto_name(Path(database).stem)
    found: dict[Path, dt.datetime] = {}
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return found
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m is None:
            continue
        try:
            found[entry] = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
    return found


def rotate(folder: Path, database: Path) -> list[Path]:
    """Delete the automatic backups of ``database`` in ``folder`` that rotation does not keep;
    the deleted ones. A file that cannot be deleted is logged and left."""
    backups = auto_backups(folder, database)
    keep = to_keep(backups)
    removed = []
    for path in sorted(set(backups) - keep):
        try:
            for side in side_files(path):
                side.unlink(missing_ok=True)
            path.unlink()
        except OSError as exc:
            log.warning("could not remove the old backup %s: %s", path, exc)
            continue
        removed.append(path)
    return removed


# -- the scheduled backup -------------------------------------------------------------------
def seconds_until_due(url: URL, settings: BackupSettings, *, clock: Clock = SYSTEM_CLOCK) -> float | None:
    """How long until the next scheduled backup is due: 0 when the newest automatic backup in
    the folder is ``every_hours`` old or older (or there is none), None when nothing is
    scheduled (PostgreSQL, switched off, or a folder that is refused: the backup says why).
    A program started again soon after a backup does not copy the database once more."""
    database = sqlite_path(url)
    if database is None or not settings.enabled:
        return None
    try:
        folder = folder_for(database, settings)
    except BadInput:
        return 0.0  # the backup itself refuses it, and that is said
    made = auto_backups(folder, database)
    if not made:
        return 0.0
    now = clock.now().astimezone().replace(tzinfo=None)
    age = (now - max(made.values())).total_seconds()
    return max(0.0, settings.every_hours * 3600 - max(age, 0.0))


@dataclass(frozen=True)
class BackupDone:
    path: Path
    size: int
    removed: list[Path]


_running = threading.Lock()


def make_backup(url: URL, settings: BackupSettings, *, clock: Clock = SYSTEM_CLOCK) -> BackupDone | None:
    """One scheduled backup: a verified copy in the backup folder, then rotation. None when
    there is nothing to do (PostgreSQL, or switched off). Refused (BackupBusy) while another
    backup of this program is being made: never two at once."""
    database = sqlite_path(url)
    if database is None or not settings.enabled:
        return None
    folder = folder_for(database, settings)
    if not _running.acquire(blocking=False):
        raise BackupBusy("A backup is being made already; this one was skipped.")
    try:
        made = backup_sqlite(url, backup_name(database, AUTO_LABEL, folder, at=clock.now()))
        removed = rotate(folder, database)
    finally:
        _running.release()
    log.info("scheduled backup written and verified: %s (%d old ones removed)", made, len(removed))
    return BackupDone(made, made.stat().st_size, removed)


# -- restoring from the window --------------------------------------------------------------
@dataclass(frozen=True)
class BackupPreview:
    path: Path
    made_at: dt.datetime  # local time: from an automatic backup's name, else the file's time
    revision: str | None
    customers: int
    orders: int
    items: int
    newest_event: dt.datetime | None


def backups_of(url: URL, settings: BackupSettings) -> list[Path]:
    """The backup files of this database to offer for a restore, newest first: those in the
    backup folder and in the backups folder beside the database."""
    database = sqlite_path(url)
    if database is None:
        return []
    folders = {backups_dir(database)}
    if settings.folder:
        try:
            folders.add(check_folder(database, settings.folder))
        except BadInput:
            pass
    found: list[Path] = []
    for folder in folders:
        try:
            found += [p for p in folder.iterdir() if p.suffix == ".db" and p.is_file()]
        except OSError:
            continue
    return sorted(found, key=_made_at, reverse=True)


def _made_at(path: Path) -> dt.datetime:
    m = re.search(r"-(\d{8}-\d{6})(?:-|\.db$)", path.name)
    if m:
        try:
            return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.datetime.min


def _restorable(path: Path) -> str | None:
    """A file that looks like a StudioDesk backup this version can restore: its schema
    revision. Quick (no page-by-page check: the restore makes that)."""
    problem = verify_backup_file(path, quick=True)
    if problem:
        raise BadInput("{path} cannot be restored: {problem}.", path=str(path), problem=problem)
    revision = sqlite_file_revision(path)
    if not known_revision(revision):
        raise DatabaseTooNew("{path} was made by a newer StudioDesk (schema {rev}); it cannot be restored here.",
                             path=str(path), rev=str(revision))
    return revision


def preview_backup(path: str | Path, actor: Actor) -> BackupPreview:
    """What a backup holds, before it is restored (manager only): when it was made, its
    counts and its newest item event (by id: no scan of every event). Refused when it is no
    StudioDesk backup or was made by a newer StudioDesk; fast enough for the GUI thread on
    a 10-year studio (the full integrity check is the restore's)."""
    require(actor, Permission.RESTORE)
    path = Path(path)
    revision = _restorable(path)
    engine = make_engine(sqlite_url(path), read_only=True, poolclass=NullPool)
    try:
        with Session(engine) as s:
            customers = s.scalar(select(func.count(Customer.id))) or 0
            orders = s.scalar(select(func.count(Order.id))) or 0
            items = s.scalar(select(func.count(Item.id))) or 0
            newest = s.scalar(select(ItemEvent.at).order_by(ItemEvent.id.desc()).limit(1))
    except DBAPIError as exc:
        raise BadInput("{path} cannot be restored: {problem}.", path=str(path),
                       problem=str(exc.orig or exc).splitlines()[0]) from None
    finally:
        engine.dispose()
    return BackupPreview(path, _made_at(path), revision, customers, orders, items, newest)


def restore_here(url: URL, backup: str | Path, actor: Actor, *, let_go: Callable[[], None],
                 take_back: Callable[[], None], station: str | None = None,
                 clock: Clock = SYSTEM_CLOCK) -> Path | None:
    """Restore ``backup`` over the database this program has open (manager only).

    ``let_go`` closes the program's connections and its station hold; then the exclusive
    hold is taken (refused, naming them, while another StudioDesk has the file open) and the
    backup is checked and put in place (:func:`database.restore_sqlite`). On any refusal or
    failure ``take_back`` re-takes the hold and the database is as it was. Returns where the
    replaced database was kept. After success the program must start again."""
    require(actor, Permission.RESTORE)
    database = sqlite_path(url)
    if database is None:
        raise BadInput("Restore works on SQLite files; for PostgreSQL use pg_restore.")
    _restorable(Path(backup))  # refused before the window lets go of anything
    let_go()
    try:
        with station_lock.exclusive(database, f"StudioDesk restore ({station or actor.station or '?'})"):
            kept = restore_sqlite(url, Path(backup))
    except BaseException:
        try:
            take_back()
        except Exception:  # noqa: BLE001 - the restore's own error is what the manager must see
            log.exception("could not hold %s again after a failed restore", database)
        raise
    log.warning("database %s restored from %s by %s; the replaced one is kept at %s", database, backup, actor.name,
                kept)
    _audit_restore(url, backup, actor, clock)
    take_back()
    return kept


def _audit_restore(url: URL, backup: str | Path, actor: Actor, clock: Clock) -> None:
    """Write the restore into the restored database's audit log (best effort: the restore has
    happened whatever this does)."""
    from ..models import Staff

    engine = make_engine(url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            if s.get(Staff, actor.staff_id) is None:  # a backup from before this manager was added
                return
            record(s, actor, "database.restore", None, str(backup), clock=clock)
            s.commit()
    except Exception:  # noqa: BLE001 - logged; the restore stands
        log.exception("could not record the restore in the audit log")
    finally:
        engine.dispose()

