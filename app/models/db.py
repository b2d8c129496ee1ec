"""Engine and session setup: the one place that knows which database is in use.

Everything that is said differently to SQLite and PostgreSQL (PRAGMAs, ON CONFLICT,
sequences, SQLite's file copies and checks) is a function here, so the services
stay portable.

One URL decides the engine. ``--db`` (a path or a URL) wins over ``STUDIODESK_DB``,
which wins over a SQLite file in the user data directory.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import platformdirs
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

APP_NAME = "StudioDesk"
ENV_VAR = "STUDIODESK_DB"
# Every PostgreSQL connection is named "StudioDesk <station>" (pg_stat_activity.application_name).
APPLICATION_NAME_PREFIX = "StudioDesk"
# A PostgreSQL server that stops answering (its PC switched off, a cable pulled) is given up on
# within seconds, so a call says "cannot be reached" instead of freezing the window: libpq
# waits for ever to connect by default, and the system notices a dead peer after ~15 minutes.
CONNECT_TIMEOUT_S = 5
DEAD_PEER = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3,
             "tcp_user_timeout": 15_000}  # ms: data unacknowledged that long ends the connection (Linux)


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


def _sqlite_migration_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """A schema upgrade's connection: foreign keys off (alembic's batch mode rebuilds tables,
    which ON would refuse or cascade), and transactions left to SQLAlchemy (the driver would
    otherwise commit each DDL statement on its own, half-applying a revision)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def file_uri(path: Path, **query: str) -> str:
    """A SQLite URI for ``path`` with every special character escaped (``#``, ``?``, ``%``,
    spaces, Chinese): ``studio%41.db`` names that file, never ``studioA.db``."""
    uri = Path(path).expanduser().absolute().as_uri()
    return uri + ("?" + urlencode(query) if query else "")


def make_engine(url: URL | str, *, read_only: bool = False, migrating: bool = False, station: str | None = None,
                **kwargs) -> Engine:  # type: ignore[no-untyped-def]
    """The engine for ``url``. ``read_only``: a SQLite file is opened read-only and nothing is
    written to it (no journal-mode switch either; for check and labels). ``migrating``: the
    connection a schema upgrade runs on (see :func:`_sqlite_migration_pragmas`). PostgreSQL
    connections are named ``StudioDesk <station>`` (default: the host name) so ``migrate``
    can tell who else is connected."""
    url = make_url(url) if isinstance(url, str) else url
    # A failed statement's values (customers' names and phones, PIN hashes) never go into the
    # error's text: it reaches the log and crash reports that are sent out of the studio.
    kwargs.setdefault("hide_parameters", True)
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if read_only and path is not None:
            uri = file_uri(path, mode="ro")
            engine = create_engine(url, creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                                   **kwargs)
            event.listen(engine, "connect", _sqlite_read_only_pragmas)
            return engine
        if path is not None:
            if path.is_dir():
                raise SqliteFileError(f"{path} is a folder, not a database file")
            path.parent.mkdir(parents=True, exist_ok=True)
            recover_sqlite_file(path)
        engine = create_engine(url, **kwargs)
        if migrating:
            event.listen(engine, "connect", _sqlite_migration_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if read_only:
        kwargs.setdefault("execution_options", {"postgresql_readonly": True})
    if url.get_backend_name() == "postgresql":
        connect_args = dict(kwargs.pop("connect_args", None) or {})
        connect_args.setdefault("application_name", application_name(station))
        connect_args.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        for name, value in DEAD_PEER.items():
            connect_args.setdefault(name, value)
        kwargs["connect_args"] = connect_args
    return create_engine(url, **kwargs)


def migration_engine(engine: Engine) -> Engine:
    """The engine a schema change runs on: on SQLite one whose connection leaves every
    statement, DDL too, to one transaction, with foreign keys off (see make_engine);
    PostgreSQL's DDL is transactional already, so its engine serves as it is."""
    if engine.dialect.name == "sqlite":
        return make_engine(engine.url, migrating=True, poolclass=NullPool)
    return engine


def begin_outer_transaction(conn: Connection) -> None:
    """Start the connection's transaction in the database now, so that SAVEPOINTs nest inside
    it. pysqlite sends BEGIN only before the first INSERT/UPDATE/DELETE: a SAVEPOINT before
    that would itself start the transaction, and its RELEASE would commit everything. On
    SQLite this takes the write lock at once (BEGIN IMMEDIATE); PostgreSQL needs nothing."""
    if conn.dialect.name != "sqlite":
        return
    dbapi = conn.connection.dbapi_connection
    if dbapi is not None and not dbapi.in_transaction:  # type: ignore[attr-defined]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def foreign_key_violations(conn: Connection) -> list[str]:
    """Tables holding rows whose foreign key points nowhere (SQLite; PostgreSQL enforces them)."""
    if conn.dialect.name != "sqlite":
        return []
    return [str(r[0]) for r in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()]


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: results handed to the UI stay readable after the commit.
    return sessionmaker(engine, expire_on_commit=False)


# A password inside a URL (``scheme://user:secret@host``) or a libpq/query parameter
# (``password=secret``): what :func:`hide_passwords` blanks out of logs and crash reports.
_URL_PASSWORD = re.compile(r"(\b[a-zA-Z][\w+.-]*://[^\s:/@]*:)[^\s@/]*(@)")
_PARAM_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*)('[^']*'|\"[^\"]*\"|[^\s&;,]+)")


