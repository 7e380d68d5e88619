"""Alembic environment: run on the connection pipeline.store hands over, or on a URL.

From the command line: ``alembic -x db=sqlite:///out/lexbench.db upgrade head``.
"""
from __future__ import annotations

import os

from alembic import context

from pipeline.store import schema as _schema  # noqa: F401  (registers tables)
from pipeline.store.engine import lock_for_migration, make_engine
from pipeline.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    conn = config.attributes.get("connection")
    if conn is None:
        url = context.get_x_argument(as_dictionary=True).get("db") or os.environ.get("LEXBENCH_DB")
        if not url:
            raise SystemExit("give the database: alembic -x db=URL upgrade head")
        engine = make_engine(url)
        with engine.begin() as conn:
            lock_for_migration(conn)
            _run(conn)
        engine.dispose()
        return
    _run(conn)


def _run(conn) -> None:
    context.configure(connection=conn, target_metadata=target_metadata,
                      render_as_batch=conn.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run online")
run_migrations_online()
