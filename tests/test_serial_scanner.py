"""Serial scanners on a pseudo-terminal: whole codes arrive, garbage never becomes a
code, and pulling the cable out and back in is survived."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.devices import serial_scanner
from app.devices.scanner import ScannerSettings
from app.devices.serial_scanner import SerialScanner

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")


class Cable:
    """A scanner on a pseudo-terminal, reachable under a fixed path like a COM port."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.master: int | None = None
        self.plug()

    def plug(self) -> None:
        import tty

        master, slave = os.openpty()
        tty.setraw(slave)
        self.path.unlink(missing_ok=True)
        self.path.symlink_to(os.ttyname(slave))
        os.close(slave)
        self.master = master

    def unplug(self) -> None:
        os.close(self.master)
        self.master = None
        self.path.unlink()

    def send(self, data: bytes) -> None:
        os.write(self.master, data)


@pytest.fixture
def cable(tmp_path):
    c = Cable(tmp_path / "ttyScanner")
    yield c
    if c.master is not None:
        os.close(c.master)


@pytest.fixture
def scanner(qtbot, cable, monkeypatch):
    monkeypatch.setattr(serial_scanner, "RETRY_S", 0.1)
    monkeypatch.setattr(serial_scanner, "STALE_PARTIAL_S", 0.3)
    s = SerialScanner(ScannerSettings(mode="serial", port=str(cable.path), baud=9600, terminator="CR"))
    scans: list[str] = []
    statuses: list[str] = []
    s.scanned.connect(scans.append)
    s.status.connect(statuses.append)
    s.start()
    qtbot.waitUntil(lambda: any("connected (" in m for m in statuses), timeout=5000)
    yield s, scans, statuses
    s.stop()


def test_codes_arrive_as_signals(qtbot, scanner, cable):
    s, scans, _ = scanner
    cable.send(b"2611-0042-03-7\r2611-0042\r")
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=5000)
    assert scans == ["2611-0042-03-7", "2611-0042"]


def test_a_code_split_across_reads_is_joined(qtbot, scanner, cable):
    s, scans, _ = scanner
    cable.send(b"2611-00")
    qtbot.wait(50)
    cable.send(b"42-03-7\r")
    qtbot.waitUntil(lambda: scans == ["2611-0042-03-7"], timeout=5000)


def test_garbage_and_broken_lines_never_become_codes(qtbot, scanner, cable):
    s, scans, statuses = scanner
    cable.send(b"\xff\xfe26\x8111\r")  # line noise
    cable.send(b"2611-00")  # the rest never comes
    qtbot.waitUntil(lambda: sum("ignored" in m for m in statuses) >= 2, timeout=5000)
    cable.send(b"2611-0042\r")
    qtbot.waitUntil(lambda: scans == ["2611-0042"], timeout=5000)


def test_unplug_and_replug_is_survived(qtbot, scanner, cable):
    s, scans, statuses = scanner
    cable.unplug()
    qtbot.waitUntil(lambda: "not connected" in statuses[-1], timeout=5000)
    cable.plug()
    qtbot.waitUntil(lambda: statuses[-1].startswith("Scanner connected"), timeout=5000)
    cable.send(b"2611-0042-03-7\r")
    qtbot.waitUntil(lambda: scans == ["2611-0042-03-7"], timeout=5000)


def test_a_missing_port_is_reported_not_raised(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(serial_scanner, "RETRY_S", 0.1)
    s = SerialScanner(ScannerSettings(mode="serial", port=str(tmp_path / "nothing"), terminator="CRLF"))
    statuses: list[str] = []
    s.status.connect(statuses.append)
    s.start()
    qtbot.waitUntil(lambda: bool(statuses), timeout=5000)
    s.stop()
    assert "not connected" in statuses[0]
