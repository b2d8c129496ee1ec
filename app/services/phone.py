"""The phone server's studio settings (手机理件): its address, when a station serves the phone pages.

The station that runs the server writes the address phones open (``https://host:port``);
item labels then carry a QR code of each item's address there. Empty: the server is off.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from sqlalchemy.orm import Session

from ..models import Setting
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput
from .messages import Message
from .staff import Actor, Permission, record, require
from .studio import get_setting

PHONE_ADDRESS = "phone_address"


def phone_address(session: Session) -> str | None:
    """The phone server's address while it is on, else None."""
    return get_setting(session, PHONE_ADDRESS) or None


def item_address(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/i/{quote(code, safe='')}"


def serving_at(session: Session, address: str | None) -> str | None:
    """A station takes up again the phone server its manager left on (at start-up), or stops it:
    the address as it is now, not a new choice (not audited)."""
    return set_phone_address(session, address, None)


def set_phone_address(session: Session, address: str | None, actor: Actor | None, *,
                      clock: Clock = SYSTEM_CLOCK) -> str | None:
    """Say where the phone server listens (None: it is off). A station's settings (a manager)
    or ``studiodesk-admin serve`` (``actor`` None: the command line is trusted) call this."""
    if actor is not None:
        require(actor, Permission.MANAGE_SETTINGS)
    value = (address or "").strip().rstrip("/")
    if value:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
            raise BadInput("{address} is not a server address such as https://192.168.1.5:8443.", address=value)
    row = session.get(Setting, PHONE_ADDRESS)
    if row is None:
        session.add(Setting(key=PHONE_ADDRESS, value=value))
    else:
        row.value = value
    if actor is not None:
        record(session, actor, "setting.change", PHONE_ADDRESS,
               Message("phone server at {address}", {"address": value}) if value else Message("phone server off"),
               clock=clock)
    session.commit()
    return value or None
