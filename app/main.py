"""``studiodesk``: the desktop application.

    studiodesk [--db PATH|URL] [--demo] [--lang zh_CN|en] [--station NAME]

Opens (and upgrades, after a verified backup) the database, asks who is working,
and shows the main window. ``--demo`` opens the demo studio in the user data
directory, building it on first run.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import platformdirs

from . import smoke
from .models.db import (
    APP_NAME, ENV_VAR, default_db_path, demo_db_path, describe, hide_passwords, recover_sqlite_file, resolve_url,
    sqlite_path,
)

log = logging.getLogger("app")
ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "studiodesk.png"
DEMO_YEARS = 2.0  # big enough to feel real, quick to build on first run (about 15 s)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _station(text: str) -> str:
    """--station as typed, checked like a name typed in the window (one line when refused)."""
    from .services.errors import BadInput
    from .services.text import station_name

    try:
        return station_name(text)
    except BadInput as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="studiodesk", description="StudioDesk: orders, item tracking and pickup for photo studios.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH|URL", help="SQLite file or database URL (default: STUDIODESK_DB, "
                                                         "else the user data directory)")
    where.add_argument("--demo", action="store_true", help="open the demo studio (built on first run)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="language of the window (default: zh_CN)")
    parser.add_argument("--station", type=_station, help="name of this PC, recorded with every scan "
                                                          "(default: host name, cut to 40 characters)")
    parser.add_argument("--scanner", metavar="wedge|off|serial:PORT[:BAUD]",
                        help="scanner of this station for this run (default: Settings → Scanner)")
    parser.add_argument("--install-desktop-entry", action="store_true",
                        help="Linux: add StudioDesk with its icon to this user's applications menu "
                             "(XDG_DATA_HOME, by default ~/.local/share), then exit")
    parser.add_argument(smoke.FLAG, action="store_true", help=argparse.SUPPRESS)  # app/smoke.py, with --demo only
    args = parser.parse_args(argv)
    if args.smoke_test and not args.demo:
        parser.error(f"{smoke.FLAG} needs --demo")
    return args


def _install_desktop_entry() -> int:
    from . import desktop_entry

    if sys.platform == "win32":
        print("studiodesk: the Windows installer makes the Start-menu shortcut", file=sys.stderr)
        return 2
    try:
        for path in desktop_entry.install():
            print(path)
    except OSError as exc:
        print(f"studiodesk: error: {exc}", file=sys.stderr)
        return 1
    return 0


class _NoPasswords(logging.Formatter):
    """The log's format, every database password in a message or traceback replaced by ``***``."""

    def format(self, record: logging.LogRecord) -> str:
        return hide_passwords(super().format(record))


