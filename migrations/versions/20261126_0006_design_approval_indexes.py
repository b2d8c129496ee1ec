"""reads of approval and rework statistics: indexes on items.design_status, audit_log.target
and item_events (to_status, at)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 14:45:00

The counter's list of designs waiting for the customer (approval.awaiting_approval) looks
for the few hundred items designing or awaiting approval among ten years of items; without
an index that reads all 400,000 of them (about 160 ms on the 10-year demo, 50 ms with it
for 2,000 waiting designs). The changes a customer asked for an item's design are audit
entries (act ``design.changes``, target ``item:<code>``) the order window reads each time it
opens; a studio's audit log grows by every sign-in (300,000 entries: 56 ms a read without
the index). Rework statistics count rework and receive events in a period, by lab, product
and reason: an index on (to_status, at) carrying item_id and rework_reason_id answers them
from the index alone (a year on the 10-year demo: 1.0 s → 0.14 s; about 63 MB on 425 MB).
Nothing else changes.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_items_design_status', 'items', ['design_status'], unique=False)
    op.create_index('ix_audit_log_target', 'audit_log', ['target'], unique=False)
    op.create_index('ix_item_events_to_status_at', 'item_events', ['to_status', 'at', 'item_id', 'rework_reason_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_item_events_to_status_at', table_name='item_events')
    op.drop_index('ix_audit_log_target', table_name='audit_log')
    op.drop_index('ix_items_design_status', table_name='items')
