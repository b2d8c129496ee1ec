"""Logging in (name or badge, PIN, growing delay), the first run, and starting the app."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton
from sqlalchemy import text

from app import main as app_main
from app.models import Role
from app.ui.catalogue_dialog import CatalogueDialog
from app.ui.context import AppContext
from app.ui.login import FirstRunDialog, LoginDialog

from .helpers import type_text


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_login_by_name_and_pin(qtbot, ctx):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.name.itemText(i) for i in range(dialog.name.count())] == ["王店长", "李前台", "张后期"]
    dialog.name.setCurrentText("张后期")
    type_text(qtbot, dialog.secret, "3333")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.actor.role is Role.PRODUCTION
    assert dialog.actor.station == "前台1"


def test_a_badge_scan_in_the_name_field_moves_on_to_the_pin(qtbot, ctx, studio):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(qtbot, dialog.name.lineEdit(), studio.badges["王店长"])
    qtbot.keyClick(dialog.name.lineEdit(), Qt.Key.Key_Return)
    assert dialog.secret.hasFocus()
    type_text(qtbot, dialog.secret, "1111")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.name == "王店长"


def _try(qtbot, dialog, pin: str) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, dialog.secret, pin)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)


def test_wrong_pins_are_refused_with_the_services_growing_wait(qtbot, ctx, clock):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setCurrentText("李前台")
    delays = []
    for _ in range(3):
        ok.setEnabled(True)  # skip the rest itself; the wait the service gives is what is checked
        _try(qtbot, dialog, "0000")
        delays.append(dialog._rest.interval())
        assert not ok.isEnabled() and "Wrong name or password" in dialog.message.text()
        clock.advance(seconds=dialog._rest.interval() / 1000)
    assert delays == [1000, 2000, 4000] and dialog.actor is None and dialog.result() != QDialog.DialogCode.Accepted
    assert "Try again in 4 s" in dialog.message.text()
    ok.setEnabled(True)
    dialog.secret.clear()
    dialog.try_login()  # Enter with no PIN typed: no attempt, no rest
    assert ok.isEnabled() and dialog.message.text().endswith("4 s.")


def test_reopening_the_login_does_not_reset_the_wait(qtbot, ctx, clock):
    first = LoginDialog(ctx)
    qtbot.addWidget(first)
    first.name.setCurrentText("李前台")
    _try(qtbot, first, "0000")
    clock.advance(seconds=1)
    first._rested()
    _try(qtbot, first, "0000")
    assert first._rest.interval() == 2000
    clock.advance(seconds=1.5)  # not quite over
    first.reject()
    again = LoginDialog(ctx)  # Ctrl+L again, or another station
    qtbot.addWidget(again)
    again.name.setCurrentText("李前台")
    _try(qtbot, again, "2222")  # the right PIN, during the wait
    assert again.actor is None and "wait 1 s" in again.message.text()  # 0.5 s left of 2 s
    assert not again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert again._rest.interval() == 1000
    clock.advance(seconds=0.5)
    again._rested()
    _try(qtbot, again, "2222")
    assert again.actor is not None and again.actor.name == "李前台"


def test_a_locked_account_is_told_to_ask_a_manager(qtbot, ctx, clock):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name.setCurrentText("张后期")
    for _ in range(10):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        _try(qtbot, dialog, "0000")
        clock.advance(seconds=30)
    assert "locked" in dialog.message.text() and "ask a manager" in dialog.message.text()
    _try(qtbot, dialog, "3333")
    assert dialog.actor is None and "locked" in dialog.message.text()


def test_first_run_creates_the_studio_and_its_manager(qtbot, engine, qsettings):
    ctx = AppContext(engine, engine.url, station="前台1")
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.studio, "幸福影楼")
    type_text(qtbot, dialog.manager, "老板")
    type_text(qtbot, dialog.secret, "8888")
    type_text(qtbot, dialog.again, "8889")
    _ok(dialog)
    assert dialog.actor is None and dialog.again.styleSheet()  # the differing PIN is marked
    dialog.again.clear()
    type_text(qtbot, dialog.again, "8888")
    _ok(dialog)
    assert dialog.actor is not None and dialog.actor.role is Role.MANAGER and ctx.studio_name == "幸福影楼"


def test_catalogue_is_read_only_for_the_counter(qtbot, ctx, studio):
    dialog = CatalogueDialog(ctx)
    qtbot.addWidget(dialog)
    saves = [b for b in dialog.findChildren(QPushButton) if b.text() in ("Save", "New")]
    assert saves and not any(b.isEnabled() for b in saves)
    ctx.actor = studio.manager
    manager_view = CatalogueDialog(ctx)
    qtbot.addWidget(manager_view)
    assert all(b.isEnabled() for b in manager_view.findChildren(QPushButton) if b.text() in ("Save", "New"))
    assert manager_view.packages.rowCount() == 2 and manager_view.labs.rowCount() == 2


@pytest.fixture
def app_dirs(monkeypatch, tmp_path, qsettings):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    root = logging.getLogger()
    handlers = list(root.handlers)
    yield tmp_path
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
            h.close()


@pytest.mark.parametrize("argv", [["--lang", "fr"], ["--demo", "--db", "x.db"], ["--nonsense"]])
def test_bad_command_lines_get_one_line_and_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        app_main.parse_args(argv)
    assert exit_.value.code == 2 and capsys.readouterr().err.count("\n") == 1


def test_demo_is_built_on_first_start_and_opens_at_the_login(qtbot, monkeypatch, app_dirs):
    demo = app_dirs / "demo.db"
    monkeypatch.setattr(app_main, "demo_db_path", lambda: demo)
    monkeypatch.setattr(app_main, "DEMO_YEARS", 0.05)
    shown = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--demo", "--lang", "en"]) == 0
    assert demo.exists() and shown and shown[0].name.count() == 8  # the demo's staff


def test_a_database_from_a_newer_studiodesk_is_refused_at_start(qtbot, monkeypatch, app_dirs, engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("uses a SQLite file")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff0000'"))
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: said.append(text))
    assert app_main.main(["--db", engine.url.database, "--lang", "en"]) == 1
    assert said and "newer StudioDesk" in said[0]


@pytest.mark.parametrize("scanned", ["2611-0042-03-7", "B-0002", "misread"])
def test_the_login_refuses_a_scan_that_is_no_valid_badge(qtbot, ctx, studio, scanned):
    if scanned == "misread":
        code = studio.badges["李前台"]
        scanned = code[:-1] + ("0" if code[-1] != "0" else "1")
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    result = dialog.handle_scan(scanned)
    assert not result.good and dialog.name.currentText() == "" and dialog.message.text()
    assert dialog.handle_scan(studio.badges["李前台"]).good and dialog.name.currentText() == studio.badges["李前台"]
    assert dialog.message.text() == ""
