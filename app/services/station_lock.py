"""Who has a SQLite database open: a lock file beside it, held by every running program.

Every window that opens a SQLite file holds, for its whole run, a lock on a file of its own in
``<db>.stations/`` naming its station, host and process id. Commands that replace or rewrite
the file under the programs' feet (``restore``, ``demo --force``, ``migrate``) take
``<db>.lock`` and then look at the station files: a station file whose lock is held belongs
to a running program, so the command refuses and names it; one whose lock is free was left by
a program that died (kill -9, power cut) and is removed. The kernel releases a dead process's
locks, so a crash never blocks anyone.

A program starting up takes ``<db>.lock`` for a moment before it locks its station file, so it
waits while a command holds it and cannot slip in between the command's look and its work.

The locks are ``flock`` on POSIX (tied to the open file, not the process: another handle on
the same file closing elsewhere in the program does not release it) and one byte far past the
end of the file with ``msvcrt.locking`` on Windows.

On PostgreSQL every connection carries ``application_name`` ``StudioDesk <station>``
(:func:`app.models.db.make_engine`); :func:`app.models.db.other_studiodesk_connections`
lists the others.
"""

from __future__ import annotations

import os
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from ..models.db import former_default_paths, other_studiodesk_connections
from .errors import DatabaseInUse
from .messages import phrases

HOLDER_TEXT = phrases({"unknown": "another program"})

LOCK_SUFFIX = ".lock"
STATIONS_SUFFIX = ".stations"
_WINDOWS_LOCK_OFFSET = 0x7FFF0000  # far past the text, so the text stays readable while locked


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + LOCK_SUFFIX)


def stations_dir(db: Path) -> Path:
    return db.with_name(db.name + STATIONS_SUFFIX)


@dataclass(frozen=True)
class Holder:
    station: str
    host: str
    pid: int

    def __str__(self) -> str:
        return f"{self.station} ({self.host}, PID {self.pid})"  # no words: shown as it is in any language

    def line(self) -> str:
        return f"{self.station}\t{self.host}\t{self.pid}\n"

    @classmethod
    def parse(cls, line: str) -> Holder | None:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3 or not parts[2].isdigit():
            return None
        return cls(parts[0], parts[1], int(parts[2]))


def _me(station: str) -> Holder:
    return Holder(" ".join(station.split()) or "?", socket.gethostname(), os.getpid())