def hide_passwords(text: str) -> str:
    """``text`` with every database password replaced by ``***`` (for logs and crash reports)."""
    return _PARAM_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***\2", text))


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


def insert_many_unless_present(session: Session, table: Any, rows: Sequence[Mapping[str, Any]],
                               key: Iterable[str]) -> None:
    """:func:`insert_unless_present` for many rows (all with the same columns), one statement
    executed for all of them: a row whose ``key`` exists already is left out."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).on_conflict_do_nothing(index_elements=list(key)), [dict(r) for r in rows])


def after_explicit_ids(conn: Connection, last_ids: Mapping[str, int]) -> None:
    """Rows were inserted with ids given explicitly (bulk loads): move PostgreSQL's id
    sequences past them so the next ordinary insert does not collide. SQLite needs nothing."""
    if conn.dialect.name != "postgresql":
        return
    for table, last in last_ids.items():
        conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {int(last)})")


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]], *, chunk: int = 50_000) -> None:
    """INSERT many rows of plain values (every row with the keys of the first), in chunks.

    On SQLite the statement is compiled once and the column types' own bind processors
    turn each row into a tuple for the driver's executemany: SQLAlchemy's per-row parameter
    bookkeeping costs more than SQLite's insert itself when a demo writes millions of rows.
    Elsewhere it is SQLAlchemy's ordinary executemany."""
    if not rows:
        return
    parts = range(0, len(rows), chunk)
    if conn.dialect.name != "sqlite":
        for start in parts:
            conn.execute(table.insert(), list(rows[start:start + chunk]))
        return
    compiled = table.insert().compile(dialect=conn.dialect, column_keys=list(rows[0]))
    keys = list(compiled.positiontup or ())  # a plain INSERT binds each column under its own key
    # Columns the rows leave out but the INSERT names: their Python-side scalar default.
    missing = {k: table.c[k].default for k in keys if k not in rows[0]}
    if any(d is None or not d.is_scalar for d in missing.values()):
        raise ValueError(f"bulk_insert into {table.name}: no value for {sorted(missing)}")
    if missing:
        fixed = {k: d.arg for k, d in missing.items()}  # type: ignore[union-attr]
        rows = [{**fixed, **r} for r in rows]
    processors = [table.c[k].type._cached_bind_processor(conn.dialect) for k in keys]
    if all(p is None for p in processors):
        make = lambda r: tuple([r[k] for k in keys])  # noqa: E731
    else:
        pairs = list(zip(keys, processors))
        make = lambda r: tuple([r[k] if p is None else p(r[k]) for k, p in pairs])  # noqa: E731
    sql = str(compiled)
    for start in parts:
        conn.exec_driver_sql(sql, [make(r) for r in rows[start:start + chunk]])


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


def server_version(engine: Engine) -> str:
    """The database server's kind and version (``PostgreSQL 16.4``, ``SQLite 3.45.1``); connects once."""
    with engine.connect() as conn:
        version = ".".join(str(v) for v in (conn.dialect.server_version_info or ()))
    kind = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(engine.dialect.name, engine.dialect.name)
    return f"{kind} {version}".strip()


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
#
# Every file written here is written beside its final name, checked, synced and renamed into
# place; an old file is moved aside (with its -wal and -shm, as one) only once the new one is
# complete, so a kill or a full disk at any moment leaves the old state or the new one.

SIDE_FILES = ("-wal", "-shm")


class SqliteFileError(Exception):
    """A file SQLite cannot read or write as a database; the message says why."""


