"""Settings → Staff…: a manager unlocks accounts and issues badges; nobody else gets the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.devices.scanner import ScannerSettings
from app.models import AuditEntry, Staff
from app.services import codes
from app.services.errors import NotAllowed
from app.services.staff import LoginRefused, login
from app.ui.main_window import MainWindow
from app.ui.staff_dialog import StaffDialog


@pytest.fixture
def window(qtbot, ctx):
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    return w


def _lock(session, clock, name: str) -> None:
    for _ in range(10):
        with pytest.raises(LoginRefused):
            login(session, name, "0000", clock=clock)
        clock.advance(seconds=30)


def _row(dialog: StaffDialog, name: str) -> int:
    return next(i for i, r in enumerate(dialog.model.rows) if r.name == name)


def test_the_staff_dialog_is_refused_to_the_counter(qtbot, window, ctx, messages):
    assert window.open_staff() is None
    assert messages and "may not manage staff" in messages[0]


def test_a_manager_unlocks_a_locked_account_in_the_staff_dialog(qtbot, window, ctx, studio, session, clock, messages):
    _lock(session, clock, "张后期")
    ctx.actor = studio.manager
    dialog = window.open_staff()
    assert isinstance(dialog, StaffDialog) and dialog.isVisible()
    row = _row(dialog, "张后期")
    assert dialog.model.data(dialog.model.index(row, 4)) == "locked"
    assert [dialog.model.data(dialog.model.index(row, c)) for c in (0, 3)] == ["张后期", "yes"]
    dialog.view.selectRow(row)
    assert dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.model.data(dialog.model.index(_row(dialog, "张后期"), 4)) == ""
    assert not dialog.unlock_button.isEnabled()
    assert login(session, "张后期", "3333", clock=clock).name == "张后期"
    assert not messages


def test_a_manager_issues_a_new_badge_shown_once_and_the_old_one_stops(qtbot, window, ctx, studio, session, messages):
    ctx.actor = studio.manager
    dialog = window.open_staff()
    dialog.view.selectRow(_row(dialog, "李前台"))
    qtbot.mouseClick(dialog.badge_button, Qt.MouseButton.LeftButton)
    code = dialog.issued
    assert code and codes.parse_badge(code) == code and code != studio.badges["李前台"]
    assert any(code in text for text in messages)  # shown to the manager
    session.expire_all()
    assert session.get(Staff, studio.counter.staff_id).badge_code == code
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "staff.badge")).all()[-1].detail == \
        "李前台: replaced"
    ctx.actor = studio.production
    window.handle_scan(studio.badges["李前台"])
    assert ctx.actor.name == "张后期"  # the old badge switches nobody
    window.handle_scan(code)
    assert ctx.actor.name == "李前台"


def test_the_staff_acts_are_refused_in_the_service_too(session, studio):
    from app.services.staff import new_badge, unlock_staff

    for act in (new_badge, unlock_staff):
        with pytest.raises(NotAllowed):
            act(session, studio.production.staff_id, studio.counter)
