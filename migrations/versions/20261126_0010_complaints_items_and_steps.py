"""complaints tied to items and labs, 4A step deadlines and history, scheduled follow-ups

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 17:05:00

Complaints (issue 15): a complaint gets its severity, channel, the staff member it is about
(and their position), whose fault it was and the lab at fault; each 4A step gets a deadline
and who did it; the amend step its kind, amount and refund payment. ``complaint_items``
links a product complaint to its items (and records a redo and the redone item's pickup);
``complaint_events`` is its append-only history, so reopening never loses what happened.
A follow-up may now be a call still to make (``due_on``, no ``called_at``) and may follow
up a complaint (``complaint_id``).

Existing data: deadlines of existing complaints are set from the default deadlines of a
normal complaint (4 h, 48 h, 7 days, 30 days after it was received); a closed complaint's
steps without a time count as done when it was closed (a closed complaint has no open step).
``complaints`` and ``follow_ups`` are rebuilt on SQLite (batch): nothing referred to them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STEPS = ('acknowledge', 'apologize', 'amend', 'anticipate')
DONE = {'acknowledge': 'acknowledged_at', 'apologize': 'apologized_at', 'amend': 'amended_at',
        'anticipate': 'anticipated_at'}
NORMAL_HOURS = {'acknowledge': 4, 'apologize': 48, 'amend': 168, 'anticipate': 720}


def upgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('severity', sa.Enum('severe', 'normal', 'minor', name='complaintseverity', native_enum=False, length=10), server_default='normal', nullable=False))
        batch_op.add_column(sa.Column('channel', sa.Enum('phone', 'walk_in', 'online', name='complaintchannel', native_enum=False, length=11), nullable=True))
        batch_op.add_column(sa.Column('staff_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('staff_position', sa.Enum('photographer', 'makeup', 'selection_sales', 'counter', 'production', 'service', name='position', native_enum=False, length=19), nullable=True))
        batch_op.add_column(sa.Column('fault', sa.Enum('lab', 'studio', 'customer', name='faultparty', native_enum=False, length=12), nullable=True))
        batch_op.add_column(sa.Column('lab_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('acknowledge_due', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('apologize_due', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('amend_due', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('anticipate_due', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('apologized_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('amend_kind', sa.Enum('redo', 'discount', 'gift', 'refund', name='amendkind', native_enum=False, length=12), nullable=True))
        batch_op.add_column(sa.Column('amend_fen', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('refund_payment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('amended_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('anticipated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('anticipated_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closed_by', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_complaints_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_staff_id'), ['staff_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_complaints_amended_by_staff'), 'staff', ['amended_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_lab_id_labs'), 'labs', ['lab_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_refund_payment_id_payments'), 'payments', ['refund_payment_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_anticipated_by_staff'), 'staff', ['anticipated_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_closed_by_staff'), 'staff', ['closed_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_apologized_by_staff'), 'staff', ['apologized_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_staff_id_staff'), 'staff', ['staff_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_acknowledged_by_staff'), 'staff', ['acknowledged_by'], ['id'])
    _backfill()

    op.create_table('complaint_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('recorded', 'step_done', 'redo', 'follow_up_scheduled', 'follow_up_call', 'closed', 'reopened', name='complainteventkind', native_enum=False, length=23), nullable=False),
    sa.Column('step', sa.Enum('acknowledge', 'apologize', 'amend', 'anticipate', name='complaintstep', native_enum=False, length=15), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_complaint_events_complaint_id_complaints'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_complaint_events_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_events'))
    )
    op.create_index('ix_complaint_events_complaint_id', 'complaint_events', ['complaint_id', 'id'], unique=False)

    op.create_table('complaint_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('redo_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('picked_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_complaint_items_complaint_id_complaints'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_complaint_items_item_id_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_items')),
    sa.UniqueConstraint('complaint_id', 'item_id', name='uq_complaint_items_complaint_item')
    )
    op.create_index(op.f('ix_complaint_items_item_id'), 'complaint_items', ['item_id'], unique=False)

    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('complaint_id', sa.Integer(), nullable=True))
        batch_op.alter_column('called_at', existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.create_index(batch_op.f('ix_follow_ups_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_ups_due_on'), ['due_on'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_follow_ups_complaint_id_complaints'), 'complaints', ['complaint_id'], ['id'])


def _backfill() -> None:
    """Deadlines of a normal complaint for every existing one; a closed one's open steps done
    when it was closed; ``due_at`` the deadline of its first open step."""
    cols = ['id', 'status', 'received_at', 'closed_at', 'due_at'] + [f'{s}_due' for s in STEPS] + list(DONE.values())
    types = {'id': sa.Integer(), 'status': sa.String()}
    complaints = sa.table('complaints', *(sa.column(c, types.get(c, sa.DateTime(timezone=True))) for c in cols))
    conn = op.get_bind()
    rows = conn.execute(sa.select(*(complaints.c[c] for c in cols))).mappings().all()
    for row in rows:
        received = row['received_at']
        values: dict[str, object] = {f'{s}_due': received + dt.timedelta(hours=NORMAL_HOURS[s]) for s in STEPS}
        done = {s: row[DONE[s]] for s in STEPS}
        if row['status'] == 'closed':
            for step in STEPS:
                if done[step] is None:
                    values[DONE[step]] = done[step] = row['closed_at'] or received
        open_steps = [s for s in STEPS if done[s] is None]
        values['due_at'] = values[f'{open_steps[0]}_due'] if open_steps else None
        conn.execute(complaints.update().where(complaints.c.id == row['id']).values(**values))


def downgrade() -> None:
    # A call still to make has no time of its own, which the old schema needs: it goes.
    op.execute("DELETE FROM follow_ups WHERE called_at IS NULL")
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_follow_ups_complaint_id_complaints'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_follow_ups_due_on'))
        batch_op.drop_index(batch_op.f('ix_follow_ups_complaint_id'))
        batch_op.alter_column('called_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_column('complaint_id')
        batch_op.drop_column('due_on')

    op.drop_index(op.f('ix_complaint_items_item_id'), table_name='complaint_items')
    op.drop_table('complaint_items')
    op.drop_index('ix_complaint_events_complaint_id', table_name='complaint_events')
    op.drop_table('complaint_events')

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_complaints_acknowledged_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_staff_id_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_apologized_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_closed_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_anticipated_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_refund_payment_id_payments'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_lab_id_labs'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_amended_by_staff'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_complaints_staff_id'))
        batch_op.drop_index(batch_op.f('ix_complaints_lab_id'))
        for column in ('closed_by', 'anticipated_by', 'anticipated_at', 'amended_by', 'refund_payment_id', 'amend_fen',
                       'amend_kind', 'apologized_by', 'acknowledged_by', 'anticipate_due', 'amend_due', 'apologize_due',
                       'acknowledge_due', 'lab_id', 'fault', 'staff_position', 'staff_id', 'channel', 'severity'):
            batch_op.drop_column(column)
