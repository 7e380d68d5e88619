"""Terminology reviews: a reviewer accepts or rejects a terminology flag and its suggested replacement.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "term_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("provision_id", sa.Integer, sa.ForeignKey("provisions.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.Column("term", sa.String(512), nullable=False),
        sa.Column("term_start", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("suggested", sa.JSON, nullable=False),
        sa.Column("replacement_decision", sa.String(16)),
        sa.Column("replacement", sa.Text),
        sa.Column("comment", sa.Text),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("guideline_version", sa.String(64)),
        sa.Column("source", sa.String(32), nullable=False),
    )
    op.create_index("ix_term_reviews_provision_id", "term_reviews", ["provision_id"])
    op.create_index("ix_term_reviews_user_id", "term_reviews", ["user_id"])
    op.create_index("ix_term_reviews_created", "term_reviews", ["created"])


def downgrade() -> None:
    op.drop_table("term_reviews")
