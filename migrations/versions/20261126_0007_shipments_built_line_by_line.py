"""shipments built line by line: open shipments, shipment lines with the lab's price

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 14:15:48.401157

Send-out (issue 12) builds a shipment (发件单) scan by scan: the shipment is a row while it
is open (``closed_at`` NULL, ``station`` where it was opened) and each accepted scan is a
``shipment_lines`` row, so nothing is lost when the PC dies half way. A line keeps the lab's
price for its item when the shipment closed (month-end reconciliation, 对账).
``open_item_id`` (unique, NULL once closed) keeps an item in one open shipment at most.

Existing data: every existing shipment was sent, so it is closed at its ``sent_at``. Its
lines are rebuilt from the items' SENT events naming it (an item sent again after rework
is a line of each shipment it went in), added by whoever sent it, when it was sent. The
price is the lab's *current* price for the product type (an approximation: what the lab
charged then was never recorded; NULL where the lab has no price).

Columns are added in place on SQLite (ALTER TABLE ADD COLUMN): a batch rebuild of
``shipments`` would have to drop a table ``items`` and ``item_events`` refer to.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('shipment_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('open_item_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.Column('lab_price_fen', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by'], ['staff.id'], name=op.f('fk_shipment_lines_added_by_staff')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_shipment_lines_item_id_items')),
    sa.ForeignKeyConstraint(['open_item_id'], ['items.id'], name=op.f('fk_shipment_lines_open_item_id_items')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_shipment_lines_shipment_id_shipments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_lines')),
    )
    op.add_column('shipments', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('shipments', sa.Column('station', sa.String(length=40), nullable=True))
    _backfill()
    # indexes after the backfill: building them once is faster than keeping them up row by row
    op.create_index(op.f('ix_shipment_lines_item_id'), 'shipment_lines', ['item_id'], unique=False)
    op.create_index('ix_shipment_lines_shipment_id', 'shipment_lines', ['shipment_id', 'id'], unique=False)
    # Unique over the open lines only (a unique column almost all NULL misleads SQLite's planner).
    op.create_index('uq_shipment_lines_open_item_id', 'shipment_lines', ['open_item_id'], unique=True,
                    sqlite_where=sa.text('open_item_id IS NOT NULL'),
                    postgresql_where=sa.text('open_item_id IS NOT NULL'))
    op.create_index('ix_shipments_lab_closed', 'shipments', ['lab_id', 'closed_at'], unique=False)


def _backfill() -> None:
    shipments = sa.table('shipments', sa.column('id', sa.Integer), sa.column('lab_id', sa.Integer),
                         sa.column('sent_at', sa.DateTime), sa.column('closed_at', sa.DateTime))
    events = sa.table('item_events', sa.column('item_id', sa.Integer), sa.column('to_status', sa.String),
                      sa.column('at', sa.DateTime), sa.column('staff_id', sa.Integer),
                      sa.column('shipment_id', sa.Integer))
    items = sa.table('items', sa.column('id', sa.Integer), sa.column('product_type_id', sa.Integer))
    prices = sa.table('lab_prices', sa.column('lab_id', sa.Integer), sa.column('product_type_id', sa.Integer),
                      sa.column('price_fen', sa.Integer))
    lines = sa.table('shipment_lines', sa.column('shipment_id', sa.Integer), sa.column('item_id', sa.Integer),
                     sa.column('added_at', sa.DateTime),
                     sa.column('added_by', sa.Integer), sa.column('lab_price_fen', sa.Integer))
    op.execute(shipments.update().values(closed_at=shipments.c.sent_at))
    source = (
        sa.select(events.c.shipment_id, events.c.item_id, events.c.at, events.c.staff_id, prices.c.price_fen)
        .select_from(events.join(shipments, shipments.c.id == events.c.shipment_id)
                     .join(items, items.c.id == events.c.item_id)
                     .outerjoin(prices, sa.and_(prices.c.lab_id == shipments.c.lab_id,
                                                prices.c.product_type_id == items.c.product_type_id)))
        .where(events.c.to_status == 'sent')
        .order_by(events.c.shipment_id, events.c.item_id)
    )
    op.execute(lines.insert().from_select(
        ['shipment_id', 'item_id', 'added_at', 'added_by', 'lab_price_fen'], source))  # open_item_id: NULL


def downgrade() -> None:
    # Open shipments have no place in the old schema: their lines are lost, their items were
    # never sent (still waiting), so the shipments themselves go too.
    op.drop_index('ix_shipments_lab_closed', table_name='shipments')
    op.drop_index('uq_shipment_lines_open_item_id', table_name='shipment_lines')
    op.drop_index('ix_shipment_lines_shipment_id', table_name='shipment_lines')
    op.drop_index(op.f('ix_shipment_lines_item_id'), table_name='shipment_lines')
    op.drop_table('shipment_lines')
    op.execute("DELETE FROM shipments WHERE closed_at IS NULL")
    for column in ('station', 'closed_at'):
        if op.get_bind().dialect.name == 'sqlite':  # in place (3.35+): a rebuild would drop a referenced table
            op.execute(f'ALTER TABLE shipments DROP COLUMN {column}')
        else:
            op.drop_column('shipments', column)
