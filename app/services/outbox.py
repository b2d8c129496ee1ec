"""The outbox (短信待发): messages queued by reminders and by events (all items ready).

Each message has a channel: WeChat messages are copied to the clipboard and pasted into
WeChat by staff; SMS messages are exported as CSV for the studio's SMS platform (and marked
sent), or handed to a sender plugin. Marking sent records who and when. Marketing messages
(greetings, offers) go only to customers who consent now: one whose consent was withdrawn
since it was queued is neither copied nor exported.

The CSV is UTF-8 with a BOM (Excel opens the Chinese correctly); every field that starts
with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading ``'`` (OWASP CSV injection), so a
customer named ``=HYPERLINK(…)`` stays text. The file is written beside its name and
renamed into place.

Sending is a small plugin interface (:class:`Sender`): the default sends nothing over the
network (offline first); an HTTP SMS gateway can be registered later with
:func:`register_sender` without touching this module.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from ..models import Customer, MessageChannel, Order, OutboxMessage, OutboxStatus, Staff
from . import codes
from .clock import STUDIO_TZ, SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .messages import Message
from .staff import Actor, record
from .studio import get_setting, set_setting

CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: fields starting so are made text
CSV_HEADER = ["id", "channel", "phone", "customer", "order", "text", "queued"]
SENDER_SETTING = "outbox_sender"


def neutralised(value: object) -> str:
    """A CSV field a spreadsheet shows as text: a leading ``'`` before =, +, -, @, tab or CR."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


@dataclass(frozen=True)
class OutboxLine:
    id: int
    channel: MessageChannel
    phone: str
    customer: str
    order: str
    body: str
    marketing: bool
    status: OutboxStatus
    created_at: dt.datetime
    sent_at: dt.datetime | None
    sent_by: str | None


def _consents() -> ColumnElement[bool]:
    # a marketing message is allowed only while its customer consents
    return or_(OutboxMessage.marketing.is_(False), Customer.marketing_consent_at.is_not(None))


def _query(*where: ColumnElement[bool]):  # type: ignore[no-untyped-def]
    # columns, not whole rows: the queue may hold thousands of messages
    return (select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.phone, Customer.name.label("customer"),
                   Order.number, OutboxMessage.body, OutboxMessage.marketing, OutboxMessage.status,
                   OutboxMessage.created_at, OutboxMessage.sent_at, Staff.name.label("sent_by"))
            .outerjoin(Customer, Customer.id == OutboxMessage.customer_id)
            .outerjoin(Order, Order.id == OutboxMessage.order_id)
            .outerjoin(Staff, Staff.id == OutboxMessage.sent_by)
            .where(*where).order_by(OutboxMessage.created_at, OutboxMessage.id))


def _line(r: Any) -> OutboxLine:
    return OutboxLine(r.id, r.channel, r.phone, r.customer or "",
                      codes.display_order_number(r.number) if r.number else "", r.body, r.marketing, r.status,
                      r.created_at, r.sent_at, r.sent_by)


def pending(session: Session, *, channel: MessageChannel | None = None, limit: int = 2000) -> list[OutboxLine]:
    """The messages waiting to be sent, oldest first (marketing ones only while consented)."""
    where = [OutboxMessage.status == OutboxStatus.PENDING, _consents()]
    if channel is not None:
        where.append(OutboxMessage.channel == as_enum(MessageChannel, channel, "channel"))
    return [_line(row) for row in session.execute(_query(*where).limit(limit))]


def _pending_message(session: Session, message_id: int) -> tuple[OutboxMessage, dt.datetime | None]:
    row = session.execute(select(OutboxMessage, Customer.marketing_consent_at)
                          .outerjoin(Customer, Customer.id == OutboxMessage.customer_id)
                          .where(OutboxMessage.id == message_id)).first()
    if row is None:
        raise NotFound("There is no message {id} in the outbox.", id=message_id)
    message, consent = row
    if message.status is OutboxStatus.SENT:
        raise BadInput("Message {id} was already sent; nothing was changed.", id=message_id)
    if message.marketing and consent is None:
        raise BadInput("The customer of message {id} does not consent to marketing messages; it is not sent.",
                       id=message_id)
    return message, consent


def copy_text(session: Session, message_id: int) -> str:
    """The text of a waiting message, to paste into WeChat (refused: sent already, or a
    marketing message to a customer who does not consent)."""
    return _pending_message(session, message_id)[0].body


