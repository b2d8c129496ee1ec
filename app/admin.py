"""``studiodesk-admin``: set-up and maintenance from the command line.

Every failure is one line on stderr and a non-zero exit, never a traceback:
2 for bad arguments, 1 for a refusal or a problem found.
"""

from __future__ import annotations

import argparse
import errno
import logging
import logging.handlers
import os
import sys
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import NoReturn

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from .models.db import SqliteFileError, describe, recover_sqlite_file, resolve_url, sqlite_path
from .services.errors import MigrationFailed, StudioError

PROG = "studiodesk-admin"
SHOWN_PROBLEMS = 3  # a check lists the first problems and counts the rest


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 30:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 30")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be from 1 to 65535")
    return value


def _db_arg(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--db", required=required, metavar="PATH|URL",
                   help="SQLite file path, or a database URL such as postgresql://user:pw@host/db")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log progress")
    parser = _Parser(prog=PROG, description="StudioDesk administration.", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add = sub.add_parser

    def add_parser(name: str, **kw: object) -> argparse.ArgumentParser:
        return _add(name, parents=[common], **kw)  # type: ignore[arg-type]

    sub.add_parser = add_parser  # type: ignore[method-assign, assignment]

    p = sub.add_parser("migrate", help="upgrade the schema to this version (backup first for SQLite)")
    _db_arg(p)
    p.add_argument("--create", action="store_true", help="make a new, empty database when there is none")
    p = sub.add_parser("demo", help="build a demo studio into a new, empty database")
    _db_arg(p)
    p.add_argument("--years", type=_positive_float, default=1.0, help="years of history (default 1)")
    p.add_argument("--seed", type=int, default=2611, help="random seed (default 2611)")
    p.add_argument("--force", action="store_true", help="replace an existing SQLite file")
    p = sub.add_parser("backup", help="verified copy of a SQLite database")
    _db_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE|FOLDER",
                   help="the backup file, or a folder to write a dated file into")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p = sub.add_parser("restore", help="replace a SQLite database with a verified backup")
    _db_arg(p)
    p.add_argument("--from", dest="source", required=True, type=Path, metavar="FILE")
    p = sub.add_parser("check", help="integrity check; cached item status equals last event")
    _db_arg(p)
    p = sub.add_parser("unlock", help="let a staff member locked out by wrong PINs log in again")
    _db_arg(p)
    p.add_argument("--name", required=True, help="the staff member's name")
    p = sub.add_parser("labels", help="item labels of one order (or one item) to PDF")
    _db_arg(p)
    p.add_argument("--order", required=True, metavar="NO",
                   help="order number with its check character as on the slip (all its items), or one item code")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--layout", choices=["sheet", "single"], default="sheet",
                   help="A4 sheet of 3 x 8 labels (default), or single thermal labels")
    p.add_argument("--size", default="50x30", metavar="WxH", help="single label size in mm (default 50x30)")
    p = sub.add_parser(
        "scans", help="apply a batch scanner's file (one code per line) as scans",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Apply each line of a memory scanner's file as one scan, as the named staff member.",
        epilog=SCANS_EPILOG)
    _db_arg(p)
    p.add_argument("--mode", required=True, choices=["send", "receive", "pass", "rework"],
                   help="send to a lab, receive from the lab, pass the check (ready), or send to rework")
    p.add_argument("--staff", required=True, metavar="NAME",
                   help="who scanned: an active staff member allowed to track items (no PIN is asked)")
    p.add_argument("--lab", metavar="NAME", help="the lab the items go to (send mode: required)")
    p.add_argument("--reason", metavar="TEXT",
                   help="why the items go to rework (rework mode: required): a reason of the studio's list, "
                        "by its Chinese or English name, else recorded as \"other\" with this text")
    p.add_argument("--from", dest="source", required=True, type=Path, metavar="FILE",
                   help="the scanner's file: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK")
    p = sub.add_parser(
        "reconcile", help="check a lab's monthly statement (xlsx) against what was sent and received",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read the lab's statement and list what does not agree with the month's sendings: billed but "
                    "never sent or returned, sent or returned but not billed, a price other than the price list, "
                    "billed twice, rework billed by a lab that redoes its faults free.",
        epilog=RECONCILE_EPILOG)
    _db_arg(p)
    p.add_argument("--lab", required=True, metavar="NAME", help="the lab whose statement this is")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="the month the statement bills")
    p.add_argument("--statement", required=True, type=Path, metavar="FILE.xlsx", help="the lab's statement")
    p.add_argument("--out", required=True, type=Path, metavar="RESULT.xlsx", help="the result workbook to write")
    p.add_argument("--columns", metavar="FIELD=COL,...",
                   help="where the statement keeps each field, e.g. item_code=C,order_number=D,product=E,"
                        "quantity=G,price=H (default: the lab's saved layout, else guessed from the headers)")
    p.add_argument("--header-row", type=int, default=None, metavar="N", help="the header's row with --columns")
    p.add_argument("--save-columns", action="store_true",
                   help="keep the layout used (given or guessed) as the lab's statement layout")
    p.add_argument("--staff", metavar="NAME", help="who saves the layout (with --save-columns): manager or production")
    p.add_argument("--language", choices=["zh_CN", "en"], default="zh_CN",
                   help="language of the result workbook (default zh_CN)")
    p = sub.add_parser("serve", help="the phone pages (手机理件) on the studio's network (HTTPS)")
    _db_arg(p)
    p.add_argument("--bind", default="0.0.0.0", metavar="ADDRESS", help="address to listen on (default all: 0.0.0.0)")
    p.add_argument("--port", type=_port, default=8443, metavar="N", help="port (default 8443)")
    p.add_argument("--plain-http", action="store_true",
                   help="serve without encryption (only on a network the studio trusts; off by default)")
    p.add_argument("--cert-dir", type=Path, metavar="FOLDER",
                   help="where the certificate made on first start is kept (default: beside the database file)")
    p = sub.add_parser("export", help="month-end Excel: a lab's month for 对账, or the monthly workbook")
    what = p.add_subparsers(dest="export", required=True, parser_class=_Parser)
    for name, helptext in (("lab", "each lab's sendings of a month (summary and a sheet per lab) to .xlsx"),
                           ("month", "the manager's monthly workbook to .xlsx")):
        q = what.add_parser(name, parents=[common], help=helptext)
        _db_arg(q)
        q.add_argument("--month", required=True, metavar="YYYY-MM", help="the month, e.g. 2026-10")
        if name == "lab":
            q.add_argument("--lab", metavar="NAME", help="only this lab (default: every lab)")
        q.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help="the workbook to write")
        q.add_argument("--language", choices=["zh_CN", "en"], default="zh_CN",
                       help="sheet names and headers (default zh_CN)")
    p = sub.add_parser("outbox", help="the message outbox (短信待发)")
    what = p.add_subparsers(dest="outbox", required=True, parser_class=_Parser)
    q = what.add_parser("export", parents=[common],
                        help="the SMS messages waiting to be sent, to CSV (UTF-8 with BOM) for the SMS platform")
    _db_arg(q)
    q.add_argument("--out", required=True, type=Path, metavar="FILE.csv", help="the CSV file to write")
    q.add_argument("--mark-sent", action="store_true", help="mark the exported messages sent once the file is written")
    return parser


