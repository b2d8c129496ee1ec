"""What happens when StudioDesk meets something it did not expect (a bug).

It is logged in English with its traceback, and staff see one apologetic dialog in their
language that says what was kept and where the details are — never a traceback. While
that dialog is open, further bugs are only logged, so a failing paint or timer cannot
bury the window under dialogs.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .i18n import QT_TRANSLATE_NOOP

log = logging.getLogger("app.bug")

SORRY = QT_TRANSLATE_NOOP(
    "bugs", "Sorry, StudioDesk met something it did not expect. What was saved before stays saved; the last action "
            "may not have been saved. Please check it, and tell whoever looks after StudioDesk. Details are in the "
            "log: {log}")
_state: dict[str, object] = {"log_file": None, "showing": False}
reported: list[BaseException] = []  # every bug reported in this run (tests read it)


def set_log_file(path: Path) -> None:
    _state["log_file"] = path


def report(parent: QWidget | None, exc: BaseException) -> None:
    """Log ``exc`` with its traceback and show the bug dialog (once at a time)."""
    log.error("unexpected error\n%s", "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    reported.append(exc)
    if _state["showing"]:
        return
    _state["showing"] = True
    try:
        QMessageBox.critical(parent, "StudioDesk", message())
    finally:
        _state["showing"] = False


def message() -> str:
    return QCoreApplication.translate("bugs", SORRY).format(log=_state["log_file"] or "studiodesk.log")


def excepthook(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """``sys.excepthook`` of the window: an exception escaping a Qt slot is a bug."""
    if value.__traceback__ is None:
        value = value.with_traceback(tb)  # type: ignore[arg-type]
    report(None, value)