class _LockedFile:
    """An open file with an exclusive lock that is either taken now or not at all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        self.locked = False

    def try_lock(self) -> bool:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            os.lseek(self.fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(self.fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                return False
        else:
            import fcntl

            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # BlockingIOError: held by another open file
                return False
        self.locked = True
        return True

    def write(self, text_: str) -> None:
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        os.write(self.fd, text_.encode("utf-8"))

    def read(self) -> str:
        os.lseek(self.fd, 0, os.SEEK_SET)
        return os.read(self.fd, 4096).decode("utf-8", "replace")

    def close(self) -> None:
        if self.fd < 0:
            return
        if self.locked:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                os.lseek(self.fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.fd, fcntl.LOCK_UN)
            self.locked = False
        os.close(self.fd)
        self.fd = -1


def _take(path: Path, wait: float) -> _LockedFile | None:
    """``path`` opened and locked within ``wait`` seconds, else None."""
    deadline = time.monotonic() + wait
    while True:
        handle = _LockedFile(path)
        if handle.try_lock():
            return handle
        handle.close()
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.05)


def _command_holding(lock: Path) -> list[Holder]:
    try:
        text_ = lock.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = Holder.parse(text_.splitlines()[0]) if text_.strip() else None  # empty: a program starting
    return [found] if found else []


def _live_stations(db: Path) -> list[Holder]:
    """The programs that hold their station file now; files of dead ones are removed.
    Call while holding ``<db>.lock`` (nobody can start meanwhile)."""
    folder = stations_dir(db)
    if not folder.is_dir():
        return []
    live: list[Holder] = []
    for path in sorted(folder.glob("*.station")):
        try:
            handle = _LockedFile(path)
        except OSError:
            continue  # removed meanwhile by its owner
        try:
            if handle.try_lock():  # nobody holds it: left by a program that died
                handle.close()
                try:
                    path.unlink(missing_ok=True)
                except OSError:  # Windows: someone else is looking at it right now
                    pass
                continue
            lines = handle.read().splitlines()
            holder = Holder.parse(lines[0]) if lines else None
            live.append(holder or Holder("?", "?", 0))
        finally:
            handle.close()
    return live


class StationLock:
    """This program's claim on a SQLite file, held until :meth:`release` (or the process ends)."""

    def __init__(self, db: Path, handle: _LockedFile) -> None:
        self.db = db
        self._handle = handle

    def release(self) -> None:
        if self._handle.fd >= 0:
            self._handle.close()
            try:
                self._handle.path.unlink(missing_ok=True)
            except OSError:  # left behind is harmless: nobody holds its lock
                pass

    def __enter__(self) -> StationLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def hold_shared(db: Path, station: str, *, wait: float = 10.0) -> StationLock:
    """Claim ``db`` for this running program (many programs at once); waits up to ``wait``
    seconds while a command (restore, migrate, demo) holds it, then raises DatabaseInUse."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    gate = _take(lock_path(db), wait)
    if gate is None:
        raise DatabaseInUse(
            "{db} is being changed by {holders}. Wait until it has finished, then start StudioDesk again.",
            db=str(db), holders=_names(_command_holding(lock_path(db))),
        )
    try:
        folder = stations_dir(db)
        folder.mkdir(exist_ok=True)
        me = _me(station)
        handle = _LockedFile(folder / f"{me.pid}-{uuid.uuid4().hex[:12]}.station")
        if not handle.try_lock():  # pragma: no cover - a fresh random name
            handle.close()
            raise OSError(f"could not lock {handle.path}")
        handle.write(me.line())
        return StationLock(db, handle)
    finally:
        gate.close()


@contextmanager
def exclusive(db: Path, command: str, *, wait: float = 2.0) -> Iterator[None]:
    """Hold ``db`` alone while ``command`` runs; refuse (DatabaseInUse) naming each running
    program or command that has it, without waiting for them."""
    db = Path(db)
    if not db.parent.is_dir():
        yield  # nothing there yet: nobody can have it open
        return
    gate = _take(lock_path(db), wait)
    if gate is None:
        raise DatabaseInUse(
            "{db} is in use by {holders}; nothing was changed. Wait until it has finished, then try again.",
            db=str(db), holders=_names(_command_holding(lock_path(db))),
        )
    try:
        live = _live_stations(db)
        if live:
            raise DatabaseInUse(
                "{db} is open in StudioDesk at {holders}; nothing was changed. Close StudioDesk there, then "
                "try again.", db=str(db), holders=_names(live),
            )
        gate.write(_me(command).line())
        yield
    finally:
        try:
            gate.write("")
        except OSError:
            pass
        gate.close()


def holders(db: Path) -> list[Holder]:
    """The running programs that have ``db`` open (for messages and tests)."""
    gate = _take(lock_path(Path(db)), 2.0)
    if gate is None:
        return _command_holding(lock_path(Path(db)))
    try:
        return _live_stations(Path(db))
    finally:
        gate.close()


def _names(found: list[Holder]) -> str:
    return ", ".join(str(h) for h in found) if found else HOLDER_TEXT["unknown"]


def refuse_upgrade_while_open_elsewhere(engine: Engine, db: Path | None) -> None:
    """A program about to upgrade the schema at start (``open_database``) does what
    ``migrate`` does: refuse (DatabaseInUse) while another StudioDesk has the database open.
    ``db`` is the SQLite file (this program already holds its station lock), None for
    PostgreSQL."""
    if not _needs_upgrade(engine):
        return
    if db is None:
        found = other_studiodesk_connections(engine)
    else:
        me = _me("")
        found = [str(h) for h in holders(db) if (h.host, h.pid) != (me.host, me.pid)]
    if found:
        raise DatabaseInUse(
            "This StudioDesk must upgrade the database, but it is open in StudioDesk at {holders}; nothing was "
            "changed. Close StudioDesk there, then start it again here.", holders=", ".join(found),
        )


def _needs_upgrade(engine: Engine) -> bool:
    """Whether the schema is at a revision this program knows and will upgrade from (a new
    database and one from a newer StudioDesk are left to ``open_database``)."""
    from . import database

    current = database.current_revision(engine)
    if current is None or database.at_shipped_head(current):
        return False
    script = database.script_directory(database.SCRIPT_LOCATION)
    if current == script.get_current_head():
        return False
    try:
        return script.get_revision(current) is not None
    except Exception:  # alembic raises several kinds for an unknown revision
        return False


# --- the default files' own folders ------------------------------------------------------


def move_former_default_files() -> list[Path]:
    """Move the default and demo databases from where older versions kept them (the data
    folder itself, among backups and logs) into their own folders, each with its -wal and
    -shm; refused (DatabaseInUse) while any program has the old file open. Returns the new
    paths of the files moved. A move cut short is finished at the next start (the database
    file moves last, so its -wal is already waiting beside the new name)."""
    moved: list[Path] = []
    for new, old in former_default_paths().items():
        if not old.exists() or new.exists():
            continue
        with exclusive(old, "StudioDesk"):
            if _opened_elsewhere(old):
                raise DatabaseInUse(
                    "{db} is open in another program (an older StudioDesk?); nothing was changed. Close it, then "
                    "start StudioDesk again.", db=str(old),
                )
            new.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm", ""):
                source = Path(str(old) + suffix)
                if source.exists():
                    os.replace(source, Path(str(new) + suffix))
        lock_path(old).unlink(missing_ok=True)
        try:
            stations_dir(old).rmdir()
        except OSError:
            pass
        moved.append(new)
    return moved


def _opened_elsewhere(db: Path) -> bool:
    """Whether another process holds a SQLite lock on ``db`` or its -shm (POSIX record locks,
    which is what SQLite takes; an older StudioDesk holds no lock file). On Windows an open
    file cannot be renamed, so the move itself fails instead."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        return False
    import fcntl
    import struct

    if sys.platform.startswith("linux"):
        layout, fields = "hhqqi4x", (fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
    else:  # BSD and macOS: l_start, l_len, l_pid, l_type, l_whence
        layout, fields = "qqihh", (0, 0, 0, fcntl.F_WRLCK, os.SEEK_SET)
    for path in (db, Path(str(db) + "-shm")):
        if not path.exists():
            continue
        # Only ever called before this process opens the database: closing this handle
        # cannot drop a lock of our own.
        with open(path, "rb") as fh:
            answer = struct.unpack(layout, fcntl.fcntl(fh.fileno(), fcntl.F_GETLK, struct.pack(layout, *fields)))
        lock_type = answer[0] if sys.platform.startswith("linux") else answer[3]
        if lock_type != fcntl.F_UNLCK:
            return True
    return False


# --- PostgreSQL -------------------------------------------------------------------------


def refuse_other_connections(engine: Engine) -> None:
    found = other_studiodesk_connections(engine)
    if found:
        raise DatabaseInUse(
            "The database is open in StudioDesk at {holders}; nothing was changed. Close StudioDesk there, "
            "then try again.", holders=", ".join(found),
        )
