"""Scans as data: what a screen did with a scan, for the window to show in one place.

The scanner layer hands a cleaned code to the active *scan target* (the open dialog that
takes scans, or the current tab). The target decides what the code means and returns a
:class:`ScanResult`; the main window renders every result the same way — flash, sound,
status line — through :class:`app.ui.feedback.Feedback`. Targets never flash or beep.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from ..services.errors import StudioError
from ..services.messages import Message
from .i18n import QT_TRANSLATE_NOOP


class Outcome(enum.Enum):
    ACCEPTED = "accepted"  # the scan did what the screen is for (opened an order, marked an item)
    REFUSED = "refused"  # nothing changed: a bad code, a wrong state, the wrong moment
    SWITCHED = "switched"  # a staff badge: someone else works at this station now


@dataclass(frozen=True)
class ScanResult:
    outcome: Outcome
    message: Message
    shown: str | None = None  # what is on screen now because of the scan (an order number, a name)

    @property
    def good(self) -> bool:
        """Good or bad sound, green or red flash."""
        return self.outcome is not Outcome.REFUSED

    @classmethod
    def accepted(cls, template: str, shown: str | None = None, **params: object) -> ScanResult:
        return cls(Outcome.ACCEPTED, Message(template, params, context="scan"), shown)

    @classmethod
    def refused(cls, template: str, **params: object) -> ScanResult:
        return cls(Outcome.REFUSED, Message(template, params, context="scan"))

    @classmethod
    def switched(cls, template: str, shown: str, **params: object) -> ScanResult:
        return cls(Outcome.SWITCHED, Message(template, params, context="scan"), shown)

    @classmethod
    def refusal(cls, exc: StudioError) -> ScanResult:
        """A service said no: its own message, translated where shown."""
        return cls(Outcome.REFUSED, exc.as_message())


class ScanTarget(Protocol):
    def handle_scan(self, code: str) -> ScanResult: ...


# What the window itself says about scans (the templates, marked for translation).
CLOSE_FIRST = QT_TRANSLATE_NOOP("scan", "Close the open window first, then scan again. Nothing changed.")
NO_SCANS_HERE = QT_TRANSLATE_NOOP("scan", "This tab does not take scans. Nothing changed.")
NOBODY = QT_TRANSLATE_NOOP("scan", "Nobody is signed in: sign in first, then scan again.")
NOW_WORKING = QT_TRANSLATE_NOOP("scan", "{name} is working at this station now")
