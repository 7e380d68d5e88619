"""Initial schema: statutes, provisions, runs, predictions (as create_all made it).

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statutes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("jurisdiction", sa.String(32)),
        sa.Column("lang", sa.String(8)),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("n_pages", sa.Integer, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_index("ix_statutes_sha256", "statutes", ["sha256"], unique=True)
    op.create_index("ix_statutes_jurisdiction", "statutes", ["jurisdiction"])
    op.create_table(
        "provisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("statute_id", sa.Integer, sa.ForeignKey("statutes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("eid", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("num", sa.String(64)),
        sa.Column("heading", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("parent_eid", sa.String(512)),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.UniqueConstraint("statute_id", "eid"),
    )
    op.create_index("ix_provisions_statute_id", "provisions", ["statute_id"])
    op.create_index("ix_provisions_text_hash", "provisions", ["text_hash"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("started", sa.DateTime, nullable=False),
        sa.Column("finished", sa.DateTime),
        sa.Column("model_name", sa.String(64)),
        sa.Column("model_version", sa.String(64)),
        sa.Column("benchmark_id", sa.String(64)),
        sa.Column("benchmark_version", sa.String(64)),
        sa.Column("git_commit", sa.String(64)),
        sa.Column("stats", sa.JSON, nullable=False),
    )
    op.create_table(
        "predictions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("provision_id", sa.Integer, sa.ForeignKey("provisions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
        sa.Column("conduct", sa.String(64), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("coverage", sa.String(16), nullable=False),
        sa.Column("because", sa.Text),
        sa.Column("evidence_start", sa.Integer),
        sa.Column("evidence_end", sa.Integer),
        sa.Column("evidence_text", sa.Text),
        sa.Column("model_name", sa.String(64), nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("benchmark_id", sa.String(64), nullable=False),
        sa.Column("benchmark_version", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.UniqueConstraint("provision_id", "conduct", "model_name", "model_version",
                            "benchmark_id", "benchmark_version"),
    )
    op.create_index("ix_predictions_provision_id", "predictions", ["provision_id"])


def downgrade() -> None:
    for t in ("predictions", "runs", "provisions", "statutes"):
        op.drop_table(t)
