"""An empty database made by create_all + stamp equals one made by every migration, so skipping
Alembic for a fresh store (pipeline/store/revisions.py) cannot drift from the migrations."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from pipeline.store.engine import alembic_config, engine_for, make_engine, upgrade_to_head
from pipeline.store.revisions import head_revision


def _shape(url: str) -> dict:
    """Every table's columns (name, type, nullable, default), key, foreign keys, indexes, uniques."""
    insp = inspect(create_engine(url))
    out = {}
    for t in sorted(insp.get_table_names()):
        out[t] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in insp.get_columns(t)],
            "pk": sorted(insp.get_pk_constraint(t)["constrained_columns"]),
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]),
                           str(f.get("options", {}).get("ondelete"))) for f in insp.get_foreign_keys(t)),
            "indexes": sorted((tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(t)),
            "uniques": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(t)),
        }
    return out


def test_fresh_store_equals_migrated_store(tmp_path):
    from alembic import command

    migrated = f"sqlite:///{tmp_path / 'migrated.db'}"
    with make_engine(migrated).begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade_to_head(make_engine(fresh))
    assert _shape(fresh) == _shape(migrated)
    with create_engine(fresh).connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


def test_fresh_store_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from pipeline.store import engine_for; "
            f"engine_for('sqlite:///{tmp_path / 'x.db'}'); print('alembic' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_store_at_head_is_left_alone_and_older_one_upgraded(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with make_engine(url).begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine_for(url)
    with create_engine(url).connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert "reviews" in inspect(create_engine(url)).get_table_names()


def test_head_revision_refuses_two_heads(tmp_path, monkeypatch):
    import pipeline.store.revisions as revisions

    for name, rev, down in [("a.py", "0001", "None"), ("b.py", "0002", '"0001"'), ("c.py", "0003", '"0001"')]:
        (tmp_path / name).write_text(f'revision = "{rev}"\ndown_revision = {down}\n')
    monkeypatch.setattr(revisions, "VERSIONS_DIR", tmp_path)
    revisions.head_revision.cache_clear()
    try:
        with pytest.raises(ValueError, match="2 heads: 0002, 0003"):
            revisions.head_revision()
    finally:
        revisions.head_revision.cache_clear()
