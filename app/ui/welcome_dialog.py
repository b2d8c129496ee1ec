"""The welcome dialog: which database this station works on.

Shown at the first start (no ``--db``/``--demo``, no ``STUDIODESK_DB``, nothing remembered,
no studio in the default place) and from Settings → Change database…. Three choices: a new
studio in a folder on this PC, the demo studio, or a shared PostgreSQL database (with a
connection test run off the GUI thread). The choice is remembered in this station's
settings (QSettings ``database``) and used at every start from then on.

Nothing here opens the database: main.py opens what was chosen through the usual path
(upgrade, first-run dialog). There is no call path yet when this dialog is shown (no
database, no context), so the two services it uses are called through :func:`_checked`,
which turns a refusal into the dialog's message and anything else into the bug dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSpinBox, QStackedWidget, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError

from ..models.db import default_db_path, demo_db_path, describe, resolve_url, sqlite_path, sqlite_url
from ..services import database
from ..services.errors import StudioError
from . import bugs
from .common import no_default
from .context import BackgroundTask
from .i18n import error_text, render

log = logging.getLogger(__name__)
DATABASE_KEY = "database"  # "demo", or the URL of the database this station opens
STUDIO_NAME_KEY = "welcome/studio_name"  # a new studio's name, offered by the first-run dialog
DEMO = "demo"
T = TypeVar("T")


@dataclass(frozen=True)
class DatabaseChoice:
    """Where this station works: ``new`` (a SQLite file, maybe still to be made), ``demo``,
    or ``shared`` (PostgreSQL)."""

    kind: str
    url: URL | None = None  # None for the demo
    studio_name: str = ""

    def target(self) -> URL:
        return resolve_url(demo_db_path()) if self.kind == DEMO or self.url is None else self.url

    @classmethod
    def of_url(cls, url: URL) -> DatabaseChoice:
        if sqlite_path(url) is None:
            return cls("shared", url)
        if sqlite_path(url) == demo_db_path():
            return cls(DEMO)
        return cls("new", url)


def database_text(choice: DatabaseChoice) -> str:
    """Where a choice keeps the data, for messages: a file's path, or the address without its password."""
    return describe(choice.target())


def remembered_choice() -> DatabaseChoice | None:
    """The database this station chose before; None when it never chose (or the setting is broken)."""
    value = str(QSettings().value(DATABASE_KEY, "") or "").strip()
    if not value:
        return None
    if value == DEMO:
        return DatabaseChoice(DEMO)
    if "://" not in value:  # only URLs are written here
        return None
    try:
        return DatabaseChoice.of_url(resolve_url(value))
    except (ArgumentError, ValueError):
        return None


def remember(choice: DatabaseChoice) -> None:
    """This station opens ``choice`` from its next start on (the password is kept with the
    address, in this user's own settings, as STUDIODESK_DB would hold it)."""
    settings = QSettings()
    value = DEMO if choice.kind == DEMO or choice.url is None else choice.url.render_as_string(hide_password=False)
    settings.setValue(DATABASE_KEY, value)
    if choice.studio_name:
        settings.setValue(STUDIO_NAME_KEY, choice.studio_name)
    settings.sync()
    _only_this_user(Path(settings.fileName()))


def _only_this_user(path: Path) -> None:
    """The settings file (it may hold a database password) readable by this user alone; the
    Windows registry (no file) is this user's already."""
    try:
        if path.is_file():
            path.chmod(0o600)
    except OSError:
        log.warning("could not make %s private to this user", path)


