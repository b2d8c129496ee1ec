"""The login dialog (name or badge, then PIN) and the first-run dialog of a new studio."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from ..services import staff as staff_service, studio as studio_service
from ..services.errors import StudioError
from ..services.staff import Actor, LoginRefused
from .common import mark
from .context import AppContext, DatabaseUnavailable
from .i18n import QT_TRANSLATE_NOOP, error_text, render
from .scanning import ScanResult

NO_BADGE = QT_TRANSLATE_NOOP("scan", "That is not a staff badge: scan your badge or pick your name.")


class LoginDialog(QDialog):
    """Pick or type a name, or scan a badge, then the password/PIN.

    The service throttles logins per staff member, counted in the database (1, 2, 4 ... 30 s
    after each wrong PIN in a row, locked after the 10th): the dialog shows its message and
    rests the button for the wait it gives, so reopening the dialog changes nothing.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("StudioDesk — log in"))
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.addItems(ctx.run(studio_service.staff_names, parent=parent) or [])
        self.name.setCurrentIndex(-1)
        self.name_edit = self.name.lineEdit()
        assert self.name_edit is not None  # an editable combo box has one
        self.name_edit.setPlaceholderText(self.tr("Name, or scan your badge"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("Password or PIN"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        # A badge scan ends with Enter in the name field: go on to the PIN.
        self.name_edit.returnPressed.connect(self.secret.setFocus)
        self.secret.returnPressed.connect(self.try_login)
        form = QFormLayout()
        form.addRow(self.tr("Staff"), self.name)
        form.addRow(self.tr("PIN"), self.secret)
        layout = QVBoxLayout(self)
        title = QLabel(ctx.studio_name or "StudioDesk")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 18px; font-weight: bold; margin: 8px;")
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._rest = QTimer(self, singleShot=True)
        self._rest.timeout.connect(self._rested)
        self.name.setFocus()

    def handle_scan(self, code: str) -> ScanResult:
        """A staff badge scanned at the login: it stands for the name; the PIN comes next.
        A misread or withdrawn badge, or any other code, is refused here and then."""
        try:
            owner = self.ctx.call(staff_service.badge_owner, code)
        except StudioError as exc:
            result = ScanResult.refusal(exc)
        else:
            if owner is not None:
                self.name.setCurrentText(code)
                self.message.clear()
                self.secret.setFocus()
                return ScanResult.accepted(QT_TRANSLATE_NOOP("scan", "Badge read: now type your PIN."))
            result = ScanResult.refused(NO_BADGE)
        self.message.setText(render(result.message))  # also at the start, where no flash is shown
        return result

    def try_login(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not ok.isEnabled():
            return
        if not self.secret.text():
            # Enter after a name or a badge scan: ask for the PIN, it is no failed attempt.
            self.secret.setFocus()
            return
        try:
            # Whoever worked here until now: the service audits the switch.
            self.actor = self.ctx.call(staff_service.login, self.name.currentText(), self.secret.text(),
                                       previous=self.ctx.actor)
        except DatabaseUnavailable as exc:
            self.message.setText(error_text(exc))  # not a failed attempt: try again at once
            return
        except LoginRefused as exc:
            wait = exc.retry_after
            if wait and not exc.waiting:  # a wrong PIN: say how long the next try waits
                self.message.setText(self.tr("{error} Try again in {seconds} s.").format(
                    error=error_text(exc), seconds=wait))
            else:  # the service's own words: wait N s, or locked
                self.message.setText(error_text(exc))
            self.secret.clear()
            if wait:
                ok.setEnabled(False)
                self._rest.start(wait * 1000)
            return
        except StudioError as exc:  # a misread badge, say
            self.message.setText(error_text(exc))
            return
        self.accept()

    def _rested(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.secret.setFocus()


class FirstRunDialog(QDialog):
    """A brand-new database: the studio's name and the first manager account."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Welcome to StudioDesk"))
        intro = QLabel(self.tr("This database is new. Name the studio and create the first manager account; "
                               "the manager then adds the other staff."))
        intro.setWordWrap(True)
        self.studio = QLineEdit()
        self.manager = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Studio name"), self.studio)
        form.addRow(self.tr("Manager's name"), self.manager)
        form.addRow(self.tr("Password or PIN"), self.secret)
        form.addRow(self.tr("Repeat it"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create_studio)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def create_studio(self) -> None:
        fine = all([
            mark(self.studio, None if self.studio.text().strip() else self.tr("The studio needs a name.")),
            mark(self.manager, None if self.manager.text().strip() else self.tr("The manager needs a name.")),
            mark(self.again, None if self.again.text() == self.secret.text() else self.tr("The two entries differ.")),
        ])
        if not fine:
            self.message.setText(self.tr("Please correct the marked fields."))
            return
        try:
            self.actor = self.ctx.call(studio_service.first_run, self.studio.text(), self.manager.text(),
                                       self.secret.text())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.ctx.studio_name = self.studio.text().strip()
        self.accept()
