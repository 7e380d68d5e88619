"""Reviews: users, append-only reviews, provision version (optimistic locking) and active flag.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("provisions") as b:
        b.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="0"))
        b.add_column(sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()))
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_index("ix_users_username", "users", ["username"], unique=True)
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("provision_id", sa.Integer, sa.ForeignKey("provisions.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("labels", sa.JSON, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("seconds", sa.Float),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("undoes_id", sa.Integer, sa.ForeignKey("reviews.id")),
        sa.Column("model_name", sa.String(64)),
        sa.Column("model_version", sa.String(64)),
        sa.Column("benchmark_id", sa.String(64)),
        sa.Column("benchmark_version", sa.String(64)),
        sa.Column("guideline_version", sa.String(64)),
        sa.Column("source", sa.String(32), nullable=False),
    )
    op.create_index("ix_reviews_provision_id", "reviews", ["provision_id"])
    op.create_index("ix_reviews_user_id", "reviews", ["user_id"])
    op.create_index("ix_reviews_created", "reviews", ["created"])
    op.create_index("ix_reviews_text_hash", "reviews", ["text_hash"])


def downgrade() -> None:
    op.drop_table("reviews")
    op.drop_table("users")
    with op.batch_alter_table("provisions") as b:
        b.drop_column("active")
        b.drop_column("version")