def setup_logging(*, max_bytes: int = 2_000_000, backup_count: int = 5) -> Path:
    """Log to ``studiodesk.log`` in the platform's user log directory, rotated at
    ``max_bytes`` with ``backup_count`` older files kept; passwords never reach it."""
    folder = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / "studiodesk.log", maxBytes=max_bytes,
                                                   backupCount=backup_count, encoding="utf-8")
    handler.setFormatter(_NoPasswords("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder / "studiodesk.log"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.install_desktop_entry:
        return _install_desktop_entry()
    from .devices.scanner import ScannerSettings, settings_from_spec

    if args.scanner:
        try:  # a wrong --scanner is refused before anything opens
            settings_from_spec(args.scanner)
        except ValueError as exc:
            print(f"studiodesk: error: {exc}", file=sys.stderr)
            return 2
    app = _application(args.lang, setup_logging())
    if args.smoke_test:
        smoke.start()
    scanner_settings = ScannerSettings.load()  # this station's settings (QSettings needs the application)
    if args.scanner:
        scanner_settings = settings_from_spec(args.scanner, scanner_settings)
    from PySide6.QtCore import QSettings

    from .services.text import default_station

    # a saved name or the host name, cut to what the database holds (a long host name
    # would otherwise break every scan at this station)
    station = args.station or default_station(str(QSettings().value("station", "") or socket.gethostname()))
    given = args.demo or args.db is not None or bool(os.environ.get(ENV_VAR))
    if args.demo or not given:
        if not _settle_default_files():
            return 1
    if given:  # --db, --demo and STUDIODESK_DB open what they name, as they always did
        return _open_and_run(app, resolve_url(demo_db_path() if args.demo else args.db), station, scanner_settings,
                             demo=args.demo, given=True)
    from .ui.welcome_dialog import DEMO, DatabaseChoice, remember, remembered_choice

    choice = remembered_choice()
    asked = False
    if choice is None and default_db_path().exists():  # a studio from before the welcome dialog existed
        choice = DatabaseChoice.of_url(resolve_url(None))
    if choice is not None and _vanished(choice):
        choice, asked = _ask_database(choice), True
    if choice is None and not asked:
        choice, asked = _ask_database(None), True
    while choice is not None:
        status = _open_and_run(app, choice.target(), station, scanner_settings, demo=choice.kind == DEMO,
                               retry=True, opened=(lambda c=choice: remember(c)) if asked else None)
        if status != _NOT_OPENED:
            return status
        choice, asked = _ask_database(choice), True  # the message was shown: choose again (or cancel)
    return 0  # cancelled: quit cleanly


_NOT_OPENED = -1  # _open_and_run: the database could not be opened (staff were told why)


def _vanished(choice) -> bool:  # type: ignore[no-untyped-def]
    """A studio's file this station opened before is not there (a disk not connected, a file
    moved): say so rather than start an empty studio in its place. A new studio chosen in
    Settings → Change database… and not made yet is no such case."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QMessageBox

    from .ui.welcome_dialog import STUDIO_NAME_KEY

    path = sqlite_path(choice.target()) if choice.kind == "new" else None
    if path is None or path.exists() or QSettings().value(STUDIO_NAME_KEY):
        return False
    QMessageBox.warning(None, "StudioDesk", QCoreApplication.translate(
        "main", "The studio's database {path} is not there (a disk not connected, or the file moved). Nothing was "
                "changed. Connect the disk and start StudioDesk again, or choose where to work now.").format(path=path))
    return True


def _ask_database(current):  # type: ignore[no-untyped-def]
    """The welcome dialog: the database chosen, or None when cancelled."""
    from PySide6.QtWidgets import QDialog

    from .ui.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog(current=current)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.choice if accepted else None
    if not dialog.closed_while_testing:  # else it lives until its connection test reports
        dialog.deleteLater()
    return choice


def _open_and_run(app, url, station: str, scanner_settings, *, demo: bool, retry: bool = False,  # type: ignore[no-untyped-def]
                  opened=None, given: bool = False) -> int:
    """Open ``url`` (building the demo first when asked) and run the window; 1 (or
    _NOT_OPENED with ``retry``: the caller asks again) when it could not be opened, after
    telling staff why. ``opened`` is called once the database is open."""
    failed = _NOT_OPENED if retry else 1
    claim = _claim(url, station)  # held for the whole run: restore/migrate/demo refuse meanwhile
    if claim is False:
        return failed
    try:
        engine = _open_database(url, build_demo_first=demo, station=station)
        if engine is None:
            return failed
        if opened is not None:
            opened()
        return _run(app, engine, url, station, scanner_settings, claim, given=given)
    finally:
        if claim:
            claim.release()


def _run(app, engine, url, station, scanner_settings, claim=None, *, given: bool = False) -> int:  # type: ignore[no-untyped-def]
    from .devices.scanner import make_scanner
    from .ui.context import AppContext

    from .ui import bugs

    # a restore lets go of the claim and takes it back
    ctx = AppContext(engine, url, station=station, claim=claim or None, database_given=given)
    bugs.set_run(station=station, database=f"{url.get_backend_name()}: {describe(url)}")  # named in crash reports
    try:
        scanner = make_scanner(scanner_settings)
        if not _sign_in(ctx, scanner):
            return smoke.NOT_SIGNED_IN if smoke.active else 0
        from .services.progress import refresh_due_progress
        from .ui.main_window import MainWindow

        started = time.perf_counter()
        looked_at = ctx.run(refresh_due_progress, ctx.clock.today())  # shoots and selections since the last start
        log.info("progress refreshed for %s orders in %.0f ms", looked_at, (time.perf_counter() - started) * 1000)
        window = MainWindow(ctx, scanner_settings=scanner_settings)
        window.attach_scanner(scanner)
        window.show()
        window.start_backups()  # a verified copy now and every N hours (Settings → Backups…)
        if smoke.active:
            smoke.close_soon(window)
        return app.exec()
    finally:
        engine.dispose()
        if ctx.claim is not None and ctx.claim is not claim:  # taken again after a restore
            ctx.claim.release()


def _application(language: str | None, log_file: Path):  # type: ignore[no-untyped-def]
    """The QApplication in the staff's language, with the bug report as the last word."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .ui import bugs, i18n

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setDesktopFileName("studiodesk")  # the desktop entry (packaging/studiodesk.desktop) and its icon
    if ICON.is_file():
        QApplication.setWindowIcon(QIcon(str(ICON)))
    i18n.install(app, language or str(QSettings().value("language", i18n.DEFAULT_LANGUAGE)))
    bugs.set_log_file(log_file)
    sys.excepthook = bugs.excepthook
    return app


def _settle_default_files() -> bool:
    """Move the default databases of an older version into their own folders; False after
    telling staff why that cannot be done now."""
    from PySide6.QtWidgets import QMessageBox

    from .services.errors import StudioError
    from .services.station_lock import move_former_default_files
    from .ui import i18n

    try:
        for path in move_former_default_files():
            log.info("database moved into its own folder: %s", path)
    except StudioError as exc:
        QMessageBox.critical(None, "StudioDesk", i18n.error_text(exc))
        return False
    except OSError as exc:
        log.exception("could not move the database into its own folder")
        QMessageBox.critical(None, "StudioDesk", _cannot_open(describe(resolve_url(None)), exc))
        return False
    return True


def _claim(url, station: str):  # type: ignore[no-untyped-def]
    """This run's claim on a SQLite file (None for other databases), or False after telling
    staff who is changing the file now."""
    from PySide6.QtWidgets import QMessageBox

    from .services.errors import StudioError
    from .services.station_lock import hold_shared
    from .ui import i18n

    path = sqlite_path(url)
    if path is None:
        return None
    try:
        return hold_shared(path, station)
    except StudioError as exc:
        QMessageBox.critical(None, "StudioDesk", i18n.error_text(exc))
        return False
    except OSError as exc:
        QMessageBox.critical(None, "StudioDesk", _cannot_open(describe(url), exc))
        return False


def _cannot_open(db: str, exc: Exception) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "main", "The database {db} could not be opened: {error}. Nothing was changed. Check the path or the "
                "network, then start StudioDesk again.").format(db=db, error=str(exc).splitlines()[0])


def _open_database(url, *, build_demo_first: bool, station: str):  # type: ignore[no-untyped-def]
    """The upgraded database's engine (building the demo studio first when asked), or None
    after telling staff in one message why it could not be opened."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from .services import database
    from .services.errors import StudioError
    from .ui import i18n
    from .ui.context import run_and_wait

    path = sqlite_path(url)
    try:
        if path is not None and not path.is_dir():
            recover_sqlite_file(path)  # a restore or demo build killed half-way
        if build_demo_first and path is not None and not path.exists():
            from .services.demo import build_demo

            def build() -> None:  # beside the final name, renamed into place when complete
                database.build_sqlite_file(path, lambda engine: build_demo(engine, years=DEMO_YEARS))

            run_and_wait(build, QCoreApplication.translate("main", "Building the demo studio…"))
        _refuse_upgrade_while_open_elsewhere(url, station)
        engine, report = database.open_database(url, station=station)
    except StudioError as exc:
        QMessageBox.critical(None, "StudioDesk", i18n.error_text(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - an unreachable server or unreadable file is not a bug
        log.exception("could not open %s", describe(url))
        QMessageBox.critical(None, "StudioDesk", _cannot_open(describe(url), exc))
        return None
    if report.upgraded and report.from_revision is not None:
        log.info("upgraded %s; backup %s", describe(url), report.backup)
    return engine


def _refuse_upgrade_while_open_elsewhere(url, station: str) -> None:  # type: ignore[no-untyped-def]
    from .models.db import make_engine
    from .services.station_lock import refuse_upgrade_while_open_elsewhere

    path = sqlite_path(url)
    if path is not None and not path.exists():
        return
    engine = make_engine(url, station=station)
    try:
        refuse_upgrade_while_open_elsewhere(engine, path)
    finally:
        engine.dispose()


def _sign_in(ctx, scanner) -> bool:  # type: ignore[no-untyped-def]
    """The first-run dialog of a new studio, else the login (a badge scan works there)."""
    from PySide6.QtWidgets import QDialog

    from .services import studio as studio_service
    from .ui.login import FirstRunDialog, LoginDialog

    from PySide6.QtCore import QSettings

    from .ui.welcome_dialog import STUDIO_NAME_KEY

    first = ctx.run(studio_service.needs_first_run)
    if first is None:
        return False
    ctx.studio_name = ctx.run(studio_service.studio_name) or ""
    dialog = FirstRunDialog(ctx) if first else LoginDialog(ctx)
    if isinstance(dialog, FirstRunDialog):  # the name typed in the welcome dialog
        dialog.studio.setText(str(QSettings().value(STUDIO_NAME_KEY, "") or ""))
    else:  # the chosen folder held a studio already: no new studio's name is pending any more (were
        # it kept, a later start would take this studio's file gone for a new studio not made yet)
        QSettings().remove(STUDIO_NAME_KEY)
    login = dialog if isinstance(dialog, LoginDialog) and scanner is not None else None
    if login is not None:
        scanner.scanned.connect(login.handle_scan)
        scanner.start()
    if smoke.active and isinstance(dialog, LoginDialog):
        smoke.fill_login(dialog)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.actor is not None
    if login is not None:
        scanner.stop()
        scanner.scanned.disconnect(login.handle_scan)
    if accepted:
        ctx.actor = dialog.actor
        if isinstance(dialog, FirstRunDialog):
            QSettings().remove(STUDIO_NAME_KEY)
    return accepted


if __name__ == "__main__":
    sys.exit(main())