RECONCILE_EPILOG = """\
The statement may have title rows above its header, a total row and a signature below; prices
may be numbers or text (380, "220.00", "¥1,200"); order numbers may have their check character
or not. A file that cannot be read (not an xlsx, password-protected, empty, wrong columns, text
where a number belongs, far too many rows) is refused naming the file, sheet, row and column;
nothing is written then. The result's path is the last line printed.
"""


SCANS_EPILOG = """\
Every line gets one line of output: accepted, unchanged (already in that state, e.g. a code
scanned twice) or refused with the reason; blank lines and blanks around a code are ignored.
Refused lines write nothing; the others are saved together at the end. An unexpected error
(a lost database, a bug) saves nothing of the file.

The staff member is recorded with every event, as at a station; no PIN is asked: whoever runs
this on the studio PC has the database file anyway (as for `unlock`).

Exit status: 0 every line accepted or unchanged; 2 some line refused (the others were saved);
1 nothing was done (no such file, not a text file, unknown staff member or lab, no permission,
the database needs `migrate`); 2 also for wrong arguments (nothing was done then either).
"""


def _alone(url: URL, command: str) -> AbstractContextManager[None]:
    """Hold a SQLite file alone while ``command`` runs: refused (naming them) while any
    StudioDesk has it open. Other databases: nothing to hold here."""
    from .services import station_lock

    path = sqlite_path(url)
    return nullcontext() if path is None else station_lock.exclusive(path, f"{PROG} {command}")


