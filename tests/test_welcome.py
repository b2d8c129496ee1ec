"""The first start: a welcome dialog (new studio, demo, shared PostgreSQL with a connection
test), remembered for the next start; --db, --demo and STUDIODESK_DB skip it; never a traceback."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import sqlite3

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy.engine import make_url

from app import main as app_main
from app.models.db import ENV_VAR, data_dir, default_db_path, sqlite_url
from app.services import database
from app.ui import welcome_dialog
from app.ui.login import FirstRunDialog, LoginDialog
from app.ui.welcome_dialog import DATABASE_KEY, DatabaseChoice, WelcomeDialog

PG_URL = os.environ.get("STUDIODESK_TEST_DB_URL")
needs_pg = pytest.mark.skipif(not PG_URL, reason="needs STUDIODESK_TEST_DB_URL (PostgreSQL)")


@pytest.fixture
def app_dirs(monkeypatch, tmp_path, qsettings):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    root = logging.getLogger()
    handlers = list(root.handlers)
    yield tmp_path
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
            h.close()


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _fill_shared(dialog: WelcomeDialog, url: str, *, password: str | None = None) -> None:
    u = make_url(url)
    dialog.shared.setChecked(True)
    dialog.host.setText(u.host or "")
    dialog.port.setValue(u.port or 5432)
    dialog.db_name.setText(u.database or "")
    dialog.user.setText(u.username or "")
    dialog.password.setText(password if password is not None else (u.password or ""))


def _test(qtbot, dialog: WelcomeDialog) -> database.ConnectionTest:
    dialog.test_button.click()
    assert dialog.task is not None
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=20000)
    assert dialog.tested is not None
    return dialog.tested


# -- the start ------------------------------------------------------------------------------------

def test_the_first_start_shows_the_welcome_dialog_and_cancel_quits_cleanly(qtbot, monkeypatch, app_dirs):
    shown = []
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert len(shown) == 1 and not default_db_path().exists()
    assert QSettings().value(DATABASE_KEY) is None  # nothing remembered


def test_a_new_studio_is_made_in_the_chosen_folder_remembered_and_named_in_the_first_run(
        qtbot, monkeypatch, app_dirs):
    folder = app_dirs / "影楼 数据"

    def choose(self):  # type: ignore[no-untyped-def]
        self.new_studio.setChecked(True)
        self.studio_name.setText("花好月圆影楼")
        self.folder.setText(str(folder))
        self.go()
        return self.result()

    first_runs: list[str] = []
    monkeypatch.setattr(WelcomeDialog, "exec", choose)
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: first_runs.append(self.studio.text())
                        or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert (folder / "studiodesk.db").is_file() and first_runs == ["花好月圆影楼"]
    assert make_url(str(QSettings().value(DATABASE_KEY))).database == str(folder / "studiodesk.db")
    # the next start goes straight to it
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: pytest.fail("asked again"))
    assert app_main.main(["--lang", "en"]) == 0
    assert first_runs == ["花好月圆影楼", "花好月圆影楼"]


def test_the_demo_choice_builds_and_opens_the_demo_and_is_remembered(qtbot, monkeypatch, app_dirs):
    demo = app_dirs / "demo" / "demo.db"
    monkeypatch.setattr(app_main, "demo_db_path", lambda: demo)
    monkeypatch.setattr(welcome_dialog, "demo_db_path", lambda: demo)
    monkeypatch.setattr(app_main, "DEMO_YEARS", 0.05)

    def choose(self):  # type: ignore[no-untyped-def]
        self.demo.setChecked(True)
        self.go()
        return self.result()

    logins = []
    monkeypatch.setattr(WelcomeDialog, "exec", choose)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: logins.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert demo.exists() and logins and logins[0].name.count() == 8  # the demo's staff
    assert QSettings().value(DATABASE_KEY) == "demo"


def test_db_demo_and_the_environment_skip_the_welcome_dialog(qtbot, monkeypatch, app_dirs, tmp_path):
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: pytest.fail("the welcome dialog was shown"))
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_main.main(["--db", str(tmp_path / "given.db"), "--lang", "en"]) == 0
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert app_main.main(["--lang", "en"]) == 0
    assert (tmp_path / "given.db").exists() and (tmp_path / "env.db").exists()
    assert QSettings().value(DATABASE_KEY) is None  # neither is remembered


def test_a_studio_in_the_default_place_opens_without_the_welcome_dialog(qtbot, monkeypatch, app_dirs, engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("uses a SQLite file")
    default_db_path().parent.mkdir(parents=True)
    shutil.copyfile(engine.url.database, default_db_path())
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: pytest.fail("the welcome dialog was shown"))
    shown = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert shown and data_dir() in default_db_path().parents


def test_a_remembered_database_that_cannot_be_opened_says_why_then_offers_the_choice_again(
        qtbot, monkeypatch, app_dirs):
    port = _closed_port()
    as_the_program = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "StudioDesk", "StudioDesk")
    as_the_program.setValue(DATABASE_KEY, f"postgresql://studio:pw@127.0.0.1:{port}/studio")
    as_the_program.sync()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: said.append(text))
    offered: list[WelcomeDialog] = []
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: offered.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert len(said) == 1 and "could not be opened" in said[0] and "pw@" not in said[0] and "Traceback" not in said[0]
    assert len(offered) == 1 and offered[0].shared.isChecked() and offered[0].port.value() == port


# -- the dialog --------------------------------------------------------------------------------------

def test_a_folder_that_cannot_be_written_keeps_the_dialog_open_with_a_message(qtbot, qsettings, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.studio_name.setText("影楼")
    dialog.folder.setText(str(blocker / "studio"))
    dialog.go()
    assert dialog.choice is None and dialog.result() != QDialog.DialogCode.Accepted
    assert "cannot be used" in dialog.message.text() and str(blocker) in dialog.message.text()


def test_a_new_studio_needs_a_name(qtbot, qsettings, tmp_path):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "new"))
    dialog.go()
    assert dialog.choice is None and "needs a name" in dialog.message.text()


def test_the_shared_database_needs_a_server_a_database_and_a_user(qtbot, qsettings):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.shared.setChecked(True)
    dialog.host.setText("")
    assert dialog.test() is None and "the server" in dialog.message.text()


def test_a_closed_port_is_reported_as_refused_and_the_dialog_stays_open(qtbot, qsettings):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    _fill_shared(dialog, f"postgresql://studio:pw@127.0.0.1:{_closed_port()}/studio")
    result = _test(qtbot, dialog)
    assert not result.ok and result.problem is database.ConnectionProblem.REFUSED
    assert "refused the connection" in dialog.message.text() and "pw" not in dialog.message.text()
    dialog.go()  # Start tests again, and stays open
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=20000)
    assert dialog.choice is None and dialog.result() != QDialog.DialogCode.Accepted


@needs_pg
def test_a_wrong_password_on_the_real_server_says_so(qtbot, qsettings):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    _fill_shared(dialog, PG_URL, password="certainly-not-the-password")
    result = _test(qtbot, dialog)
    assert result.problem is database.ConnectionProblem.WRONG_PASSWORD
    assert "user name or password" in dialog.message.text()


@needs_pg
def test_a_database_the_real_server_does_not_have_is_named(qtbot, qsettings):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    _fill_shared(dialog, PG_URL)
    dialog.db_name.setText("studiodesk_no_such_database")
    result = _test(qtbot, dialog)
    assert result.problem is database.ConnectionProblem.NO_DATABASE
    assert "studiodesk_no_such_database" in dialog.message.text()


@needs_pg
def test_a_working_shared_database_is_tested_then_taken(qtbot, qsettings, engine):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    _fill_shared(dialog, PG_URL)
    result = _test(qtbot, dialog)
    assert result.ok and result.schema is database.SchemaState.CURRENT and result.server_version
    dialog.go()
    qtbot.waitUntil(lambda: dialog.choice is not None, timeout=20000)
    assert dialog.choice.kind == "shared" and dialog.choice.url.host == make_url(PG_URL).host


def test_change_database_shows_the_dialog_again_and_takes_effect_at_the_next_start(
        qtbot, window, ctx, studio, messages):
    ctx.actor = studio.manager
    window.apply_permissions()
    assert window.change_database_action.isVisible()
    dialog = window.change_database()
    assert dialog is not None and dialog.new_studio.isChecked() == (ctx.engine.dialect.name == "sqlite")
    dialog.demo.setChecked(True)
    dialog.go()
    assert QSettings().value(DATABASE_KEY) == "demo"
    assert messages and "next time it starts" in messages[0]


def test_a_station_started_with_a_database_named_is_told_that_name_comes_first(
        qtbot, window, ctx, studio, messages):  # type: ignore[no-untyped-def]
    ctx.actor = studio.manager
    ctx.database_given = True  # its shortcut says --db (or STUDIODESK_DB is set)
    dialog = window.change_database()
    assert dialog is not None
    dialog.demo.setChecked(True)
    dialog.go()
    assert QSettings().value(DATABASE_KEY) == "demo"  # kept for a start without one
    assert messages and "--db, --demo or STUDIODESK_DB" in messages[0] and "next time it starts" not in messages[0]


def test_only_a_manager_may_change_the_database(qtbot, window, messages):
    assert not window.change_database_action.isVisible()  # the counter clerk
    assert window.change_database() is None


# -- the connection test (service) --------------------------------------------------------------------

def test_a_connection_test_of_a_closed_port_says_refused_quickly():
    result = database.test_connection(f"postgresql://u:secret@127.0.0.1:{_closed_port()}/db")
    assert not result.ok and result.problem is database.ConnectionProblem.REFUSED
    assert "secret" not in str(result.message) and "secret" not in result.detail


@pytest.mark.parametrize("host", ["studio..local", "a" * 64 + ".local"])
def test_a_server_name_no_resolver_takes_is_an_unknown_server_not_a_bug(host):
    result = database.test_connection(f"postgresql://u:secret@{host}:5432/db", timeout_s=2)
    assert not result.ok and result.problem is database.ConnectionProblem.UNKNOWN_HOST
    assert "secret" not in result.detail


def test_a_server_that_never_answers_times_out(qtbot):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # the kernel accepts the connection; nobody ever answers
    try:
        result = database.test_connection(f"postgresql://u:pw@127.0.0.1:{silent.getsockname()[1]}/db", timeout_s=2)
    finally:
        silent.close()
    assert result.problem is database.ConnectionProblem.TIMEOUT and "within 5 seconds" in str(result.message)


@pytest.mark.parametrize("address", ["postgresql:///studio", "nosuchdb://x/y", "postgresql://u@:5432/"])
def test_an_address_that_is_no_database_address_is_refused_not_raised(address):
    result = database.test_connection(address)
    assert not result.ok and result.problem is database.ConnectionProblem.BAD_ADDRESS


@pytest.mark.parametrize(("detail", "problem"), [
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  password authentication failed for user "x"',
     database.ConnectionProblem.WRONG_PASSWORD),
    ("fe_sendauth: no password supplied", database.ConnectionProblem.WRONG_PASSWORD),
    ('FATAL:  role "bob" does not exist', database.ConnectionProblem.WRONG_PASSWORD),
    ('FATAL:  database "studio" does not exist', database.ConnectionProblem.NO_DATABASE),
    ("connection timeout expired", database.ConnectionProblem.TIMEOUT),
    ("failed: Connection refused\n\tIs the server running on that host", database.ConnectionProblem.REFUSED),
    ("failed to resolve host 'x.invalid': [Errno -2] Name or service not known",
     database.ConnectionProblem.UNKNOWN_HOST),
    ("SSL SYSCALL error: EOF detected", database.ConnectionProblem.OTHER),
])
def test_each_connection_failure_is_named_by_its_kind(detail, problem):
    assert database.classify_connection_error(detail) is problem


def test_a_connection_test_of_a_studio_database_reports_the_server_and_a_current_schema(engine):
    result = database.test_connection(engine.url.render_as_string(hide_password=False))
    assert result.ok and result.schema is database.SchemaState.CURRENT and result.revision == database.SCHEMA_HEAD


def test_a_connection_test_of_an_empty_database_says_it_is_set_up_at_opening(tmp_path):
    result = database.test_connection(sqlite_url(tmp_path / "empty.db"))
    # a read-only look at a file that is not there fails; an existing empty file is empty
    (tmp_path / "empty2.db").write_bytes(b"")
    empty = database.test_connection(sqlite_url(tmp_path / "empty2.db"))
    assert not result.ok and empty.ok and empty.schema is database.SchemaState.EMPTY


def test_the_remembered_choice_survives_a_restart_and_a_broken_value_asks_again(qsettings, tmp_path):
    welcome_dialog.remember(DatabaseChoice("new", sqlite_url(tmp_path / "s.db"), "影楼"))
    assert welcome_dialog.remembered_choice() == DatabaseChoice("new", sqlite_url(tmp_path / "s.db"))
    QSettings().setValue(DATABASE_KEY, "garbage")
    assert welcome_dialog.remembered_choice() is None


def _as_the_program() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "StudioDesk", "StudioDesk")


def test_a_remembered_studio_file_that_is_gone_is_not_replaced_by_an_empty_one(qtbot, monkeypatch, app_dirs):
    gone = app_dirs / "usb" / "studiodesk.db"
    _as_the_program().setValue(DATABASE_KEY, sqlite_url(gone).render_as_string())
    _as_the_program().sync()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    offered: list[WelcomeDialog] = []
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: offered.append(self) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert said and str(gone) in said[0] and "is not there" in said[0]
    assert len(offered) == 1 and offered[0].folder.text() == str(gone.parent)
    assert not gone.exists()


def test_a_new_studio_chosen_from_the_menu_is_made_at_the_next_start_with_its_name(qtbot, monkeypatch, app_dirs):
    new = app_dirs / "branch" / "studiodesk.db"
    _as_the_program().setValue(DATABASE_KEY, sqlite_url(new).render_as_string())
    _as_the_program().setValue(welcome_dialog.STUDIO_NAME_KEY, "分店")
    _as_the_program().sync()
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: pytest.fail("asked"))
    names: list[str] = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: names.append(self.studio.text())
                        or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert new.exists() and names == ["分店"]


def test_closing_the_dialog_while_a_connection_test_runs_drops_its_result_quietly(qtbot, qsettings, monkeypatch):
    import threading

    from app.ui import bugs

    release = threading.Event()

    def slow(url):  # type: ignore[no-untyped-def]
        release.wait(10)
        return database.ConnectionTest(False, database.Message("late"), database.ConnectionProblem.REFUSED)

    monkeypatch.setattr(database, "test_connection", slow)
    monkeypatch.setattr(bugs, "reported", [])
    dialog = WelcomeDialog()
    dialog.setAttribute(welcome_dialog.Qt.WidgetAttribute.WA_DeleteOnClose)
    _fill_shared(dialog, "postgresql://u:pw@127.0.0.1:5432/db")
    task = dialog.test()
    dialog.reject()
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    assert dialog.closed_while_testing and dialog.tested is None and bugs.reported == []


def test_a_gone_studio_is_not_replaced_even_after_a_new_studios_name_was_typed_for_its_folder(
        qtbot, monkeypatch, app_dirs, engine, studio):  # type: ignore[no-untyped-def]
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite file")
    folder = app_dirs / "usb"
    folder.mkdir()
    src, dst = sqlite3.connect(engine.url.database), sqlite3.connect(folder / "studiodesk.db")
    src.backup(dst)  # a studio already set up (staff seeded)
    src.close()
    dst.close()

    def choose(self):  # type: ignore[no-untyped-def]  # staff picks "New studio", types the name, picks the folder holding the studio
        self.new_studio.setChecked(True)
        self.studio_name.setText("花好月圆影楼")
        self.folder.setText(str(folder))
        self.go()
        return self.result()

    logins = []
    monkeypatch.setattr(WelcomeDialog, "exec", choose)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: logins.append(self) or QDialog.DialogCode.Rejected)
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: pytest.fail("first run of an existing studio"))
    assert app_main.main(["--lang", "en"]) == 0
    assert logins, "the existing studio opened at its login"
    assert not _as_the_program().value(welcome_dialog.STUDIO_NAME_KEY)

    (folder / "studiodesk.db").unlink()  # the disk is not connected at the next start
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    first = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: first.append(self.studio.text()) or QDialog.DialogCode.Rejected)
    assert app_main.main(["--lang", "en"]) == 0
    assert not first
    assert warned, "staff should be told the studio's file is gone"
    assert not (folder / "studiodesk.db").exists(), "an empty studio replaced the gone one"


def test_a_new_studio_refused_for_its_missing_name_leaves_no_folder_behind(qtbot, qsettings, tmp_path):  # type: ignore[no-untyped-def]
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.new_studio.setChecked(True)
    dialog.studio_name.setText("")  # forgot the name
    target = tmp_path / "D盘" / "影楼数据" / "2026"
    dialog.folder.setText(str(target))
    dialog.go()
    assert dialog.choice is None and dialog.message.text()
    assert not target.exists()


def test_the_remembered_database_address_is_readable_by_this_user_alone(qsettings):  # type: ignore[no-untyped-def]
    welcome_dialog.remember(DatabaseChoice("shared", make_url("postgresql+psycopg://studio:secret@server/studio")))
    path = QSettings().fileName()
    assert os.path.isfile(path) and os.stat(path).st_mode & 0o777 == 0o600
