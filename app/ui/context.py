"""The application context and its one call path into the services.

Every screen reads and writes through :meth:`AppContext.run` (quick work, on the GUI
thread) or :meth:`AppContext.run_in_background` (work that can take longer than a frame:
backups, exports, imports), never through a session of its own. The call path

- opens a session, and passes the signed-in staff (``actor``), the ``clock`` and this
  ``station`` to services that take them;
- shows a refusal of a service (:class:`StudioError`) as its message, in the staff's language;
- turns a locked SQLite file or a lost PostgreSQL connection into "database busy /
  unreachable, try again" — the window stays usable and nothing half-done is kept; a lost
  connection also flips :class:`Reachability` (the window's "offline" mark) until a call
  gets through again (the pool pings a connection before use, so none is reused dead);
- reports anything else as a bug: logged with its traceback, one apologetic dialog.

``tests/test_layers.py`` fails when any other module of ``app/ui`` touches a session,
the session factory or the engine.
"""

from __future__ import annotations

import functools
import inspect
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..models.db import describe, make_session_factory
from ..services.clock import SYSTEM_CLOCK, Clock
from ..services.errors import NotAllowed, StudioError
from ..services.staff import Actor
from . import bugs
from .i18n import QT_TRANSLATE_NOOP, error_text

log = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseUnavailable(StudioError):
    """The database is locked by another station or cannot be reached: nothing was saved."""


BUSY = QT_TRANSLATE_NOOP("errors", "The database is busy (another station or a backup is writing). Nothing was "
                                   "saved; try again in a moment.")
UNREACHABLE = QT_TRANSLATE_NOOP("errors", "The database cannot be reached right now. Nothing was saved; what you "
                                          "typed is still on screen. Check the network or the disk, then try again.")


def database_trouble(exc: SQLAlchemyError) -> DatabaseUnavailable | None:
    """A lock timeout or a lost connection as a message for staff; None for anything else (a bug)."""
    if not isinstance(exc, DBAPIError):
        return None
    detail = str(exc.orig or exc).lower()
    if "locked" in detail or "busy" in detail or "lock timeout" in detail or "deadlock" in detail:
        return DatabaseUnavailable(BUSY)
    if exc.connection_invalidated or type(exc).__name__ in ("OperationalError", "InterfaceError"):
        return DatabaseUnavailable(UNREACHABLE)
    return None


class Reachability(QObject):
    """Whether this station's last word with the database got through: ``changed(reachable)``
    when that flips (delivered on the GUI thread, also from a background call), so the window
    can say the station is offline and, when a call gets through again, that it is back."""

    changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.reachable = True

    def note(self, reachable: bool) -> None:
        if reachable != self.reachable:
            self.reachable = reachable
            self.changed.emit(reachable)


@functools.cache
def _wants(fn: Callable[..., Any]) -> tuple[bool, frozenset[str], bool]:
    """Does ``fn`` take a session first, which of actor / clock / station does it take, and
    must it be given an actor (no default)?"""
    params = inspect.signature(fn).parameters
    first = next(iter(params), None)
    actor = params.get("actor")
    needs_actor = actor is not None and actor.default is inspect.Parameter.empty
    return first == "session", frozenset(params) & {"actor", "clock", "station"}, needs_actor


