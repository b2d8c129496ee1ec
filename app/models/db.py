"""Engine and session setup: the one place that knows which database is in use.

One URL decides the engine. ``--db`` (a path or a URL) wins over ``STUDIODESK_DB``,
which wins over a SQLite file in the user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "StudioDesk"
ENV_VAR = "STUDIODESK_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "studiodesk.db"


def demo_db_path() -> Path:
    return data_dir() / "demo-studio.db"


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


def make_engine(url: URL | str, **kwargs) -> Engine:  # type: ignore[no-untyped-def]
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: results handed to the UI stay readable after the commit.
    return sessionmaker(engine, expire_on_commit=False)


def describe(url: URL) -> str:
    """Where the data is, for status bars and messages: a SQLite file's path, or the
    URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)
