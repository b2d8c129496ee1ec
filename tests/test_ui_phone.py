"""Settings → Phone scanning: off by default; on, the phone pages run in this program and their
address is shown as a QR code; off again, they stop and labels lose the code."""

from __future__ import annotations

import socket
import ssl
import urllib.request

import pytest

from app.devices.scanner import ScannerSettings
from app.services.phone import phone_address
from app.web.certs import CERT_NAME

from .test_printing import _decode
from .test_web_browser import free_port


@pytest.fixture
def window(qtbot, ctx, studio):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    ctx.actor = studio.manager
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.phones.stop()


def test_the_phone_pages_are_off_by_default(window, session):  # type: ignore[no-untyped-def]
    assert not window.phones.running and phone_address(session) is None


def test_only_a_manager_sees_the_phone_setting(qtbot, ctx, studio):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    ctx.actor = studio.production
    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    assert not w.phone_action.isVisible()


def test_turning_the_phone_pages_on_serves_https_and_shows_the_address_as_a_qr_code(
        qapp, window, session, engine):  # type: ignore[no-untyped-def]
    if engine.dialect.name != "sqlite":
        pytest.skip("the certificate goes beside a SQLite file here")
    dialog = window.open_phone_server()
    port = free_port()
    dialog.port.setValue(port)
    dialog.on.setChecked(True)
    assert dialog.apply() is True and window.phones.running
    where = window.phones.address
    assert where.startswith("https://") and where.endswith(f":{port}")
    assert _decode(dialog.qr.pixmap().toImage()) == [where]
    session.expire_all()
    assert phone_address(session) == where  # labels carry the items' addresses now
    cert = str(engine.url.database).rsplit("/", 1)[0] + "/" + CERT_NAME  # made on first start, beside the data
    with urllib.request.urlopen(f"https://127.0.0.1:{port}/", context=ssl.create_default_context(cafile=cert),
                                timeout=10) as answer:
        assert 'id="pin"' in answer.read().decode()
    dialog.on.setChecked(False)
    assert dialog.apply() is True and not window.phones.running
    session.expire_all()
    assert phone_address(session) is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_port_in_use_is_said_and_nothing_runs(qapp, window, session):  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        dialog = window.open_phone_server()
        dialog.port.setValue(port)
        dialog.on.setChecked(True)
        assert dialog.apply() is False
    assert not window.phones.running and str(port) in dialog.problem.text()
    session.expire_all()
    assert phone_address(session) is None
