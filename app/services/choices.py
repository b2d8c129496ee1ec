"""Lists a studio edits itself: complaint categories and rework reasons.

The seeded entries carry a stable key and names in Chinese and English; an entry the
studio adds is shown as typed, in whichever language it was typed. Only a manager
changes a list, every change is audited, and an entry in use is switched off rather
than deleted, so old complaints and events keep their names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Choice, ChoiceKind
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .messages import Message, phrases
from .staff import Actor, Permission, record, require
from .text import FIELD_TEXT, checked_text

# How a message names a list's entry (English; translated where shown).
KIND_TEXT = phrases({ChoiceKind.COMPLAINT_CATEGORY: "complaint category", ChoiceKind.REWORK_REASON: "rework reason"})
OTHER_KEY = "other"  # the seeded catch-all entry, kept at the end of its list


@dataclass(frozen=True)
class ChoiceEntry:
    id: int
    kind: ChoiceKind
    key: str | None  # stable name of a seeded entry; None for one the studio added
    name_zh: str | None
    name_en: str | None
    active: bool


def display_name(entry: ChoiceEntry, language: str) -> str:
    """The entry's name in ``language`` ("zh_CN", "en", or a locale name such as "en_US"),
    else in the other language: what a studio typed shows as typed."""
    if language.lower().startswith("zh"):
        return entry.name_zh or entry.name_en or ""
    return entry.name_en or entry.name_zh or ""


def view(row: Choice) -> ChoiceEntry:
    return ChoiceEntry(row.id, row.kind, row.key, row.name_zh, row.name_en, row.active)


def entries(session: Session, kind: ChoiceKind, *, include_inactive: bool = False) -> list[ChoiceEntry]:
    """A list's entries in the order it is shown (active ones only, unless asked)."""
    kind = as_enum(ChoiceKind, kind, "list")
    query = select(Choice).where(Choice.kind == kind).order_by(Choice.position, Choice.id)
    if not include_inactive:
        query = query.where(Choice.active.is_(True))
    return [view(row) for row in session.scalars(query)]


def usable(session: Session, kind: ChoiceKind, choice_id: int) -> Choice:
    """The entry ``choice_id`` when it belongs to ``kind`` and is switched on; else a refusal."""
    row = session.get(Choice, choice_id)
    if row is None or row.kind is not kind:
        raise NotFound("There is no {what} {id}.", what=KIND_TEXT[kind], id=choice_id)
    if not row.active:
        raise BadInput("The {what} {name} is switched off; choose another one.", what=KIND_TEXT[kind],
                       name=row.name_zh or row.name_en or "")
    return row


def _clean(text: str | None, what: str) -> str | None:
    return checked_text(" ".join((text or "").split()), FIELD_TEXT[what], getattr(Choice, what))


def _names(kind: ChoiceKind, name_zh: str | None, name_en: str | None) -> tuple[str | None, str | None]:
    zh, en = _clean(name_zh, "name_zh"), _clean(name_en, "name_en")
    if zh is None and en is None:
        raise BadInput("The {what} needs a name, in Chinese or in English.", what=KIND_TEXT[kind])
    return zh, en


def _refuse_duplicates(session: Session, kind: ChoiceKind, names: tuple[str | None, str | None],
                       own_id: int | None) -> None:
    """No two entries of a list share a name, in either language, ignoring case."""
    wanted = {n.casefold(): n for n in names if n}
    for row in session.scalars(select(Choice).where(Choice.kind == kind, Choice.id != (own_id or 0))):
        for existing in (row.name_zh, row.name_en):
            if existing and existing.casefold() in wanted:
                if row.active:
                    raise BadInput("There is already a {what} called {name}.", what=KIND_TEXT[kind],
                                   name=wanted[existing.casefold()])
                raise BadInput("There is already a {what} called {name}, switched off; switch it on again "
                               "instead.", what=KIND_TEXT[kind], name=wanted[existing.casefold()])


def _get(session: Session, choice_id: int) -> Choice:
    row = session.get(Choice, choice_id)
    if row is None:
        raise NotFound("There is no list entry {id}.", id=choice_id)
    return row


def _label(row: Choice) -> str:
    return " / ".join(n for n in (row.name_zh, row.name_en) if n)


def add(
    session: Session, actor: Actor, kind: ChoiceKind, *, name_zh: str | None = None, name_en: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> ChoiceEntry:
    """Add an entry to a list (manager only). It goes before the seeded "other" entry."""
    require(actor, Permission.EDIT_CATALOGUE)
    kind = as_enum(ChoiceKind, kind, "list")
    names = _names(kind, name_zh, name_en)
    _refuse_duplicates(session, kind, names, None)
    last = session.scalar(select(func.max(Choice.position)).where(Choice.kind == kind)) or 0
    row = Choice(kind=kind, key=None, name_zh=names[0], name_en=names[1], position=last + 1, active=True)
    other = session.scalar(select(Choice).where(Choice.kind == kind, Choice.key == OTHER_KEY))
    if other is not None and other.position == last:
        row.position, other.position = last, last + 1
    session.add(row)
    session.flush()
    record(session, actor, "choices.add", f"choice:{row.id}",
           Message("{list}: {name}", {"list": KIND_TEXT[kind], "name": _label(row)}), clock=clock)
    session.commit()
    return view(row)


def rename(
    session: Session, actor: Actor, choice_id: int, *, name_zh: str | None, name_en: str | None,
    clock: Clock = SYSTEM_CLOCK,
) -> ChoiceEntry:
    """Give an entry new names (manager only); complaints and events using it show the new ones."""
    require(actor, Permission.EDIT_CATALOGUE)
    row = _get(session, choice_id)
    names = _names(row.kind, name_zh, name_en)
    _refuse_duplicates(session, row.kind, names, row.id)
    before = _label(row)
    row.name_zh, row.name_en = names
    record(session, actor, "choices.rename", f"choice:{row.id}", f"{before} -> {_label(row)}", clock=clock)
    session.commit()
    return view(row)


def set_active(
    session: Session, actor: Actor, choice_id: int, active: bool, *, clock: Clock = SYSTEM_CLOCK,
) -> ChoiceEntry:
    """Switch an entry off (it is no longer offered; what used it keeps it) or on again."""
    require(actor, Permission.EDIT_CATALOGUE)
    row = _get(session, choice_id)
    if row.active is not active:
        row.active = active
        record(session, actor, "choices.activate" if active else "choices.deactivate", f"choice:{row.id}",
               _label(row), clock=clock)
        session.commit()
    return view(row)


def deactivate(session: Session, actor: Actor, choice_id: int, *, clock: Clock = SYSTEM_CLOCK) -> ChoiceEntry:
    return set_active(session, actor, choice_id, False, clock=clock)
