"""What happens when StudioDesk meets something it did not expect (a bug).

It is logged in English with its traceback, a crash report is written to
``<user log dir>/crashes/crash-YYYYMMDD-HHMMSS.txt`` (traceback, versions, platform,
station, database without its password, the last lines of the log), and staff see one
apologetic dialog in their language that says what was kept and where the report is, with
a "Copy details" button that puts the report on the clipboard — never a traceback. While
that dialog is open, further bugs are only logged, so a failing paint or timer cannot
bury the window under dialogs. Nothing here raises: a report that cannot be written is
said so in the dialog.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import platform
import sys
import traceback
from collections import deque
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..models.db import APP_NAME, hide_passwords
from .i18n import QT_TRANSLATE_NOOP

log = logging.getLogger("app.bug")

SORRY = QT_TRANSLATE_NOOP(
    "bugs", "Sorry, StudioDesk met something it did not expect. What was saved before stays saved; the last action "
            "may not have been saved. Please check it, and tell whoever looks after StudioDesk. Details are in the "
            "log: {log}")
SAVED = QT_TRANSLATE_NOOP("bugs", "A crash report was saved as {file}; send it to whoever looks after StudioDesk "
                                  "(Copy details puts it on the clipboard).")
NOT_SAVED = QT_TRANSLATE_NOOP("bugs", "The crash report could not be saved ({error}); press Copy details and paste "
                                      "it into a message to whoever looks after StudioDesk.")
COPY = QT_TRANSLATE_NOOP("bugs", "Copy details")
COPIED = QT_TRANSLATE_NOOP("bugs", "Copied")
LOG_LINES = 200  # the last lines of the log a crash report holds

_state: dict[str, object] = {"log_file": None, "showing": False, "station": None, "database": None}
reported: list[BaseException] = []  # every bug reported in this run (tests read it)


def set_log_file(path: Path) -> None:
    _state["log_file"] = path


def set_run(*, station: str | None, database: str | None) -> None:
    """What a crash report names: this station and the database (already without password)."""
    _state["station"] = station
    _state["database"] = hide_passwords(database) if database else database


def crash_folder() -> Path:
    """``crashes`` beside the log (the platform's user log directory)."""
    log_file = _state["log_file"]
    if isinstance(log_file, Path):
        return log_file.parent / "crashes"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "crashes"


def report(parent: QWidget | None, exc: BaseException) -> None:
    """Log ``exc`` with its traceback, write a crash report and show the bug dialog (once at a time)."""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", hide_passwords(trace))
    reported.append(exc)
    if _state["showing"]:
        return
    _state["showing"] = True
    try:
        details = _safely(lambda: crash_report(trace), f"StudioDesk crash report\n\n{hide_passwords(trace)}")
        saved: Path | None = None
        error = ""
        try:
            saved = save_crash_report(details)
        except Exception as write_error:  # noqa: BLE001 - the dialog is shown all the same
            error = getattr(write_error, "strerror", None) or str(write_error) or type(write_error).__name__
            log.warning("the crash report could not be saved: %s", error)
        show_box(CrashBox(parent, message(saved, error), details, saved))
    except Exception:  # noqa: BLE001 - the last word must never raise
        log.exception("the bug dialog could not be shown")
    finally:
        _state["showing"] = False


def _safely(make, fallback: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return str(make())
    except Exception:  # noqa: BLE001 - a crash report without its extras is better than none
        log.warning("the crash report could not be completed", exc_info=True)
        return fallback


def message(saved: Path | None = None, error: str = "") -> str:
    text = QCoreApplication.translate("bugs", SORRY).format(log=_state["log_file"] or "studiodesk.log")
    if saved is not None:
        return text + "\n\n" + QCoreApplication.translate("bugs", SAVED).format(file=saved)
    if error:
        return text + "\n\n" + QCoreApplication.translate("bugs", NOT_SAVED).format(error=error)
    return text


def crash_report(trace: str, *, now: dt.datetime | None = None) -> str:
    """The text of a crash report (English, for whoever looks after StudioDesk), every
    database password in it replaced by ``***``."""
    from .. import __version__

    try:
        import PySide6

        pyside = PySide6.__version__
    except Exception:  # noqa: BLE001
        pyside = "?"
    moment = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    lines = [
        "StudioDesk crash report",
        f"Time: {moment}",
        f"StudioDesk: {__version__}",
        f"Python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"Qt: {qVersion()} (PySide6 {pyside})",
        f"Platform: {platform.platform()}",
        f"Station: {_state['station'] or '-'}",
        f"Database: {_state['database'] or '-'}",
        "",
        "Traceback:",
        trace.rstrip(),
        "",
        f"Last {LOG_LINES} lines of the log ({_state['log_file'] or '-'}):",
        *last_log_lines(),
    ]
    return hide_passwords("\n".join(lines) + "\n")


def last_log_lines(count: int = LOG_LINES) -> list[str]:
    """The last ``count`` lines of the log, reaching into the rotated file before it when
    the current one was just started."""
    log_file = _state["log_file"]
    if not isinstance(log_file, Path):
        return []
    for handler in logging.getLogger().handlers:
        handler.flush()
    kept: deque[str] = deque(maxlen=count)
    for path in (log_file.with_name(log_file.name + ".1"), log_file):
        try:
            with open(path, "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - 400 * count))  # enough for `count` lines of a few hundred bytes
                text = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        kept.extend(text.splitlines()[-count:])
    return list(kept)


def save_crash_report(text: str, *, now: dt.datetime | None = None) -> Path:
    """Write the report to ``crashes/crash-YYYYMMDD-HHMMSS.txt`` (written beside, then renamed
    into place); raises OSError when it cannot be written, leaving no partial file."""
    folder = crash_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}.txt"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"crash-{stamp}-{n}.txt"
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        raise
    return path


class CrashBox(QMessageBox):
    """The bug dialog: what was kept, where the report is, and "Copy details", which puts the
    report on the clipboard and leaves the dialog open."""

    def __init__(self, parent: QWidget | None, text: str, details: str, saved: Path | None) -> None:
        super().__init__(QMessageBox.Icon.Critical, "StudioDesk", text, QMessageBox.StandardButton.Ok, parent)
        self.setObjectName("crashDialog")
        self.details = details
        self.saved = saved
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = self.addButton(QCoreApplication.translate("bugs", COPY),
                                          QMessageBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.disconnect()  # the box's own "a button closes me": copying keeps it open
        self.copy_button.clicked.connect(self.copy_details)
        self.setDefaultButton(QMessageBox.StandardButton.Ok)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(QCoreApplication.translate("bugs", COPIED))


def show_box(box: CrashBox) -> None:
    """Show the bug dialog and wait until it is closed (tests replace this)."""
    box.exec()


def excepthook(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """``sys.excepthook`` of the window: an exception escaping a Qt slot is a bug."""
    if value.__traceback__ is None:
        value = value.with_traceback(tb)  # type: ignore[arg-type]
    report(None, value)
