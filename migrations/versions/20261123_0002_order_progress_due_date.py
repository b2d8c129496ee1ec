"""order progress due date

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:43:02.145489
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('progress_due', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_orders_progress_due'), ['progress_due'], unique=False)
    # Orders whose cached progress may have moved with the calendar are due at once: the
    # first start after the upgrade re-derives them and sets their real next date.
    orders = sa.table('orders', sa.column('progress', sa.String), sa.column('progress_due', sa.Date))
    op.execute(orders.update().where(orders.c.progress.in_(['booked', 'shot'])).values(progress_due=sa.func.current_date()))


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_progress_due'))
        batch_op.drop_column('progress_due')
