"""The bundle's smoke run (``scripts/bundle_smoke.sh``): ``studiodesk --demo --smoke-test``.

It goes the whole way a person goes, with nobody at the keyboard: the demo studio is built (or
opened and upgraded), the login dialog is filled in with the demo manager's published name and
PIN (README) and signs in through the login service like a typed one, the main window is shown,
and once it has been painted the parts loaded only later (receipts' capital numerals, the phone
pages' server, PostgreSQL's driver, sounds, translations) are checked and the window is closed.
The flag is hidden from --help and only accepted with --demo: it never signs anyone into a real
studio's database.
"""

from __future__ import annotations

import importlib
import sys

FLAG = "--smoke-test"
WINDOW_SHOWN_MS = 300  # the window stays up this long, painted, before the checks and the close
NOT_SIGNED_IN = 3  # exit code of a smoke run that did not get past the login
PART_MISSING = 4  # exit code of a smoke run that found a later-loaded part missing
LATER_IMPORTS = ("app.web.server", "uvicorn", "starlette", "psycopg", "openpyxl", "app.ui.pickup_receipt")
active = False  # set by start(): main.py's login and window follow the smoke run


def start() -> None:
    """This run is a smoke run: sign in by itself, close by itself, end on any unexpected error."""
    global active
    active = True
    sys.excepthook = excepthook


def fill_login(dialog) -> None:  # type: ignore[no-untyped-def]
    """Once the dialog runs, type the demo manager's name and PIN into it and log in."""
    from PySide6.QtCore import QTimer

    from .services.demo import DEMO_LOGINS

    name, _role, pin = DEMO_LOGINS[0]

    def fill() -> None:
        dialog.name.setCurrentText(name)
        dialog.secret.setText(pin)
        dialog.try_login()

    QTimer.singleShot(0, dialog, fill)


def missing_parts() -> list[str]:
    """What a bundle left out that the window loads only when it is needed."""
    from .ui import feedback, i18n
    from .ui.printing import capital_amount

    problems = []
    for name in LATER_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - reported, the run fails
            problems.append(f"import {name}: {exc!r}")
    try:
        if capital_amount(599900) != "伍仟玖佰玖拾玖元整":
            problems.append("capital numerals wrong")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"capital numerals: {exc!r}")
    for sound in ("good", "bad"):
        if not (feedback.SOUNDS / f"{sound}.wav").is_file():
            problems.append(f"sound {sound}.wav missing")
    if i18n.qm_file("zh_CN") is None:
        problems.append("Chinese translation (.qm) missing")
    return problems


def close_soon(window) -> None:  # type: ignore[no-untyped-def]
    """Check the later-loaded parts and close the shown main window once it has been painted
    (the program then ends as usual; with a missing part, with PART_MISSING)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    def close() -> None:
        problems = missing_parts()
        say(f"smoke test: main window shown ({window.windowTitle()}), closing")
        for problem in problems:
            say(f"smoke test: {problem}")
        window.close()
        if problems:
            QCoreApplication.exit(PART_MISSING)

    QTimer.singleShot(WINDOW_SHOWN_MS, window, close)


def say(text: str) -> None:
    if sys.stdout is not None:  # a windowed Windows bundle has none
        print(text, flush=True)


def excepthook(kind, value, tb) -> None:  # type: ignore[no-untyped-def]
    """An unexpected error ends a smoke run at once (no bug dialog waits for a click)."""
    import os
    import traceback

    sys.stderr.write("smoke test: unexpected error\n" + "".join(traceback.format_exception(kind, value, tb)))
    sys.stderr.flush()
    os._exit(5)
