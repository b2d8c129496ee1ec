"""order journey: schedule slots, session states and history, staff positions, design approval

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 13:50:30.350170

The order after booking (issue 11). The schedule gets time slots with a capacity (seeded
with a studio's usual day: four shoot slots for two sets, three selection slots for two
seats); sessions get a recorded state (booked, no-show, shot, selected, cancelled), slots,
their photographer, make-up artist and selection salesperson, the number of photos chosen,
and an append-only history of changes. Staff get positions (岗位) apart from their role.
Product types say whether their design needs the customer's approval and what an extra
costs; items carry their design approval.

Existing data: a session whose items are already at a lab or beyond, or whose selection
date has passed, counts as selected; one whose shoot date has passed as shot (the old
program inferred this from dates; from now on staff record it). Every existing item counts
as approved, so nothing already in the works is held at the approval gate.

Added foreign-key columns use ALTER TABLE ADD COLUMN … REFERENCES on SQLite: a batch
rebuild of ``items`` or ``shoot_sessions`` would have to drop tables other tables refer to.
"""
from __future__ import annotations

from collections.abc import Sequence

import datetime as dt

from alembic import op
import sqlalchemy as sa


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('time_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('shoot', 'selection', name='slotkind', native_enum=False, length=13), nullable=False),
    sa.Column('starts', sa.Time(), nullable=False),
    sa.Column('ends', sa.Time(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_slots'))
    )
    slots = sa.table('time_slots', sa.column('kind', sa.String), sa.column('starts', sa.Time),
                     sa.column('ends', sa.Time), sa.column('capacity', sa.Integer), sa.column('active', sa.Boolean))
    op.bulk_insert(slots, [
        dict(kind=kind, starts=dt.time(a), ends=dt.time(b), capacity=2, active=True)
        for kind, a, b in (('shoot', 9, 11), ('shoot', 11, 13), ('shoot', 14, 16), ('shoot', 16, 18),
                           ('selection', 10, 12), ('selection', 14, 16), ('selection', 16, 18))
    ])
    op.create_table('staff_positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Enum('photographer', 'makeup', 'selection_sales', 'counter', 'production', 'service', name='position', native_enum=False, length=19), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_positions_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_positions')),
    sa.UniqueConstraint('staff_id', 'position', name='uq_staff_positions_staff_position')
    )
    op.create_index(op.f('ix_staff_positions_position'), 'staff_positions', ['position'], unique=False)
    op.create_index(op.f('ix_staff_positions_staff_id'), 'staff_positions', ['staff_id'], unique=False)

    op.create_table('session_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('scheduled', 'rescheduled', 'no_show', 'shot', 'selected', 'cancelled', 'staff', name='sessionchangekind', native_enum=False, length=15), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=True),
    sa.Column('slot_kind', sa.Enum('shoot', 'selection', name='slotkind', native_enum=False, length=13), nullable=True),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('from_slot_id', sa.Integer(), nullable=True),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('to_slot_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['from_slot_id'], ['time_slots.id'], name=op.f('fk_session_changes_from_slot_id_time_slots')),
    sa.ForeignKeyConstraint(['session_id'], ['shoot_sessions.id'], name=op.f('fk_session_changes_session_id_shoot_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_session_changes_staff_id_staff')),
    sa.ForeignKeyConstraint(['to_slot_id'], ['time_slots.id'], name=op.f('fk_session_changes_to_slot_id_time_slots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_changes'))
    )
    op.create_index(op.f('ix_session_changes_at'), 'session_changes', ['at'], unique=False)
    op.create_index('ix_session_changes_session_id', 'session_changes', ['session_id', 'id'], unique=False)

    _add_columns('items', [
        sa.Column('price_reason', sa.String(length=200), nullable=True),
        sa.Column('design_status', sa.Enum('not_needed', 'designing', 'awaiting_approval', 'approved', name='designstatus', native_enum=False, length=21), server_default='not_needed', nullable=False),
        sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('approved_via', sa.Enum('in_store', 'wechat', name='approvalvia', native_enum=False, length=12), nullable=True),
    ])
    _add_reference('items', 'approved_by', 'staff')

    _add_columns('product_types', [
        sa.Column('needs_approval', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('extra_price_fen', sa.Integer(), nullable=True),
    ])

    _add_columns('shoot_sessions', [
        sa.Column('state', sa.Enum('booked', 'no_show', 'shot', 'selected', 'cancelled', name='sessionstate', native_enum=False, length=13), server_default='booked', nullable=False),
        sa.Column('photos_chosen', sa.Integer(), nullable=True),
    ])
    _add_reference('shoot_sessions', 'shoot_slot_id', 'time_slots')
    _add_reference('shoot_sessions', 'selection_slot_id', 'time_slots')
    _add_reference('shoot_sessions', 'photographer_id', 'staff')
    _add_reference('shoot_sessions', 'makeup_id', 'staff')
    _add_reference('shoot_sessions', 'selection_sales_id', 'staff')
    op.create_index('ix_shoot_sessions_selection_slot', 'shoot_sessions', ['selection_date', 'selection_slot_id'], unique=False)
    op.create_index('ix_shoot_sessions_shoot_slot', 'shoot_sessions', ['shoot_date', 'shoot_slot_id'], unique=False)

    _backfill()


def _add_columns(table: str, columns: list[sa.Column]) -> None:
    for column in columns:
        op.add_column(table, column)


def _add_reference(table: str, column: str, target: str) -> None:
    """An integer column referring to ``target.id``, without rebuilding ``table`` on SQLite."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)')
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(op.f(f'fk_{table}_{column}_{target}'), table, target, [column], ['id'])


def _backfill() -> None:
    sessions = sa.table('shoot_sessions', sa.column('id', sa.Integer), sa.column('state', sa.String),
                        sa.column('shoot_date', sa.Date), sa.column('selection_date', sa.Date))
    items = sa.table('items', sa.column('session_id', sa.Integer), sa.column('status', sa.String),
                     sa.column('design_status', sa.String))
    today = dt.date.today()
    beyond_selection = sa.select(items.c.session_id).where(
        items.c.status.in_(['sent', 'returned', 'rework', 'ready', 'picked_up']))
    op.execute(sessions.update().where(sa.or_(sessions.c.id.in_(beyond_selection),
                                              sessions.c.selection_date <= today)).values(state='selected'))
    op.execute(sessions.update().where(sessions.c.state == 'booked', sessions.c.shoot_date <= today)
               .values(state='shot'))
    op.execute(items.update().values(design_status='approved'))


def downgrade() -> None:
    for index in ('ix_shoot_sessions_shoot_slot', 'ix_shoot_sessions_selection_slot'):
        op.drop_index(index, table_name='shoot_sessions')
    drops = {
        'shoot_sessions': ['photos_chosen', 'selection_sales_id', 'makeup_id', 'photographer_id',
                           'selection_slot_id', 'shoot_slot_id', 'state'],
        'product_types': ['extra_price_fen', 'needs_approval'],
        'items': ['approved_via', 'approved_by', 'approved_at', 'design_status', 'price_reason'],
    }
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if not sqlite:
        for table, column, target in (('shoot_sessions', 'shoot_slot_id', 'time_slots'),
                                      ('shoot_sessions', 'selection_slot_id', 'time_slots'),
                                      ('shoot_sessions', 'photographer_id', 'staff'),
                                      ('shoot_sessions', 'makeup_id', 'staff'),
                                      ('shoot_sessions', 'selection_sales_id', 'staff'),
                                      ('items', 'approved_by', 'staff')):
            op.drop_constraint(op.f(f'fk_{table}_{column}_{target}'), table, type_='foreignkey')
    # The old vocabulary has no words for these; the next start re-derives progress.
    op.execute("UPDATE orders SET progress = 'booked', progress_due = CURRENT_DATE "
               "WHERE progress IN ('no_show', 'awaiting_design')")
    for table, columns in drops.items():
        for column in columns:
            # In place on SQLite (3.35+): a batch rebuild would drop tables others refer to.
            if sqlite:
                op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
            else:
                op.drop_column(table, column)
    op.drop_index('ix_session_changes_session_id', table_name='session_changes')
    op.drop_index(op.f('ix_session_changes_at'), table_name='session_changes')
    op.drop_table('session_changes')
    op.drop_index(op.f('ix_staff_positions_staff_id'), table_name='staff_positions')
    op.drop_index(op.f('ix_staff_positions_position'), table_name='staff_positions')
    op.drop_table('staff_positions')
    op.drop_table('time_slots')