def _checked(label: QLabel, fn: Callable[..., T], *args: Any) -> T | None:
    """``fn(*args)``: a refusal shown in ``label`` (None returned), a bug as the bug dialog."""
    try:
        return fn(*args)
    except StudioError as exc:
        label.setText(error_text(exc))
        label.setStyleSheet("color: #d32f2f;")
    except Exception as exc:  # noqa: BLE001 - a bug: the dialog stays open
        bugs.report(label.window(), exc)
    return None


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, changing: bool = False,
                 current: DatabaseChoice | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to StudioDesk") if not changing else self.tr("Change database"))
        self.choice: DatabaseChoice | None = None
        self.task: BackgroundTask | None = None
        self.tested: database.ConnectionTest | None = None
        self.closed_while_testing = False
        self.delete_after_test = False
        intro = QLabel(self.tr(
            "Where does this PC keep the studio's orders, customers and items? Choose one; StudioDesk opens it "
            "at every start from now on (Settings → Change database… changes it).") if not changing else self.tr(
            "Choose the database this PC opens. The change takes effect the next time StudioDesk starts."))
        intro.setWordWrap(True)
        self.new_studio = QRadioButton(self.tr("&New studio on this PC"))
        self.demo = QRadioButton(self.tr("Open the &demo studio (made-up data to try things out)"))
        self.shared = QRadioButton(self.tr("Connect to a &shared PostgreSQL database (several PCs)"))
        self.group = QButtonGroup(self)
        self.pages = QStackedWidget()
        for i, button in enumerate((self.new_studio, self.demo, self.shared)):
            self.group.addButton(button, i)
        self.pages.addWidget(self._new_page())
        self.pages.addWidget(self._demo_page())
        self.pages.addWidget(self._shared_page())
        self.group.idToggled.connect(self._switch)
        self.message = QLabel()
        self.message.setObjectName("welcomeMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Start") if not changing else self.tr("&Save"))
        no_default(self.ok)  # it may create a studio: pressed on purpose, never by Enter
        self.buttons.accepted.connect(self.go)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.new_studio, self.demo, self.shared):
            layout.addWidget(button)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._show_current(current)

    # -- the three pages ------------------------------------------------------------
    def _new_page(self) -> QWidget:
        page = QWidget()
        self.studio_name = QLineEdit()
        self.studio_name.setObjectName("newStudioName")
        self.folder = QLineEdit(str(default_db_path().parent))
        self.folder.setObjectName("newStudioFolder")
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self.choose_folder)
        no_default(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        hint = QLabel(self.tr("The studio's database file is kept in this folder, its backups in a folder beside "
                              "it. A folder that holds a studio already opens that studio."))
        hint.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("Studio name"), self.studio_name)
        form.addRow(self.tr("Folder"), row)
        form.addRow(hint)
        return page

    def _demo_page(self) -> QWidget:
        page = QWidget()
        text = QLabel(self.tr("The demo studio holds two years of made-up orders, customers and items. It is built "
                              "the first time it is opened (about a quarter of a minute), in {folder}.").format(
            folder=demo_db_path().parent))
        text.setWordWrap(True)
        QVBoxLayout(page).addWidget(text)
        return page

    def _shared_page(self) -> QWidget:
        page = QWidget()
        self.host = QLineEdit()
        self.host.setObjectName("pgHost")
        self.host.setPlaceholderText("192.168.1.10")
        self.port = QSpinBox()
        self.port.setObjectName("pgPort")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.db_name = QLineEdit("studiodesk")
        self.db_name.setObjectName("pgDatabase")
        self.user = QLineEdit("studiodesk")
        self.user.setObjectName("pgUser")
        self.password = QLineEdit()
        self.password.setObjectName("pgPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(lambda: self.test())
        no_default(self.test_button)
        form = QFormLayout(page)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.db_name)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.test_button)
        return page

    def _show_current(self, current: DatabaseChoice | None) -> None:
        kind = current.kind if current is not None else "new"
        url = current.url if current is not None else None
        if kind == "shared" and url is not None:
            self.host.setText(url.host or "")
            self.port.setValue(url.port or 5432)
            self.db_name.setText(url.database or "")
            self.user.setText(url.username or "")
            self.password.setText(url.password if isinstance(url.password, str) else "")
        elif kind == "new" and url is not None and (path := sqlite_path(url)) is not None:
            self.folder.setText(str(path.parent))
        button = {"new": self.new_studio, DEMO: self.demo, "shared": self.shared}[kind]
        button.setChecked(True)
        self._switch(self.group.id(button), True)

    def _switch(self, index: int, on: bool) -> None:
        if on:
            self.pages.setCurrentIndex(index)
            self._say("")

    def _say(self, text: str, good: bool | None = None) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("" if good is None else "color: #2e7d32;" if good else "color: #d32f2f;")

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the new studio"), self.folder.text(),
                                                  QFileDialog.Option.DontUseNativeDialog)
        if chosen:
            self.folder.setText(chosen)

    # -- the shared database ---------------------------------------------------------
    def shared_url(self) -> URL | None:
        """The address typed into the fields; None (after saying what is missing) when incomplete."""
        missing = [label for label, field in ((self.tr("the server"), self.host),
                                              (self.tr("the database"), self.db_name),
                                              (self.tr("the user"), self.user)) if not field.text().strip()]
        if missing:
            self._say(self.tr("Fill in {fields}.").format(fields=self.tr(", ").join(missing)), False)
            return None
        return URL.create("postgresql+psycopg", username=self.user.text().strip(),
                          password=self.password.text() or None, host=self.host.text().strip(),
                          port=self.port.value(), database=self.db_name.text().strip())

    def test(self, *, then_accept: bool = False) -> BackgroundTask | None:
        """Test the connection in a worker thread; the result is shown here (and, with
        ``then_accept``, a usable database is taken as the choice)."""
        url = self.shared_url()
        if url is None or (self.task is not None and self.task.running):
            return None
        self._say(self.tr("Connecting to {server}…").format(server=url.host))
        self.test_button.setEnabled(False)
        self.ok.setEnabled(False)
        self.task = BackgroundTask(lambda: database.test_connection(url), self.tr("Testing the connection…"), self)
        self.task.finished.connect(lambda result, exc: self._tested(url, result, exc, then_accept))
        self.task.start()
        return self.task

    def done(self, code: int) -> None:  # QDialog.done: closed while a connection test runs
        if self.task is not None and self.task.running:
            self.closed_while_testing = True  # the result is dropped when it comes
            self.delete_after_test = self.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the test's thread still reports here
        super().done(code)

    def _tested(self, url: URL, result: database.ConnectionTest | None, exc: BaseException | None,
                then_accept: bool) -> None:
        if self.closed_while_testing:
            if self.delete_after_test:
                self.deleteLater()
            return
        self.test_button.setEnabled(True)
        self.ok.setEnabled(True)
        if exc is not None or result is None:
            self._say("")
            bugs.report(self, exc or RuntimeError("the connection test gave no result"))
            return
        self.tested = result
        self._say(render(result.message), result.ok)
        if result.ok and then_accept:
            self.choice = DatabaseChoice("shared", url)
            self.accept()

    # -- the choice --------------------------------------------------------------------
    def go(self) -> None:
        """OK: check the choice and take it, or say what is wrong and stay open."""
        if self.demo.isChecked():
            self.choice = DatabaseChoice(DEMO)
            self.accept()
        elif self.shared.isChecked():
            self.test(then_accept=True)
        else:
            name = self.studio_name.text().strip()
            folder = self.folder.text().strip()
            existing = bool(folder) and (Path(folder).expanduser() / database.NEW_STUDIO_FILE).is_file()
            if not name and folder and not existing:  # before the check, which makes the folder
                self._say(self.tr("The new studio needs a name."), False)
                self.studio_name.setFocus()
                return
            path = _checked(self.message, database.check_new_studio_folder, folder)
            if path is None:
                return
            self.choice = DatabaseChoice("new", sqlite_url(path), name)
            self.accept()