def _cmd_migrate(args: argparse.Namespace) -> int:
    from .models.db import make_engine
    from .services.database import open_database
    from .services.station_lock import refuse_other_connections

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise StudioError("{path} is a folder, not a database file. Give the database file's path.", path=str(path))
    if path is None:
        probe = make_engine(url, station=f"{PROG} migrate")
        try:
            refuse_other_connections(probe)
        finally:
            probe.dispose()
    with _alone(url, "migrate"):
        if path is not None:
            recover_sqlite_file(path)  # a restore killed half-way: its old file goes back
        if path is not None and not path.exists() and not args.create:
            raise StudioError("There is no database file at {path}; nothing was created. Check the path, or add "
                              "--create to make a new, empty StudioDesk database there.", path=str(path))
        engine, report = open_database(url, station=f"{PROG} migrate")
        engine.dispose()
    if report.upgraded:
        print(f"upgraded {describe(url)} from {report.from_revision or 'empty'} to {report.to_revision}"
              + (f" (backup: {report.backup})" if report.backup else ""))
    else:
        print(f"{describe(url)} is up to date ({report.to_revision})")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .services.database import build_sqlite_file, open_database
    from .services.demo import build_demo

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise StudioError("{path} is a folder, not a database file. Give the database file's path.", path=str(path))
    if path is not None and path.exists() and not args.force:
        raise StudioError("{path} already exists; use --force to replace it.", path=str(path))
    started = time.perf_counter()

    def build(engine):  # type: ignore[no-untyped-def]
        try:
            return build_demo(engine, years=args.years, seed=args.seed,
                              progress=(lambda m: print(m, file=sys.stderr)) if args.verbose else None)
        except ValueError as exc:
            raise StudioError("Not built: {why}.", why=str(exc)) from None

    kept = None
    with _alone(url, "demo"):  # never under a station that has the file open
        if path is not None:  # built beside the file, renamed into place when complete
            report, kept = build_sqlite_file(path, build)
        else:
            engine, _ = open_database(url, station=f"{PROG} demo")
            try:
                report = build(engine)
            finally:
                engine.dispose()
    print(f"demo studio in {describe(url)}: {report.customers:,} customers, {report.orders:,} orders, "
          f"{report.items:,} items, {report.events:,} events, {report.complaints:,} complaints, "
          f"{report.follow_ups:,} follow-ups in {time.perf_counter() - started:.1f} s"
          + (f"; the replaced database was kept at {kept}" if kept else ""))
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from .services.database import backup_sqlite

    out = backup_sqlite(resolve_url(args.db), args.out, force=args.force)
    print(f"backup written and verified: {out}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from .services.database import restore_sqlite

    url = resolve_url(args.db)
    with _alone(url, "restore"):
        kept = restore_sqlite(url, args.source)
    print(f"restored from {args.source}" + (f"; the replaced database was kept at {kept}" if kept else ""))
    return 0


def _existing(db: str) -> URL:
    """The database to read; a SQLite file that is not there is refused, not created."""
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise StudioError("{path} is a folder, not a database file. Give the database file's path.", path=str(path))
    if path is not None and not path.exists():
        raise StudioError("There is no database file at {path}.", path=str(path))
    return url


def _cmd_serve(args: argparse.Namespace) -> int:
    import ipaddress
    import signal

    from platformdirs import user_data_dir

    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services.phone import set_phone_address
    from .web.run import ServerConfig, address, uvicorn_server

    try:
        ipaddress.ip_address(args.bind)
    except ValueError:
        raise StudioError("{bind} is not an IP address to listen on (for example 0.0.0.0).", bind=args.bind) from None
    url = _existing(args.db)
    path = sqlite_path(url)
    data_dir = args.cert_dir or (path.parent if path is not None else Path(user_data_dir("StudioDesk")))
    config = ServerConfig(bind=args.bind, port=args.port, plain_http=args.plain_http, data_dir=data_dir)
    engine = make_engine(url, station=f"{PROG} serve")
    try:
        server = uvicorn_server(engine, config)
        where = address(config)
        with Session(engine) as session:  # item labels carry this address as a QR code while it serves
            set_phone_address(session, where, None)
        print(f"phone pages at {where} (Ctrl+C stops)", flush=True)
        # uvicorn stops on Ctrl+C or SIGTERM, then raises the signal again to the handlers it found:
        # quiet ones, so the address is still taken back below
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: None)
        try:
            server.run()
        except SystemExit:  # uvicorn's way of saying it could not listen (already said in its log line)
            pass
        finally:
            with Session(engine) as session:
                set_phone_address(session, None, None)
        if not server.started:
            raise StudioError("The phone server could not listen on {bind}:{port} (in use, or not allowed).",
                              bind=args.bind, port=args.port)
    finally:
        engine.dispose()
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .models.db import make_engine
    from .services.database import check

    url = _existing(args.db)
    engine = make_engine(url, read_only=True, station=f"{PROG} check")  # a check writes nothing, not even the journal mode
    try:
        report = check(engine)
    finally:
        engine.dispose()
    if report.ok:
        print(f"{describe(url)}: ok")
        return 0
    for problem in report.problems[:SHOWN_PROBLEMS]:
        print(problem)
    more = len(report.problems) - SHOWN_PROBLEMS
    if more > 0:
        print(f"... and {more} more")
    print(f"{len(report.problems)} problem(s) found", file=sys.stderr)
    return 1


