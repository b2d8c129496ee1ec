"""customer tiers, erasure on request, customer information surveys

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 20:33:10

- ``customers.tier_score``: the composite score the tier (customer pyramid) was computed
  from; ``customers.tier`` gets an index (the list per tier).
- ``customers.erased_at`` / ``erased_by``: the customer's personal data was erased on
  request (PIPL); orders, payments and item history stay for the accounts.
- ``survey_questions`` (seeded with a default set from seed 000's 前期/中期/后期 facts) and
  ``survey_answers`` (kept only while the customer's survey consent is given).

Existing customers get no tier score (computed on the next recompute) and are not erased.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (key, phase, kind, 中文, English, options one a line): the default question set.
QUESTIONS = [
    ('source', 'before_shoot', 'choice', '从哪里知道我们', 'How did you hear of us',
     '朋友推荐\n网络平台\n婚博会\n路过\n老客户\n其他'),
    ('reason', 'before_shoot', 'text', '选择本店的理由', 'Why you chose our studio', None),
    ('district', 'before_shoot', 'text', '居住区域', 'District you live in', None),
    ('occupation', 'before_shoot', 'text', '职业', 'Occupation', None),
    ('partner_occupation', 'before_shoot', 'text', '伴侣职业', "Partner's occupation", None),
    ('compared', 'before_shoot', 'text', '还比较过哪些影楼', 'Other studios compared', None),
    ('reception', 'before_shoot', 'choice', '门市接待满意度', 'Satisfaction with the reception',
     '很满意\n满意\n一般\n不满意'),
    ('style', 'before_shoot', 'choice', '喜欢的拍摄风格', 'Preferred photo style', '唯美\n复古\n韩式\n中式\n外景\n其他'),
    ('colour', 'before_shoot', 'text', '喜欢的颜色', 'Favourite colours', None),
    ('wedding_banquet', 'before_shoot', 'date', '婚宴日期', 'Date of the wedding banquet', None),
    ('children', 'before_shoot', 'yes_no', '是否有孩子', 'Has children', None),
    ('child_birthday', 'before_shoot', 'date', '孩子生日', "Child's birthday", None),
    ('parents_birthday', 'before_shoot', 'date', '父母生日', "Parents' birthday", None),
    ('hobbies', 'before_shoot', 'text', '兴趣爱好', 'Hobbies', None),
    ('hall_service', 'during_shoot', 'choice', '大堂服务情况', 'Service in the lobby', '很满意\n满意\n一般\n不满意'),
    ('gowns', 'during_shoot', 'choice', '礼服满意度', 'Satisfaction with the gowns', '很满意\n满意\n一般\n不满意'),
    ('makeup', 'during_shoot', 'choice', '化妆过程', 'The make-up', '很满意\n满意\n一般\n不满意'),
    ('shooting', 'during_shoot', 'choice', '拍照过程', 'The shoot', '很满意\n满意\n一般\n不满意'),
    ('skin_allergy', 'during_shoot', 'yes_no', '皮肤是否过敏', 'Sensitive skin or allergies', None),
    ('image', 'during_shoot', 'text', '对本店整体形象的看法', 'Impression of the studio', None),
    ('product', 'after_shoot', 'choice', '产品评价', 'The products', '很满意\n满意\n一般\n不满意'),
    ('quality', 'after_shoot', 'choice', '质量评价', 'The quality', '很满意\n满意\n一般\n不满意'),
    ('price', 'after_shoot', 'choice', '价格看法', 'The price', '偏高\n合理\n偏低'),
    ('next_occasion', 'after_shoot', 'text', '下次拍摄的打算（周年、孕照、宝宝照）',
     'Next occasion (anniversary, maternity, baby)', None),
    ('recommend', 'after_shoot', 'yes_no', '愿意推荐亲友', 'Would recommend us to friends', None),
    ('opinion', 'after_shoot', 'text', '个人看法与建议', 'Opinions and suggestions', None),
]


def upgrade() -> None:
    questions = op.create_table(
        'survey_questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=True),
        sa.Column('phase', sa.Enum('before_shoot', 'during_shoot', 'after_shoot', name='surveyphase',
                                   native_enum=False, length=16), nullable=False),
        sa.Column('kind', sa.Enum('text', 'choice', 'date', 'yes_no', name='surveykind', native_enum=False,
                                  length=10), nullable=False),
        sa.Column('text_zh', sa.String(length=200), nullable=True),
        sa.Column('text_en', sa.String(length=200), nullable=True),
        sa.Column('options', sa.Text(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions')),
        sa.UniqueConstraint('key', name=op.f('uq_survey_questions_key')),
    )
    op.create_index('ix_survey_questions_phase_position', 'survey_questions', ['phase', 'position'], unique=False)
    op.create_table(
        'survey_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                                name=op.f('fk_survey_answers_customer_id_customers'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'],
                                name=op.f('fk_survey_answers_question_id_survey_questions')),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_survey_answers_staff_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers')),
        sa.UniqueConstraint('customer_id', 'question_id', name='uq_survey_answers_customer_question'),
    )
    op.create_index(op.f('ix_survey_answers_question_id'), 'survey_answers', ['question_id'], unique=False)
    op.bulk_insert(questions, [
        {'key': key, 'phase': phase, 'kind': kind, 'text_zh': zh, 'text_en': en, 'options': options,
         'position': position, 'active': True}
        for position, (key, phase, kind, zh, en, options) in enumerate(QUESTIONS)
    ])
    # In place on SQLite: a batch rebuild of ``customers`` would drop the tables referring to it.
    op.add_column('customers', sa.Column('tier_score', sa.Float(), nullable=True))
    op.add_column('customers', sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE customers ADD COLUMN erased_by INTEGER '
                   'CONSTRAINT fk_customers_erased_by_staff REFERENCES staff (id)')
    else:
        op.add_column('customers', sa.Column('erased_by', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_customers_erased_by_staff'), 'customers', 'staff', ['erased_by'], ['id'])
    op.create_index(op.f('ix_customers_tier'), 'customers', ['tier'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_customers_tier'), table_name='customers')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('fk_customers_erased_by_staff'), 'customers', type_='foreignkey')
    for name in ('erased_by', 'erased_at', 'tier_score'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE customers DROP COLUMN {name}')
        else:
            op.drop_column('customers', name)
    op.drop_index(op.f('ix_survey_answers_question_id'), table_name='survey_answers')
    op.drop_table('survey_answers')
    op.drop_index('ix_survey_questions_phase_position', table_name='survey_questions')
    op.drop_table('survey_questions')
