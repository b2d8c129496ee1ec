"""Blocking work off the GUI thread, with its result handed back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QObject):
    finished = Signal(object, object)  # result, exception

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread and re-raised there
            self.finished.emit(None, exc)
            return
        self.finished.emit(result, None)


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a worker thread while a busy dialog keeps the window alive; return its
    result or raise its exception here, on the GUI thread."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setWindowTitle("StudioDesk")
    thread = QThread()
    worker = _Worker(fn)
    worker.moveToThread(thread)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any, exc: BaseException | None) -> None:
        outcome["result"], outcome["exc"] = result, exc
        loop.quit()

    worker.finished.connect(done)
    thread.started.connect(worker.run)
    thread.start()
    dialog.show()
    if "exc" not in outcome:
        loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    if outcome["exc"] is not None:
        raise outcome["exc"]
    return outcome["result"]
