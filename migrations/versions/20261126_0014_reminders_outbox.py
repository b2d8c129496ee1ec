"""reminder rules, message templates, reminders with a unique key, and the outbox's channel

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26 20:30:00

- ``message_templates``: the texts sent to customers, with fields in braces; marketing ones
  (greetings) go only to customers who consented. Chinese defaults for every event.
- ``reminder_rules``: event, offset in days (negative: before), handling role, template.
- ``reminders`` is rebuilt (nothing refers to it): the generator's unique key (rule,
  subject, due date), the event and its date, the role, done or skipped by whom and when,
  withdrawn. Rows of the early sketch are kept as reminders of no rule (a greeting's as a
  birthday, the others as a shoot), done ones as done.
- ``outbox_messages``: channel (SMS or WeChat), marketing flag, the reminder that queued
  it (unique), who marked it sent.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT = sa.Enum('shoot', 'selection', 'pickup_date', 'all_ready', 'birthday', 'wedding_anniversary', 'follow_up_due',
                'balance_due', 'uncollected', name='reminderevent', native_enum=False, length=23)
ROLE = sa.Enum('counter', 'production', 'manager', name='role', native_enum=False, length=14)
CHANNEL = sa.Enum('sms', 'wechat', name='messagechannel', native_enum=False, length=10)
OUTCOME = sa.Enum('done', 'skipped', name='reminderoutcome', native_enum=False, length=11)

# key, Chinese name, English name, body, channel, marketing
TEMPLATES = [
    ('shoot_reminder', '拍摄提醒', 'Shoot reminder',
     '【{studio}】{customer}您好，温馨提醒：您预约的拍摄在 {date} {time}（订单 {order}），请提前15分钟到店；'
     '如需改期请提前联系我们。', 'wechat', False),
    ('selection_reminder', '选片提醒', 'Selection reminder',
     '【{studio}】{customer}您好，您的选片时间是 {date} {time}（订单 {order}），选片约需两小时，请预留时间。',
     'wechat', False),
    ('pickup_reminder', '取件提醒', 'Pickup reminder',
     '【{studio}】{customer}您好，您订单 {order} 约定的取件日是 {date}，届时欢迎到店领取。', 'wechat', False),
    ('ready_for_pickup', '取件通知', 'Ready for pickup',
     '【{studio}】{customer}先生/女士，您好！您的订单 {order} 的全部产品已可取件，'
     '请携带取件单或任一产品标签到店领取。', 'sms', False),
    ('balance_due', '尾款提醒', 'Balance due',
     '【{studio}】{customer}您好，您订单 {order} 尚有尾款 {balance} 元，取件时请一并结清，谢谢！', 'sms', False),
    ('uncollected', '未取件提醒', 'Not yet collected',
     '【{studio}】{customer}您好，您订单 {order} 的产品（{items}）已到店多日，请尽快到店领取。', 'sms', False),
    ('birthday_greeting', '生日祝福', 'Birthday greeting',
     '【{studio}】亲爱的{customer}，祝您生日快乐！愿您的每一天都像照片里一样美好。', 'wechat', True),
    ('anniversary_greeting', '结婚纪念日祝福', 'Wedding anniversary greeting',
     '【{studio}】{customer}您好，今天是您的结婚纪念日，祝二位幸福美满！欢迎回来拍一组纪念照。', 'wechat', True),
]
# event, offset days (negative: before), role, template key
RULES = [
    ('shoot', -7, 'counter', 'shoot_reminder'),
    ('shoot', -1, 'counter', 'shoot_reminder'),
    ('selection', -3, 'counter', 'selection_reminder'),
    ('selection', -1, 'counter', 'selection_reminder'),
    ('all_ready', 0, 'counter', None),  # the ready message itself is queued when the last item is ready
    ('pickup_date', -1, 'counter', 'pickup_reminder'),
    ('birthday', 0, 'counter', 'birthday_greeting'),
    ('wedding_anniversary', 0, 'counter', 'anniversary_greeting'),
    ('balance_due', -1, 'counter', 'balance_due'),
    ('uncollected', 14, 'counter', 'uncollected'),
]


def _old_reminders_table(name: str = 'reminders') -> list[sa.Column | sa.Constraint]:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('call', 'sms', 'greeting', name='reminderkind', native_enum=False, length=12),
                  nullable=False),
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
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
    ]


def _drop_reminders(index_names: Sequence[str]) -> None:
    for name in index_names:
        op.drop_index(name, table_name='reminders')
    op.drop_table('reminders')


def upgrade() -> None:
    conn = op.get_bind()
    templates = op.create_table(
        'message_templates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('name_zh', sa.String(length=60), nullable=False),
        sa.Column('name_en', sa.String(length=60), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('channel', CHANNEL, server_default='sms', nullable=False),
        sa.Column('marketing', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_message_templates')),
        sa.UniqueConstraint('key', name=op.f('uq_message_templates_key')),
    )
    rules = op.create_table(
        'reminder_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event', EVENT, nullable=False),
        sa.Column('offset_days', sa.Integer(), nullable=False),
        sa.Column('role', ROLE, nullable=False),
        sa.Column('template_id', sa.Integer(), nullable=True),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(['template_id'], ['message_templates.id'],
                                name=op.f('fk_reminder_rules_template_id_message_templates')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_rules')),
    )
    op.bulk_insert(templates, [dict(id=i, key=k, name_zh=zh, name_en=en, body=body, channel=ch, marketing=mk)
                               for i, (k, zh, en, body, ch, mk) in enumerate(TEMPLATES, 1)])
    ids = {t[0]: i for i, t in enumerate(TEMPLATES, 1)}
    op.bulk_insert(rules, [dict(id=i, event=e, offset_days=o, role=r, template_id=ids.get(k) if k else None,
                                active=True) for i, (e, o, r, k) in enumerate(RULES, 1)])
    if conn.dialect.name == 'postgresql':
        for table in ('message_templates', 'reminder_rules'):
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")

    sketch = sa.table('reminders', *(sa.column(n, t) for n, t in (
        ('id', sa.Integer()), ('kind', sa.String()), ('due_date', sa.Date()), ('customer_id', sa.Integer()),
        ('order_id', sa.Integer()), ('title', sa.String()), ('rule', sa.String()),
        ('done_at', sa.DateTime(timezone=True)), ('done_by', sa.Integer()))))
    old = conn.execute(sa.select(sketch).order_by(sketch.c.id)).mappings().all()
    _drop_reminders(['ix_reminders_customer_id', 'ix_reminders_due_done', 'ix_reminders_order_id'])
    reminders = op.create_table(
        'reminders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule_id', sa.Integer(), nullable=True),
        sa.Column('event', EVENT, nullable=False),
        sa.Column('subject_kind', sa.String(length=10), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('event_date', sa.Date(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('role', ROLE, nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=True),
        sa.Column('order_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('outcome', OUTCOME, nullable=True),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('done_by', sa.Integer(), nullable=True),
        sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_reminders_customer_id_customers')),
        sa.ForeignKeyConstraint(['done_by'], ['staff.id'], name=op.f('fk_reminders_done_by_staff')),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_reminders_order_id_orders')),
        sa.ForeignKeyConstraint(['rule_id'], ['reminder_rules.id'], name=op.f('fk_reminders_rule_id_reminder_rules')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
        sa.UniqueConstraint('rule_id', 'subject_kind', 'subject_id', 'due_date', name='uq_reminders_rule_subject_due'),
    )
    op.create_index(op.f('ix_reminders_customer_id'), 'reminders', ['customer_id'], unique=False)
    op.create_index('ix_reminders_due_done', 'reminders', ['due_date', 'done_at'], unique=False)
    op.create_index(op.f('ix_reminders_order_id'), 'reminders', ['order_id'], unique=False)
    op.create_index('ix_reminders_subject', 'reminders', ['subject_kind', 'subject_id'], unique=False)
    now = dt.datetime.now(dt.timezone.utc)
    if old:
        op.bulk_insert(reminders, [dict(
            id=r['id'], rule_id=None, event='birthday' if r['kind'] == 'greeting' else 'shoot',
            subject_kind='order' if r['order_id'] is not None else 'customer',
            subject_id=r['order_id'] if r['order_id'] is not None else (r['customer_id'] or r['id']),
            event_date=r['due_date'], due_date=r['due_date'], role='counter', customer_id=r['customer_id'],
            order_id=r['order_id'], title=r['title'], created_at=now,
            outcome='done' if r['done_at'] is not None else None, done_at=r['done_at'], done_by=r['done_by'],
            withdrawn_at=None) for r in old])
        if conn.dialect.name == 'postgresql':
            op.execute("SELECT setval(pg_get_serial_sequence('reminders', 'id'), (SELECT max(id) FROM reminders))")

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', CHANNEL, server_default='sms', nullable=False))
        batch_op.add_column(sa.Column('marketing', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('reminder_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sent_by', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_messages_reminder_id'), ['reminder_id'])
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_reminder_id_reminders'), 'reminders',
                                    ['reminder_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_sent_by_staff'), 'staff', ['sent_by'], ['id'])


def downgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_sent_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_reminder_id_reminders'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_outbox_messages_reminder_id'), type_='unique')
        batch_op.drop_column('sent_by')
        batch_op.drop_column('reminder_id')
        batch_op.drop_column('marketing')
        batch_op.drop_column('channel')
    made = sa.table('reminders', *(sa.column(n, t) for n, t in (
        ('id', sa.Integer()), ('event', sa.String()), ('due_date', sa.Date()), ('customer_id', sa.Integer()),
        ('order_id', sa.Integer()), ('title', sa.String()), ('rule_id', sa.Integer()),
        ('done_at', sa.DateTime(timezone=True)), ('done_by', sa.Integer()), ('withdrawn_at', sa.DateTime()))))
    rows = conn.execute(sa.select(made).where(made.c.withdrawn_at.is_(None)).order_by(made.c.id)).mappings().all()
    _drop_reminders(['ix_reminders_subject', 'ix_reminders_order_id', 'ix_reminders_due_done',
                     'ix_reminders_customer_id'])
    old = op.create_table('reminders', *_old_reminders_table())
    op.create_index(op.f('ix_reminders_customer_id'), 'reminders', ['customer_id'], unique=False)
    op.create_index('ix_reminders_due_done', 'reminders', ['due_date', 'done_at'], unique=False)
    op.create_index(op.f('ix_reminders_order_id'), 'reminders', ['order_id'], unique=False)
    if rows:
        op.bulk_insert(old, [dict(
            id=r['id'], kind='greeting' if r['event'] in ('birthday', 'wedding_anniversary') else 'call',
            due_date=r['due_date'], customer_id=r['customer_id'], order_id=r['order_id'], title=r['title'],
            rule=None if r['rule_id'] is None else f"rule-{r['rule_id']}", done_at=r['done_at'],
            done_by=r['done_by']) for r in rows])
    op.drop_table('reminder_rules')
    op.drop_table('message_templates')
