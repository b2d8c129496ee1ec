"""Text people type, checked once before it is stored: the one place for field limits.

Every string a service writes goes through :func:`field`: blanks around it are dropped,
a NUL character or half of a character (a lone surrogate, which no encoding can store)
is refused, and the length is checked in characters against the column it goes into
(read from the model, never copied), so a field over its limit is a clear refusal
naming the field instead of a raw database error on PostgreSQL. Characters outside the
Basic Multilingual Plane (rare CJK characters in real names, 𠀀 𪚥) are ordinary text.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import BadInput
from .messages import Phrase, phrases

# NUL, and the surrogate code points: in a Python str they can only be half of a character.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

# What a message calls each field (English; translated where shown). Sentence starts.
FIELD_TEXT = phrases({
    "customer_name": "The customer's name",
    "partner_name": "The partner's name",
    "address": "The address",
    "family_notes": "The family notes",
    "notes": "The notes",
    "phone": "A phone number",
    "phone_label": "A phone's label",
    "session_name": "A session's name",
    "discount_reason": "The discount's reason",
    "extra_description": "An extra's description",
    "payment_note": "The payment's note",
    "reason": "The reason",
    "note": "The note",
    "shelf": "The shelf",
    "station": "The station's name",
    "staff_name": "The staff member's name",
    "studio_name": "The studio's name",
    "setting": "The setting",
    "product_name": "The product's name",
    "lab_name": "The lab's name",
    "package_name": "The package's name",
    "lab_contact": "The lab's contact",
    "lab_phone": "The lab's phone",
    "name_zh": "The Chinese name",
    "name_en": "The English name",
    "survey_answer": "A survey answer",
    "survey_question": "The question",
    "survey_options": "The answers to choose from",
    "message_text": "The message's text",
    "template_key": "The template's key",
})


def max_length(column: Any) -> int | None:
    """The length limit of a mapped string column (``Customer.name``), None for Text."""
    if isinstance(column, int) or column is None:
        return column
    return getattr(column.type, "length", None)


def is_storable(text: str) -> bool:
    """No NUL and no half characters: text any database and any encoding can hold."""
    return _UNSTORABLE.search(text) is None


def shown(text: str) -> str:
    """``text`` with each NUL or half character replaced by U+FFFD: safe to show, log or
    compare (a scanned code holding one matches nothing and is refused as it reads)."""
    return _UNSTORABLE.sub("\ufffd", text)


def checked_text(text: str | None, what: Phrase, column: Any = None, *, required: bool = False) -> str | None:
    """``text`` without surrounding blanks, checked for the column it goes into
    (``column`` is a mapped column such as ``Customer.name``, or a number of characters);
    None when empty. Refusals name the field: ``what`` is one of :data:`FIELD_TEXT`."""
    value = (text or "").strip()
    if not is_storable(value):
        raise BadInput("{what} contains a character that cannot be stored (a NUL or half of a character); "
                       "type it again.", what=what)
    if not value:
        if required:
            raise BadInput("{what} is empty.", what=what)
        return None
    limit = max_length(column)
    if limit is not None and len(value) > limit:
        raise BadInput("{what} has {length} characters; at most {limit} fit.", what=what, length=len(value),
                       limit=limit)
    return value


def required_text(text: str | None, what: Phrase, column: Any = None) -> str:
    """:func:`checked_text` for a value that must be given."""
    value = checked_text(text, what, column, required=True)
    assert value is not None
    return value


def _station_limit() -> int:
    from ..models import AuditEntry, ItemEvent

    limits = [max_length(c) for c in (ItemEvent.station, AuditEntry.station)]
    return min(n for n in limits if n is not None)


def station_name(name: str | None) -> str:
    """A station's name as typed (Settings → This station's name, ``--station``), checked:
    it is recorded with every scan and payment, so one that cannot be stored is refused."""
    return required_text(name, FIELD_TEXT["station"], _station_limit())


def default_station(host: str | None) -> str:
    """The station's name when none was given: the host name, cut to what fits."""
    name = _UNSTORABLE.sub("", host or "").strip()[:_station_limit()].strip()
    return name or "StudioDesk"
