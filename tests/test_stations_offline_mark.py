"""A station's offline mark (issue #18), headless on any database: a call that finds the
database unreachable puts it in the status bar, the next call that gets through takes it away;
a busy database or a refusal is no reason to say the station is offline.

tests/test_connection_loss.py does the same against a real PostgreSQL server stopped and started.
"""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.services import boards
from app.services.errors import ScanRefused
from app.ui import bugs
from app.ui.context import UNREACHABLE, DatabaseUnavailable
from app.ui.main_window import RECHECK_MS


def _lost(session: Session) -> int:
    raise OperationalError("SELECT 1", {}, Exception("connection to server at 127.0.0.1 failed: Connection refused"))


def _locked(session: Session) -> int:
    raise OperationalError("UPDATE items", {}, Exception("database is locked"))


def _refused(session: Session) -> int:
    raise ScanRefused("{code} is ready for pickup; it cannot be marked returned. Nothing changed.", code="X")


def test_an_unreachable_database_marks_the_window_offline_until_a_call_gets_through(qtbot, window, ctx):
    bugs.reported.clear()
    assert window.offline.isHidden()
    with pytest.raises(DatabaseUnavailable) as refused:
        ctx.call(_lost)
    assert refused.value.template == UNREACHABLE and "Nothing was saved" in str(refused.value)
    qtbot.waitUntil(window.offline.isVisible)
    assert "offline" in window.offline.text().lower() and window.recheck.isActive()
    with pytest.raises(ScanRefused):  # a refusal does not say the database is back
        ctx.call(_refused)
    assert window.offline.isVisible()
    ctx.call(boards.data_version)
    qtbot.waitUntil(window.offline.isHidden)
    assert not window.recheck.isActive()
    assert "again" in window.statusBar().currentMessage()
    assert bugs.reported == []


def test_a_busy_database_is_no_reason_to_say_offline(qtbot, window, ctx):
    with pytest.raises(DatabaseUnavailable):
        ctx.call(_locked)
    qtbot.wait(50)
    assert window.offline.isHidden() and ctx.reachability.reachable


def test_the_window_rechecks_by_itself_while_offline_and_clears_the_mark(qtbot, window, ctx):
    with pytest.raises(DatabaseUnavailable):
        ctx.call(_lost)
    qtbot.waitUntil(window.offline.isVisible)
    qtbot.waitUntil(window.offline.isHidden, timeout=RECHECK_MS * 3)  # nobody called: the re-check did


def test_a_background_call_that_loses_the_database_marks_offline_on_the_gui_thread(qtbot, window, ctx, messages):
    task = ctx.run_in_background(_lost, label="export", parent=window)
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    qtbot.waitUntil(window.offline.isVisible)
    assert messages and "cannot be reached" in messages[0]  # said once, as a message, not as a bug
    assert bugs.reported == []


def test_a_server_that_does_not_answer_is_offline_after_the_connect_timeout_not_a_frozen_window(tmp_path):
    """A server PC switched off or a cable pulled: the connection is never refused, nothing
    answers. The call gives up after the connect timeout ("cannot be reached") instead of
    waiting for ever with the window frozen (libpq's default)."""
    import socket
    import threading

    from app.models.db import CONNECT_TIMEOUT_S, make_engine
    from app.ui.context import AppContext

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel completes the handshake; nobody ever says a word
    port = silent.getsockname()[1]
    engine = make_engine(f"postgresql+psycopg://studiodesk:studiodesk@127.0.0.1:{port}/nowhere")
    ctx = AppContext(engine, engine.url, station="前台1")
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            ctx.call(boards.data_version)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(CONNECT_TIMEOUT_S * 6)  # not a speed limit: without a timeout it never returns
    try:
        assert not worker.is_alive(), "the call still waits for a server that never answers"
        assert len(outcome) == 1 and isinstance(outcome[0], DatabaseUnavailable), outcome
        assert outcome[0].template == UNREACHABLE and not ctx.reachability.reachable
    finally:
        engine.dispose()
        silent.close()


def test_connections_to_a_server_give_up_on_a_dead_peer():
    """Besides the connect timeout: TCP keepalives and a user timeout, so a connection whose
    server vanished mid-call fails within seconds rather than after the system's quarter of an hour."""
    from sqlalchemy import event

    from app.models.db import make_engine

    engine = make_engine("postgresql+psycopg://u:p@127.0.0.1:1/x")
    seen: dict = {}

    def look(_dialect, _record, _cargs, cparams):  # type: ignore[no-untyped-def]
        seen.update(cparams)
        raise ConnectionAbortedError("only looking")

    event.listen(engine, "do_connect", look)
    with pytest.raises(ConnectionAbortedError):
        engine.connect()
    engine.dispose()
    assert seen["connect_timeout"] >= 2 and seen["keepalives"] == 1
    assert seen["keepalives_idle"] and seen["keepalives_interval"] and seen["keepalives_count"]
    assert seen["tcp_user_timeout"] > 0


def test_the_change_poll_waits_while_offline_and_goes_on_when_back(qtbot, ctx, monkeypatch):
    """The one-second poll of the boards does not knock at an unreachable database (each knock
    could take the connect timeout on the GUI thread); the re-check does that, off the GUI thread."""
    from app.ui.changes import ChangeWatcher

    calls: list[int] = []

    def version(session: Session) -> int:
        calls.append(1)
        return len(calls)

    monkeypatch.setattr(boards, "data_version", version)
    watcher = ChangeWatcher(ctx, lambda: True)
    watcher.timer.stop()
    watcher.poll()
    ctx.reachability.note(False)
    assert watcher.poll() is False and len(calls) == 1
    ctx.reachability.note(True)
    assert watcher.poll() is True and len(calls) == 2  # what changed meanwhile is seen at once
