"""Opening a database: schema upgrades with a verified backup, backup, restore, check.

The app and ``studiodesk-admin migrate`` both call :func:`open_database`, which
upgrades to the newest revision. For a SQLite file a copy is taken with SQLite's
online backup API and verified (SQLite's integrity check) before any upgrade; if
the upgrade fails the copy is put back, so the file is as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, Select, and_, func, inspect, or_, select, tuple_, type_coerce
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, aliased

from ..models import Item, ItemEvent, ItemStatus
from ..models.db import (
    SqliteFileError, backups_dir, copy_sqlite_file, integrity_problems, make_engine, replace_sqlite_file, sqlite_file_problem,
    sqlite_file_tables, sqlite_path,
)
from .errors import BadInput, DatabaseTooNew, MigrationFailed
from .lifecycle import ALLOWED_FROM

log = logging.getLogger(__name__)



def _script_location() -> str:
    """The alembic environment: app/migrations in an installed wheel, else migrations/ at the
    top of the source tree (a checkout, or an editable install of one)."""
    app_dir = Path(__file__).resolve().parents[1]
    for folder in (app_dir / "migrations", app_dir.parent / "migrations"):
        if (folder / "env.py").is_file():
            return str(folder)
    raise RuntimeError(f"StudioDesk's schema migrations are missing (looked in {app_dir} and beside it)")


SCRIPT_LOCATION = _script_location()
# Tables every StudioDesk database has: how a backup file is recognised.
_SIGNATURE_TABLES = {"alembic_version", "orders", "items", "item_events", "customers"}


def alembic_config(engine: Engine | None = None, script_location: str = SCRIPT_LOCATION) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", script_location)
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision(script_location: str = SCRIPT_LOCATION) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location=script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class UpgradeReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.from_revision != self.to_revision


def upgrade(engine: Engine, *, backup_dir: Path | None = None, script_location: str = SCRIPT_LOCATION) -> UpgradeReport:
    """Bring the schema to the newest revision; refuse a database from a newer StudioDesk."""
    script = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    head = script.get_current_head()
    assert head is not None
    current = current_revision(engine)
    if current == head:
        return UpgradeReport(current, head, None)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:  # alembic raises several kinds for an unknown revision
            raise DatabaseTooNew(
                "This database was written by a newer StudioDesk (schema {rev}). Install the newer "
                "StudioDesk to open it; nothing was changed.", rev=current,
            ) from None

    path = sqlite_path(engine.url)
    backup: Path | None = None
    if path is not None and current is not None and path.exists():
        backup = backup_sqlite(engine.url, backup_name(path, f"before-upgrade-{current}", backup_dir))
    cfg = alembic_config(engine, script_location)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        log.exception("schema upgrade from %s failed", current)
        engine.dispose()
        if backup is not None and path is not None:
            replace_sqlite_file(backup, path)
            raise MigrationFailed(
                "The database could not be upgraded ({error}). It was restored from the backup "
                "{backup} and is as it was before.", error=exc.__class__.__name__, backup=str(backup),
            ) from exc
        raise MigrationFailed(
            "The database could not be upgraded ({error}); the upgrade was rolled back.",
            error=exc.__class__.__name__,
        ) from exc
    log.info("schema upgraded from %s to %s", current, head)
    return UpgradeReport(current, head, backup)


def open_database(url: URL, *, backup_dir: Path | None = None,
                  station: str | None = None) -> tuple[Engine, UpgradeReport]:
    engine = make_engine(url, station=station)
    try:
        report = upgrade(engine, backup_dir=backup_dir)
    except Exception:
        engine.dispose()
        raise
    return engine, report


def backup_name(path: Path, label: str | None = None, backup_dir: Path | None = None) -> Path:
    """Where a backup of the SQLite file ``path`` goes: ``<name>-<local time>[-<label>].db`` in
    :func:`backups_dir` (``<data>/backups`` for the default databases, else ``backups/`` beside
    the file) or in ``backup_dir``, so backups sort by time."""
    folder = backup_dir or backups_dir(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{path.stem}-{stamp}{'-' + label if label else ''}.db"


def backup_sqlite(url: URL, target: Path) -> Path:
    """Copy a live SQLite database with the online backup API and verify the copy."""
    source = sqlite_path(url)
    if source is None:
        raise BadInput("Backups are made of SQLite files; for PostgreSQL use pg_dump.")
    if not source.exists():
        raise BadInput("There is no database file at {path}.", path=str(source))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy_sqlite_file(source, partial)
    except SqliteFileError as exc:
        partial.unlink(missing_ok=True)
        raise BadInput("{path} could not be read as a SQLite database ({error}); no backup was written.",
                       path=str(source), error=str(exc)) from None
    problem = verify_backup_file(partial)
    if problem:
        partial.unlink(missing_ok=True)
        raise MigrationFailed("The backup copy failed its check ({problem}); nothing was changed.", problem=problem)
    partial.replace(target)
    return target


def verify_backup_file(path: Path) -> str | None:
    """None when ``path`` is an intact StudioDesk database, else what is wrong."""
    problem = sqlite_file_problem(path)
    if problem:
        return problem
    if not _SIGNATURE_TABLES <= sqlite_file_tables(path):
        return f"{path.name} is not a StudioDesk backup"
    return None


def restore_sqlite(url: URL, backup: Path) -> Path | None:
    """Replace the database with a verified backup; the current file is kept aside first.

    Returns where the replaced file was kept (None when there was none).
    """
    target = sqlite_path(url)
    if target is None:
        raise BadInput("Restore works on SQLite files; for PostgreSQL use pg_restore.")
    problem = verify_backup_file(Path(backup))
    if problem:
        raise BadInput("Not restored: {problem}. The database was not touched.", problem=problem)
    kept: Path | None = None
    if target.exists():
        kept = backup_sqlite(url, backup_name(target, "before-restore"))
    replace_sqlite_file(Path(backup), target)
    return kept


@dataclass(frozen=True)
class CheckReport:
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(engine: Engine, *, max_listed: int = 50) -> CheckReport:
    """Integrity check; every item's history a legal walk through the lifecycle; every item's
    cached status equal to its last event."""
    problems = integrity_problems(engine, max_listed=max_listed)
    if not inspect(engine).has_table("items"):
        return CheckReport(problems + ["the schema is missing: run studiodesk-admin migrate"])
    last = (
        select(ItemEvent.item_id, func.max(ItemEvent.id).label("last_id"))
        .group_by(ItemEvent.item_id)
        .subquery()
    )
    ev = aliased(ItemEvent)
    mismatch = (
        select(Item.code, Item.status, ev.to_status)
        .outerjoin(last, last.c.item_id == Item.id)
        .outerjoin(ev, ev.id == last.c.last_id)
        .where((ev.id.is_(None)) | (ev.to_status != Item.status))
        .order_by(Item.id)
    )
    with Session(engine) as session:
        for code, status, event_status in session.execute(mismatch):
            if len(problems) >= max_listed:
                problems.append("... more items differ")
                break
            if event_status is None:
                problems.append(f"item {code}: status {status.value} but no event")
            else:
                problems.append(f"item {code}: status {status.value} but last event says {event_status.value}")
        for code, event_id, before, from_status, to_status in session.execute(_illegal_steps(max_listed + 1)):
            if len(problems) >= max_listed:
                problems.append("... more events break the lifecycle")
                break
            problems.append(f"item {code}: event {event_id} goes {_name(from_status)} -> {_name(to_status)}"
                            f" after {_name(before)}, which the lifecycle does not allow")
    return CheckReport(problems)


def _name(status: ItemStatus | None) -> str:
    return "(created)" if status is None else status.value


def _illegal_steps(limit: int) -> Select:
    """Events that break the lifecycle: an item's first event is its creation as waiting; each
    later one starts where the one before ended and is a move ALLOWED_FROM permits."""
    before = type_coerce(func.lag(ItemEvent.to_status).over(partition_by=ItemEvent.item_id, order_by=ItemEvent.id),
                         ItemEvent.to_status.type)
    steps = select(ItemEvent.id, ItemEvent.item_id, ItemEvent.from_status, ItemEvent.to_status,
                   before.label("before")).subquery()
    legal = [(a, b) for b, froms in ALLOWED_FROM.items() for a in froms]
    return (
        select(Item.code, steps.c.id, steps.c.before, steps.c.from_status, steps.c.to_status)
        .join(Item, Item.id == steps.c.item_id)
        .where(or_(
            and_(steps.c.before.is_(None),
                 or_(steps.c.from_status.is_not(None), steps.c.to_status != ItemStatus.WAITING)),
            and_(steps.c.before.is_not(None),
                 or_(steps.c.from_status.is_(None), steps.c.from_status != steps.c.before,
                     tuple_(steps.c.from_status, steps.c.to_status).not_in(legal))),
        ))
        .order_by(steps.c.item_id, steps.c.id)
        .limit(limit)
    )
