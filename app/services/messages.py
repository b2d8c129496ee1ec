"""Messages for people as data: an English template with named values, translated where shown.

Services never hand back finished sentences. They return (or raise, see
:mod:`app.services.errors`) a :class:`Message`; the window translates the template and
then fills in the values, logs and the admin CLI use the English text as it is. A value
that is one of the program's own words (an item's state, a role, "lab") is a
:class:`Phrase` and is translated too; every other value — a customer's name, a lab
called "lab", an order number — is shown exactly as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

K = TypeVar("K")


class Phrase(str):
    """The program's own words inside a message: translated where shown (context "errors")."""

    __slots__ = ()


@dataclass(frozen=True)
class Message:
    template: str
    params: Mapping[str, object] = field(default_factory=dict)
    context: str = "errors"  # the translation context the template is filed under

    def __str__(self) -> str:
        if not self.params:
            return self.template
        return self.template.format(**{k: _english(v) for k, v in self.params.items()})


def _english(value: object) -> object:
    """A value as the English text shows it: a list (of phrases, names or messages) joined."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def to_json(message: Message) -> dict[str, object]:
    """A message as JSON (to store it, e.g. an audit entry's detail, and translate it when shown):
    names, numbers and codes as they are, the program's words marked as phrases; a value may be
    a list of those or a message of its own."""
    return {"t": message.template, "p": {k: _value_json(v) for k, v in message.params.items()}, "c": message.context}


def _value_json(value: object) -> object:
    if isinstance(value, Phrase):
        return {"phrase": str(value)}
    if isinstance(value, Message):
        return {"message": to_json(value)}
    if isinstance(value, list | tuple):
        return {"list": [_value_json(v) for v in value]}
    return value if isinstance(value, int | str) else str(value)


def from_json(data: object) -> Message | None:
    """The message :func:`to_json` stored; None for anything else (never raises on odd data)."""
    if not isinstance(data, dict) or not isinstance(data.get("t"), str) or not isinstance(data.get("p", {}), dict):
        return None
    context = data.get("c")
    return Message(data["t"], {str(k): _value_from_json(v) for k, v in data.get("p", {}).items()},
                   context if isinstance(context, str) else "errors")


def _value_from_json(value: object) -> object:
    if isinstance(value, dict):
        if isinstance(value.get("phrase"), str):
            return Phrase(value["phrase"])
        if "message" in value:
            return from_json(value["message"]) or ""
        if isinstance(value.get("list"), list):
            return [_value_from_json(v) for v in value["list"]]
        return str(value)
    return value


def phrases(words: Mapping[K, str]) -> dict[K, Phrase]:
    """A table of the program's own words, each marked as a :class:`Phrase`."""
    return {key: Phrase(text) for key, text in words.items()}
