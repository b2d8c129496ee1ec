"""login throttle on staff; badges issued by StudioDesk only

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 11:45:00.000000

Staff get the login throttle every station shares: consecutive failed logins, the time of
the last one, and when the account was locked. Badge codes were typed by hand (``B-0001``);
StudioDesk now issues them (``B-`` + 10 random base32 characters + a check character) and
refuses any other form, so a hand-typed code is removed here: the staff dialog shows
"no badge" and a manager issues a new one.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The issued form, written out here so this revision stays as it is when the app's code moves on.
ISSUED_BADGE = re.compile(r'B-[0-9A-HJKMNP-TV-Z]{11}')

staff = sa.table('staff', sa.column('id', sa.Integer), sa.column('badge_code', sa.String))


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_failed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('locked_at', sa.DateTime(timezone=True), nullable=True))
    conn = op.get_bind()
    typed = [sid for sid, code in conn.execute(sa.select(staff.c.id, staff.c.badge_code)
                                               .where(staff.c.badge_code.is_not(None)))
             if not ISSUED_BADGE.fullmatch(code)]
    if typed:
        op.execute(staff.update().where(staff.c.id.in_(typed)).values(badge_code=None))


def downgrade() -> None:
    # Issued badges stay (the old code accepts any text); the throttle goes. On SQLite the
    # columns are dropped in place (SQLite 3.35+): a batch rebuild would drop the staff table
    # that the audit log and orders refer to.
    for column in ('locked_at', 'last_failed_at', 'failed_logins'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE staff DROP COLUMN {column}')
        else:
            op.drop_column('staff', column)
