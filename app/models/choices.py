"""Lists a studio edits itself: complaint categories, rework reasons.

Seeded rows (written by the migration that created the table) carry a stable ``key``
and names in both languages; an entry a studio adds has no key and is shown as typed.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .enums import ChoiceKind, enum_type

NAME_LENGTH = 40


class Choice(Base):
    __tablename__ = "choices"
    __table_args__ = (
        Index("ix_choices_kind_key", "kind", "key", unique=True),
        Index("ix_choices_kind_position", "kind", "position"),
        CheckConstraint("name_zh IS NOT NULL OR name_en IS NOT NULL", name="has_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ChoiceKind] = mapped_column(enum_type(ChoiceKind))
    # Stable name of a seeded row (code and reports may rely on it); None for a studio's own.
    key: Mapped[str | None] = mapped_column(String(40))
    name_zh: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    name_en: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