@dataclass
class AppContext:
    engine: Engine
    url: URL
    station: str
    clock: Clock = field(default_factory=lambda: SYSTEM_CLOCK)
    studio_name: str = ""
    actor: Actor | None = None
    claim: Any = None  # this run's hold on a SQLite file (services/station_lock.StationLock), or None
    database_given: bool = False  # named at start (--db, --demo, STUDIODESK_DB): it wins over a remembered choice
    reachability: Reachability = field(default_factory=Reachability, repr=False)
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _let_go: bool = field(default=False, init=False, repr=False)  # a restore is replacing the file

    def __post_init__(self) -> None:
        self._sessions = make_session_factory(self.engine)

    @property
    def database(self) -> str:
        return describe(self.url)

    def let_go(self) -> None:
        """Close this program's connections and its hold on the file: a restore is about to
        replace it (services/backups.restore_here). The next call opens new connections."""
        self._let_go = True  # until take_back: every call says "busy" instead of opening the file
        self.engine.dispose()
        if self.claim is not None:
            self.claim.release()

    def take_back(self) -> None:
        """Hold the file again after :meth:`let_go` (the restore is done or was refused)."""
        from ..models.db import sqlite_path
        from ..services.station_lock import hold_shared

        path = sqlite_path(self.url)
        if self.claim is not None and path is not None:
            self.claim = hold_shared(path, self.station)  # held again before any call opens the file
        self._let_go = False

    def serve_phones(self, bind: str, port: int, *, plain_http: bool = False) -> Any:
        """Start the phone pages (app/web) on this program's database in a background thread;
        returns the running server (``stop()`` ends it). Raises OSError when it cannot listen.
        The certificate is kept beside a SQLite file, else in the user's data folder."""
        from platformdirs import user_data_dir

        from ..models.db import sqlite_path
        from ..web.run import ServerConfig, ServerThread

        path = sqlite_path(self.url)
        folder = path.parent if path is not None else Path(user_data_dir("StudioDesk"))
        server = ServerThread(self.engine, ServerConfig(bind=bind, port=port, plain_http=plain_http, data_dir=folder),
                              clock=self.clock)
        server.start()
        return server

    def me(self) -> Actor:
        assert self.actor is not None, "nobody is logged in"
        return self.actor

    # -- the call path -----------------------------------------------------------
    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call a service with a session and the context it asks for; errors propagate.

        Known trouble with the database comes out as :class:`DatabaseUnavailable`, a
        :class:`StudioError` like any refusal, so a caller that shows refusals inline (a
        scan, a login form) shows that too.
        """
        if self._let_go:  # a restore has closed the connections: none is opened meanwhile
            raise DatabaseUnavailable(BUSY)
        with_session, wanted, needs_actor = _wants(fn)
        if needs_actor and self.actor is None and "actor" not in kwargs:
            # Between one person signing out and the next signing in: refused, never a bug.
            raise NotAllowed("Nobody is signed in at this station: sign in first. Nothing changed.")
        extra = {"actor": self.actor, "clock": self.clock, "station": self.station}
        for name in wanted:
            if name not in kwargs and not (name == "actor" and self.actor is None):
                kwargs[name] = extra[name]
        try:
            if not with_session:
                return fn(*args, **kwargs)
            with self._sessions() as session:
                result = fn(session, *args, **kwargs)
        except SQLAlchemyError as exc:
            trouble = database_trouble(exc)
            if trouble is None:
                raise
            log.warning("database trouble in %s: %s", getattr(fn, "__qualname__", fn), exc)
            if trouble.template == UNREACHABLE:
                self.reachability.note(False)
            raise trouble from exc
        self.reachability.note(True)  # it answered: whatever said the station was offline is over
        return result

    def run(self, fn: Callable[..., T], *args: Any, parent: QWidget | None = None, **kwargs: Any) -> T | None:
        """:meth:`call`, showing what went wrong: a refusal or database trouble as a message
        over ``parent``, a bug as the bug dialog. Returns None when it went wrong."""
        try:
            return self.call(fn, *args, **kwargs)
        except StudioError as exc:
            show_refusal(parent, exc)
        except Exception as exc:  # noqa: BLE001 - a bug: logged and reported once, the window lives on
            bugs.report(parent, exc)
        return None

    def run_in_background(self, fn: Callable[..., T], *args: Any, label: str, parent: QWidget | None,
                          on_done: Callable[[T], None] | None = None, **kwargs: Any) -> BackgroundTask:
        """Run a long service call in a worker thread behind a progress dialog; ``on_done``
        gets the result on the GUI thread. Refusals and bugs are shown as by :meth:`run`."""
        task = BackgroundTask(lambda: self.call(fn, *args, **kwargs), label, parent)

        def finished(result: object, exc: BaseException | None) -> None:
            if isinstance(exc, StudioError):
                show_refusal(parent, exc)
            elif exc is not None:
                bugs.report(parent, exc)
            elif on_done is not None:
                on_done(result)  # type: ignore[arg-type]

        task.finished.connect(finished)
        task.start()
        return task


def show_refusal(parent: QWidget | None, exc: StudioError) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("common", "Not done"), error_text(exc))


class BackgroundTask(QObject):
    """One piece of work in a thread of its own; ``finished(result, exception)`` on the GUI thread.

    The work runs in a plain Python thread, not a Python-owned ``QThread`` with a worker
    object moved into it: PySide6 could destroy those C++ objects from the wrong thread when
    Python collected them, a rare segmentation fault (seen once in CI). The worker only emits
    ``_delivered``, a signal of this object, which lives on the GUI thread: the queued
    connection hands the result over there."""

    finished = Signal(object, object)
    _delivered = Signal(object, object)  # result, exception; emitted from the worker thread

    def __init__(self, fn: Callable[[], Any], label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setObjectName("busy")
        self.dialog.setCancelButton(None)
        self.dialog.setMinimumDuration(300)  # quick work never flashes a dialog
        self.dialog.setWindowTitle("StudioDesk")
        self._fn = fn
        self._thread = threading.Thread(target=self._work, name=f"StudioDesk: {label}", daemon=True)
        self._delivered.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self) -> None:
        self.running = True
        self._thread.start()

    def _work(self) -> None:  # the worker thread
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self._delivered.emit(None, exc)
            return
        self._delivered.emit(result, None)

    def _done(self, result: object, exc: BaseException | None) -> None:  # the GUI thread
        self._thread.join()
        self.dialog.reset()
        self.dialog.close()
        self.running = False
        self.finished.emit(result, exc)


def run_and_wait(fn: Callable[[], T], label: str) -> T:
    """Run ``fn`` in a worker thread behind a progress dialog while the event loop keeps the
    screen alive, and return its result (or raise its exception) here. For work before
    the main window exists, such as building the demo studio on first start."""
    from PySide6.QtCore import QEventLoop

    task = BackgroundTask(fn, label, None)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(result: object, exc: BaseException | None) -> None:
        outcome.update(result=result, exc=exc)
        loop.quit()

    task.finished.connect(finished)
    task.start()
    if not outcome:
        loop.exec()
    if outcome["exc"] is not None:
        raise outcome["exc"]
    return outcome["result"]
