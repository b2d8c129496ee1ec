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
        return self.template.format(**self.params) if self.params else self.template


def phrases(words: Mapping[K, str]) -> dict[K, Phrase]:
    """A table of the program's own words, each marked as a :class:`Phrase`."""
    return {key: Phrase(text) for key, text in words.items()}
