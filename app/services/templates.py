"""Message templates (短信/微信模板): texts with fields in braces, checked when saved.

A template may use only the fields of :data:`FIELDS` (``{customer}``, ``{date}`` …); one
naming any other field, or with a stray brace, is refused when it is saved, never when a
message is about to be sent. ``{{`` and ``}}`` write a brace.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import MessageChannel, MessageTemplate
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .messages import Message, phrases
from .staff import Actor, Permission, record, require
from .text import FIELD_TEXT, checked_text

# The fields a template may use, with what they hold (shown in the editor beside the text).
FIELDS = phrases({
    "customer": "customer name",
    "date": "date",
    "time": "time",
    "order": "order number",
    "items": "items ready",
    "balance": "balance due (yuan)",
    "studio": "studio name",
})
# What the live preview fills the fields with.
SAMPLE_VALUES = {"customer": "张三", "date": "2026-12-01", "time": "10:00", "order": "2612-0001",
                 "items": "相册×1、摆台×2", "balance": "1,200.00", "studio": "示范影楼"}
_FORMATTER = string.Formatter()


def fields_of(body: str) -> list[str]:
    """The field names ``body`` uses, in order; refuses a stray or unclosed brace and a field
    with a format or an attribute (``{date:%Y}``, ``{customer.name}``, ``{0}``)."""
    try:
        parsed = list(_FORMATTER.parse(body))
    except ValueError:
        raise BadInput("The text has a brace that opens or closes no field; write {{ or }} for a brace itself. "
                       "Nothing was saved.") from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or name not in FIELDS:
            raise BadInput("The text uses the field {field}, which does not exist; the fields are {fields}. "
                           "Nothing was saved.", field="{" + name + (f":{spec}" if spec else "") + "}",
                           fields=" ".join("{" + f + "}" for f in FIELDS))
        names.append(name)
    return names


def check_body(body: str) -> str:
    """The text of a template, checked: not empty, only known fields."""
    value = checked_text(body, FIELD_TEXT["message_text"], MessageTemplate.body, required=True) or ""
    fields_of(value)
    return value


def render(body: str, values: Mapping[str, object]) -> str:
    """The message: ``body`` with its fields filled (a field without a value is left empty)."""
    fields_of(body)
    return _FORMATTER.vformat(body, (), {f: "" if values.get(f) is None else str(values[f]) for f in FIELDS})


def preview(body: str) -> str:
    """The live preview of the editor: the text filled with sample values (refuses what
    saving would refuse, with the same message)."""
    return render(body, SAMPLE_VALUES)


@dataclass(frozen=True)
class TemplateRow:
    id: int
    key: str
    name_zh: str
    name_en: str
    body: str
    channel: MessageChannel
    marketing: bool


def _row(t: MessageTemplate) -> TemplateRow:
    return TemplateRow(t.id, t.key, t.name_zh, t.name_en, t.body, t.channel, t.marketing)


def list_templates(session: Session) -> list[TemplateRow]:
    return [_row(t) for t in session.scalars(select(MessageTemplate).order_by(MessageTemplate.id))]


def template_by_key(session: Session, key: str) -> MessageTemplate | None:
    return session.scalar(select(MessageTemplate).where(MessageTemplate.key == key))


def save_template(
    session: Session, template_id: int | None, *, key: str | None = None, name_zh: str, name_en: str, body: str,
    channel: MessageChannel, marketing: bool, actor: Actor, clock: Clock = SYSTEM_CLOCK, commit: bool = True,
) -> TemplateRow:
    """Change a template (``template_id``) or add one (None, with a new ``key``). A text with
    an unknown field is refused here, so no message is ever made from it. ``commit=False``:
    part of a larger change (a settings import), committed by the caller."""
    require(actor, Permission.MANAGE_SETTINGS)
    channel = as_enum(MessageChannel, channel, "channel")
    body = check_body(body)
    zh = checked_text(name_zh, FIELD_TEXT["name_zh"], MessageTemplate.name_zh, required=True) or ""
    en = checked_text(name_en, FIELD_TEXT["name_en"], MessageTemplate.name_en, required=True) or ""
    if template_id is None:
        new_key = checked_text(key, FIELD_TEXT["template_key"], MessageTemplate.key, required=True) or ""
        if template_by_key(session, new_key) is not None:
            raise BadInput("A template named {key} exists already; nothing was saved.", key=new_key)
        row = MessageTemplate(key=new_key)
        session.add(row)
    else:
        found = session.get(MessageTemplate, template_id)
        if found is None:
            raise NotFound("There is no message template {id}.", id=template_id)
        row = found
    row.name_zh, row.name_en, row.body, row.channel, row.marketing = zh, en, body, channel, bool(marketing)
    session.flush()
    record(session, actor, "template.save", f"template:{row.key}", Message("{key}: {body}", {
        "key": row.key, "body": body}), clock=clock)
    if commit:
        session.commit()
    return _row(row)
