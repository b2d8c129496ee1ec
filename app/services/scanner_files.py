"""Batch-scanner files: codes a memory scanner collected away from the PC, one per line.

Each line goes through the lifecycle service (:func:`lifecycle.transition`) as if it had
been scanned at a station, with the staff member who imports the file as the actor. Every
line gets a result: accepted, unchanged ("already …") or refused with the reason.

One file is one database transaction with a SAVEPOINT per line: a refused line rolls back
its savepoint only (it writes nothing), an accepted line stays, and everything is committed
at the end. An unexpected error (a bug, a lost database) rolls back the whole file and is
raised as it is. The per-line transactions are the lifecycle's own: it runs on a session
that joins the file's transaction with ``join_transaction_mode="create_savepoint"``, so its
``commit()`` releases the line's savepoint and its ``rollback()`` returns to it.

Encodings: a BOM decides (UTF-8, UTF-16); without one the file is read as UTF-8 when it is
valid UTF-8, else as GBK (what Chinese Windows tools write). A NUL byte without a UTF-16 BOM
means the file is no text at all.
"""

from __future__ import annotations

import codecs
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ChoiceKind, ItemEvent, ItemStatus, Lab, Shipment, Staff
from ..models.db import begin_outer_transaction
from . import choices, lifecycle
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, NotFound, StudioError, as_enum
from .messages import Message
from .staff import Actor, actor_of, require
from .text import FIELD_TEXT, checked_text, is_storable, shown

MAX_FILE_BYTES = 5_000_000  # a memory scanner holds a few thousand codes; a photo is no scanner file


class ScanMode(enum.StrEnum):
    SEND = "send"
    RECEIVE = "receive"
    PASS = "pass"
    REWORK = "rework"


MODE_TARGET: dict[ScanMode, ItemStatus] = {
    ScanMode.SEND: ItemStatus.SENT, ScanMode.RECEIVE: ItemStatus.RETURNED, ScanMode.PASS: ItemStatus.READY,
    ScanMode.REWORK: ItemStatus.REWORK,
}


class LineOutcome(enum.StrEnum):
    ACCEPTED = "accepted"  # the item changed, committed
    UNCHANGED = "unchanged"  # already in that state (a line twice in one file, or done before)
    REFUSED = "refused"  # nothing written for this line; the message says why


@dataclass(frozen=True)
class LineResult:
    number: int  # 1-based, as an editor counts lines
    text: str  # the line without surrounding blanks
    outcome: LineOutcome
    message: Message


@dataclass(frozen=True)
class FileResult:
    lines: list[LineResult]
    blank: int  # blank lines skipped
    shipment_id: int | None = None  # the shipment made by a file in send mode, when anything was sent

    def count(self, outcome: LineOutcome) -> int:
        return sum(1 for line in self.lines if line.outcome is outcome)

    @property
    def exit_status(self) -> int:
        """0 when no line was refused, 2 when any was (the command line's exit status)."""
        return 2 if self.count(LineOutcome.REFUSED) else 0


# -- reading the file ---------------------------------------------------------------------
def decode(data: bytes, name: str) -> str:
    """The text of a scanner file: see the module's notes on encodings. ``name`` is how a
    refusal names the file."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif b"\x00" in data:
        raise BadInput("{path} is not a text file of codes (one per line); nothing was done.", path=name)
    else:
        encodings = ["utf-8", "gbk"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise BadInput("{path} is neither UTF-8 nor GBK text; nothing was done. Save it as UTF-8 and try again.",
                   path=name)


def split_lines(text: str) -> tuple[list[tuple[int, str]], int]:
    """(line number, text without surrounding blanks) of each non-blank line, and how many
    lines were blank. Lines end with CR LF, LF or CR."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()  # the end of the last line, not a line of its own
    lines = [(n, line.strip()) for n, line in enumerate(raw, start=1)]
    kept = [(n, line) for n, line in lines if line]
    return kept, len(lines) - len(kept)


