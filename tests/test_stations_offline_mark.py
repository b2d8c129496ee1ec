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
