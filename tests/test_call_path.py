"""The one call path from the window into the services: sessions, staff, clock, and every
kind of trouble shown the same way — refusals as their message, a busy or lost database as
"try again", a bug as one apologetic dialog in the staff's language."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from app.services import customers, search as search_service
from app.services.customers import NewCustomer
from app.services.errors import BadInput
from app.ui import bugs
from app.ui.context import DatabaseUnavailable

UI = Path(__file__).resolve().parent.parent / "app" / "ui"
FORBIDDEN = {"Session", "sessionmaker", "make_session_factory", "engine", "session", "_sessions"}


def test_no_screen_opens_a_session_or_touches_the_engine():
    """Only app/ui/context.py (the call path) may use the session factory or the engine."""
    offenders = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "context.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.alias):
                name = node.name.rsplit(".", 1)[-1]
            if name in FORBIDDEN:
                offenders.append(f"{path.name}:{node.lineno}: {name}")
    assert offenders == []


def test_the_call_path_passes_the_signed_in_staff_and_the_clock(ctx, studio, session):
    customer = ctx.call(customers.create_customer, NewCustomer(name="赵六", phones=["13700001111"]))
    assert customer.created_by == studio.counter.staff_id
    assert customer.created_at == ctx.clock.now()


def _raise(exc):  # type: ignore[no-untyped-def]
    def fn(*_a, **_k):  # type: ignore[no-untyped-def]
        raise exc
    return fn


def test_a_refusal_is_shown_as_its_message_and_returns_none(ctx, messages):
    assert ctx.run(customers.create_customer, NewCustomer(name="", phones=["13700001111"])) is None
    assert messages == ["A customer needs a name."]


def test_a_locked_database_during_a_search_says_busy_and_the_window_stays_usable(
        qtbot, window, messages, monkeypatch):
    monkeypatch.setattr(search_service, "search",
                        _raise(OperationalError("SELECT", {}, Exception("database is locked"))))
    window.orders.search.setText("1234")
    window.orders.run_search()
    assert len(messages) == 1 and "busy" in messages[0] and "Nothing was saved" in messages[0]
    assert window.orders.results_model.rowCount() == 0 and bugs.reported == []
    monkeypatch.undo()
    window.orders.run_search()  # and the next search works again
    assert window.isVisible()


def test_a_lost_connection_says_unreachable_not_a_traceback(ctx, messages, monkeypatch):
    lost = OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
    monkeypatch.setattr(search_service, "search", _raise(lost))
    assert ctx.run(search_service.search, "1234") is None
    assert len(messages) == 1 and "cannot be reached" in messages[0] and "Traceback" not in messages[0]


def test_database_trouble_reaches_inline_callers_as_a_refusal(ctx, monkeypatch):
    monkeypatch.setattr(search_service, "search", _raise(OperationalError("SELECT", {}, Exception("locked"))))
    with pytest.raises(DatabaseUnavailable):
        ctx.call(search_service.search, "1234")


def test_a_bug_is_logged_and_reported_once_in_the_staffs_language(qtbot, ctx, messages, monkeypatch, caplog,
                                                                   chinese):
    monkeypatch.setattr(bugs, "reported", [])
    monkeypatch.setattr(search_service, "search", _raise(IntegrityError("INSERT", {}, Exception("UNIQUE"))))
    with caplog.at_level(logging.ERROR, logger="app.bug"):
        assert ctx.run(search_service.search, "1234") is None
    assert len(messages) == 1 and "StudioDesk" in messages[0] and "Traceback" not in messages[0]
    assert "抱歉" in messages[0]  # Chinese on a Chinese screen
    assert "Traceback" in caplog.text and "UNIQUE" in caplog.text  # the details are in the log
    assert len(bugs.reported) == 1


def test_while_the_bug_dialog_is_open_further_bugs_are_only_logged(qtbot, monkeypatch):
    shown = []

    def show(_box):  # type: ignore[no-untyped-def]
        shown.append(1)
        bugs.report(None, RuntimeError("second, from a timer"))  # arrives while the first dialog is open

    monkeypatch.setattr(bugs, "show_box", show)
    monkeypatch.setattr(bugs, "reported", [])
    bugs.report(None, RuntimeError("first"))
    assert shown == [1] and len(bugs.reported) == 2


def test_long_work_runs_off_the_gui_thread_and_returns_on_it(qtbot, ctx, window):
    import threading

    from PySide6.QtCore import QThread

    ran_on = []

    def slow(session, *, actor):  # type: ignore[no-untyped-def]
        ran_on.append(threading.current_thread())
        return actor.name

    done = []
    task = ctx.run_in_background(slow, label="…", parent=window,
                                 on_done=lambda r: done.append((r, QThread.currentThread())))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert ran_on[0] is not threading.main_thread()
    assert done[0][0] == "李前台" and done[0][1] is window.thread()
    assert not task.running


def test_a_refusal_from_long_work_is_shown_like_any_other(qtbot, ctx, window, messages):
    ctx.run_in_background(_raise(BadInput("Nothing was scanned or typed.")), label="…", parent=window)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages == ["Nothing was scanned or typed."]


@pytest.fixture
def chinese(qapp):
    from app.ui import i18n

    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


def test_a_service_that_needs_a_signed_in_person_is_refused_while_nobody_is_signed_in(ctx):
    """Between one person signing out and the next signing in, a screen asking a service that
    acts for someone gets a refusal in the staff's language, never the bug dialog."""
    from app.services import shipments
    from app.services.errors import NotAllowed

    ctx.actor = None
    with pytest.raises(NotAllowed, match="sign in first"):
        ctx.call(shipments.open_shipment, 1)
