"""Settings → Phone scanning (手机理件): serve the phone pages from this station, off by default.

On: the phone server runs in a background thread of this program (HTTPS with its own
certificate; plain HTTP only when ticked knowingly), its address is shown as a QR code to open
on a phone, and item labels carry each item's address. Off: stopped, labels without the code.
The choice is this station's (QSettings ``phone/*``) and is taken up again at the next start.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import segno
from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget,
)

from ..services import phone
from ..web.run import DEFAULT_BIND, DEFAULT_PORT, ServerConfig, address
from ..services.errors import StudioError
from .context import AppContext
from .i18n import error_text

log = logging.getLogger(__name__)


class PhoneServerControl(QObject):
    """The phone server of this program: started and stopped here, its address told to the labels."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.server: Any = None
        self.address: str | None = None

    @property
    def running(self) -> bool:
        return self.server is not None

    def start(self, port: int, plain_http: bool, *, chosen: bool = True) -> str:
        """Start (again) on ``port``; the address phones open. Raises OSError when it cannot listen.
        ``chosen``: a manager turns it on now (checked and audited); else taken up again at start-up."""
        self.stop(said=False)
        self.server = self.ctx.serve_phones(DEFAULT_BIND, port, plain_http=plain_http)
        self.address = address(ServerConfig(DEFAULT_BIND, port, plain_http))
        try:
            if chosen:
                self.ctx.call(phone.set_phone_address, self.address)
            else:
                self.ctx.call(phone.serving_at, self.address)
        except Exception:
            self.stop(said=False)
            raise
        return self.address

    def stop(self, *, said: bool = True) -> None:
        if self.server is None:
            return
        self.server.stop()
        self.server = None
        self.address = None
        if not said:
            return
        try:
            self.ctx.call(phone.serving_at, None)
        except Exception:  # noqa: BLE001 - the server is stopped either way; labels read it at their next print
            log.warning("could not clear the phone address", exc_info=True)

    def start_as_saved(self) -> str | None:
        """At start-up: on again when this station left it on."""
        settings = QSettings()
        if str(settings.value("phone/on", "0")) != "1":
            return None
        try:
            return self.start(int(str(settings.value("phone/port", DEFAULT_PORT))),
                              str(settings.value("phone/plain_http", "0")) == "1", chosen=False)
        except Exception:  # noqa: BLE001 - the desktop starts without the phones
            log.warning("the phone server did not start", exc_info=True)
            return None


def qr_pixmap(text: str, scale: int = 6) -> QPixmap:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class PhoneServerDialog(QDialog):
    def __init__(self, ctx: AppContext, control: PhoneServerControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Phone scanning"))
        self.ctx = ctx
        self.control = control
        settings = QSettings()
        self.on = QCheckBox(self.tr("Serve the phone pages from this PC"))
        self.on.setObjectName("phoneOn")
        self.on.setChecked(control.running)
        self.port = QSpinBox()
        self.port.setObjectName("phonePort")
        self.port.setRange(1024, 65535)
        self.port.setValue(int(str(settings.value("phone/port", DEFAULT_PORT))))
        self.plain = QCheckBox(self.tr("Plain HTTP, without encryption (only on a network the studio trusts)"))
        self.plain.setObjectName("phonePlainHttp")
        self.plain.setChecked(str(settings.value("phone/plain_http", "0")) == "1")
        self.address = QLabel()
        self.address.setObjectName("phoneAddress")
        self.qr = QLabel()
        self.qr.setObjectName("phoneQr")
        self.problem = QLabel()
        self.problem.setObjectName("phoneProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.on)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.plain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.address)
        layout.addWidget(self.qr)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._show_address()

    def _show_address(self) -> None:
        where = self.control.address
        if where is None:
            self.address.setText(self.tr("The phone pages are off."))
            self.qr.clear()
            return
        self.address.setText(self.tr("Open on a phone: {address}").format(address=where))
        self.qr.setPixmap(qr_pixmap(where))

    def apply(self) -> bool:
        """Start, restart or stop as chosen; the dialog stays open to show the address (or the trouble)."""
        settings = QSettings()
        settings.setValue("phone/port", self.port.value())
        settings.setValue("phone/plain_http", "1" if self.plain.isChecked() else "0")
        settings.setValue("phone/on", "1" if self.on.isChecked() else "0")
        self.problem.clear()
        try:
            if self.on.isChecked():
                self.control.start(self.port.value(), self.plain.isChecked())
            else:
                self.control.stop()
        except OSError as exc:
            self.control.stop()
            self.problem.setText(self.tr("The phone pages could not start on port {port}: {why}").format(
                port=self.port.value(), why=exc.strerror or str(exc)))
            self._show_address()
            return False
        except StudioError as exc:
            self.problem.setText(error_text(exc))
            self._show_address()
            return False
        self._show_address()
        return True
