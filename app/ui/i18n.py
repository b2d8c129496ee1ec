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
from ..services.balance import Balance
from ..services.clock import STUDIO_TZ
from ..services.errors import StudioError
from ..services.messages import Message, Phrase
from ..services.money import yuan
from . import names

log = logging.getLogger(__name__)
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


def status_name(status: ItemStatus) -> str:
    return names.name(status)


def progress_name(progress: Progress | None) -> str:
    return names.name(progress)


def render(message: Message) -> str:
    """A message in the window's language: the translated template, then its values.

    Only values marked as :class:`Phrase` (the program's own words) are translated;
    names, codes and numbers are shown as they are.
    """
    template = QCoreApplication.translate(message.context, message.template)
    params = {k: _shown(v) for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r does not fit its values", message.template)
        return str(message)


def _shown(value: object) -> object:
    """A message's value in the window's language: phrases translated, messages rendered,
    lists joined the way the language lists things; names and numbers as they are."""
    if isinstance(value, Phrase):
        return QCoreApplication.translate("errors", value)
    if isinstance(value, Message):
        return render(value)
    if isinstance(value, list | tuple):
        return QCoreApplication.translate("errors", ", ").join(str(_shown(v)) for v in value)
    return value


def error_text(exc: StudioError) -> str:
    """A service's refusal in the window's language."""
    return render(exc.as_message())


def money(fen: int | None) -> str:
    """¥1,234.50 (the grouping zh_CN and en share); integer fen all the way, never a float."""
    return "" if fen is None else yuan(fen)


def due_text(balance: Balance) -> str:
    """What is owed either way, for a list cell: the balance due of a live order, the refund due
    of a cancelled one that was paid for, "" when nothing is owed."""
    if balance.refund_due_fen:
        return QCoreApplication.translate("money", "refund {amount}").format(amount=money(balance.refund_due_fen))
    return money(balance.due_fen) if balance.due_fen else ""


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
