"""Statute metadata for citing and choosing versions: title, citation, version date, in force, act.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("statutes") as b:
        b.add_column(sa.Column("title", sa.Text))
        b.add_column(sa.Column("citation", sa.Text))
        b.add_column(sa.Column("version_date", sa.String(32)))
        b.add_column(sa.Column("in_force", sa.Boolean))
        b.add_column(sa.Column("act", sa.String(512)))


def downgrade() -> None:
    with op.batch_alter_table("statutes") as b:
        for name in ("act", "in_force", "version_date", "citation", "title"):
            b.drop_column(name)
