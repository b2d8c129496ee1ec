"""What every scanner shares: the signals, the settings, and cleaning a raw scan."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, fields

from PySide6.QtCore import QObject, QSettings, Signal

TERMINATORS = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t"}


@dataclass
class ScannerSettings:
    """Per station (QSettings, not the shared database): each PC has its own scanner."""

    mode: str = "wedge"  # "wedge", "serial" or "off"
    port: str = ""  # serial: COM3, /dev/ttyACM0, or any pyserial URL
    baud: int = 9600
    terminator: str = "CR"  # serial line end: CR, LF, CRLF or TAB
    max_avg_ms: int = 35  # wedge: a scan types at most this many ms per character on average
    min_length: int = 6  # wedge: shorter bursts are typing
    max_gap_ms: int = 60  # wedge: a longer pause ends a burst (keys are held at most this long)
    prefix: str = ""  # characters the scanner is set to send before / after each code
    suffix: str = ""
    sound: bool = True
    badge_needs_pin: bool = False  # scanning a staff badge asks for the PIN too

    @classmethod
    def load(cls, settings: QSettings | None = None) -> ScannerSettings:
        settings = settings or QSettings()
        values: dict[str, bool | int | str] = {}
        for f in fields(cls):
            raw = settings.value(f"scanner/{f.name}")
            if raw is None:
                continue
            default = getattr(cls(), f.name)
            try:
                if isinstance(default, bool):
                    values[f.name] = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
                elif isinstance(default, int):
                    values[f.name] = int(raw)
                else:
                    values[f.name] = str(raw)
            except (TypeError, ValueError):
                continue  # a broken value falls back to the default
        loaded = cls(**values)  # type: ignore[arg-type]  # each value has its field's type
        return loaded if loaded.problem() is None else cls()

    def save(self, settings: QSettings | None = None) -> None:
        settings = settings or QSettings()
        for name, value in asdict(self).items():
            settings.setValue(f"scanner/{name}", value)

    def problem(self) -> str | None:
        """What is wrong with these settings, in English for the log; None when usable."""
        if self.mode not in ("wedge", "serial", "off"):
            return f"unknown scanner mode {self.mode!r}"
        if self.mode == "serial" and not self.port.strip():
            return "a serial scanner needs a port"
        if self.terminator not in TERMINATORS:
            return f"unknown terminator {self.terminator!r}"
        if not (1200 <= self.baud <= 921600):
            return f"baud {self.baud} out of range"
        if not (5 <= self.max_avg_ms <= 100 and 3 <= self.min_length <= 40 and 20 <= self.max_gap_ms <= 300):
            return "timing thresholds out of range"
        return None


def clean_scan(raw: str, prefix: str = "", suffix: str = "") -> str:
    """The code inside a raw scan: configured prefix/suffix, whitespace and control
    characters removed; full-width characters folded to ASCII."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if ch.isprintable() and not ch.isspace())
    if prefix and text.startswith(prefix):
        text = text[len(prefix):]
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)]
    return text


class Scanner(QObject):
    """A source of scans. ``scanned`` carries a cleaned code; ``status`` says, for the
    status bar, what the device is doing (connected, unplugged, reconnected)."""

    scanned = Signal(str)
    status = Signal(str)

    def start(self) -> None:
        """Begin listening."""

    def stop(self) -> None:
        """Stop listening and release the device."""


def settings_from_spec(spec: str, base: ScannerSettings | None = None) -> ScannerSettings:
    """``--scanner wedge`` or ``--scanner serial:PORT[:BAUD]`` over the station's settings.

    Raises ValueError with a one-line reason for anything else.
    """
    from dataclasses import replace

    base = base or ScannerSettings()
    text = spec.strip()
    if text in ("wedge", "off"):
        return replace(base, mode=text)
    if text.startswith("serial:"):
        port = text[len("serial:"):]
        baud = base.baud
        head, sep, tail = port.rpartition(":")
        if sep and head and tail.isdigit() and "://" not in port:  # COM3:115200; URLs stay whole
            port, baud = head, int(tail)
        chosen = replace(base, mode="serial", port=port, baud=baud)
        problem = chosen.problem()
        if problem:
            raise ValueError(problem)
        return chosen
    raise ValueError(f"--scanner takes 'wedge', 'off' or 'serial:PORT[:BAUD]', not {spec!r}")


def make_scanner(settings: ScannerSettings, parent: QObject | None = None) -> Scanner | None:
    """The scanner these settings describe (not yet started); None when switched off."""
    if settings.mode == "wedge":
        from .wedge import WedgeScanner

        return WedgeScanner(settings, parent)
    if settings.mode == "serial":
        from .serial_scanner import SerialScanner

        return SerialScanner(settings, parent)
    return None
