"""studiodesk-admin serve: HTTPS by default with a certificate made on first start; plain HTTP only
when asked; bad arguments in one line."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app import admin
from app.services.phone import phone_address
from app.web.certs import CERT_NAME, KEY_NAME, ensure_certificate

from .test_web_browser import free_port


def run(capsys, *argv: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    try:
        code = admin.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


def test_serve_refuses_bad_arguments_in_one_line(engine, capsys, tmp_path):  # type: ignore[no-untyped-def]
    db = engine.url.render_as_string(hide_password=False) if engine.dialect.name != "sqlite" else engine.url.database
    for argv, exit_code in ((["--port", "0"], 2), (["--port", "http"], 2), (["--bind", "my pc"], 1)):
        code, err = run(capsys, "serve", "--db", db, *argv)
        assert code == exit_code and err.count("\n") == 1, err
    code, err = run(capsys, "serve", "--db", str(tmp_path / "none.db"))
    assert code == 1 and err.count("\n") == 1 and "no database file" in err


def test_the_certificate_is_made_once_written_beside_and_kept(tmp_path):  # type: ignore[no-untyped-def]
    first = ensure_certificate(tmp_path / "certs")
    made = first.cert.read_bytes()
    assert sorted(p.name for p in (tmp_path / "certs").iterdir()) == [CERT_NAME, KEY_NAME]  # no partial file left
    assert (first.key.stat().st_mode & 0o077) == 0  # the key is the studio's own
    assert ensure_certificate(tmp_path / "certs").cert.read_bytes() == made


def _serve(db: str, *extra: str) -> tuple[subprocess.Popen, int]:  # type: ignore[type-arg]
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.admin", "serve", "--db", db, "--bind", "127.0.0.1",
                             "--port", str(port), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return proc, port


def _get(url: str, context: ssl.SSLContext | None = None) -> str:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, context=context, timeout=5) as answer:
                return answer.read().decode()
        except (ConnectionError, urllib.error.URLError) as exc:
            if isinstance(exc, urllib.error.URLError) and not isinstance(exc.reason, ConnectionRefusedError):
                raise
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def test_serve_speaks_https_with_its_own_certificate_by_default(engine, studio, session, tmp_path):  # type: ignore[no-untyped-def]
    if engine.dialect.name != "sqlite":
        pytest.skip("served from a SQLite file here")
    proc, port = _serve(engine.url.database, "--cert-dir", str(tmp_path / "certs"))
    try:
        for _ in range(100):
            if (tmp_path / "certs" / CERT_NAME).exists():
                break
            time.sleep(0.1)
        trusted = ssl.create_default_context(cafile=str(tmp_path / "certs" / CERT_NAME))  # accepted once
        page = _get(f"https://127.0.0.1:{port}/", trusted)
        assert 'id="pin"' in page
        with pytest.raises(urllib.error.URLError):  # a stranger's certificate store does not know it
            urllib.request.urlopen(f"https://127.0.0.1:{port}/", context=ssl.create_default_context(), timeout=5)
        session.expire_all()
        assert phone_address(session) == f"https://127.0.0.1:{port}"  # labels carry the address meanwhile
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    session.expire_all()
    assert phone_address(session) is None  # off again: labels without the QR code


def test_serve_speaks_plain_http_only_when_asked(engine, studio, tmp_path):  # type: ignore[no-untyped-def]
    if engine.dialect.name != "sqlite":
        pytest.skip("served from a SQLite file here")
    proc, port = _serve(engine.url.database, "--plain-http", "--cert-dir", str(tmp_path / "certs"))
    try:
        assert 'id="pin"' in _get(f"http://127.0.0.1:{port}/")
        assert not Path(tmp_path / "certs").exists()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_serve_on_a_port_in_use_says_so_in_one_line(engine, studio, capsys):  # type: ignore[no-untyped-def]
    import socket

    if engine.dialect.name != "sqlite":
        pytest.skip("served from a SQLite file here")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, err = run(capsys, "serve", "--db", engine.url.database, "--bind", "127.0.0.1", "--port",
                        str(taken.getsockname()[1]), "--plain-http")
    assert code == 1 and "could not listen" in err


def test_the_certificate_key_is_owner_only_even_after_a_first_start_killed_mid_write(tmp_path):
    """A partial key file left with a wider mode is never reused as it is (O_CREAT keeps an
    existing file's mode): the key in place is the owner's only."""
    import stat

    stale = tmp_path / (KEY_NAME + ".partial")
    stale.write_bytes(b"")
    os.chmod(stale, 0o644)
    files = ensure_certificate(tmp_path, names=["localhost"])
    assert stat.S_IMODE(files.key.stat().st_mode) == 0o600
    assert not stale.exists()
