"""Opening a database: schema upgrades with a verified backup, backup, restore, check.

The app and ``studiodesk-admin migrate`` both call :func:`open_database`, which
upgrades to the newest revision. For a SQLite file a copy is taken with SQLite's
online backup API and verified (SQLite's integrity check) before any upgrade; if
the upgrade fails the copy is put back, so the file is as it was.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine, Select, String, and_, column, func, inspect, or_, select, table, tuple_, type_coerce
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.pool import NullPool

from ..models import Item, ItemEvent, ItemStatus
from ..models.db import (
    foreign_key_violations, install_sqlite_file, migration_engine, recover_sqlite_file, settle_sqlite_file, sqlite_url,
    SqliteFileError, backups_dir, copy_sqlite_file, describe, integrity_problems, make_engine, replace_sqlite_file, side_files,
    sqlite_file_problem, sqlite_file_revision, sqlite_file_tables, sqlite_path,
)
from .errors import BadInput, DatabaseTooNew, MigrationFailed
from .lifecycle import ALLOWED_FROM
from .messages import Message

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
T = TypeVar("T")



def _script_location() -> str:
    """The alembic environment: app/migrations in an installed wheel, else migrations/ at the
    top of the source tree (a checkout, or an editable install of one)."""
    app_dir = Path(__file__).resolve().parents[1]
    for folder in (app_dir / "migrations", app_dir.parent / "migrations"):
        if (folder / "env.py").is_file():
            return str(folder)
    raise RuntimeError(f"StudioDesk's schema migrations are missing (looked in {app_dir} and beside it)")


SCRIPT_LOCATION = _script_location()
# The newest revision of migrations/ (tests/test_database.py checks the two agree). A database
# already there opens without loading alembic and reading every migration script: about a
# tenth of a second of every start. Update it with each new revision.
SCHEMA_HEAD = "0014"
_SHIPPED_SCRIPTS = SCRIPT_LOCATION  # SCHEMA_HEAD is the head of these (tests swap SCRIPT_LOCATION)


def at_shipped_head(revision: str | None, script_location: str | None = None) -> bool:
    """Whether ``revision`` is the newest schema of the migrations this program ships, known
    without alembic (``script_location``: the migrations in use, by default SCRIPT_LOCATION)."""
    return revision == SCHEMA_HEAD and (script_location or SCRIPT_LOCATION) == _SHIPPED_SCRIPTS
# Tables every StudioDesk database has: how a backup file is recognised.
_SIGNATURE_TABLES = {"alembic_version", "orders", "items", "item_events", "customers"}


def alembic_config(engine: Engine | None = None, script_location: str = SCRIPT_LOCATION) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", script_location)
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def script_directory(script_location: str) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location=script_location))


def head_revision(script_location: str = SCRIPT_LOCATION) -> str:
    head = script_directory(script_location).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (alembic's table, read without alembic)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = list(conn.scalars(select(column("version_num", String)).select_from(table("alembic_version"))))
    if len(versions) > 1:
        raise RuntimeError(f"the database is at several schema revisions at once: {sorted(versions)}")
    return versions[0] if versions else None


@dataclass(frozen=True)
class UpgradeReport:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.from_revision != self.to_revision


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown revision
        return False


def known_revision(revision: str | None, script_location: str = SCRIPT_LOCATION) -> bool:
    """Is ``revision`` one this StudioDesk knows (the schema of a backup it may restore)?"""
    return revision is not None and _known(script_directory(script_location), revision)


def _run_alembic(engine: Engine, script_location: str, fn: Callable[[Config], None]) -> None:
    """Run an alembic command in one transaction: all of it is kept, or none of it."""
    mig = migration_engine(engine)
    cfg = alembic_config(engine, script_location)
    try:
        with mig.begin() as conn:
            cfg.attributes["connection"] = conn
            fn(cfg)
            broken = foreign_key_violations(conn)
            if broken:
                raise RuntimeError(f"the new schema breaks {len(broken)} foreign key(s), first in {broken[0]}")
    finally:
        if mig is not engine:
            mig.dispose()


def migrate_to(engine: Engine, revision: str, *, script_location: str = SCRIPT_LOCATION) -> None:
    """Up- or downgrade to ``revision`` in one transaction (tests and hand work; the program
    itself only goes up, through :func:`upgrade`)."""
    from alembic import command

    current = current_revision(engine)
    script = script_directory(script_location)
    down = current is not None and revision != "heads" and (
        revision == "base" or revision in {r.revision for r in script.iterate_revisions(current, "base")})
    _run_alembic(engine, script_location,
                 lambda cfg: (command.downgrade if down else command.upgrade)(cfg, revision))


def _refuse_foreign(engine: Engine) -> None:
    """A database holding tables but no StudioDesk schema belongs to another program."""
    tables = sorted(inspect(engine).get_table_names())
    if tables:
        shown = ", ".join(tables[:3]) + (f" and {len(tables) - 3} more" if len(tables) > 3 else "")
        raise BadInput("{db} is not a StudioDesk database (it holds the tables {tables}); it was not changed. "
                       "Check the path.", db=describe(engine.url), tables=shown)


def upgrade(engine: Engine, *, backup_dir: Path | None = None, script_location: str = SCRIPT_LOCATION) -> UpgradeReport:
    """Bring the schema to the newest revision; refuse a database from a newer StudioDesk or
    of another program. The whole upgrade is one transaction; a SQLite file gets a verified
    backup first, put back should the file be found changed after a failure."""
    current = current_revision(engine)
    if at_shipped_head(current, script_location):
        return UpgradeReport(current, SCHEMA_HEAD, None)  # the everyday start: no alembic needed
    from alembic import command

    script = script_directory(script_location)
    head = script.get_current_head()
    assert head is not None
    if current == head:
        return UpgradeReport(current, head, None)
    if current is not None and not _known(script, current):
        raise DatabaseTooNew(
            "This database was written by a newer StudioDesk (schema {rev}). Install the newer "
            "StudioDesk to open it; nothing was changed.", rev=current,
        )
    if current is None:
        _refuse_foreign(engine)

    path = sqlite_path(engine.url)
    backup: Path | None = None
    if path is not None and current is not None and path.exists():
        backup = backup_sqlite(engine.url, backup_name(path, f"before-upgrade-{current}", backup_dir))
    try:
        _run_alembic(engine, script_location, lambda cfg: command.upgrade(cfg, "head"))
    except Exception as exc:
        log.exception("schema upgrade from %s failed", current)
        engine.dispose()
        error = (str(getattr(exc, "orig", None) or exc).splitlines() or [exc.__class__.__name__])[0]
        if backup is not None and path is not None and not _unchanged(engine, current):
            replace_sqlite_file(backup, path, check=verify_backup_file)
        if backup is not None:
            raise MigrationFailed(
                "The database could not be upgraded from schema {old} to {new}: {error}. Nothing was changed: "
                "the upgrade was undone and the database is as it was. A copy made just before is at {backup}. "
                "Keep using the StudioDesk version you had and send the log file to support.",
                old=current, new=head, error=error, backup=str(backup),
            ) from exc
        raise MigrationFailed(
            "The database could not be upgraded to schema {new}: {error}. The upgrade was undone; nothing was "
            "changed. Keep using the StudioDesk version you had and send the log file to support.",
            new=head, error=error,
        ) from exc
    log.info("schema upgraded from %s to %s", current, head)
    return UpgradeReport(current, head, backup)


def _unchanged(engine: Engine, revision: str | None) -> bool:
    """After a failed upgrade: still at ``revision`` and intact (the transaction was undone)."""
    try:
        if current_revision(engine) != revision:
            return False
        return not integrity_problems(engine, max_listed=1)
    except Exception:  # noqa: BLE001 - anything unreadable is a changed file
        return False
    finally:
        engine.dispose()


def _look_before_opening(url: URL, script_location: str) -> None:
    """Refuse a SQLite file of another program or of a newer StudioDesk before anything is
    written to it (opening it for writing would switch its journal mode)."""
    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    probe = make_engine(url, read_only=True, poolclass=NullPool)
    try:
        try:
            current = current_revision(probe)
        except OperationalError:  # e.g. a hot journal a read-only look cannot roll back: the open deals with it
            return
        if current is None:
            _refuse_foreign(probe)
        elif at_shipped_head(current, script_location):
            return
        elif not _known(script_directory(script_location), current):
            raise DatabaseTooNew(
                "This database was written by a newer StudioDesk (schema {rev}). Install the newer "
                "StudioDesk to open it; nothing was changed.", rev=current,
            )
    finally:
        probe.dispose()


def open_database(url: URL, *, backup_dir: Path | None = None, script_location: str | None = None,
                  station: str | None = None) -> tuple[Engine, UpgradeReport]:
    scripts = script_location or SCRIPT_LOCATION
    _look_before_opening(url, scripts)
    engine = make_engine(url, station=station)
    try:
        report = upgrade(engine, backup_dir=backup_dir, script_location=scripts)
    except Exception:
        engine.dispose()
        raise
    return engine, report


def backup_name(path: Path, label: str | None = None, backup_dir: Path | None = None, *,
                at: dt.datetime | None = None) -> Path:
    """Where a backup of the SQLite file ``path`` goes: ``<name>-<local time>[-<label>].db`` in
    :func:`backups_dir` (``<data>/backups`` for the default databases, else ``backups/`` beside
    the file) or in ``backup_dir``, so backups sort by time. ``at``: the moment to name it by
    (an aware time is named in this computer's local time; default now)."""
    folder = backup_dir or backups_dir(path)
    moment = dt.datetime.now() if at is None else at.astimezone() if at.tzinfo else at
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    base = f"{path.stem}-{stamp}{'-' + label if label else ''}"
    candidate = folder / f"{base}.db"
    n = 1
    while candidate.exists() or any(p.exists() for p in side_files(candidate)):
        n += 1
        candidate = folder / f"{base}-{n}.db"
    return candidate


def _cleanup(partial: Path) -> None:
    for leftover in [partial, Path(str(partial) + "-journal"), *side_files(partial)]:
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", leftover)


def _os_error(exc: OSError) -> str:
    return f"{exc.strerror or exc}"


def backup_sqlite(url: URL, target: Path, *, force: bool = False) -> Path:
    """Copy a live SQLite database with the online backup API and verify the copy.

    ``target`` naming a folder gets a dated file inside it. An existing file (or a stale
    -wal/-shm beside the name) is replaced only with ``force``. The copy is written beside
    the target, verified, synced and renamed into place: a failure leaves nothing behind.
    """
    source = sqlite_path(url)
    if source is None:
        raise BadInput("Backups are made of SQLite files; for PostgreSQL use pg_dump.")
    if source.is_dir():
        raise BadInput("{path} is a folder, not a database file. Give the database file's path.", path=str(source))
    recover_sqlite_file(source)
    if not source.exists():
        raise BadInput("There is no database file at {path}.", path=str(source))
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        target = backup_name(source, backup_dir=target)
    if target.resolve() == source.resolve():
        raise BadInput("A backup cannot be written over the database itself ({path}). Choose another name.",
                       path=str(target))
    stale = [p for p in side_files(target) if p.exists()]
    if (target.exists() or stale) and not force:
        raise BadInput("{path} already exists; nothing was written. Choose another name, or add --force to "
                       "replace it.", path=str(target if target.exists() else stale[0]))
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _cleanup(partial)
        copy_sqlite_file(source, partial)
        problem = verify_backup_file(partial)
        if problem:
            _cleanup(partial)
            raise MigrationFailed("The backup copy failed its check ({problem}); nothing was changed.",
                                  problem=problem)
        for side in side_files(target):  # a stale log would be applied to the new copy
            side.unlink(missing_ok=True)
        os.replace(partial, target)
    except SqliteFileError as exc:
        _cleanup(partial)
        raise BadInput("{path} could not be read as a SQLite database ({error}); no backup was written.",
                       path=str(source), error=str(exc)) from None
    except OSError as exc:
        _cleanup(partial)
        raise BadInput("The backup could not be written to {path} ({error}); nothing was written. Choose "
                       "another folder or free some space, then try again.",
                       path=str(target), error=_os_error(exc)) from None
    return target


def verify_backup_file(path: Path, *, quick: bool = False) -> str | None:
    """None when ``path`` is an intact StudioDesk database, else what is wrong. ``quick``: only
    that it is a SQLite file holding StudioDesk's tables, without reading every page (a
    preview of a large backup; the restore checks it all)."""
    if quick:
        if not path.is_file():
            return f"{path} is not a file"
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return f"{path.name} is not a SQLite database"
    else:
        problem = sqlite_file_problem(path)
        if problem:
            return problem
    if not _SIGNATURE_TABLES <= sqlite_file_tables(path):
        return f"{path.name} is not a StudioDesk backup"
    return None


def restore_sqlite(url: URL, backup: Path, *, script_location: str = SCRIPT_LOCATION) -> Path | None:
    """Replace the database with a verified backup; the current file is kept aside first.

    Returns where the replaced file was kept (None when there was none). The backup is
    copied and checked beside the database before the database (with its -wal/-shm) is
    touched; any failure leaves the database as it was.
    """
    target = sqlite_path(url)
    if target is None:
        raise BadInput("Restore works on SQLite files; for PostgreSQL use pg_restore.")
    if target.is_dir():
        raise BadInput("{path} is a folder, not a database file. Give the database file's path.", path=str(target))
    recover_sqlite_file(target)
    backup = Path(backup)
    problem = verify_backup_file(backup)
    if problem:
        raise BadInput("Not restored: {problem}. The database was not touched.", problem=problem)
    revision = sqlite_file_revision(backup)
    script = script_directory(script_location)
    if revision is None or not _known(script, revision):
        raise DatabaseTooNew("Not restored: {path} was made by a newer StudioDesk (schema {rev}). Install that "
                             "version to restore it; the database was not touched.",
                             path=str(backup), rev=str(revision))
    kept: Path | None = None
    if target.exists():
        kept = backup_sqlite(url, backup_name(target, "before-restore"))
    try:
        replace_sqlite_file(backup, target, check=verify_backup_file)
    except SqliteFileError as exc:
        raise BadInput("Not restored: {problem}. The database was not touched.", problem=str(exc)) from None
    except OSError as exc:
        raise BadInput("Not restored: {error} ({path}). The database is as it was; free some space or check "
                       "the folder, then try again.", error=_os_error(exc), path=str(exc.filename or target)) from None
    return kept


def build_sqlite_file(path: Path, build: Callable[[Engine], T], *, keep_label: str = "before-demo") -> tuple[T, Path | None]:
    """Make a new database at ``path`` with ``build`` (given the upgraded engine), written
    beside it (``.building``), checked and renamed into place when complete; a build killed
    half-way leaves no database at ``path``. An existing file is first kept as a verified
    backup. Returns what ``build`` returned and where the replaced file was kept."""
    path = Path(path)
    partial = path.with_name(path.name + ".building")
    _cleanup(partial)
    recover_sqlite_file(path)
    try:
        engine, _ = open_database(sqlite_url(partial))
        try:
            result = build(engine)
        finally:
            engine.dispose()
        settle_sqlite_file(partial)
        problem = verify_backup_file(partial)
        if problem:
            raise MigrationFailed("The new database failed its check ({problem}); nothing was changed.",
                                  problem=problem)
        kept = backup_sqlite(sqlite_url(path), backup_name(path, keep_label)) if path.exists() else None
        install_sqlite_file(partial, path)
    except OSError as exc:
        _cleanup(partial)
        raise BadInput("The database could not be written at {path} ({error}); nothing was changed. Choose "
                       "another folder or free some space, then try again.",
                       path=str(path), error=_os_error(exc)) from None
    except BaseException:
        _cleanup(partial)
        raise
    return result, kept


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


# --- the first start: a new studio's folder, a shared server's connection test -----------------

CONNECT_TIMEOUT_S = 5
NEW_STUDIO_FILE = "studiodesk.db"


class ConnectionProblem(enum.StrEnum):
    """Why a connection test failed (the welcome dialog says each in its own words)."""

    BAD_ADDRESS = "bad_address"  # not a database URL, or a field missing
    UNKNOWN_HOST = "unknown_host"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    WRONG_PASSWORD = "wrong_password"
    NO_DATABASE = "no_database"
    NOT_STUDIODESK = "not_studiodesk"  # the database holds another program's tables
    TOO_NEW = "too_new"  # written by a newer StudioDesk
    OTHER = "other"


class SchemaState(enum.StrEnum):
    CURRENT = "current"
    OLDER = "older"  # upgraded when StudioDesk opens it
    EMPTY = "empty"  # set up when StudioDesk opens it


@dataclass(frozen=True)
class ConnectionTest:
    """What :func:`test_connection` found: usable or not, the server's version, the state of
    the schema, or the kind of problem with the driver's first line (no password in it)."""

    ok: bool
    message: Message
    problem: ConnectionProblem | None = None
    server_version: str | None = None
    schema: SchemaState | None = None
    revision: str | None = None
    detail: str = ""


# The driver's words for each problem (libpq's, in English: a server set to answer in
# another language gives OTHER, shown with the server's own words).
_UNKNOWN_HOST_WORDS = ("could not translate host name", "name or service not known", "nodename nor servname",
                       "no such host", "temporary failure in name resolution", "failed to resolve host")


def classify_connection_error(detail: str) -> ConnectionProblem:
    """The kind of a failed connection from the driver's message."""
    text = detail.lower()
    if ("password authentication failed" in text or "no password supplied" in text
            or ("role \"" in text and "does not exist" in text)):
        return ConnectionProblem.WRONG_PASSWORD
    if "database \"" in text and "does not exist" in text:
        return ConnectionProblem.NO_DATABASE
    if "timeout expired" in text or "timed out" in text:
        return ConnectionProblem.TIMEOUT
    if "connection refused" in text or "actively refused" in text:
        return ConnectionProblem.REFUSED
    if any(words in text for words in _UNKNOWN_HOST_WORDS):
        return ConnectionProblem.UNKNOWN_HOST
    return ConnectionProblem.OTHER


# What the welcome dialog says for each problem (templates; translated where shown).
CONNECTION_PROBLEM_TEXT = {
    ConnectionProblem.BAD_ADDRESS: "This is not a database address StudioDesk can use: {error}",
    ConnectionProblem.UNKNOWN_HOST: "The server name {host} is not known on this network. Check the address.",
    ConnectionProblem.REFUSED: "The server {host}:{port} refused the connection. Check that PostgreSQL runs "
                               "there and accepts connections from this PC, and the port.",
    ConnectionProblem.TIMEOUT: "No answer from {host}:{port} within {seconds} seconds. Check the address, the "
                               "network and the firewall.",
    ConnectionProblem.WRONG_PASSWORD: "The server refused the user name or password ({user}). Check both and "
                                      "try again.",
    ConnectionProblem.NO_DATABASE: "The server {host} has no database named {database}. Check the name, or "
                                   "ask whoever set up the server to create it.",
    ConnectionProblem.OTHER: "The connection failed: {error}",
}


def _failed(problem: ConnectionProblem, url: URL | None, detail: str = "") -> ConnectionTest:
    host = (url.host if url is not None else None) or "localhost"
    port = (url.port if url is not None else None) or 5432
    params: dict[str, object] = {"host": host, "port": port, "user": (url.username if url else None) or "",
                                 "database": (url.database if url else None) or "", "seconds": CONNECT_TIMEOUT_S,
                                 "error": detail}
    used = {k: v for k, v in params.items() if "{" + k + "}" in CONNECTION_PROBLEM_TEXT[problem]}
    return ConnectionTest(False, Message(CONNECTION_PROBLEM_TEXT[problem], used), problem, detail=detail)


def test_connection(url: URL | str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> ConnectionTest:
    """Try a database address once (``timeout_s`` to connect): the server's version and whether
    the database is StudioDesk's and current, or the kind of problem. Never raises for trouble
    with the address, the network or the server; nothing is written."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from ..models.db import hide_passwords, resolve_url, server_version

    try:
        url = resolve_url(url) if isinstance(url, str) else url
        if url.get_backend_name() == "postgresql" and not (url.host and url.database):
            raise ArgumentError("a PostgreSQL address needs a server and a database name")
        make_url(url)
    except (ArgumentError, ValueError) as exc:
        return _failed(ConnectionProblem.BAD_ADDRESS, None, hide_passwords(str(exc)))
    connect_args = {"connect_timeout": timeout_s} if url.get_backend_name() == "postgresql" else {}
    try:
        engine = make_engine(url, poolclass=NullPool, read_only=True, connect_args=connect_args)
    except ArgumentError as exc:  # an unknown kind of database
        return _failed(ConnectionProblem.BAD_ADDRESS, None, hide_passwords(str(exc)))
    except Exception as exc:  # noqa: BLE001 - an unloadable driver or an unusable path
        return _failed(ConnectionProblem.OTHER, url, hide_passwords(str(exc).splitlines()[0] if str(exc) else ""))
    try:
        server = server_version(engine)
        revision = current_revision(engine)
        tables = inspect(engine).get_table_names() if revision is None else []
    except DBAPIError as exc:
        detail = hide_passwords((str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0])
        log.info("connection test of %s failed: %s", describe(url), detail)
        return _failed(classify_connection_error(str(exc.orig or exc)), url, detail)
    except OSError as exc:
        return _failed(ConnectionProblem.OTHER, url, hide_passwords(str(exc)))
    except ValueError as exc:  # a server name no resolver takes ("studio..local", a label over 63 letters)
        log.info("connection test of %s: %s", describe(url), exc)
        return _failed(ConnectionProblem.UNKNOWN_HOST, url, hide_passwords(str(exc)))
    finally:
        engine.dispose()
    if revision is None and tables:
        return ConnectionTest(False, Message(
            "Connected to {server}, but {database} is not a StudioDesk database (it holds other tables). Check the "
            "database name.", {"server": server, "database": url.database or ""}),
            ConnectionProblem.NOT_STUDIODESK, server)
    if revision is None:
        return ConnectionTest(True, Message(
            "Connected to {server}. The database is empty: StudioDesk sets it up when it opens it, and you then "
            "create the studio.", {"server": server}), None, server, SchemaState.EMPTY)
    if at_shipped_head(revision) or revision == SCHEMA_HEAD:
        return ConnectionTest(True, Message("Connected to {server}. The database holds a StudioDesk studio, up to "
                                            "date.", {"server": server}), None, server, SchemaState.CURRENT, revision)
    if not known_revision(revision):
        return ConnectionTest(False, Message(
            "Connected to {server}, but the database was written by a newer StudioDesk (schema {rev}). Install the "
            "newer StudioDesk on this PC.", {"server": server, "rev": revision}),
            ConnectionProblem.TOO_NEW, server, None, revision)
    return ConnectionTest(True, Message(
        "Connected to {server}. The database holds a StudioDesk studio of an older version (schema {rev}); it is "
        "upgraded when StudioDesk opens it.", {"server": server, "rev": revision}),
        None, server, SchemaState.OLDER, revision)


def check_new_studio_folder(folder: str | Path) -> Path:
    """The database file a new studio gets in ``folder`` (created when missing), after making
    sure a file can be written there; refuses a folder that cannot be written. Nothing is
    left behind by the check."""
    text = str(folder).strip()
    if not text:
        raise BadInput("Choose a folder for the new studio.")
    where = Path(text).expanduser().absolute()
    probe = where / ".studiodesk-write-test"
    try:
        if where.exists() and not where.is_dir():
            raise NotADirectoryError(20, "Not a directory", str(where))
        where.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise BadInput("The folder {folder} cannot be used ({error}). Choose another folder.",
                       folder=str(where), error=_os_error(exc)) from None
    path = where / NEW_STUDIO_FILE
    if path.is_dir():
        raise BadInput("{path} is a folder, not a database file. Choose another folder.", path=str(path))
    return path