def side_files(path: Path) -> list[Path]:
    """The write-ahead log and shared-memory index beside ``path`` (existing or not)."""
    return [Path(str(path) + suffix) for suffix in SIDE_FILES]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not every system opens folders (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_sqlite_file(source: Path, target: Path) -> None:
    """Copy a live SQLite file with the online backup API (consistent while others write)
    into ``target`` as one self-contained, synced file (no WAL beside it). Reading the source
    writes nothing to it. An unwritable target raises OSError; an unreadable source
    SqliteFileError."""
    try:
        src = sqlite3.connect(file_uri(source, mode="ro"), uri=True)
    except sqlite3.Error as exc:
        raise SqliteFileError(str(exc)) from None
    try:
        try:
            dst = sqlite3.connect(file_uri(target), uri=True)
        except sqlite3.Error as exc:
            raise OSError(errno.EACCES, f"cannot write ({exc})", str(target)) from None
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "full" in text or "readonly" in text or "unable to open" in text or "disk I/O" in text:
                raise OSError(errno.ENOSPC if "full" in text else errno.EIO, text, str(target)) from None
            raise SqliteFileError(text) from None
        except sqlite3.Error as exc:
            raise SqliteFileError(str(exc)) from None
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(target)


def sqlite_file_problem(path: Path) -> str | None:
    """None when ``path`` is an intact SQLite database file, else what is wrong with it."""
    if not path.is_file():
        return f"{path} is not a file"
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return f"{path.name} is not a SQLite database"
    try:
        conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
    except sqlite3.Error as exc:
        return f"{path.name}: {exc}"
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return None if result == "ok" else f"integrity check: {result}"
    except sqlite3.DatabaseError as exc:
        return f"{path.name}: {exc}"
    finally:
        conn.close()


def sqlite_file_tables(path: Path) -> set[str]:
    """The tables of an intact SQLite file (see :func:`sqlite_file_problem`)."""
    try:
        conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return set()
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return set()
    finally:
        conn.close()


def sqlite_file_revision(path: Path) -> str | None:
    """The schema revision recorded in a SQLite file (alembic_version), or None."""
    try:
        conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def move_aside(path: Path, aside: Path) -> list[tuple[Path, Path]]:
    """Rename ``path`` and its -wal/-shm to ``aside`` (and its -wal/-shm) as a unit: on an
    error the ones already moved go back. Returns the moves made, for :func:`move_back`."""
    moves: list[tuple[Path, Path]] = []
    try:
        for src, dst in [(path, aside), *zip(side_files(path), side_files(aside), strict=True)]:
            if src.exists():
                os.replace(src, dst)
                moves.append((src, dst))
    except OSError:
        move_back(moves)
        raise
    return moves


def move_back(moves: list[tuple[Path, Path]]) -> None:
    for src, dst in reversed(moves):
        os.replace(dst, src)


def replace_sqlite_file(copy_from: Path, target: Path, *, check: Callable[[Path], str | None] | None = None) -> None:
    """Put a copy of the SQLite file ``copy_from`` in place of ``target``.

    The copy is written beside the target and verified (``check``, else SQLite's integrity
    check); only then are the old file and its -wal/-shm moved aside as one, the copy renamed
    into place and the old ones removed. Any OSError on the way leaves the old file with its
    WAL as they were and no partial file. Nobody may have ``target`` open meanwhile.
    """
    target = Path(target)
    partial = restoring_name(target)
    recover_sqlite_file(target)
    try:
        copy_sqlite_file(Path(copy_from), partial)
        problem = (check or sqlite_file_problem)(partial)
        if problem:
            raise SqliteFileError(problem)
    except BaseException:
        for leftover in [partial, Path(str(partial) + "-journal"), *side_files(partial)]:
            leftover.unlink(missing_ok=True)
        raise
    try:
        install_sqlite_file(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def restoring_name(target: Path) -> Path:
    return target.with_name(target.name + ".restoring")


def aside_name(target: Path) -> Path:
    return target.with_name(target.name + ".replaced")


def recover_sqlite_file(target: Path) -> None:
    """Finish what a replacement killed half-way left: with no file at ``target`` the old one
    (and its -wal/-shm) moved aside goes back; with the new one in place the old ones go."""
    partial = restoring_name(target)
    for leftover in [partial, Path(str(partial) + "-journal"), *side_files(partial)]:
        if leftover.exists():
            leftover.unlink()
    aside = aside_name(target)
    if not aside.exists() and not any(p.exists() for p in side_files(aside)):
        return
    if target.exists():
        for leftover in [aside, *side_files(aside)]:
            leftover.unlink(missing_ok=True)
        return
    for src, dst in [(aside, target), *zip(side_files(aside), side_files(target), strict=True)]:
        if src.exists():
            os.replace(src, dst)


def settle_sqlite_file(path: Path) -> None:
    """Fold a closed database's write-ahead log into the file and leave it one synced,
    self-contained file (journal mode DELETE, no -wal/-shm)."""
    conn = sqlite3.connect(file_uri(path), uri=True)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError as exc:
        raise OSError(errno.EIO, str(exc), str(path)) from None
    finally:
        conn.close()
    _fsync(path)


def install_sqlite_file(new: Path, target: Path) -> None:
    """Rename the complete, checked file ``new`` to ``target``: the old file and its -wal/-shm
    are moved aside as one, the new file renamed into place, and only then the old ones
    removed. An OSError on the way puts the old ones back."""
    aside = aside_name(target)
    moves = move_aside(target, aside)
    try:
        os.replace(new, target)
    except BaseException:
        move_back(moves)
        raise
    _fsync_dir(target.parent)
    for _src, dst in moves:
        dst.unlink(missing_ok=True)
