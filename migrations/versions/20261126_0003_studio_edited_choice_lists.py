"""studio-edited choice lists: complaint categories and rework reasons as rows

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 11:06:18.693168

Complaint categories were an enum; they become rows of ``choices`` (seeded with Chinese
and English names, the studio may add its own), and complaints point at their row.
Item events get an optional rework reason from the same table; the free-text reason
stays for details and reasons not on the list.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (kind, key, name_zh, name_en), in the order the lists show them. Written out here, not
# imported, so this revision stays as it is when the app's code moves on.
SEEDS = [
    ('complaint_category', 'service_attitude', '服务态度', 'Service attitude'),
    ('complaint_category', 'photography', '拍摄效果', 'Photography'),
    ('complaint_category', 'makeup', '化妆造型', 'Make-up and styling'),
    ('complaint_category', 'selection', '选片/加选', 'Photo selection / extras'),
    ('complaint_category', 'product_quality', '产品质量', 'Product quality'),
    ('complaint_category', 'delay', '取件延误', 'Late for pickup'),
    ('complaint_category', 'price', '价格/收费', 'Price / charges'),
    ('complaint_category', 'other', '其他', 'Other'),
    ('rework_reason', 'colour', '偏色/颜色', 'Colour'),
    ('rework_reason', 'damage', '破损', 'Damaged'),
    ('rework_reason', 'wrong_size', '尺寸不对', 'Wrong size'),
    ('rework_reason', 'wrong_photo', '照片错误', 'Wrong photo'),
    ('rework_reason', 'text_error', '文字错误', 'Text error'),
    ('rework_reason', 'other', '其他', 'Other'),
]

choices = sa.table(
    'choices', sa.column('id', sa.Integer), sa.column('kind', sa.String), sa.column('key', sa.String),
    sa.column('name_zh', sa.String), sa.column('name_en', sa.String), sa.column('position', sa.Integer),
    sa.column('active', sa.Boolean),
)
complaints = sa.table('complaints', sa.column('category', sa.String), sa.column('category_id', sa.Integer))
item_events = sa.table('item_events', sa.column('reason', sa.String), sa.column('rework_reason_id', sa.Integer))


def _category_id(key: sa.ColumnElement) -> sa.ScalarSelect:
    return (sa.select(choices.c.id)
            .where(choices.c.kind == 'complaint_category', choices.c.key == key)
            .scalar_subquery())


def upgrade() -> None:
    op.create_table('choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('complaint_category', 'rework_reason', name='choicekind', native_enum=False, length=22), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=True),
    sa.Column('name_zh', sa.String(length=40), nullable=True),
    sa.Column('name_en', sa.String(length=40), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('name_zh IS NOT NULL OR name_en IS NOT NULL', name=op.f('ck_choices_has_name')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_choices'))
    )
    with op.batch_alter_table('choices', schema=None) as batch_op:
        batch_op.create_index('ix_choices_kind_key', ['kind', 'key'], unique=True)
        batch_op.create_index('ix_choices_kind_position', ['kind', 'position'], unique=False)

    positions: dict[str, int] = {}
    rows = []
    for kind, key, name_zh, name_en in SEEDS:
        positions[kind] = positions.get(kind, 0) + 1
        rows.append(dict(kind=kind, key=key, name_zh=name_zh, name_en=name_en, position=positions[kind], active=True))
    op.bulk_insert(choices, rows)

    # Complaints: the category's row instead of its enum value (anything unknown: "other").
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category_id', sa.Integer(), nullable=True))
    op.execute(complaints.update().values(
        category_id=sa.func.coalesce(_category_id(complaints.c.category), _category_id(sa.literal('other')))))
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.alter_column('category_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_complaints_category_id'), ['category_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_complaints_category_id_choices'), 'choices', ['category_id'], ['id'])
        batch_op.drop_column('category')

    # Item events: an optional reason from the list. The table holds millions of rows, so on
    # SQLite the column (NULL for every existing event) is added in place with its reference,
    # instead of rebuilding the table as batch mode would for a new foreign key (0.07 s rather
    # than 12 s on the 10-year demo). SQLite reports this inline reference without its name: a
    # later revision removes it by rebuilding the table (drop the column in batch mode), as
    # downgrade() does.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE item_events ADD COLUMN rework_reason_id INTEGER '
                   'CONSTRAINT fk_item_events_rework_reason_id_choices REFERENCES choices (id)')
    else:
        op.add_column('item_events', sa.Column('rework_reason_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_item_events_rework_reason_id_choices'), 'item_events', 'choices',
                              ['rework_reason_id'], ['id'])


def downgrade() -> None:
    # A reason picked from the list survives as text where no text was typed.
    reason_name = (sa.select(sa.func.coalesce(choices.c.name_zh, choices.c.name_en))
                   .where(choices.c.id == item_events.c.rework_reason_id)
                   .scalar_subquery())
    op.execute(item_events.update()
               .where(item_events.c.rework_reason_id.is_not(None), item_events.c.reason.is_(None))
               .values(reason=reason_name))
    with op.batch_alter_table('item_events', schema=None) as batch_op:
        if op.get_bind().dialect.name != 'sqlite':  # SQLite: the table rebuild leaves the reference out
            batch_op.drop_constraint(batch_op.f('fk_item_events_rework_reason_id_choices'), type_='foreignkey')
        batch_op.drop_column('rework_reason_id')

    # Complaints: back to the enum value; a category the studio added becomes "other".
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=20), nullable=True))
    key = (sa.select(choices.c.key)
           .where(choices.c.id == complaints.c.category_id, choices.c.kind == 'complaint_category')
           .scalar_subquery())
    op.execute(complaints.update().values(category=sa.func.coalesce(key, 'other')))
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.alter_column('category', existing_type=sa.String(length=20), nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_complaints_category_id_choices'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_complaints_category_id'))
        batch_op.drop_column('category_id')

    with op.batch_alter_table('choices', schema=None) as batch_op:
        batch_op.drop_index('ix_choices_kind_position')
        batch_op.drop_index('ix_choices_kind_key')

    op.drop_table('choices')
