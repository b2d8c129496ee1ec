"""Translation and formatting for people: Chinese first, English on request.

UI strings are written in English inside ``tr()`` and translated from
``resources/translations/studiodesk_<lang>.qm``. Service errors carry an English
template; :func:`error_text` translates the template, then fills in its values.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..models import ItemStatus, Progress
from ..services.clock import STUDIO_TZ
from ..services.errors import StudioError
from ..services.money import yuan

log = logging.getLogger(__name__)
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


STATUS_NAMES = {
    ItemStatus.WAITING: QT_TRANSLATE_NOOP("status", "Waiting"),
    ItemStatus.SENT: QT_TRANSLATE_NOOP("status", "At the lab"),
    ItemStatus.RETURNED: QT_TRANSLATE_NOOP("status", "Returned"),
    ItemStatus.REWORK: QT_TRANSLATE_NOOP("status", "Rework"),
    ItemStatus.READY: QT_TRANSLATE_NOOP("status", "Ready"),
    ItemStatus.PICKED_UP: QT_TRANSLATE_NOOP("status", "Picked up"),
    ItemStatus.CANCELLED: QT_TRANSLATE_NOOP("status", "Cancelled"),
}
PROGRESS_NAMES = {
    Progress.BOOKED: QT_TRANSLATE_NOOP("progress", "Booked"),
    Progress.SHOT: QT_TRANSLATE_NOOP("progress", "Shot"),
    Progress.SELECTED: QT_TRANSLATE_NOOP("progress", "Selected"),
    Progress.IN_PRODUCTION: QT_TRANSLATE_NOOP("progress", "In production"),
    Progress.READY: QT_TRANSLATE_NOOP("progress", "Ready for pickup"),
    Progress.PARTLY_PICKED_UP: QT_TRANSLATE_NOOP("progress", "Partly picked up"),
    Progress.DONE: QT_TRANSLATE_NOOP("progress", "Done"),
    Progress.CANCELLED: QT_TRANSLATE_NOOP("progress", "Cancelled"),
}


def status_name(status: ItemStatus) -> str:
    return QCoreApplication.translate("status", STATUS_NAMES[status])


def progress_name(progress: Progress | None) -> str:
    return "" if progress is None else QCoreApplication.translate("progress", PROGRESS_NAMES[progress])


def enum_name(context: str, names: dict, value: object) -> str:
    return QCoreApplication.translate(context, names[value]) if value in names else str(value)


def error_text(exc: StudioError) -> str:
    """The error in the window's language: translated template, then its values."""
    template = QCoreApplication.translate("errors", exc.template)
    # Values that are phrases of the services (an item's state, a role) have translations
    # of their own in the same context; codes, names and numbers come back unchanged.
    params = {k: QCoreApplication.translate("errors", v) if isinstance(v, str) else v for k, v in exc.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r does not fit its values", exc.template)
        return exc.message


def money(fen: int | None) -> str:
    """¥1,234.50 (the grouping zh_CN and en share); integer fen all the way, never a float."""
    return "" if fen is None else yuan(fen)


def date_text(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def local_time(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone(STUDIO_TZ).strftime("%Y-%m-%d %H:%M")


def qm_file(language: str) -> Path | None:
    """The compiled translation, built from the .ts source when missing or older."""
    ts = TRANSLATIONS / f"studiodesk_{language}.ts"
    qm = ts.with_suffix(".qm")
    if not ts.exists():
        return qm if qm.exists() else None
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    lrelease = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if lrelease is None:
        log.warning("pyside6-lrelease not found; %s not built", qm.name)
        return qm if qm.exists() else None
    try:
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not build %s: %s", qm.name, exc)
    return qm if qm.exists() else None


def install(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> str:
    """Install StudioDesk's and Qt's own translations; returns the language in use."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"studiodesk_{language}", None)):
        translator = QTranslator(app)
        path = qm_file(language) if folder is None else Path(folder) / f"{name}.qm"
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s not loaded", name)
    return language