def _cmd_labels(args: argparse.Namespace) -> int:

    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services.labels import order_labels

    url = _existing(args.db)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # painting needs no screen
    from PySide6.QtGui import QGuiApplication

    from .devices.labels import A4_SHEET, parse_size, thermal, write_pdf

    try:
        layout = A4_SHEET if args.layout == "sheet" else thermal(*parse_size(args.size))
    except ValueError as exc:
        raise StudioError("{why}", why=str(exc)) from None
    engine = make_engine(url, read_only=True, station=f"{PROG} labels")
    try:
        with Session(engine) as session:
            labels = order_labels(session, args.order)
    finally:
        engine.dispose()
    _app = QGuiApplication.instance() or QGuiApplication([PROG])  # noqa: F841 - fonts need an application
    out = Path(args.out)
    partial = out.with_name(out.name + ".partial")  # written beside, checked, renamed into place
    try:
        if out.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(out))
        pages = write_pdf(partial, labels, layout)
        with partial.open("rb") as fh:
            if fh.read(5) != b"%PDF-":
                raise OSError(errno.EIO, "the PDF came out empty", str(partial))
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StudioError("The labels could not be written to {path} ({error}); nothing was written. Choose "
                          "another file or folder, then try again.", path=str(out),
                          error=exc.strerror or str(exc)) from None
    print(f"{len(labels)} label(s) of {labels[0].order_number} on {pages} page(s): {args.out}")
    return 0


