"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 12:37:50.034970
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('counters',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_counters'))
    )
    op.create_table('labs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('contact', sa.String(length=60), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('default_turnaround_days', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labs')),
    sa.UniqueConstraint('name', name=op.f('uq_labs_name'))
    )
    op.create_table('packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.Enum('single', 'growth', name='packagekind', native_enum=False, length=10), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('session_plan', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_packages')),
    sa.UniqueConstraint('name', name=op.f('uq_packages_name'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.Enum('counter', 'production', 'manager', name='role', native_enum=False, length=14), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('badge_code', sa.String(length=40), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('badge_code', name=op.f('uq_staff_badge_code')),
    sa.UniqueConstraint('name', name=op.f('uq_staff_name'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target', sa.String(length=60), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_audit_log_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_staff_id'), ['staff_id'], unique=False)

    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('partner_name', sa.String(length=40), nullable=True),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('partner_birthday', sa.Date(), nullable=True),
    sa.Column('wedding_date', sa.Date(), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('family_notes', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('channel', sa.Enum('natural', 'marketing', 'referral', 'walk_in', 'third_party', name='channel', native_enum=False, length=15), nullable=False),
    sa.Column('referrer_id', sa.Integer(), nullable=True),
    sa.Column('tier', sa.Enum('top', 'growth', 'low', 'negative', name='tier', native_enum=False, length=12), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_customers_created_by_staff')),
    sa.ForeignKeyConstraint(['referrer_id'], ['customers.id'], name=op.f('fk_customers_referrer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_referrer_id'), ['referrer_id'], unique=False)

    op.create_table('product_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('category', sa.Enum('album', 'enlargement', 'frame', 'digital', 'other', name='productcategory', native_enum=False, length=15), nullable=False),
    sa.Column('in_house', sa.Boolean(), nullable=False),
    sa.Column('default_lab_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['default_lab_id'], ['labs.id'], name=op.f('fk_product_types_default_lab_id_labs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_types')),
    sa.UniqueConstraint('name', name=op.f('uq_product_types_name'))
    )
    op.create_table('shipments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_shipments_lab_id_labs')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_shipments_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipments'))
    )
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipments_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipments_sent_at'), ['sent_at'], unique=False)

    op.create_table('customer_phones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=True),
    sa.Column('raw', sa.String(length=40), nullable=False),
    sa.Column('digits', sa.String(length=20), nullable=False),
    sa.Column('digits_reversed', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_phones_customer_id_customers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_phones'))
    )
    with op.batch_alter_table('customer_phones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_phones_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phones_digits'), ['digits'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phones_digits_reversed'), ['digits_reversed'], unique=False)

    op.create_table('customer_search_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60).with_variant(sa.String(length=60, collation='C'), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_search_keys_customer_id_customers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_search_keys'))
    )
    with op.batch_alter_table('customer_search_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_search_keys_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_customer_search_keys_key_customer', ['key', 'customer_id'], unique=False)

    op.create_table('lab_prices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('product_type_id', sa.Integer(), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('turnaround_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_prices_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_type_id'], ['product_types.id'], name=op.f('fk_lab_prices_product_type_id_product_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_prices')),
    sa.UniqueConstraint('lab_id', 'product_type_id', name='uq_lab_prices_lab_product')
    )
    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=True),
    sa.Column('package_name', sa.String(length=60), nullable=False),
    sa.Column('package_price_fen', sa.Integer(), nullable=False),
    sa.Column('discount_fen', sa.Integer(), nullable=False),
    sa.Column('discount_reason', sa.String(length=200), nullable=True),
    sa.Column('progress', sa.Enum('booked', 'shot', 'selected', 'in_production', 'ready', 'partly_picked_up', 'done', 'cancelled', name='progress', native_enum=False, length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('booked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('booked_by', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['booked_by'], ['staff.id'], name=op.f('fk_orders_booked_by_staff')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_orders_customer_id_customers')),
    sa.ForeignKeyConstraint(['package_id'], ['packages.id'], name=op.f('fk_orders_package_id_packages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('number', name=op.f('uq_orders_number'))
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orders_booked_at'), ['booked_at'], unique=False)
        batch_op.create_index('ix_orders_customer_booked', ['customer_id', 'booked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_progress'), ['progress'], unique=False)

    op.create_table('package_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('product_type_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('session_index', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['package_id'], ['packages.id'], name=op.f('fk_package_lines_package_id_packages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_type_id'], ['product_types.id'], name=op.f('fk_package_lines_product_type_id_product_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_package_lines'))
    )
    with op.batch_alter_table('package_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_package_lines_package_id'), ['package_id'], unique=False)

    op.create_table('complaints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.Enum('service_attitude', 'photography', 'makeup', 'selection', 'product_quality', 'delay', 'price', 'other', name='complaintcategory', native_enum=False, length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'in_progress', 'closed', name='complaintstatus', native_enum=False, length=15), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_by', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('apologized_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amend_action', sa.Text(), nullable=True),
    sa.Column('amended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('anticipate_note', sa.Text(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution_score', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_complaints_customer_id_customers')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_complaints_order_id_orders')),
    sa.ForeignKeyConstraint(['owner_id'], ['staff.id'], name=op.f('fk_complaints_owner_id_staff')),
    sa.ForeignKeyConstraint(['received_by'], ['staff.id'], name=op.f('fk_complaints_received_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints'))
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_received_at'), ['received_at'], unique=False)
        batch_op.create_index('ix_complaints_status_due', ['status', 'due_at'], unique=False)

    op.create_table('follow_ups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.Enum('after_shoot', 'after_selection', 'after_pickup', 'annual', name='followupstage', native_enum=False, length=19), nullable=False),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('reached', sa.Boolean(), nullable=False),
    sa.Column('score_service', sa.Integer(), nullable=True),
    sa.Column('score_photography', sa.Integer(), nullable=True),
    sa.Column('score_makeup', sa.Integer(), nullable=True),
    sa.Column('score_product', sa.Integer(), nullable=True),
    sa.Column('score_overall', sa.Integer(), nullable=True),
    sa.Column('referral_leads', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_follow_ups_customer_id_customers')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_follow_ups_order_id_orders')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_follow_ups_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_ups_called_at'), ['called_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_ups_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_ups_order_id'), ['order_id'], unique=False)

    op.create_table('outbox_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sent', 'failed', name='outboxstatus', native_enum=False, length=11), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_outbox_messages_customer_id_customers')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_outbox_messages_order_id_orders')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_outbox_messages_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_messages_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_outbox_messages_status_created', ['status', 'created_at'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('deposit', 'balance', 'refund', name='paymentkind', native_enum=False, length=11), nullable=False),
    sa.Column('method', sa.Enum('cash', 'wechat', 'alipay', 'card', 'transfer', name='paymentmethod', native_enum=False, length=12), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_payments_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_payments_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_order_id'), ['order_id'], unique=False)

    op.create_table('reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('call', 'sms', 'greeting', name='reminderkind', native_enum=False, length=12), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('rule', sa.String(length=40), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_reminders_customer_id_customers')),
    sa.ForeignKeyConstraint(['done_by'], ['staff.id'], name=op.f('fk_reminders_done_by_staff')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_reminders_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders'))
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_reminders_due_done', ['due_date', 'done_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_order_id'), ['order_id'], unique=False)

    op.create_table('shoot_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('shoot_date', sa.Date(), nullable=True),
    sa.Column('selection_date', sa.Date(), nullable=True),
    sa.Column('pickup_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_shoot_sessions_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shoot_sessions'))
    )
    with op.batch_alter_table('shoot_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_shoot_sessions_order_seq', ['order_id', 'seq'], unique=True)
        batch_op.create_index(batch_op.f('ix_shoot_sessions_pickup_date'), ['pickup_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_shoot_sessions_selection_date'), ['selection_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_shoot_sessions_shoot_date'), ['shoot_date'], unique=False)

    op.create_table('items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('product_type_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=100), nullable=True),
    sa.Column('lab_id', sa.Integer(), nullable=True),
    sa.Column('extra_price_fen', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'sent', 'returned', 'rework', 'ready', 'picked_up', 'cancelled', name='itemstatus', native_enum=False, length=13), nullable=False),
    sa.Column('status_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expected_return', sa.Date(), nullable=True),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('shelf', sa.String(length=20), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_items_lab_id_labs')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_items_order_id_orders')),
    sa.ForeignKeyConstraint(['product_type_id'], ['product_types.id'], name=op.f('fk_items_product_type_id_product_types')),
    sa.ForeignKeyConstraint(['session_id'], ['shoot_sessions.id'], name=op.f('fk_items_session_id_shoot_sessions')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_items_shipment_id_shipments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_items')),
    sa.UniqueConstraint('code', name=op.f('uq_items_code'))
    )
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.create_index('ix_items_lab_status', ['lab_id', 'status'], unique=False)
        batch_op.create_index('ix_items_order_seq', ['order_id', 'seq'], unique=True)
        batch_op.create_index(batch_op.f('ix_items_product_type_id'), ['product_type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_shipment_id'), ['shipment_id'], unique=False)
        batch_op.create_index('ix_items_status_expected', ['status', 'expected_return'], unique=False)

    op.create_table('item_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum('waiting', 'sent', 'returned', 'rework', 'ready', 'picked_up', 'cancelled', name='itemstatus', native_enum=False, length=13), nullable=True),
    sa.Column('to_status', sa.Enum('waiting', 'sent', 'returned', 'rework', 'ready', 'picked_up', 'cancelled', name='itemstatus', native_enum=False, length=13), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=True),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_events_item_id_items')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_item_events_shipment_id_shipments')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_item_events_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_events'))
    )
    with op.batch_alter_table('item_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_events_at'), ['at'], unique=False)
        batch_op.create_index('ix_item_events_item_id_id', ['item_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_events_shipment_id'), ['shipment_id'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('item_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_events_shipment_id'))
        batch_op.drop_index('ix_item_events_item_id_id')
        batch_op.drop_index(batch_op.f('ix_item_events_at'))

    op.drop_table('item_events')
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_index('ix_items_status_expected')
        batch_op.drop_index(batch_op.f('ix_items_shipment_id'))
        batch_op.drop_index(batch_op.f('ix_items_session_id'))
        batch_op.drop_index(batch_op.f('ix_items_product_type_id'))
        batch_op.drop_index('ix_items_order_seq')
        batch_op.drop_index('ix_items_lab_status')

    op.drop_table('items')
    with op.batch_alter_table('shoot_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shoot_sessions_shoot_date'))
        batch_op.drop_index(batch_op.f('ix_shoot_sessions_selection_date'))
        batch_op.drop_index(batch_op.f('ix_shoot_sessions_pickup_date'))
        batch_op.drop_index('ix_shoot_sessions_order_seq')

    op.drop_table('shoot_sessions')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_order_id'))
        batch_op.drop_index('ix_reminders_due_done')
        batch_op.drop_index(batch_op.f('ix_reminders_customer_id'))

    op.drop_table('reminders')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_order_id'))

    op.drop_table('payments')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_messages_status_created')
        batch_op.drop_index(batch_op.f('ix_outbox_messages_customer_id'))

    op.drop_table('outbox_messages')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_ups_order_id'))
        batch_op.drop_index(batch_op.f('ix_follow_ups_customer_id'))
        batch_op.drop_index(batch_op.f('ix_follow_ups_called_at'))

    op.drop_table('follow_ups')
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index('ix_complaints_status_due')
        batch_op.drop_index(batch_op.f('ix_complaints_received_at'))
        batch_op.drop_index(batch_op.f('ix_complaints_order_id'))
        batch_op.drop_index(batch_op.f('ix_complaints_customer_id'))

    op.drop_table('complaints')
    with op.batch_alter_table('package_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_package_lines_package_id'))

    op.drop_table('package_lines')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_progress'))
        batch_op.drop_index('ix_orders_customer_booked')
        batch_op.drop_index(batch_op.f('ix_orders_booked_at'))

    op.drop_table('orders')
    op.drop_table('lab_prices')
    with op.batch_alter_table('customer_search_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_search_keys_key_customer')
        batch_op.drop_index(batch_op.f('ix_customer_search_keys_customer_id'))

    op.drop_table('customer_search_keys')
    with op.batch_alter_table('customer_phones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_phones_digits_reversed'))
        batch_op.drop_index(batch_op.f('ix_customer_phones_digits'))
        batch_op.drop_index(batch_op.f('ix_customer_phones_customer_id'))

    op.drop_table('customer_phones')
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipments_sent_at'))
        batch_op.drop_index(batch_op.f('ix_shipments_lab_id'))

    op.drop_table('shipments')
    op.drop_table('product_types')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_referrer_id'))

    op.drop_table('customers')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_staff_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
    op.drop_table('staff')
    op.drop_table('settings')
    op.drop_table('packages')
    op.drop_table('labs')
    op.drop_table('counters')
    
