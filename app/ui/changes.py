"""Changes made elsewhere (a phone, another station) shown here within two seconds.

A :class:`ChangeWatcher` reads the database's data version (the newest item event) once a
second through the context's call path, only while its owner wants it (``wanted``), and emits
``changed`` when it moved: the owner then reads again what it shows. One index lookup a second.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..services import boards
from ..services.errors import StudioError
from .context import AppContext

POLL_MS = 1000


class ChangeWatcher(QObject):
    changed = Signal()

    def __init__(self, ctx: AppContext, wanted: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.wanted = wanted
        self.version: int | None = None
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        """Read the version (when wanted); True (and ``changed``) when it moved since the last read."""
        if not self.wanted():
            self.version = None  # shown again later: read afresh then
            return False
        if not self.ctx.reachability.reachable:
            return False  # offline: the window's own re-check looks, off the GUI thread (db.CONNECT_TIMEOUT_S)
        try:
            version = self.ctx.call(boards.data_version)
        except StudioError:
            return False  # the database is busy or away: try again next second
        moved = self.version is not None and version != self.version
        self.version = version
        if moved:
            self.changed.emit()
        return moved
