"""customers record their consent to marketing messages and to survey facts (PIPL)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 20:00:00

China's personal information law: the studio may send marketing messages (birthday and
anniversary greetings, offers) and keep survey facts (family, preferences, occasions) only
with the customer's consent. ``marketing_consent_at`` / ``survey_consent_at`` hold when the
consent was given (NULL: not given or withdrawn); who recorded it is in the audit log.

Existing customers get no consent: the studio asks for it again rather than assuming it.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ('marketing_consent_at', 'survey_consent_at')


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column('customers', sa.Column(name, sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        # In place on SQLite (3.35+): a batch rebuild would drop tables others refer to.
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE customers DROP COLUMN {name}')
        else:
            op.drop_column('customers', name)
