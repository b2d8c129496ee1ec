"""audit entries keep their detail as a message too, so the audit log shows it in the staff's language

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 17:10:00

``audit_log.detail`` stays the English sentence (for logs, support and psql); the new
``detail_message`` holds the same detail as a message template with its values (JSON), which
the audit log window translates. Older entries have none and show their English detail as
before. Nothing else changes.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('audit_log', sa.Column('detail_message', sa.JSON(), nullable=True))


def downgrade() -> None:
    # In place on SQLite (3.35+): a batch rebuild would drop tables others refer to.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE audit_log DROP COLUMN detail_message')
    else:
        op.drop_column('audit_log', 'detail_message')
