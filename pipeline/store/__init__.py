"""The store: statutes, provisions, predictions, runs, users and reviews, through SQLAlchemy.

Reads and writes: the database at a SQLAlchemy URL; SQLite (``<out>/lexbench.db`` by default)
or PostgreSQL, because nothing here uses a dialect-specific feature. The schema is owned by
the Alembic migrations in ``migrations/``: opening an engine upgrades the database to head.
Model suggestions (``predictions``) are kept apart from anything a human decides
(``Review`` in ``schema.py``): reviews point at a provision row, and re-segmenting a
statute re-uses rows (matched by text hash, then eid) so reviews survive.

The only package that imports SQLAlchemy: ``engine`` (connections, retries, transactions),
``schema`` (every table), ``save`` (annotate's writes), ``queries`` (what other stages read),
``reviews`` (the review tables' transactions).
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.store.engine import engine_for, session_scope, transact, with_retry
from pipeline.store.save import finish_run, refresh_statute, save_document, start_run
from pipeline.store.schema import Prediction, ProvisionRow, Review, Run, Statute, User, utcnow

__all__ = ["default_url", "engine_for", "finish_run", "refresh_statute", "save_document", "session_scope", "start_run", "transact",
           "with_retry", "Prediction", "ProvisionRow", "Review", "Run", "Statute", "User", "utcnow"]


def default_url(out_dir: str | os.PathLike) -> str:
    return f"sqlite:///{Path(out_dir).resolve() / 'lexbench.db'}"
