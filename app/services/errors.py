"""The few errors a service raises on purpose. Their message is meant for people.

Anything else escaping a service is a bug.
"""

from __future__ import annotations

from .messages import Message


class StudioError(Exception):
    """Base of the domain errors: the message says what happened and that nothing changed.

    ``template`` is English with ``{named}`` fields, marked for translation where it is
    written; the UI translates the template and then fills in ``params``, logs and the
    admin CLI use :attr:`message` as it is.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params) if params else template)
        self.template = template
        self.params = params

    @property
    def message(self) -> str:
        return str(self)

    def as_message(self) -> Message:
        return Message(self.template, self.params)


class BadInput(StudioError):
    """A value that cannot be right: malformed code, negative amount, empty reason."""


class NotFound(StudioError):
    """A well-formed reference to something that does not exist."""


class ScanRefused(StudioError):
    """A lifecycle transition that the item's current state does not allow."""


class NotAllowed(StudioError):
    """The acting staff member's role does not permit this act."""


class ConcurrentChange(StudioError):
    """Another station changed the same record first; nothing was written."""


class DatabaseTooNew(StudioError):
    """The database was written by a newer StudioDesk."""


class MigrationFailed(StudioError):
    """A schema upgrade failed; the database was left as it was."""


class DatabaseInUse(StudioError):
    """Another running StudioDesk has the database open; nothing was changed."""


def as_enum(cls, value: object, what: str):  # type: ignore[no-untyped-def]
    """Coerce a value (an enum member or its plain string, as Qt hands it back) to ``cls``.

    Rules compare enum members by identity, so every service entry point normalises
    its enum arguments here; an unknown value is refused, not passed through.
    """
    try:
        return cls(value)
    except ValueError:
        raise BadInput("{value} is not a valid {what}.", value=str(value), what=what) from None


def whole_fen(value: object) -> int:
    """Money enters a service only as integer fen: a float, Decimal or bool is refused here,
    at the boundary, so nothing is ever stored as a REAL or rounded on the way."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadInput("Amounts are whole fen, not {type}.", type=type(value).__name__)
    return value