def _cmd_unlock(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services.staff import unlock_from_the_command_line

    url = _existing(args.db)
    engine = make_engine(url, station=f"{PROG} unlock")
    try:
        with Session(engine) as session:
            was = unlock_from_the_command_line(session, args.name)
    finally:
        engine.dispose()
    print(f"{args.name.strip()} unlocked (was {was}); they can log in again.")
    return 0


def _as_station(url: URL, command: str) -> AbstractContextManager[object]:
    """Use a SQLite file as a station does: claimed for this run, so `restore`, `migrate` and
    `demo --force` wait for it (and it waits for them). Other databases: nothing to hold."""
    from .services import station_lock

    path = sqlite_path(url)
    return nullcontext() if path is None else station_lock.hold_shared(path, f"{PROG} {command}")


def _cmd_scans(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services import scanner_files
    from .services.database import current_revision, head_revision

    url = _existing(args.db)
    lines, blank = scanner_files.read_file(args.source)
    with _as_station(url, "scans"):
        engine = make_engine(url, station=f"{PROG} scans")
        try:
            if current_revision(engine) != head_revision():
                raise StudioError("{db} is not at this version's schema; nothing was done. Run `{prog} migrate "
                                  "--db {db}` first.", db=describe(url), prog=PROG)
            with Session(engine, expire_on_commit=False) as session:
                actor = scanner_files.command_line_actor(session, args.staff, args.mode, PROG)
                lab_id = scanner_files.lab_named(session, args.lab) if args.lab is not None else None
                if args.mode == "send" and lab_id is None:
                    raise StudioError("Sending needs --lab NAME: the lab the items go to. Nothing was done.")
                reason_id, reason = None, None
                if args.mode == "rework":
                    if args.reason is None:
                        raise StudioError("Rework needs --reason TEXT: why the items go back. Nothing was done.")
                    reason_id, reason = scanner_files.rework_reason(session, args.reason)
                try:
                    result = scanner_files.apply_lines(session, lines, args.mode, actor, lab_id=lab_id,
                                                       rework_reason_id=reason_id, reason=reason, blank=blank)
                except StudioError:
                    raise
                except Exception as exc:  # a lost database or a bug: the whole file was rolled back
                    logging.getLogger(__name__).error("scans from %s", args.source, exc_info=True)
                    notes = getattr(exc, "__notes__", None) or []
                    where = notes[0].split(";")[0] if notes else "before the first line"
                    if isinstance(exc, SQLAlchemyError):
                        what = "database error: " + str(getattr(exc, "orig", None) or exc).splitlines()[0]
                    else:
                        what = f"unexpected error ({type(exc).__name__}: {exc})"
                    print(f"{PROG}: {what}, at {where}; nothing from {args.source} was saved.", file=sys.stderr)
                    return 1
        finally:
            engine.dispose()
    for line in result.lines:
        print(f"line {line.number}: {line.outcome.value} \"{line.text}\": {line.message}")
    counts = ", ".join(f"{result.count(o)} {o.value}" for o in scanner_files.LineOutcome)
    print(f"{args.source}: {counts}" + (f", {result.blank} blank line(s) skipped" if result.blank else ""))
    return result.exit_status


def _translator(language: str):  # type: ignore[no-untyped-def]
    """The window's translation of the services' words, for sheets written here (None: English)."""
    if language == "en":
        return None
    from PySide6.QtCore import QTranslator

    from .ui.i18n import qm_file

    translator = QTranslator()
    path = qm_file(language)
    if path is None or not translator.load(str(path)):
        logging.getLogger(__name__).warning("translation %s not loaded; headers in English", language)
        return None
    return lambda text: translator.translate("errors", text) or text


def _cmd_reconcile(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services import reconcile, scanner_files
    from .services.database import current_revision, head_revision
    from .services.lab_month import Month

    url = _existing(args.db)
    month = Month.parse(args.month)
    if args.header_row is not None and not args.columns:
        raise StudioError("--header-row goes with --columns. Nothing was done.")
    if args.save_columns and not args.staff:
        raise StudioError("Saving the layout needs --staff NAME: a manager or production staff member. Nothing was done.")
    layout = reconcile.parse_columns(args.columns, args.header_row) if args.columns else None
    with _as_station(url, "reconcile") if args.save_columns else nullcontext():
        engine = make_engine(url, read_only=not args.save_columns, station=f"{PROG} reconcile")
        try:
            if current_revision(engine) != head_revision():
                raise StudioError("{db} is not at this version's schema; nothing was done. Run `{prog} migrate "
                                  "--db {db}` first.", db=describe(url), prog=PROG)
            with Session(engine, expire_on_commit=False) as session:
                actor = (scanner_files.command_line_actor(session, args.staff, "send", PROG)
                         if args.save_columns else None)  # saving a layout is production's or a manager's
                result = reconcile.reconcile(session, args.lab, month, args.statement, layout=layout)
                translate = _translator(args.language) or str
                out = reconcile.write_result(result, args.out, translate=translate)
                if actor is not None:
                    reconcile.save_layout(session, result.lab_name, result.layout, actor)
        finally:
            engine.dispose()
    for line in reconcile.summary_lines(result, translate):
        print(line)
    print(out)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services import month_end
    from .services.database import current_revision, head_revision
    from .services.lab_month import Month
    from .services.money import yuan

    month = Month.parse(args.month)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise StudioError("{path}: the workbook's name must end in .xlsx; nothing was written.", path=str(out))
    if out.is_dir():
        raise StudioError("{path} is a folder; give the workbook's file name. Nothing was written.", path=str(out))
    url = _existing(args.db)
    translate = _translator(args.language)
    engine = make_engine(url, read_only=True, station=f"{PROG} export")  # reads only
    try:
        if current_revision(engine) != head_revision():
            raise StudioError("{db} is not at this version's schema; nothing was written. Run `{prog} migrate "
                              "--db {db}` first.", db=describe(url), prog=PROG)
        with Session(engine) as session:
            if args.export == "lab":
                lab = month_end.export_lab_month(session, month, out, None, lab=args.lab, language=args.language,
                                                 translate=translate)
                print(f"{month}: {lab.lines} sending(s) of {len(lab.labs)} lab(s), {yuan(lab.billed_fen)} billed")
                path = lab.path
            else:
                book = month_end.export_month(session, month, out, None, language=args.language,
                                              translate=translate)
                print(f"{month}: {book.orders} order(s) booked, {yuan(book.booked_fen)}; "
                      f"{yuan(book.received_fen)} received; {len(book.sheets)} sheets")
                path = book.path
    finally:
        engine.dispose()
    print(path)
    return 0


def _cmd_outbox(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from .models.db import make_engine
    from .services import outbox
    from .services.database import current_revision, head_revision

    out = Path(args.out)
    if out.suffix.lower() != ".csv":
        raise StudioError("{path}: the file's name must end in .csv; nothing was written.", path=str(out))
    if out.is_dir():
        raise StudioError("{path} is a folder; give the CSV file's name. Nothing was written.", path=str(out))
    if not out.parent.is_dir():
        raise StudioError("There is no folder {path}; nothing was written.", path=str(out.parent))
    url = _existing(args.db)
    engine = make_engine(url, read_only=not args.mark_sent, station=f"{PROG} outbox")
    try:
        if current_revision(engine) != head_revision():
            raise StudioError("{db} is not at this version's schema; nothing was written. Run `{prog} migrate "
                              "--db {db}` first.", db=describe(url), prog=PROG)
        with Session(engine) as session:
            done = outbox.export_csv(session, out, None, mark_sent=args.mark_sent)
    finally:
        engine.dispose()
    print(f"{done.count} message(s) exported" + ("; marked sent" if done.marked_sent else ""))
    print(done.path)
    return 0


COMMANDS = {"outbox": _cmd_outbox, "migrate": _cmd_migrate, "demo": _cmd_demo, "backup": _cmd_backup, "restore": _cmd_restore,
            "check": _cmd_check, "labels": _cmd_labels, "unlock": _cmd_unlock,
            "scans": _cmd_scans, "reconcile": _cmd_reconcile, "export": _cmd_export, "serve": _cmd_serve}


class _NoTracebacks(logging.Filter):
    """What reaches a person's terminal: no tracebacks (they go to the log file)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.exc_info is None


def _setup_logging(verbose: bool) -> Path | None:
    """Progress and warnings on stderr (tracebacks only with --verbose); everything, with
    tracebacks, in the admin log file beside the program's. Returns the log file's path."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    if not verbose:
        for handler in root.handlers:
            if isinstance(handler, logging.StreamHandler) and getattr(handler, "stream", None) is sys.stderr:
                handler.addFilter(_NoTracebacks())
    import platformdirs

    from .models.db import APP_NAME

    path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "studiodesk-admin.log"
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_file = _setup_logging(args.verbose)
    try:
        return COMMANDS[args.command](args)
    except StudioError as exc:
        where = f" Log: {log_file}" if isinstance(exc, MigrationFailed) and log_file else ""
        print(f"{PROG}: {exc.message}{where}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        logging.getLogger(__name__).debug("database error", exc_info=True)
        print(f"{PROG}: database error: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{PROG}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except SqliteFileError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:  # a URL whose driver is not installed (mysql://...)
        print(f"{PROG}: {describe(resolve_url(args.db))}: this kind of database is not supported here ({exc.name or exc}). "
              "Use a SQLite file or a postgresql:// URL.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
