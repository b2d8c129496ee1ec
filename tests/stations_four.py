"""The writers of tests/test_stations_four.py: each runs in a child process of its own (spawn).

Every writer works on the same orders at once and writes one JSON file of what it was
told per code: ``{"writer", "code", "target", "outcome", "kind", "message"}`` with outcome
``accepted`` (the station showed the move as made), ``unchanged`` (already in that state) or
``refused`` (with the kind of refusal and its message). Moves that are no transition (a
send-out scan puts an item on the open shipment) have target ``None``.

The writers:

- ``send_out``: the send-out desk (services/shipments): scans codes into a shipment, closes it;
- ``desk``: the receiving desk (services/receiving): receive, then pass, code by code;
- ``scanner_file``: memory-scanner files (services/scanner_files) of receive / pass codes;
- ``phone``: a phone server (app/web ServerThread) and a signed-in HTTP client doing receive / pass;
- ``pickup``: the Pickup tab of a real MainWindow (offscreen): the order slip scanned, F12.

They start together at a barrier. The receivers go round their codes until the send-out desk
is done and a whole round did nothing (everything already received and passed); the pickup
station until the receivers are done and a round handed nothing over; each also stops at its
deadline.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.services.messages import Message

RETURNED, READY, SENT, PICKED_UP = "returned", "ready", "sent", "picked_up"
# what a station may be told when it did not make the move: the documented kinds
ALREADY, CONCURRENT, WRONG_STATUS = "already-in-that-state", "ConcurrentChange", "wrong status"
_KINDS = (
    (CONCURRENT, re.compile(r"changed at another station|Another station changed|put on another shipment")),
    (WRONG_STATUS, re.compile(r"cannot be marked|cannot be sent to a lab|only ready items|is made by a lab|"
                              r"made in the studio|receive it first")),
    (ALREADY, re.compile(r"\balready\b")),
)


def kind_of(text: str) -> str:
    """The kind of refusal an English message is, or "other: ..." (the test fails on it)."""
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return f"other: {text}"


def _exc_kind(exc: Exception) -> str:
    """A refusal raised by a service: its class must agree with its message."""
    from app.services.errors import BadInput, ConcurrentChange, ScanRefused

    text = str(exc)
    kind = kind_of(text)
    if isinstance(exc, ConcurrentChange):
        return CONCURRENT if kind == CONCURRENT else f"other: ConcurrentChange {text}"
    if isinstance(exc, ScanRefused | BadInput) and kind in (ALREADY, WRONG_STATUS):
        return kind
    return f"other: {type(exc).__name__} {text}"


class Log:
    def __init__(self, writer: str) -> None:
        self.writer = writer
        self.rows: list[dict[str, Any]] = []

    def add(self, code: str, target: str | None, outcome: str, kind: str | None = None, message: str = "") -> None:
        self.rows.append({"writer": self.writer, "code": code, "target": target, "outcome": outcome, "kind": kind,
                          "message": message})

    def refused(self, code: str, target: str | None, exc: Exception) -> None:
        self.add(code, target, "refused", _exc_kind(exc), str(exc))

    def told(self, code: str, target: str | None, message: Message) -> None:
        text = str(message)
        self.add(code, target, "refused", kind_of(text), text)

    def accepted_since(self, start: int) -> bool:
        return any(r["outcome"] == "accepted" for r in self.rows[start:])

    def busy_since(self, start: int) -> bool:
        """Did anything happen in this round (a move made, or a move lost to another station)?"""
        return any(r["outcome"] == "accepted" or r["kind"] == CONCURRENT for r in self.rows[start:])

    def save(self, out: str) -> None:
        Path(out).write_text(json.dumps(self.rows, ensure_ascii=False), encoding="utf-8")


def _engine(url: str):  # type: ignore[no-untyped-def]
    from app.models.db import make_engine, resolve_url

    return make_engine(resolve_url(url))


def _actor(session, name: str, station: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.models import Staff
    from app.services.staff import actor_of

    staff = session.scalar(select(Staff).where(Staff.name == name))
    assert staff is not None, name
    return actor_of(staff, station)


def _rounds(log: Log, one_round: Callable[[], None], *, after: list[Any], deadline: float) -> None:
    """Rounds until every event of ``after`` is set and a round did nothing, or the deadline."""
    while time.monotonic() < deadline:
        settled = all(e.is_set() for e in after)  # read before the round: a round after it counts
        start = len(log.rows)
        one_round()
        if settled and not log.busy_since(start):
            return


# -- (a) the send-out desk --------------------------------------------------------------
def send_out(url: str, codes: list[str], lab_id: int, group: int, barrier: Any, done: Any, out: str,
             seconds: float) -> None:
    from app.models.db import make_session_factory
    from app.services import shipments
    from app.services.errors import StudioError

    engine = _engine(url)
    log = Log("send-out")
    try:
        with make_session_factory(engine)() as session:
            actor = _actor(session, "张后期", "发件台")
            session.rollback()
            barrier.wait()
            for start in range(0, len(codes), group):
                shipment_id = None
                for code in codes[start:start + group]:
                    try:
                        added = shipments.add_to_shipment(session, code, actor, lab_id=lab_id)
                    except StudioError as exc:
                        log.refused(code, None, exc)
                        continue
                    shipment_id = added.shipment_id
                    log.add(code, None, "accepted" if added.added else "unchanged", message=str(added.message))
                if shipment_id is None:
                    continue
                try:
                    closed = shipments.close_shipment(session, shipment_id, actor)
                except StudioError as exc:
                    for code in codes[start:start + group]:
                        log.refused(code, SENT, exc)
                    continue
                for code in closed.sent:
                    log.add(code, SENT, "accepted")
                for code, why in closed.refused:
                    log.told(code, SENT, why)
    finally:
        done.set()
        log.save(out)
        engine.dispose()


# -- (b) the receiving desk (services) ----------------------------------------------------
def desk(url: str, codes: list[str], seed: int, barrier: Any, after: list[Any], done: Any, out: str,
         seconds: float) -> None:
    from app.models.db import make_session_factory
    from app.services import receiving
    from app.services.errors import StudioError

    engine = _engine(url)
    log = Log("desk")
    rng = random.Random(seed)
    try:
        with make_session_factory(engine)() as session:
            actor = _actor(session, "张后期", "理件台")
            session.rollback()

            def one_round() -> None:
                for code in rng.sample(codes, len(codes)):
                    for mode, target in ((receiving.ScanMode.RECEIVE, RETURNED), (receiving.ScanMode.PASS, READY)):
                        try:
                            answer = receiving.apply_scan(session, code, mode, actor, shelf="B2")
                        except StudioError as exc:
                            log.refused(code, target, exc)
                            continue
                        log.add(code, target, "accepted" if answer.changed else "unchanged",
                                None if answer.changed else ALREADY, str(answer.message))

            barrier.wait()
            _rounds(log, one_round, after=after, deadline=time.monotonic() + seconds)
    finally:
        done.set()
        log.save(out)
        engine.dispose()


# -- (d) memory-scanner files -------------------------------------------------------------
def scanner_file(url: str, codes: list[str], seed: int, per_file: int, barrier: Any, after: list[Any], done: Any,
                 out: str, seconds: float) -> None:
    from app.models.db import make_session_factory
    from app.services import scanner_files
    from app.services.errors import StudioError

    engine = _engine(url)
    log = Log("scanner-file")
    rng = random.Random(seed)
    try:
        with make_session_factory(engine)() as session:
            actor = _actor(session, "张后期", "扫描枪文件")
            session.rollback()

            def one_round() -> None:
                shuffled = rng.sample(codes, len(codes))
                for start in range(0, len(shuffled), per_file):
                    chunk = shuffled[start:start + per_file]
                    for mode, target in ((scanner_files.ScanMode.RECEIVE, RETURNED),
                                         (scanner_files.ScanMode.PASS, READY)):
                        lines = [(n + 1, code) for n, code in enumerate(chunk)]
                        try:
                            result = scanner_files.apply_lines(session, lines, mode, actor)
                        except StudioError as exc:  # the whole file refused, nothing written
                            for code in chunk:
                                log.refused(code, target, exc)
                            continue
                        for line in result.lines:
                            if line.outcome is scanner_files.LineOutcome.REFUSED:
                                log.told(line.text, target, line.message)
                            else:
                                accepted = line.outcome is scanner_files.LineOutcome.ACCEPTED
                                log.add(line.text, target, "accepted" if accepted else "unchanged",
                                        None if accepted else ALREADY, str(line.message))

            barrier.wait()
            _rounds(log, one_round, after=after, deadline=time.monotonic() + seconds)
    finally:
        done.set()
        log.save(out)
        engine.dispose()


# -- (e) phones through the phone server --------------------------------------------------
def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


_ANSWER = re.compile(r'<div class="answer (accepted|refused)" id="answer">\s*(?:Accepted|Refused): (.*?)\n', re.S)


def phone(url: str, codes: list[str], seed: int, port: int, barrier: Any, after: list[Any], done: Any, out: str,
          seconds: float) -> None:
    import html

    import httpx2 as httpx  # the test extra's client (starlette's TestClient uses it)

    from app.web.run import ServerConfig, ServerThread

    engine = _engine(url)
    log = Log("phone")
    rng = random.Random(seed)
    server = ServerThread(engine, ServerConfig(bind="127.0.0.1", port=port, plain_http=True))
    server.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            client.get("/lang/en")  # answers in English, to read them back
            page = client.get("/signin")
            signed = client.post("/signin", data={"csrf": _csrf(page.text), "name": "张后期", "pin": "3333",
                                                  "next": "/"})
            assert signed.status_code == 303, signed.text

            def one_round() -> None:
                for code in rng.sample(codes, len(codes)):
                    for mode, target in (("receive", RETURNED), ("pass", READY)):
                        form = client.get(f"/mode/{mode}")
                        answer = client.post(f"/mode/{mode}", data={"csrf": _csrf(form.text), "code": code})
                        found = _ANSWER.search(answer.text)
                        assert answer.status_code == 200 and found, answer.text
                        text = html.unescape(found.group(2)).strip()
                        if found.group(1) == "accepted":
                            log.add(code, target, "accepted", message=text)
                        elif kind_of(text) == ALREADY:
                            log.add(code, target, "unchanged", ALREADY, text)
                        else:
                            log.add(code, target, "refused", kind_of(text), text)

            barrier.wait()
            _rounds(log, one_round, after=after, deadline=time.monotonic() + seconds)
    finally:
        done.set()
        log.save(out)
        server.stop()
        engine.dispose()


# -- (c) the Pickup tab of a real window ----------------------------------------------------
def pickup(url: str, slips: list[str], settings_dir: str, barrier: Any, after: list[Any], done: Any, out: str,
           seconds: float) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.devices.scanner import ScannerSettings
    from app.models.db import make_session_factory
    from app.services import pickup as pickup_service
    from app.services.errors import StudioError
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("StudioDeskTests")
    QCoreApplication.setApplicationName("StudioDeskTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = QApplication.instance() or QApplication([])
    QSettings().setValue("pickup/receipt_folder", str(Path(settings_dir) / "receipts"))
    engine = _engine(url)
    log = Log("pickup")
    window = None
    try:
        with make_session_factory(engine)() as session:
            actor = _actor(session, "李前台", "取件台")
        ctx = AppContext(engine, engine.url, station="取件台", studio_name="测试影楼", actor=actor)
        real_call = ctx.call

        def told(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
            """What the station was told about each hand-over, as it was told."""
            if fn is not pickup_service.hand_over:
                return real_call(fn, *args, **kwargs)
            chosen = list(args[1])
            try:
                receipt = real_call(fn, *args, **kwargs)
            except StudioError as exc:
                for code in chosen:
                    log.refused(code, PICKED_UP, exc)
                raise
            for line in receipt.handed_over:
                log.add(line.code, PICKED_UP, "accepted")
            return receipt

        ctx.call = told  # type: ignore[method-assign]
        window = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
        window.show()
        window.tabs.setCurrentWidget(window.pickup)
        app.processEvents()
        tab = window.pickup

        def one_round() -> None:
            for slip in slips:
                window.handle_scan(slip)  # the order slip: the whole order shown, its ready items ticked
                app.processEvents()
                assert tab.view is not None, tab.message.text()
                if tab.ticked:
                    box = tab.hand_over()  # F12
                    if box is not None:  # a partial pickup: what stays behind is said first; yes, hand over
                        box.button(QMessageBox.StandardButton.Yes).click()
                    app.processEvents()
                tab.clear()  # the customer leaves: the next order

        barrier.wait()
        _rounds(log, one_round, after=after, deadline=time.monotonic() + seconds)
    finally:
        done.set()
        log.save(out)
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
        engine.dispose()