def mark_sent(session: Session, message_ids: Sequence[int], actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Mark messages sent by ``actor`` now; returns how many (all or none are marked)."""
    now = clock.now()
    for mid in message_ids:
        message, _consent = _pending_message(session, mid)
        message.status, message.sent_at, message.sent_by = OutboxStatus.SENT, now, actor.staff_id
    if message_ids:
        record(session, actor, "outbox.sent", None, Message("{count} message(s) marked sent",
                                                            {"count": len(message_ids)}), clock=clock)
    session.commit()
    return len(message_ids)


@dataclass(frozen=True)
class Exported:
    path: Path
    count: int
    marked_sent: bool


def csv_bytes(lines: Sequence[OutboxLine]) -> bytes:
    """The queue as CSV: UTF-8 with a BOM, every field neutralised (OWASP)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow([neutralised(v) for v in (
            line.id, line.channel.value, line.phone, line.customer, line.order, line.body,
            line.created_at.astimezone(STUDIO_TZ).strftime("%Y-%m-%d %H:%M"))])
    return out.getvalue().encode("utf-8-sig")


def write_beside(path: Path, data: bytes) -> Path:
    """Write ``data`` beside ``path`` (``.partial``), flush it to disk, rename it into place:
    an error leaves the old file and no partial one, and becomes a one-line refusal."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a folder that is a file: there is no partial file either
            partial.unlink(missing_ok=True)
        raise BadInput("{path} could not be written ({error}); nothing was exported.", path=str(path),
                       error=exc.strerror or exc.__class__.__name__) from None
    return path


def export_csv(session: Session, path: Path, actor: Actor | None, *, mark_sent: bool = False,
               channel: MessageChannel | None = MessageChannel.SMS, clock: Clock = SYSTEM_CLOCK) -> Exported:
    """Export the waiting messages (by default the SMS ones, for the studio's SMS platform)
    to ``path``; with ``mark_sent`` those exported are marked sent (by ``actor``, None from
    the command line) once the file is in place. Nothing is marked when the file cannot be
    written."""
    lines = pending(session, channel=channel, limit=1_000_000)
    written = write_beside(Path(path), csv_bytes(lines))
    if mark_sent and lines:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([line.id for line in lines]),
                                                    OutboxMessage.status == OutboxStatus.PENDING)
                        .values(status=OutboxStatus.SENT, sent_at=clock.now(),
                                sent_by=actor.staff_id if actor else None))
    if actor is not None:
        # the path goes in the detail: a target is a short key (60 characters on PostgreSQL)
        record(session, actor, "outbox.export", None, Message(
            "{count} message(s) exported to {file}", {"count": len(lines), "file": str(written)}), clock=clock)
    session.commit()
    return Exported(written, len(lines), mark_sent and bool(lines))


# --- sending -----------------------------------------------------------------------------


class Sender(Protocol):
    """A way of sending a message. ``send`` returns True when the message left (it is then
    marked sent), False when it did not (it stays waiting)."""

    name: str

    def send(self, phone: str, text: str) -> bool: ...


class NoNetworkSender:
    """The default: sends nothing anywhere (offline first). Messages wait to be copied or
    exported."""

    name = "none"

    def send(self, phone: str, text: str) -> bool:
        return False


_SENDERS: dict[str, Sender] = {NoNetworkSender.name: NoNetworkSender()}


def register_sender(sender: Sender) -> None:
    """Make a sender (e.g. an HTTP SMS gateway plugin) available under its name."""
    _SENDERS[sender.name] = sender


def current_sender(session: Session) -> Sender:
    return _SENDERS.get(get_setting(session, SENDER_SETTING) or NoNetworkSender.name, _SENDERS["none"])


def choose_sender(session: Session, name: str, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> str:
    if name not in _SENDERS:
        raise BadInput("{value} is not a valid {what}.", value=name, what="sender")
    return set_setting(session, SENDER_SETTING, name, actor, clock=clock)


def send_pending(session: Session, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> int:
    """Hand the waiting SMS messages to the studio's sender; those it sent are marked sent.
    With the default sender nothing leaves and nothing changes."""
    sender = current_sender(session)
    sent = [line.id for line in pending(session, channel=MessageChannel.SMS) if sender.send(line.phone, line.body)]
    if sent:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(sent))
                        .values(status=OutboxStatus.SENT, sent_at=clock.now(), sent_by=actor.staff_id))
        record(session, actor, "outbox.sent", None, Message("{count} message(s) sent by {sender}",
                                                            {"count": len(sent), "sender": sender.name}), clock=clock)
    session.commit()
    return len(sent)


def history(session: Session, *, limit: int = 200) -> list[OutboxLine]:
    """The messages sent most recently."""
    q = _query(OutboxMessage.status == OutboxStatus.SENT).order_by(None).order_by(
        OutboxMessage.sent_at.desc(), OutboxMessage.id.desc()).limit(limit)
    return [_line(row) for row in session.execute(q)]
