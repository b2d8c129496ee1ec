"""Serial and virtual-COM scanners through pyserial, read in a worker thread.

Lines end with the configured terminator. Only whole lines of printable ASCII
become scans: a partial line (the cable pulled mid-scan) or a line with garbage
bytes is dropped and reported, never turned into a code. An unplugged scanner is
reported on the status bar and reopened every few seconds until it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import serial
from PySide6.QtCore import QObject, Signal

from .scanner import TERMINATORS, Scanner, ScannerSettings, clean_scan

log = logging.getLogger(__name__)
MAX_LINE = 128  # no barcode we print is this long: a longer run is noise
STALE_PARTIAL_S = 1.0  # a line not finished within this is a broken scan
RETRY_S = 2.0


class _Reader(QObject):
    """Reads the port in a plain Python thread (:meth:`run`). The object itself stays on the
    GUI thread, so its signals reach the scanner there through queued connections, and no
    Python-owned QThread can be destroyed from the wrong thread."""

    line = Signal(bytes)
    connected = Signal(bool)
    dropped = Signal(str)

    def __init__(self, port: str, baud: int, terminator: bytes,
                 open_port: Callable[..., serial.SerialBase] = serial.serial_for_url) -> None:
        super().__init__()
        self.port_name, self.baud, self.terminator = port, baud, terminator
        self.open_port = open_port
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:  # the reading thread
        port = None
        was_connected: bool | None = None
        buffer = b""
        last_data = 0.0
        while not self._stop.is_set():
            if port is None:
                try:
                    port = self.open_port(self.port_name, baudrate=self.baud, timeout=0.2)
                except (serial.SerialException, OSError, ValueError) as exc:
                    if was_connected is not False:
                        log.warning("scanner %s not available: %s", self.port_name, exc)
                        self.connected.emit(False)
                        was_connected = False
                    self._stop.wait(RETRY_S)
                    continue
                buffer = b""
                self.connected.emit(True)
                was_connected = True
            try:
                data = port.read(256)
            except (serial.SerialException, OSError) as exc:
                log.warning("scanner %s lost: %s", self.port_name, exc)
                try:
                    port.close()
                except (serial.SerialException, OSError):
                    pass
                port = None
                if buffer:
                    self.dropped.emit("partial")
                buffer = b""
                self.connected.emit(False)
                was_connected = False
                continue
            now = time.monotonic()
            if not data:
                if buffer and now - last_data > STALE_PARTIAL_S:
                    self.dropped.emit("partial")
                    buffer = b""
                continue
            last_data = now
            buffer += data
            *lines, buffer = buffer.split(self.terminator)
            for raw in lines:
                if raw.strip(b"\r\n\x00"):
                    self.line.emit(raw)
            if len(buffer) > MAX_LINE:
                self.dropped.emit("garbage")
                buffer = b""
        if port is not None:
            port.close()


class SerialScanner(Scanner):
    garbled = Signal(str)  # what was dropped, for the settings page

    def __init__(self, settings: ScannerSettings, parent: QObject | None = None,
                 open_port: Callable[..., serial.SerialBase] = serial.serial_for_url) -> None:
        super().__init__(parent)
        self.settings = settings
        self._thread: threading.Thread | None = None
        self._reader = _Reader(settings.port, settings.baud, TERMINATORS[settings.terminator], open_port)
        self._reader.line.connect(self._line)
        self._reader.connected.connect(self._connected)
        self._reader.dropped.connect(self._dropped)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._reader.run, name=f"scanner {self.settings.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._reader.stop()
        self._thread.join()
        self._thread = None

    def _line(self, raw: bytes) -> None:
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            self._dropped("garbage")
            return
        inner = text.strip("\r\n\x00")
        if not all(ch.isprintable() for ch in inner):
            self._dropped("garbage")
            return
        code = clean_scan(inner, self.settings.prefix, self.settings.suffix)
        if code:
            self.scanned.emit(code)

    def _connected(self, ok: bool) -> None:
        if ok:
            self.status.emit(self.tr("Scanner connected ({port})").format(port=self.settings.port))
        else:
            self.status.emit(self.tr("Scanner not connected ({port}): plug it in; it is found again by itself")
                             .format(port=self.settings.port))

    def _dropped(self, kind: str) -> None:
        log.info("scanner %s: dropped a %s line", self.settings.port, kind)
        message = (self.tr("A broken scan was ignored; scan again") if kind == "partial"
                   else self.tr("Unreadable scanner data was ignored; scan again"))
        self.garbled.emit(message)
        self.status.emit(message)
