"""Engine and session setup: the one place that knows which database is in use.

Everything that is said differently to SQLite and PostgreSQL (PRAGMAs, ON CONFLICT,
sequences, SQLite's file copies and checks) is a function here, so the services
stay portable.

One URL decides the engine. ``--db`` (a path or a URL) wins over ``STUDIODESK_DB``,
which wins over a SQLite file in the user data directory.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "StudioDesk"
ENV_VAR = "STUDIODESK_DB"
# Every PostgreSQL connection is named "StudioDesk <station>" (pg_stat_activity.application_name).
APPLICATION_NAME_PREFIX = "StudioDesk"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


# The database lives in a folder of its own: nothing but its SQLite connections may open the
# file or its -wal/-shm (a file dialog that reads them to guess their type makes the program
# lose its SQLite locks on POSIX). Backups go to a folder beside it.
def default_db_path() -> Path:
    return data_dir() / "db" / "studiodesk.db"


def demo_db_path() -> Path:
    return data_dir() / "demo" / "demo-studio.db"


def former_default_paths() -> dict[Path, Path]:
    """Where the default files were before they got folders of their own: new -> old."""
    return {default_db_path(): data_dir() / "studiodesk.db", demo_db_path(): data_dir() / "demo-studio.db"}


def backups_dir(db: Path) -> Path:
    """Where backups of the SQLite file ``db`` go: ``<data>/backups`` for the default and
    demo databases, else a ``backups`` folder beside the file."""
    db = Path(db)
    if db.parent in (default_db_path().parent, demo_db_path().parent):
        return data_dir() / "backups"
    return db.parent / "backups"


def application_name(station: str | None = None) -> str:
    return f"{APPLICATION_NAME_PREFIX} {station or socket.gethostname()}"[:63]


def resolve_url(db: str | os.PathLike[str] | None = None) -> URL:
    """Turn ``--db`` (path or URL), the environment, or the default into a URL."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or None
    if value is None:
        return sqlite_url(default_db_path())
    if "://" in value:
        url = make_url(value)
        if url.drivername == "postgresql":  # psycopg 3 is the driver we ship
            url = url.set(drivername="postgresql+psycopg")
        return url
    return sqlite_url(Path(value))


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(Path(path).expanduser().absolute()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and memory."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    # WAL: readers (the pickup screen) never wait for a writer (a send-out batch).
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL (not NORMAL): in WAL mode NORMAL may lose the last commits on power loss;
    # a scan the screen reported as done must survive a power cut, so every commit syncs.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Another station or a backup holding the write lock: wait up to 10 s, don't fail.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: URL | str, *, station: str | None = None, **kwargs) -> Engine:  # type: ignore[no-untyped-def]
    """The engine for ``url``; PostgreSQL connections are named ``StudioDesk <station>``
    (default: the host name) so ``migrate`` can tell who else is connected."""
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if url.get_backend_name() == "postgresql":
        connect_args = dict(kwargs.pop("connect_args", None) or {})
        connect_args.setdefault("application_name", application_name(station))
        kwargs["connect_args"] = connect_args
    return create_engine(url, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: results handed to the UI stay readable after the commit.
    return sessionmaker(engine, expire_on_commit=False)


def describe(url: URL) -> str:
    """Where the data is, for status bars and messages: a SQLite file's path, or the
    URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


# --- statements that differ between the databases --------------------------------------


def insert_unless_present(session: Session, table: Any, values: Mapping[str, Any], key: Iterable[str]) -> None:
    """INSERT a row into ``table`` (a Table or a mapped class) unless one with the same
    ``key`` columns exists (ON CONFLICT DO NOTHING), inside the caller's transaction."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).values(**values).on_conflict_do_nothing(index_elements=list(key)))


def after_explicit_ids(conn: Connection, last_ids: Mapping[str, int]) -> None:
    """Rows were inserted with ids given explicitly (bulk loads): move PostgreSQL's id
    sequences past them so the next ordinary insert does not collide. SQLite needs nothing."""
    if conn.dialect.name != "postgresql":
        return
    for table, last in last_ids.items():
        conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {int(last)})")


def other_studiodesk_connections(engine: Engine) -> list[str]:
    """The other StudioDesk connections to this PostgreSQL database (named by
    :func:`make_engine`), as ``<application_name> (<client>, PID <pid>)``; empty for
    SQLite, whose files are watched by ``services/station_lock.py``."""
    if engine.dialect.name != "postgresql":
        return []
    query = text(
        "SELECT application_name, coalesce(client_hostname, host(client_addr), 'local'), pid "
        "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND application_name LIKE :prefix ORDER BY application_name, pid"
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"prefix": APPLICATION_NAME_PREFIX + "%"}).all()
    return [f"{name} ({client}, PID {pid})" for name, client, pid in rows]


def refresh_statistics(engine: Engine) -> None:
    """Let the query planner see a freshly filled database (after a bulk load)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")


def integrity_problems(engine: Engine, *, max_listed: int = 50) -> list[str]:
    """What the database's own checks find wrong: SQLite's integrity and foreign key checks
    (a PostgreSQL server keeps both itself, so nothing is listed there)."""
    if engine.dialect.name != "sqlite":
        return []
    problems: list[str] = []
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems.extend(f"integrity: {r}" for r in rows)
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems.extend(f"foreign key: {r[0]} row {r[1]} -> {r[2]}" for r in fk[:max_listed])
    return problems


# --- SQLite files: copies, checks, replacement ------------------------------------------


class SqliteFileError(Exception):
    """A file SQLite cannot read or write as a database; the message says why."""


def copy_sqlite_file(source: Path, target: Path) -> None:
    """Copy a live SQLite file with the online backup API (consistent while others write)
    into ``target`` as one self-contained file (no WAL beside it)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise SqliteFileError(str(exc)) from None
    finally:
        dst.close()
        src.close()


def sqlite_file_problem(path: Path) -> str | None:
    """None when ``path`` is an intact SQLite database file, else what is wrong with it."""
    if not path.is_file():
        return f"{path} is not a file"
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return f"{path.name} is not a SQLite database"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return None if result == "ok" else f"integrity check: {result}"
    except sqlite3.DatabaseError as exc:
        return f"{path.name}: {exc}"
    finally:
        conn.close()


def sqlite_file_tables(path: Path) -> set[str]:
    """The tables of an intact SQLite file (see :func:`sqlite_file_problem`)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return set()
    finally:
        conn.close()


def replace_sqlite_file(copy_from: Path, target: Path) -> None:
    """Put a copy of ``copy_from`` in place of the SQLite file ``target``: the old file's
    write-ahead log goes first (it belongs to the old file), the copy is written beside
    the target and renamed over it."""
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(copy_from, partial)
    partial.replace(target)
