"""follow-up calls (回访): stage questionnaires, scores per question, retries, referral leads

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 20:36:22

Follow-ups after each stage (after shoot, after selection, after pickup) become a worklist:
``follow_up_questions`` is each stage's questionnaire (editable, zh/en, the position a
question scores, one overall-satisfaction question per stage), seeded with the questions
studios ask on the phone (seeds 000/004). A call's answers are ``follow_up_scores`` rows,
the people it recommended ``referral_leads`` rows (each a prospect customer). A follow-up
gains ``source_key`` (UNIQUE: a stage's call for a session or order is made once, however
often and wherever the worklist is generated), the ``session_id`` whose staff it scores,
``attempts`` not reached and ``given_up_at``.

Existing data: existing follow-ups keep their columns (``score_overall`` means the overall
satisfaction) and get no source key; old stages are not turned into calls afterwards, because
the generator only looks back a few weeks.
``follow_ups`` is rebuilt on SQLite (batch) before the new tables refer to it.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# stage, key, zh, en, position scored, overall, required
QUESTIONS = [
    ('after_shoot', 'overall', '对本次拍摄的整体满意度', 'Overall satisfaction with the shoot', None, True, True),
    ('after_shoot', 'photographer', '摄影师的引导与服务', "The photographer's guidance and service", 'photographer', False, True),
    ('after_shoot', 'makeup', '化妆造型是否满意', 'Make-up and styling', 'makeup', False, True),
    ('after_shoot', 'counter', '门市接待与预约安排', 'Reception and booking at the counter', 'counter', False, True),
    ('after_shoot', 'sets', '拍摄场景与服装', 'Sets and costumes', None, False, False),
    ('after_selection', 'overall', '对选片过程的整体满意度', 'Overall satisfaction with the selection', None, True, True),
    ('after_selection', 'selection', '选片顾问的讲解与服务', "The selection consultant's explanation and service", 'selection_sales', False, True),
    ('after_selection', 'photos', '照片效果是否满意', 'How the photos turned out', 'photographer', False, True),
    ('after_selection', 'no_pressure', '没有被强行推销的感觉 (5分=完全没有)', 'Free from sales pressure (5 = none at all)', 'selection_sales', False, False),
    ('after_pickup', 'overall', '对成品与整体服务的满意度', 'Overall satisfaction with the products and service', None, True, True),
    ('after_pickup', 'product', '相册、相框的做工质量', 'Quality of the albums and frames', None, False, True),
    ('after_pickup', 'on_time', '取件是否准时', 'Products ready on time', None, False, True),
    ('after_pickup', 'pickup_service', '取件时的接待服务', 'Service at pickup', 'counter', False, True),
    ('after_pickup', 'recommend', '是否愿意推荐给亲友', 'Would recommend us to friends and family', None, False, False),
]


def upgrade() -> None:
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_key', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('given_up_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_follow_ups_session_id'), ['session_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_follow_ups_source_key'), ['source_key'])
        batch_op.create_foreign_key(batch_op.f('fk_follow_ups_session_id_shoot_sessions'), 'shoot_sessions', ['session_id'], ['id'])

    op.create_table('follow_up_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('after_shoot', 'after_selection', 'after_pickup', 'annual', name='followupstage', native_enum=False, length=19), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=True),
    sa.Column('text_zh', sa.String(length=200), nullable=True),
    sa.Column('text_en', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Enum('photographer', 'makeup', 'selection_sales', 'counter', 'production', 'service', name='position', native_enum=False, length=19), nullable=True),
    sa.Column('overall', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('required', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_questions'))
    )
    with op.batch_alter_table('follow_up_questions', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_questions_stage_seq', ['stage', 'seq'], unique=False)

    op.create_table('follow_up_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_follow_up_scores_follow_up_id_follow_ups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['follow_up_questions.id'], name=op.f('fk_follow_up_scores_question_id_follow_up_questions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_scores')),
    sa.UniqueConstraint('follow_up_id', 'question_id', name='uq_follow_up_scores_call_question')
    )
    with op.batch_alter_table('follow_up_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_scores_question_id'), ['question_id'], unique=False)

    op.create_table('referral_leads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('referrer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('relation', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_customer', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_referral_leads_customer_id_customers')),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_referral_leads_follow_up_id_follow_ups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['referrer_id'], ['customers.id'], name=op.f('fk_referral_leads_referrer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_leads'))
    )
    with op.batch_alter_table('referral_leads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_leads_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_leads_follow_up_id'), ['follow_up_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_leads_referrer_id'), ['referrer_id'], unique=False)

    questions = sa.table('follow_up_questions', *(sa.column(c) for c in (
        'stage', 'key', 'text_zh', 'text_en', 'position', 'overall', 'required', 'active', 'seq')))
    seq: dict[str, int] = {}
    rows = []
    for stage, key, zh, en, position, overall, required in QUESTIONS:
        seq[stage] = seq.get(stage, 0) + 1
        rows.append(dict(stage=stage, key=key, text_zh=zh, text_en=en, position=position, overall=overall,
                         required=required, active=True, seq=seq[stage]))
    op.bulk_insert(questions, rows)


def downgrade() -> None:
    with op.batch_alter_table('referral_leads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_leads_referrer_id'))
        batch_op.drop_index(batch_op.f('ix_referral_leads_follow_up_id'))
        batch_op.drop_index(batch_op.f('ix_referral_leads_customer_id'))

    op.drop_table('referral_leads')
    with op.batch_alter_table('follow_up_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_scores_question_id'))

    op.drop_table('follow_up_scores')
    with op.batch_alter_table('follow_up_questions', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_questions_stage_seq')

    op.drop_table('follow_up_questions')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_follow_ups_session_id_shoot_sessions'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_follow_ups_source_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_follow_ups_session_id'))
        batch_op.drop_column('given_up_at')
        batch_op.drop_column('attempts')
        batch_op.drop_column('session_id')
        batch_op.drop_column('source_key')
