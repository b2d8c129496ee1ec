"""month-end settings per lab: whether the lab bills rework, and how its statements are laid out

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 17:00:00

Month-end reconciliation (对账) needs two facts about each lab. ``bills_rework``: most labs
redo their own faults free, some bill a rework like a new product; existing labs start as
"does not bill rework", the common case, and the manager changes it per lab.
``statement_columns``: where the lab's own statement keeps the item code or order number,
product, quantity and price (JSON, saved the first time a statement is read; NULL until
then). Nothing else changes.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('labs', sa.Column('bills_rework', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('labs', sa.Column('statement_columns', sa.JSON(), nullable=True))


def downgrade() -> None:
    for column in ('statement_columns', 'bills_rework'):
        # In place on SQLite (3.35+): a batch rebuild would drop tables others refer to.
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE labs DROP COLUMN {column}')
        else:
            op.drop_column('labs', column)