def read_file(path: Path | str) -> tuple[list[tuple[int, str]], int]:
    """The non-blank lines of a scanner file and the number of blank ones; refused (nothing
    done) when the file is missing, unreadable, no text or holds no codes."""
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            raise BadInput("{path} is a folder, not a scanner file; nothing was done.", path=name)
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise NotFound("There is no file {path}; nothing was done.", path=name) from None
    except OSError as exc:
        raise BadInput("{path} could not be read ({error}); nothing was done.", path=name,
                       error=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise BadInput("{path} is too large to be a scanner file; nothing was done.", path=name)
    lines, blank = split_lines(decode(data, name))
    if not lines:
        raise BadInput("{path} holds no codes; nothing was done.", path=name)
    return lines, blank


# -- who, where, why ----------------------------------------------------------------------
def command_line_actor(session: Session, name: str, mode: ScanMode | str, station: str) -> Actor:
    """The staff member ``studiodesk-admin scans --staff NAME`` acts for: they must exist, be
    active and may make the mode's move. No PIN: whoever runs the command on the studio PC
    has the database file (or its server's password) anyway, as for ``unlock``."""
    scan_mode: ScanMode = as_enum(ScanMode, mode, "scanner file mode")
    key = name.strip()
    staff = session.scalar(select(Staff).where(Staff.name == key)) if key and is_storable(key) else None
    if staff is None:
        raise NotFound("There is no staff member called {name}; nothing was done.", name=shown(key))
    if not staff.active:
        raise NotAllowed("{name} can no longer sign in (the account is switched off); nothing was done.",
                         name=staff.name)
    actor = actor_of(staff, station)
    require(actor, lifecycle.TRANSITION_PERMISSION[MODE_TARGET[scan_mode]])
    return actor


def lab_named(session: Session, name: str) -> int:
    """The id of the lab called ``name`` (blanks around it and letter case do not count)."""
    key = " ".join(name.split()).casefold()
    labs = list(session.scalars(select(Lab).order_by(Lab.id)))
    lab = next((lab for lab in labs if lab.name.casefold() == key), None)
    if lab is None:
        raise NotFound("There is no lab called {name}; nothing was done. The labs are: {labs}.",
                       name=shown(name.strip()), labs=", ".join(lab.name for lab in labs if lab.active))
    return lab.id


def rework_reason(session: Session, text: str) -> tuple[int | None, str | None]:
    """(entry of the studio's rework reasons, typed text) for a reason given as text: an entry
    whose name (in either language, letter case aside) or key it is, with no text; else the
    list's "other" entry with the text as typed."""
    typed = checked_text(" ".join((text or "").split()), FIELD_TEXT["reason"], ItemEvent.reason)
    if typed is None:
        raise BadInput("Rework needs a reason.")
    key = typed.casefold()
    entries = choices.entries(session, ChoiceKind.REWORK_REASON, include_inactive=True)
    for entry in entries:
        if key in {n.casefold() for n in (entry.name_zh, entry.name_en, entry.key) if n}:
            choices.usable(session, ChoiceKind.REWORK_REASON, entry.id)  # a switched-off one is refused
            if entry.key == choices.OTHER_KEY:
                raise BadInput("Rework needs a reason: say what is wrong, not just {name}.", name=typed)
            return entry.id, None
    other = next((e for e in entries if e.key == choices.OTHER_KEY and e.active), None)
    return (other.id if other else None), typed


# -- applying it --------------------------------------------------------------------------
def _check_lab(session: Session, lab_id: int | None) -> int:
    if lab_id is None:
        raise BadInput("Choose the lab the items go to; nothing was done.")
    lab = session.get(Lab, lab_id)
    if lab is None:
        raise NotFound("Lab {id} does not exist.", id=lab_id)
    if not lab.active:
        raise BadInput("The lab {name} is switched off; choose another one. Nothing was done.", name=lab.name)
    return lab.id


def apply_lines(
    session: Session, lines: Sequence[tuple[int, str]], mode: ScanMode | str, actor: Actor, *,
    lab_id: int | None = None, rework_reason_id: int | None = None, reason: str | None = None, blank: int = 0,
    clock: Clock = SYSTEM_CLOCK,
) -> FileResult:
    """Apply each (line number, code) as a scan in ``mode`` (see the module's notes on
    transactions). Refused before anything is written when the actor may not make the
    move, sending has no lab, or a rework has no reason."""
    scan_mode: ScanMode = as_enum(ScanMode, mode, "scanner file mode")
    target = MODE_TARGET[scan_mode]
    require(actor, lifecycle.TRANSITION_PERMISSION[target])
    if target is ItemStatus.SENT:
        lab_id = _check_lab(session, lab_id)
    else:
        lab_id = None
    if target is ItemStatus.REWORK:
        reason = checked_text(reason, FIELD_TEXT["reason"], ItemEvent.reason)
        if rework_reason_id is not None:
            entry = choices.usable(session, ChoiceKind.REWORK_REASON, rework_reason_id)
            if entry.key == choices.OTHER_KEY and reason is None:
                raise BadInput("Rework for another reason: say what is wrong. Nothing was done.")
        elif reason is None:
            raise BadInput("Rework needs a reason.")
    else:
        rework_reason_id, reason = None, None
    if not lines:
        raise BadInput("The file holds no codes; nothing was done.")

    results: list[LineResult] = []
    number, text = 0, ""
    try:
        conn = session.connection()
        begin_outer_transaction(conn)
        shipment: Shipment | None = None
        if target is ItemStatus.SENT:  # one shipment for the file, as transition_many makes for a batch
            shipment = Shipment(lab_id=lab_id, sent_at=clock.now(), staff_id=actor.staff_id)
            session.add(shipment)
            session.flush()
        with Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False) as per_line:
            for number, text in lines:
                try:
                    done = lifecycle.transition(
                        per_line, text, target, actor, lab_id=lab_id,
                        shipment_id=shipment.id if shipment is not None else None, reason=reason,
                        rework_reason_id=rework_reason_id, clock=clock)
                except StudioError as exc:  # the lifecycle rolled back this line's savepoint
                    results.append(LineResult(number, shown(text), LineOutcome.REFUSED, exc.as_message()))
                    continue
                outcome = LineOutcome.ACCEPTED if done.changed else LineOutcome.UNCHANGED
                results.append(LineResult(number, shown(text), outcome, done.message))
        sent_any = any(r.outcome is LineOutcome.ACCEPTED for r in results)
        if shipment is not None and not sent_any:
            session.delete(shipment)  # nothing went out: no empty shipment
            shipment = None
        session.commit()
    except BaseException as exc:
        session.rollback()
        if number:
            exc.add_note(f"scanner file line {number}: {shown(text)!r}; nothing of the file was saved")
        raise
    return FileResult(results, blank, shipment.id if shipment is not None else None)


def apply_file(
    session: Session, path: Path | str, mode: ScanMode | str, actor: Actor, *, lab_id: int | None = None,
    rework_reason_id: int | None = None, reason: str | None = None, clock: Clock = SYSTEM_CLOCK,
) -> FileResult:
    """Read a scanner file and apply its lines (:func:`read_file`, :func:`apply_lines`)."""
    lines, blank = read_file(path)
    return apply_lines(session, lines, mode, actor, lab_id=lab_id, rework_reason_id=rework_reason_id,
                       reason=reason, blank=blank, clock=clock)
