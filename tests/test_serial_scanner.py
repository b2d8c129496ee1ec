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


# -- a scripted port (no pseudo-terminal): what the reading thread does with each kind of data --
class ScriptedPort:
    """A port whose reads return the scripted chunks in turn (an exception is raised), then
    nothing, as a read that times out."""

    def __init__(self, chunks: list, close_fails: bool = False) -> None:  # type: ignore[type-arg]
        self.chunks = list(chunks)
        self.close_fails = close_fails
        self.closed = False

    def read(self, _n: int) -> bytes:
        import time

        if not self.chunks:
            time.sleep(0.01)
            return b""
        chunk = self.chunks.pop(0)
        if isinstance(chunk, Exception):
            raise chunk
        return chunk

    def close(self) -> None:
        self.closed = True
        if self.close_fails:
            raise OSError(5, "Input/output error")


def _scripted(qtbot, monkeypatch, *ports: ScriptedPort, terminator: str = "CR"):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(serial_scanner, "RETRY_S", 0.05)
    queue = list(ports)
    opened: list[ScriptedPort] = []

    def open_port(*_a, **_k):  # type: ignore[no-untyped-def]
        if not queue:
            raise OSError(2, "No such file or directory")
        opened.append(queue.pop(0))
        return opened[-1]

    s = SerialScanner(ScannerSettings(mode="serial", port="COM7", terminator=terminator), open_port=open_port)
    scans: list[str] = []
    garbled: list[str] = []
    statuses: list[str] = []
    s.scanned.connect(scans.append)
    s.garbled.connect(garbled.append)
    s.status.connect(statuses.append)
    return s, scans, garbled, statuses, opened


def test_a_line_with_a_control_character_inside_is_ignored_as_unreadable(qtbot, monkeypatch):
    s, scans, garbled, _, _ = _scripted(qtbot, monkeypatch, ScriptedPort([b"2611\x07-0042\r", b"2611-0042\r"]))
    s.start()
    try:
        qtbot.waitUntil(lambda: scans == ["2611-0042"], timeout=5000)
    finally:
        s.stop()
    assert garbled == ["Unreadable scanner data was ignored; scan again"]


def test_empty_lines_between_codes_are_no_scans_and_no_complaints(qtbot, monkeypatch):
    s, scans, garbled, _, _ = _scripted(qtbot, monkeypatch, ScriptedPort([b"\r\n\r\n2611-0042\r\n\x00\r\n"]),
                                        terminator="CRLF")
    s.start()
    try:
        qtbot.waitUntil(lambda: scans == ["2611-0042"], timeout=5000)
        qtbot.wait(50)
    finally:
        s.stop()
    assert scans == ["2611-0042"] and garbled == []


def test_a_run_of_noise_longer_than_any_barcode_is_dropped_and_the_next_code_reads(qtbot, monkeypatch):
    noise = b"A" * (serial_scanner.MAX_LINE + 1)
    s, scans, garbled, _, _ = _scripted(qtbot, monkeypatch, ScriptedPort([noise, b"2611-0042\r"]))
    s.start()
    try:
        qtbot.waitUntil(lambda: scans == ["2611-0042"], timeout=5000)
    finally:
        s.stop()
    assert garbled == ["Unreadable scanner data was ignored; scan again"]


def test_a_port_lost_mid_scan_drops_the_half_code_and_is_opened_again(qtbot, monkeypatch):
    import serial

    first = ScriptedPort([b"2611-00", serial.SerialException("device reports readiness but returned no data")],
                         close_fails=True)
    second = ScriptedPort([b"2611-0042\r"])
    s, scans, garbled, statuses, opened = _scripted(qtbot, monkeypatch, first, second)
    s.start()
    try:
        qtbot.waitUntil(lambda: scans == ["2611-0042"], timeout=5000)
    finally:
        s.stop()
    assert opened == [first, second] and first.closed and second.closed
    assert garbled == ["A broken scan was ignored; scan again"]
    assert [m.split(" (")[0] for m in statuses if "onnected" in m] == [
        "Scanner connected", "Scanner not connected", "Scanner connected"]


def test_starting_a_started_scanner_or_stopping_a_stopped_one_does_nothing(qtbot, monkeypatch):
    s, _, _, _, opened = _scripted(qtbot, monkeypatch, ScriptedPort([]), ScriptedPort([]))
    s.stop()  # never started
    s.start()
    thread = s._thread
    s.start()
    assert s._thread is thread
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    s.stop()
    s.stop()
    assert len(opened) == 1 and opened[0].closed
